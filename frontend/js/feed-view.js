/**
 * The feed, at #/: pages of READY photos from GET /api/feed, newest first, as photo cards.
 *
 * The feed is loaded once and kept while the person visits profiles and photo pages, so the back
 * button returns to the same cards at the same place. It stays true meanwhile by listening to
 * photo-events.js: a photo shared from this page goes on top, a deleted one leaves, a like or a
 * caption changed elsewhere shows here too. Signing in or out loads it again, since whether each
 * photo is liked depends on who is looking.
 */

import { byId, hideMessage, showMessage } from "./dom.js";
import { createPager } from "./paged-list.js";
import { renderPhotoCard, showCaption } from "./photo-card.js";
import { onPhotoChanged, onPhotoDeleted, onPhotoShared } from "./photo-events.js";

const PAGE_SIZE = 12;

/** `cardContext` is what every card needs: {api, session, limits, onSignInRequested}. */
export function createFeedView({ api, cardContext }) {
  const section = byId("feed-view");
  const heading = byId("feed-title");
  const list = byId("feed");
  const loadingNote = byId("feed-loading");
  const emptyNote = byId("feed-empty");
  const endNote = byId("feed-end");
  const errorMessage = byId("feed-error");
  const moreButton = byId("load-more-button");

  const shownIds = new Set();
  let hasMore = true;
  // Aborted when the cards are thrown away, which removes their listeners.
  let cardsLifetime = new AbortController();

  const pager = createPager({
    fetchPage: (cursor) => api.feed({ limit: PAGE_SIZE, cursor }),
    onItems: (photos) => {
      for (const photo of photos) addPhoto(photo, "end");
    },
    onSettled: ({ hasMore: more, error }) => {
      hasMore = more;
      if (error) showMessage(errorMessage, `The feed could not be loaded. ${error.message}`, "error");
      else hideMessage(errorMessage);
      updateFooter();
    },
    moreButton,
  });

  function addPhoto(photo, position) {
    if (shownIds.has(photo.id)) return;
    shownIds.add(photo.id);
    const card = renderPhotoCard(photo, { ...cardContext, signal: cardsLifetime.signal });
    if (position === "start") {
      card.classList.add("photo-card--new");
      list.prepend(card);
    } else {
      list.append(card);
    }
  }

  function cardOf(photoId) {
    return [...list.children].find((card) => card.dataset.photoId === photoId);
  }

  function updateFooter() {
    const hasPhotos = shownIds.size > 0;
    loadingNote.hidden = true;
    moreButton.hidden = !hasMore;
    emptyNote.hidden = hasPhotos || hasMore;
    endNote.hidden = hasMore || !hasPhotos;
  }

  onPhotoShared((photo) => {
    addPhoto(photo, "start");
    updateFooter();
  });
  onPhotoDeleted((photo) => {
    const card = cardOf(photo.id);
    shownIds.delete(photo.id);
    if (card) {
      // Deleted from this card, the focus (on its Delete button, or already dropped to the body
      // while that button was busy) would go with it: keyboard users go on at the next card.
      const focusWasHere =
        !section.hidden &&
        (card.contains(document.activeElement) || document.activeElement === document.body);
      const neighbour = card.nextElementSibling ?? card.previousElementSibling;
      card.remove();
      if (focusWasHere) (neighbour?.querySelector("a") ?? heading).focus();
    }
    updateFooter();
  });
  onPhotoChanged((photoId, changes) => {
    const caption = cardOf(photoId)?.querySelector(".photo-card__caption");
    if (caption && changes.caption !== undefined) showCaption(caption, changes.caption);
  });

  return {
    section,

    start() {
      pager.start();
    },

    /** Throws the cards away and loads the newest photos again. */
    restart() {
      pager.reset();
      cardsLifetime.abort();
      cardsLifetime = new AbortController();
      list.replaceChildren();
      shownIds.clear();
      hasMore = true;
      loadingNote.hidden = false;
      moreButton.hidden = true;
      emptyNote.hidden = true;
      endNote.hidden = true;
      hideMessage(errorMessage);
      pager.start();
    },

    /** The feed is always ready to show: it keeps its cards between visits. */
    async show() {
      section.hidden = false;
      return { title: "Latest photos", heading };
    },

    hide() {
      section.hidden = true;
    },
  };
}
