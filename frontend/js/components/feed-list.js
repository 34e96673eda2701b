/**
 * One list of photo cards, newest first, page by page: the content of one of the feed's tabs
 * ("Following" from GET /api/feed/home, "Everyone" from GET /api/feed). views/feed-view.js holds
 * two and the tabs around them.
 *
 * A list is loaded the first time its tab is shown and then kept, so switching tabs, or going to a
 * profile and back, finds the same cards at the same place. It stays true meanwhile by listening
 * to helpers/photo-events.js: a photo shared from this page takes its place at the top (photos
 * shared together become READY in any order, and each goes where the API would list it), a
 * deleted one leaves, a caption changed elsewhere shows here too (like buttons keep themselves in
 * step). A photo found deleted by its owner elsewhere (a like answered 404) leaves too, and the
 * toast says why.
 *
 * Photos can also join a list after it was loaded (the people someone just followed): a check
 * asks for the newest photos again and slots each one it did not have into its place by
 * `orderKey`, without throwing away what the person is looking at.
 */

import { hideMessage, part, showMessage } from "../helpers/dom.js";
import { onPhotoChanged, onPhotoDeleted, onPhotoShared } from "../helpers/photo-events.js";
import { createPager } from "./paged-list.js";
import { renderPhotoCard, showCaption } from "./photo-card.js";
import { describePhoto, describePictureAgain } from "./photo-frame.js";
import { showToast } from "./toast.js";

const PAGE_SIZE = 12;

/** How the API orders both feeds: newest first by the time a photo was shared, then by id. */
const sharedOrder = (photo) => `${photo.createdAt}#${photo.id}`;
// A check for newer photos reads at most this many pages: enough to reach the loaded ones.
const MAX_CHECKED_PAGES = 3;
const DELETED_ELSEWHERE_NOTE = "This photo was deleted by its owner.";

/**
 * `panel` holds the list's parts (data-part="list", "loading", "error", "more", "end" and an
 * optional "empty"); `fetchPage({limit, cursor})` is the API call; `cardContext` is what every card
 * needs ({api, session, limits, onSignInRequested}); `orderKey(photo)` sorts like the API does
 * (both feeds list photos by the time they were shared, unless told otherwise); `accept(photo)` may turn photos away; `onUpdate({isEmpty})` hears
 * every change of what the list holds; `fallbackFocus` takes the focus when the card that had it
 * leaves and no other card is left.
 */
export function createFeedList({
  panel,
  fetchPage,
  cardContext,
  orderKey = sharedOrder,
  accept = () => true,
  onUpdate = () => {},
  fallbackFocus,
}) {
  const list = part(panel, "list");
  const loadingNote = part(panel, "loading");
  const emptyNote = part(panel, "empty", { optional: true });
  const endNote = part(panel, "end");
  const errorMessage = part(panel, "error");
  const moreButton = part(panel, "more");

  // The photos shown, by id, in the order of the cards.
  const shown = new Map();
  let started = false;
  let hasMore = true;
  // Bumped when the cards are thrown away, so a check that returns later changes nothing.
  let generation = 0;
  // Aborted when the cards are thrown away, which removes their listeners.
  let cardsLifetime = new AbortController();

  const pager = createPager({
    fetchPage: (cursor) => fetchPage({ limit: PAGE_SIZE, cursor }),
    onItems: (photos) => {
      for (const photo of photos) {
        if (accept(photo)) addPhoto(photo, null, { eager: shown.size === 0 && isInSight() });
      }
    },
    onSettled: ({ hasMore: more, error }) => {
      hasMore = more;
      if (error) showMessage(errorMessage, `The feed could not be loaded. ${error.message}`, "error");
      else hideMessage(errorMessage);
      updateFooter();
    },
    moreButton,
  });

  /** Adds a card before `nextCard`, or at the end when it is null. An `eager` card's picture is
   * fetched at once, at high priority: the first card of a feed in sight, what the page paints
   * largest. (An eager picture is fetched even while hidden, so a hidden feed has none.) */
  function addPhoto(photo, nextCard, { isNew = false, eager = false } = {}) {
    if (shown.has(photo.id)) return;
    shown.set(photo.id, photo);
    const context = { ...cardContext, signal: cardsLifetime.signal };
    const card = renderPhotoCard(photo, context, { eager });
    if (isNew) card.classList.add("photo-card--new");
    list.insertBefore(card, nextCard);
  }

  /** Whether the list is on the screen: a page of the feed may arrive after the person has moved
   * on to a profile or a photo's page, which hides the feed. */
  function isInSight() {
    return !panel.closest("[hidden]");
  }

  function cardOf(photoId) {
    return [...list.children].find((card) => card.dataset.photoId === photoId);
  }

  function keyOfCard(card) {
    return orderKey(shown.get(card.dataset.photoId));
  }

  /** Slots a photo the list did not have into its place, if that place has been loaded. */
  function insertInOrder(photo) {
    if (shown.has(photo.id) || !accept(photo)) return;
    const key = orderKey(photo);
    const cards = [...list.children];
    // Below the last card while more pages follow: the next page brings it in its turn.
    if (hasMore && (cards.length === 0 || key < keyOfCard(cards.at(-1)))) return;
    const nextCard = cards.find((card) => keyOfCard(card) < key) ?? null;
    addPhoto(photo, nextCard, { isNew: true });
  }

  function removeCard(card) {
    shown.delete(card.dataset.photoId);
    // Removing the card that holds the focus would drop it to the top of the page: keyboard
    // users go on at the next card instead.
    const focusWasHere =
      !panel.closest("[hidden]") &&
      (card.contains(document.activeElement) || document.activeElement === document.body);
    const neighbour = card.nextElementSibling ?? card.previousElementSibling;
    card.remove();
    if (focusWasHere) (neighbour?.querySelector("a") ?? fallbackFocus).focus();
  }

  function updateFooter() {
    const hasPhotos = shown.size > 0;
    // No more pages means the list was loaded to its end (after an error, pages remain).
    const isEmpty = !hasPhotos && !hasMore;
    loadingNote.hidden = true;
    moreButton.hidden = !hasMore;
    if (emptyNote) emptyNote.hidden = !isEmpty;
    endNote.hidden = hasMore || !hasPhotos;
    onUpdate({ isEmpty });
  }

  function clear() {
    generation += 1;
    pager.reset();
    cardsLifetime.abort();
    cardsLifetime = new AbortController();
    list.replaceChildren();
    shown.clear();
    started = false;
    hasMore = true;
    loadingNote.hidden = false;
    moreButton.hidden = true;
    if (emptyNote) emptyNote.hidden = true;
    endNote.hidden = true;
    hideMessage(errorMessage);
  }

  onPhotoShared((photo) => {
    // A list not loaded yet gets the photo with its first page.
    if (!started) return;
    insertInOrder(photo);
    updateFooter();
  });
  onPhotoDeleted((photo, { deletedElsewhere }) => {
    const card = cardOf(photo.id);
    if (!card) return;
    // Said only by the list in sight (both tabs may hold the photo).
    if (deletedElsewhere && isInSight()) showToast(DELETED_ELSEWHERE_NOTE);
    removeCard(card);
    updateFooter();
  });
  onPhotoChanged((photoId, changes) => {
    const card = cardOf(photoId);
    if (!card || (changes.caption === undefined && changes.altText === undefined)) return;
    const photo = shown.get(photoId);
    if (changes.caption !== undefined) photo.caption = changes.caption;
    if (changes.altText !== undefined) photo.altText = changes.altText;
    showCaption(card.querySelector(".photo-card__caption"), photo.caption);
    card.setAttribute("aria-label", describePhoto(photo));
    describePictureAgain(card, photo);
  });

  return {
    /** Loads the first page, unless the list is loaded already. */
    start() {
      if (started) return;
      started = true;
      pager.start();
    },

    /** Throws the cards away; the next start() loads the newest photos again. */
    clear,

    /** Takes out the cards of the photos `predicate(photo)` picks (an unfollowed person's). */
    removeWhere(predicate) {
      const leaving = [...list.children].filter((card) => predicate(shown.get(card.dataset.photoId)));
      if (leaving.length === 0) return;
      for (const card of leaving) removeCard(card);
      updateFooter();
    },

    /** Asks for the newest photos again and adds those the list does not show yet. A failure
     * changes nothing: the photos will come with the next load. */
    async checkForNewer() {
      if (!started) return;
      const thisGeneration = generation;
      let cursor = null;
      try {
        for (let pageNumber = 0; pageNumber < MAX_CHECKED_PAGES; pageNumber += 1) {
          const page = await fetchPage({ limit: PAGE_SIZE, cursor });
          if (thisGeneration !== generation) return;
          for (const photo of page.items) insertInOrder(photo);
          cursor = page.nextCursor;
          const lastCard = list.lastElementChild;
          const oldest = page.items.at(-1);
          const reachedLoaded = lastCard && oldest && orderKey(oldest) < keyOfCard(lastCard);
          if (!cursor || reachedLoaded) break;
        }
      } catch {
        return;
      }
      updateFooter();
    },
  };
}
