/**
 * Hash routes: which place in CloudGram the address names, and what happens when it changes.
 *
 *   #/                        the latest photos (an empty hash too)
 *   #/u/<username>            someone's profile
 *   #/u/<username>/followers  the people who follow them
 *   #/u/<username>/following  the people they follow
 *   #/p/<photo id>            one photo
 *
 * The part after "#" never reaches the server, so the static host only ever serves index.html,
 * and yet every place has its own address: it can be bookmarked, shared and reloaded. Links are
 * plain <a href="#/..."> elements and the browser keeps the history itself; the router listens
 * for `hashchange` and tells main.js where the person is now.
 *
 * It also tells whether this history entry was visited before (back, forward or reload) and
 * where the window was scrolled when the person left it, so a view that kept its content (the
 * feed) can put the person back where they were instead of at the top.
 */

const PROFILE_PREFIX = "#/u/";
const PHOTO_PREFIX = "#/p/";

// The two lists of people a profile links to, as they appear in the address.
export const PEOPLE_LISTS = ["followers", "following"];

export const feedHref = () => "#/";
export const profileHref = (username) => PROFILE_PREFIX + encodeURIComponent(username);
export const photoHref = (photoId) => PHOTO_PREFIX + encodeURIComponent(photoId);
/** `list` is "followers" or "following". */
export const peopleHref = (username, list) => `${profileHref(username)}/${list}`;

/**
 * "#/u/alice" -> {name: "profile", username: "alice"}; "#/u/alice/followers" -> {name: "people",
 * username: "alice", list: "followers"}; unknown addresses -> {name: "not-found"}.
 */
export function parseRoute(hash) {
  if (hash === "" || hash === "#" || hash === "#/") return { name: "feed" };
  const profileMatch = matchPrefix(hash, PROFILE_PREFIX);
  if (profileMatch?.length === 1) return { name: "profile", username: profileMatch[0] };
  if (profileMatch?.length === 2 && PEOPLE_LISTS.includes(profileMatch[1])) {
    return { name: "people", username: profileMatch[0], list: profileMatch[1] };
  }
  const photoMatch = matchPrefix(hash, PHOTO_PREFIX);
  if (photoMatch?.length === 1) return { name: "photo", photoId: photoMatch[0] };
  return { name: "not-found" };
}

/** The decoded path segments of `hash` after `prefix`, if none of them is empty. */
function matchPrefix(hash, prefix) {
  if (!hash.startsWith(prefix)) return null;
  const segments = hash.slice(prefix.length).replace(/\/$/, "").split("/");
  if (segments.includes("")) return null;
  try {
    return segments.map(decodeURIComponent);
  } catch {
    return null; // a broken %-escape names nothing
  }
}

/**
 * Calls `onRoute(route, visit)` for the current address now and on every change, where visit is
 * {initial, returning, scrollY}: `initial` for the page's first route, `returning` when this
 * history entry was shown before, `scrollY` the position to restore (0 for a new visit).
 */
export function createRouter(onRoute) {
  // The views change the page's height under the browser's feet; the router restores scrolling.
  history.scrollRestoration = "manual";
  const scrollPositions = new Map();
  let currentEntry = null;
  let entriesCreated = 0;

  function show({ initial }) {
    if (currentEntry !== null) scrollPositions.set(currentEntry, window.scrollY);
    // Each history entry gets an id in its state the first time it is shown; the browser keeps
    // the state with the entry, so seeing the id again means the person came back to it.
    let entry = history.state?.entry;
    const returning = entry !== undefined;
    if (!returning) {
      entriesCreated += 1;
      entry = `${Date.now()}-${entriesCreated}`;
      history.replaceState({ entry, cameFromInsideCloudGram: currentEntry !== null }, "");
    }
    currentEntry = entry;
    onRoute(parseRoute(location.hash), {
      initial,
      returning,
      scrollY: scrollPositions.get(entry) ?? 0,
    });
  }

  return {
    start() {
      window.addEventListener("hashchange", () => show({ initial: false }));
      show({ initial: true });
    },

    /** Shows the current place again, e.g. after signing in, when what it shows may differ. */
    refresh() {
      onRoute(parseRoute(location.hash), { initial: false, returning: true, scrollY: window.scrollY });
    },

    /** Leaves the current place for good (it no longer exists): back if the person came from
     * another CloudGram page, else to `fallbackHref`, without leaving a history entry for it. */
    leave(fallbackHref) {
      if (history.state?.cameFromInsideCloudGram) history.back();
      else location.replace(fallbackHref);
    },
  };
}
