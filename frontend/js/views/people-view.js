/**
 * A list of people, at #/u/<username>/followers (who follows them), #/u/<username>/following
 * (whom they follow) and #/p/<photo id>/likes (who liked a photo, newest like first): a heading
 * that says which, a link back to the profile or the photo, and the people's names, each a link
 * to their profile, page by page as the person scrolls. A profile's counts and a photo's like
 * count link here. Signed in, each person but oneself has a Follow button
 * (components/follow-button.js): the API says whom the viewer follows with each page
 * (`followedByMe`).
 *
 * Coming back to the same list with the back button keeps it (and the scroll position), unless
 * someone was followed or unfollowed meanwhile, which may have changed it; any other visit loads
 * it afresh. An empty list and an unknown name each get a clear message instead of a blank page.
 */

import { createFollowButton } from "../components/follow-button.js";
import { createPager } from "../components/paged-list.js";
import { personNames, personPicture } from "../components/person-badge.js";
import { avatar, byId, element, hideMessage, link, showMessage, visuallyHidden } from "../helpers/dom.js";
import { onFollowChanged, sameUsername } from "../helpers/follow-events.js";
import { LIKERS_LIST, photoHref, profileHref } from "../helpers/router.js";

const PAGE_SIZE = 30;

/** What each list is called, and what it says when it is empty. */
const WORDING = {
  followers: {
    title: (username) => `Followers of ${username}`,
    empty: (username) => `Nobody follows ${username} yet.`,
  },
  following: {
    title: (username) => `People ${username} follows`,
    empty: (username) => `${username} does not follow anyone yet.`,
  },
  [LIKERS_LIST]: {
    title: () => "Liked by",
    empty: () => "Nobody likes this photo yet.",
  },
};

/** `context` is {api, session, onSignInRequested}, what the Follow buttons need. */
export function createPeopleView(context) {
  const { api, session } = context;
  const section = byId("people-view");
  const loadingNote = byId("people-loading");
  const missing = byId("people-missing");
  const missingTitle = byId("people-missing-title");
  const missingText = byId("people-missing-text");
  const content = byId("people-content");
  const profileLink = byId("people-profile-link");
  const heading = byId("people-title");
  const list = byId("people-list");
  const emptyNote = byId("people-empty");
  const errorMessage = byId("people-error");
  const moreButton = byId("people-more-button");

  // Which list the section holds ({username, list}), and whether it may have changed since.
  let shown = null;
  let stale = false;
  let loadNumber = 0;
  // Aborted when the list is thrown away, which removes its buttons' listeners.
  let lifetime = new AbortController();

  /** A page of the list `route` names: someone's followers or following, or a photo's likers. */
  function fetchPeople(route, cursor) {
    const page = { limit: PAGE_SIZE, cursor };
    if (route.list === LIKERS_LIST) return api.likers(route.photoId, page);
    return api.people(route.username, route.list, page);
  }

  const pager = createPager({
    fetchPage: (cursor) => fetchPeople(shown, cursor),
    onItems: (people) => {
      for (const person of people) list.append(renderPerson(person));
    },
    onSettled: ({ hasMore, error }) => {
      if (error) showMessage(errorMessage, `This list could not be loaded. ${error.message}`, "error");
      else hideMessage(errorMessage);
      moreButton.hidden = !hasMore;
      emptyNote.hidden = hasMore || Boolean(error) || list.children.length > 0;
    },
    moreButton,
  });

  /** One person: their initial and name, a link to their profile, and a Follow button. */
  function renderPerson(person) {
    const item = element("li", "people-list__item");
    const personLink = link(profileHref(person.username), "people-list__link");
    personLink.append(personPicture(person), personNames(person, "people-list__name", { stacked: true }));
    item.append(personLink);
    // Only a signed-in viewer's pages say `followedByMe`; nobody follows themselves.
    if (person.followedByMe !== undefined && !sameUsername(person.username, session.username)) {
      item.append(createFollowButton({ person, ...context, signal: lifetime.signal }));
    }
    return item;
  }

  function clear() {
    lifetime.abort();
    lifetime = new AbortController();
    pager.reset();
    shown = null;
    stale = false;
    list.replaceChildren();
    content.hidden = true;
    missing.hidden = true;
    emptyNote.hidden = true;
    moreButton.hidden = true;
    hideMessage(errorMessage);
  }

  function showMissing(title, text) {
    missingTitle.textContent = title;
    missingText.textContent = text;
    missing.hidden = false;
    return { title, heading: missingTitle };
  }

  function isShowing(route) {
    return (
      shown !== null &&
      shown.list === route.list &&
      shown.username === route.username &&
      shown.photoId === route.photoId
    );
  }

  /** What a list that could not be loaded says: `error` is the API's refusal. */
  function showRefused(route, error) {
    // 404: nobody by that name, or no photo this person may see; 400: not even a possible one.
    if (error.status !== 404 && error.status !== 400) {
      return showMissing("This list could not be loaded", error.message);
    }
    if (route.list === LIKERS_LIST) {
      return showMissing("Photo not found", "This photo does not exist, or is not shared yet.");
    }
    return showMissing("User not found", `There is no CloudGram user called “${route.username}”.`);
  }

  /** The link above the list: back to the profile, or to the photo. */
  function showWayBack(route) {
    if (route.list === LIKERS_LIST) {
      profileLink.replaceChildren(element("span", "people__profile-name", "Back to the photo"));
      profileLink.href = photoHref(route.photoId);
      return;
    }
    profileLink.replaceChildren(
      avatar(route.username),
      visuallyHidden("Profile of "),
      element("span", "people__profile-name", route.username),
    );
    profileLink.href = profileHref(route.username);
  }

  onFollowChanged(() => {
    stale = true;
  });

  return {
    section,

    async show(route, visit) {
      section.hidden = false;
      const wording = WORDING[route.list];
      if (visit.returning && isShowing(route) && !stale) {
        return { title: wording.title(route.username), heading };
      }
      clear();
      loadNumber += 1;
      const thisLoad = loadNumber;
      loadingNote.hidden = false;
      let firstPage;
      try {
        // The first page is asked for here rather than by the pager, so that an unknown name
        // shows its message instead of an empty list.
        firstPage = await fetchPeople(route);
      } catch (error) {
        if (thisLoad !== loadNumber) return null;
        loadingNote.hidden = true;
        return showRefused(route, error);
      }
      if (thisLoad !== loadNumber) return null;
      loadingNote.hidden = true;
      shown = { username: route.username, photoId: route.photoId, list: route.list };
      showWayBack(route);
      heading.textContent = wording.title(route.username);
      emptyNote.textContent = wording.empty(route.username);
      content.hidden = false;
      pager.startFrom(firstPage);
      return { title: heading.textContent, heading };
    },

    hide() {
      section.hidden = true;
    },
  };
}
