/**
 * What the Following tab shows when it has no photo (the person follows nobody who shares yet):
 * a friendly word and a few people to follow, each with their picture and names (a link to their
 * profile), why they are suggested ("Followed by ana", "Recently shared"), and a Follow button
 * (follow-button.js).
 *
 * One request, GET /api/users/suggestions, finds them: the API leaves out the person and whoever
 * they already follow. After a follow, the Following tab brings that person's photos in above
 * (views/feed-view.js); the suggestions stay, so the person can follow more than one.
 */

import { byId, element, hideMessage, link, showMessage } from "../helpers/dom.js";
import { onFollowChanged, sameUsername } from "../helpers/follow-events.js";
import { profileHref } from "../helpers/router.js";
import { createFollowButton } from "./follow-button.js";
import { personNames, personPicture } from "./person-badge.js";
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
    const { items } = await api.suggestions();
    // Nobody suggested is followed yet; the Follow button needs to be told so.
    return items
      .filter((person) => !sameUsername(person.username, session.username))
      .map((person) => ({ ...person, followedByMe: false }));
  }

  function renderSuggestion(person) {
    const item = element("li", "suggestion");
    item.dataset.username = person.username;
    const who = link(profileHref(person.username), "suggestion__person");
    const words = element("span", "suggestion__words");
    words.append(
      personNames(person, "suggestion__name", { stacked: true }),
      element("span", "suggestion__detail", person.reason ?? ""),
    );
    who.append(personPicture(person), words);
    item.append(who, createFollowButton({ person, ...context, signal: lifetime.signal }));
    return item;
  }

  // Says what happens next, since the photos take a moment to arrive.
  onFollowChanged((change) => {
    if (box.hidden || !change.followedByMe) return;
    const suggested = [...list.querySelectorAll(".suggestion")].some((item) =>
      sameUsername(item.dataset.username, change.username),
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
