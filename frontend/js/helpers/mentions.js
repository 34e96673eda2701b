/**
 * @mentions in what people write (captions, comments and replies): "@alice" becomes a link to
 * alice's profile, and everything else stays text. The text goes in as text nodes and the links
 * are made with createElement, never with innerHTML, so nothing a person wrote becomes markup.
 *
 * A mention names a username as a new account may have it (cognito_triggers/usernames.py): a
 * letter or a digit, then letters A to Z, digits, dots, dashes and underscores, 30 at most. The
 * "@" must not follow such a character (nor another "@"), so "me@example.com" and "@@bob"
 * mention nobody, and a run longer than any username is not cut short into someone else's name.
 * Dots at the end are the sentence's, not the name's ("Thanks @alice." names alice), as in most
 * photo apps and as the API reads them when it notifies the people named
 * (chalicelib/notifications/deeds.py). tests/unit/test_mention_links.py holds this rule to the
 * sign-up rule.
 */

import { link } from "./dom.js";
import { profileHref } from "./router.js";

// An "@" and the whole run of name characters after it; the run is a name once its final dots
// are dropped, if it is then no longer than a username may be.
const MENTION = /(?<![A-Za-z0-9._@-])@([A-Za-z0-9][A-Za-z0-9._-]*)/g;
const SENTENCE_DOTS = /\.+$/;
const USERNAME_MAX_LENGTH = 30;

/** Shows `text` in `container`, in place of what it held, with each @mention a link. */
export function showTextWithMentions(container, text) {
  container.replaceChildren();
  let shownUpTo = 0;
  for (const match of text.matchAll(MENTION)) {
    const username = match[1].replace(SENTENCE_DOTS, "");
    if (username.length > USERNAME_MAX_LENGTH) continue;
    container.append(
      text.slice(shownUpTo, match.index),
      link(profileHref(username), "mention", `@${username}`),
    );
    shownUpTo = match.index + 1 + username.length;
  }
  container.append(text.slice(shownUpTo));
}
