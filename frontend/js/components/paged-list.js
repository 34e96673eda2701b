/**
 * Loading a list page by page: the feed's tabs, a profile's photos, a list of followers.
 *
 * The API answers `{items, nextCursor}`; the next page starts where `nextCursor` says, and there
 * is no more once it is null. A page may hold fewer items than asked for while a cursor still
 * follows, so the pager keeps going while there is one. The next page loads when the "Load more"
 * button comes near the screen (an IntersectionObserver), and, for keyboards, when it is pressed.
 */

import { setBusy } from "../helpers/dom.js";

// Start loading the next page a little before the person reaches the end.
const PREFETCH_MARGIN = "600px";

/**
 * `fetchPage(cursor)` resolves to one page; `onItems(items)` shows them; `onSettled({hasMore,
 * error})` updates the notes around the list after each attempt.
 */
export function createPager({ fetchPage, onItems, onSettled, moreButton }) {
  let cursor = null;
  let hasMore = true;
  let loading = false;
  // Bumped by reset(), so a page that arrives for a list already thrown away is ignored.
  let generation = 0;

  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((entry) => entry.isIntersecting)) loadNextPage();
    },
    { rootMargin: PREFETCH_MARGIN },
  );

  async function loadNextPage() {
    if (loading || !hasMore) return;
    const started = generation;
    loading = true;
    setBusy(moreButton, true);
    let error = null;
    let page = null;
    try {
      page = await fetchPage(cursor);
    } catch (caught) {
      error = caught;
    }
    if (started !== generation) return;
    loading = false;
    setBusy(moreButton, false);
    settle(page, error);
  }

  function settle(page, error) {
    if (page) {
      onItems(page.items);
      cursor = page.nextCursor;
      hasMore = Boolean(cursor);
    }
    onSettled({ hasMore, error });
    // Observing again reports the button's current visibility, so a page too short to fill the
    // screen is followed by the next one. Not after an error: that would retry in a loop.
    if (page && hasMore) {
      observer.unobserve(moreButton);
      observer.observe(moreButton);
    }
  }

  moreButton.addEventListener("click", loadNextPage);

  return {
    /** Loads the first page, then the next ones as the person scrolls. */
    start() {
      loadNextPage();
      observer.observe(moreButton);
    },

    /** Shows a first page fetched elsewhere (to tell an unknown list from an empty one before
     * showing anything), then goes on as after start(). */
    startFrom(firstPage) {
      settle(firstPage, null);
    },

    /** Forgets the list, so start() begins again from the newest items. */
    reset() {
      generation += 1;
      observer.unobserve(moreButton);
      cursor = null;
      hasMore = true;
      loading = false;
      setBusy(moreButton, false);
    },
  };
}
