/**
 * What the Following tab shows when it has no photo (the person follows nobody who shares yet):
 * a friendly word and a few people to follow, each with their name (a link to their profile),
 * how many photos they shared, and a Follow button (follow-button.js).
 *
 * The people are the latest posters: the distinct owners of the newest photos of GET /api/feed,
 * leaving out the person and whoever they already follow. Whether they follow someone only
 * GET /api/users/{username} tells, so at most MAX_SUGGESTIONS profiles are asked for. After a
 * follow, the Following tab brings that person's photos in above (views/feed-view.js); the
 * suggestions stay, so the person can follow more than one.
 */

import { avatar, byId, element, hideMessage, link, showMessage } from "../helpers/dom.js";
import { onFollowChanged, sameUsername } from "../helpers/follow-events.js";
import { countOf } from "../helpers/format.js";
import { profileHref } from "../helpers/router.js";
import { createFollowButton } from "./follow-button.js";

const MAX_SUGGESTIONS = 6;
// Enough of the newest photos to find that many different people, most of the time.
const PHOTOS_LOOKED_AT = 30;
const NOBODY_TO_SUGGEST =
  "Follow people to see their photos here, with your own. Nobody else has shared a photo yet: " +
  "share one, and come back later.";

/** `context` is {api, session, onSignInRequested}; `onBrowseEveryone()` opens the Everyone tab. */
export function createFollowSuggestions({ context, onBrowseEveryone }) {
  const { api, session } = context;
  const box = byId("follow-suggestions");
  const title = byId("suggestions-title");
  const text = byId("suggestions-text");
  const loadingNote = byId("suggestions-loading");
  const list = byId("suggestions-list");
  const note = byId("suggestions-note");
  const errorMessage = byId("suggestions-error");
  byId("suggestions-browse").addEventListener("click", onBrowseEveryone);
  // What the markup says of an empty feed, to say again after NOBODY_TO_SUGGEST.
  const emptyFeedText = text.textContent;

  let loaded = false;
  let loadNumber = 0;
  // Aborted when the suggestions are thrown away, which removes their buttons' listeners.
  let lifetime = new AbortController();

  async function load() {
    loadNumber += 1;
    const thisLoad = loadNumber;
    loadingNote.hidden = false;
    let people;
    try {
      people = await findPeopleToFollow();
    } catch (error) {
      if (thisLoad !== loadNumber) return;
      loadingNote.hidden = true;
      showMessage(errorMessage, `No suggestions could be found. ${error.message}`, "error");
      return;
    }
    if (thisLoad !== loadNumber) return;
    loadingNote.hidden = true;
    list.replaceChildren(...people.map(renderSuggestion));
    list.hidden = people.length === 0;
    if (people.length === 0) text.textContent = NOBODY_TO_SUGGEST;
  }

  async function findPeopleToFollow() {
    const newest = await api.feed({ limit: PHOTOS_LOOKED_AT });
    const usernames = [];
    for (const photo of newest.items) {
      const username = photo.owner?.username;
      if (!username || sameUsername(username, session.username)) continue;
      if (usernames.some((known) => sameUsername(known, username))) continue;
      usernames.push(username);
      if (usernames.length === MAX_SUGGESTIONS) break;
    }
    // A profile that cannot be read (its owner left meanwhile) is simply not suggested.
    const profiles = await Promise.all(
      usernames.map((username) => api.profile(username).catch(() => null)),
    );
    return profiles.filter((profile) => profile && !profile.followedByMe);
  }

  function renderSuggestion(profile) {
    const item = element("li", "suggestion");
    const who = link(profileHref(profile.username), "suggestion__person");
    const name = element("span", "suggestion__name", profile.username);
    const photos = element("span", "suggestion__detail", countOf(profile.photoCount, "photo"));
    const words = element("span", "suggestion__words");
    words.append(name, photos);
    who.append(avatar(profile.username), words);
    item.append(who, createFollowButton({ person: profile, ...context, signal: lifetime.signal }));
    return item;
  }

  // Says what happens next, since the photos take a moment to arrive.
  onFollowChanged((change) => {
    if (box.hidden || !change.followedByMe) return;
    const suggested = [...list.querySelectorAll(".suggestion__name")].some((name) =>
      sameUsername(name.textContent, change.username),
    );
    if (suggested) {
      note.textContent =
        `You follow ${change.username} now: their photos will join this feed in a moment.`;
    }
  });

  return {
    /** Shows the box, `feedIsEmpty` or not; the people are looked for once. */
    show({ feedIsEmpty }) {
      box.hidden = false;
      title.textContent = feedIsEmpty ? "Your Following feed is empty" : "More people to follow";
      text.hidden = !feedIsEmpty;
      if (!loaded) {
        loaded = true;
        load();
      }
    },

    /** Hides and forgets the suggestions (on signing in or out). */
    clear() {
      loadNumber += 1;
      loaded = false;
      lifetime.abort();
      lifetime = new AbortController();
      box.hidden = true;
      list.replaceChildren();
      list.hidden = false;
      note.textContent = "";
      hideMessage(errorMessage);
      text.textContent = emptyFeedText;
    },

    get shown() {
      return !box.hidden;
    },
  };
}
