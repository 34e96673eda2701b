/**
 * Routes: which place in CloudGram the address names, and what happens when it changes.
 *
 *   /p/<photo id>             one photo
 *   /p/<photo id>#comment-<comment id>
 *                             one photo, scrolled to one of its comments or replies (a reply's
 *                             id is "<comment id>.<reply id>"), which is highlighted a moment
 *   /#/                       the latest photos (the site's root, with an empty hash, too)
 *   /#/notifications          what others did that concerns the signed-in person
 *   /#/settings               the signed-in person's account settings
 *   /#/u/<username>           someone's profile
 *   /#/u/<username>/followers the people who follow them
 *   /#/u/<username>/following the people they follow
 *   /#/p/<photo id>/likes     the people who liked a photo
 *   /#/p/<photo id>           an older address of a photo: it opens the photo, and the address
 *                             becomes /p/<photo id>
 *
 * Most places live after the "#", which never reaches the server: the site serves index.html
 * for them all, and yet each has its own address to bookmark, share and reload. A photo's
 * address is a real path instead, because a chat app or a crawler fetching a shared link sends
 * only the path: the server answers /p/<id> with the same page and the photo's link preview in
 * its head (chalicelib/edge/photo_page.py). So the page's stylesheets, scripts and settings are
 * addressed from the root ("/js/main.js"), to load the same at /p/<id> as at /. Who liked a
 * photo needs no preview, so it is a hash place like the other lists of people. A comment is a
part of its photo's page, so its address is the photo's with a fragment naming the comment, as
a fragment names a part of any page; a fragment that does not start with "#/" names no place of
its own, so the photo stays the place.
 *
 * Links are plain <a> elements (photoHref gives a photo's path, the others a hash). A click on
 * one that names a place here is followed with history.pushState, without reloading the page,
 * and the place is shown; back and forward come back as `popstate`, and an address typed or
 * set (`location.hash = ...`) as `hashchange`. Clicks with a modifier key or another button are
 * the browser's (a new tab, a new window). Hash places always sit at the root: from /p/<id>, a
 * link to "#/u/alice" leads to /#/u/alice, never to /p/<id>#/u/alice.
 *
 * The router also tells whether this history entry was visited before (back, forward or
 * reload) and where the window was scrolled when the person left it, so a view that kept its
 * content (the feed) can put the person back where they were instead of at the top.
 */

const PROFILE_PREFIX = "#/u/";
const OLD_PHOTO_PREFIX = "#/p/";
const PHOTO_PATH_PREFIX = "/p/";
// A hash that names a place (anything else, such as the skip link's "#main", names none).
const HASH_ROUTE_PREFIX = "#/";
// The fragment of a photo's address that names one of its comments.
const COMMENT_FRAGMENT_PREFIX = "#comment-";
const NOTIFICATIONS_HASH = "#/notifications";
const SETTINGS_HASH = "#/settings";

// The two lists of people a profile links to, as they appear in the address.
export const PEOPLE_LISTS = ["followers", "following"];
// The list of people a photo links to, from its like count.
export const LIKERS_LIST = "likes";

export const feedHref = () => "#/";
export const profileHref = (username) => PROFILE_PREFIX + encodeURIComponent(username);
export const photoHref = (photoId) => PHOTO_PATH_PREFIX + encodeURIComponent(photoId);
/** `list` is "followers" or "following". */
export const peopleHref = (username, list) => `${profileHref(username)}/${list}`;
/** Who liked a photo: a list of people, as followers are, after the "#" like them. */
export const likersHref = (photoId) =>
  `${OLD_PHOTO_PREFIX}${encodeURIComponent(photoId)}/${LIKERS_LIST}`;

/** A comment (or a reply) on its photo's page: "/p/<photo id>#comment-<comment id>". */
export const commentHref = (photoId, commentId) =>
  photoHref(photoId) + COMMENT_FRAGMENT_PREFIX + encodeURIComponent(commentId);
export const notificationsHref = () => NOTIFICATIONS_HASH;
export const settingsHref = () => SETTINGS_HASH;

/** A photo's full address, to copy or share: "https://<site>/p/<id>". */
export const photoUrl = (photoId) => new URL(photoHref(photoId), location.origin).href;

/**
 * "#/u/alice" -> {name: "profile", username: "alice"}; "#/u/alice/followers" -> {name: "people",
 * username: "alice", list: "followers"}; "#/p/<id>" -> {name: "photo", photoId};
 * "#/p/<id>/likes" -> {name: "people", photoId, list: "likes"}; "#/notifications" ->
 * {name: "notifications"}; "#/settings" -> {name: "settings"}; unknown hashes ->
 * {name: "not-found"}.
 */
export function parseRoute(hash) {
  if (hash === "" || hash === "#" || hash === "#/") return { name: "feed" };
  if (hash === NOTIFICATIONS_HASH || hash === `${NOTIFICATIONS_HASH}/`) return { name: "notifications" };
  if (hash === SETTINGS_HASH || hash === `${SETTINGS_HASH}/`) return { name: "settings" };
  const profileMatch = matchPrefix(hash, PROFILE_PREFIX);
  if (profileMatch?.length === 1) return { name: "profile", username: profileMatch[0] };
  if (profileMatch?.length === 2 && PEOPLE_LISTS.includes(profileMatch[1])) {
    return { name: "people", username: profileMatch[0], list: profileMatch[1] };
  }
  const photoMatch = matchPrefix(hash, OLD_PHOTO_PREFIX);
  if (photoMatch?.length === 2 && photoMatch[1] === LIKERS_LIST) {
    return { name: "people", photoId: photoMatch[0], list: LIKERS_LIST };
  }
  return photoRoute(photoMatch);
}

/** The place an address (a URL or `location`) names: a photo by its path (with the comment its
 * fragment names, if any: {name: "photo", photoId, commentId}), any other by its hash, which
 * wins over the path when it names a place. */
export function routeOf(address) {
  const photoPath = address.pathname.startsWith(PHOTO_PATH_PREFIX);
  if (!photoPath || address.hash.startsWith(HASH_ROUTE_PREFIX)) return parseRoute(address.hash);
  const route = photoRoute(matchPrefix(address.pathname, PHOTO_PATH_PREFIX));
  const commentId = commentNamedBy(address.hash);
  return route.name === "photo" && commentId ? { ...route, commentId } : route;
}

/** "#comment-<id>" -> the comment's id; any other fragment -> null. */
function commentNamedBy(hash) {
  if (!hash.startsWith(COMMENT_FRAGMENT_PREFIX)) return null;
  try {
    return decodeURIComponent(hash.slice(COMMENT_FRAGMENT_PREFIX.length)) || null;
  } catch {
    return null; // a broken %-escape names nothing
  }
}

/** The place the page's own address names. */
export const currentRoute = () => routeOf(location);

function photoRoute(segments) {
  return segments?.length === 1 ? { name: "photo", photoId: segments[0] } : { name: "not-found" };
}

/** The decoded path segments of `text` after `prefix`, if none of them is empty. */
function matchPrefix(text, prefix) {
  if (!text.startsWith(prefix)) return null;
  const segments = text.slice(prefix.length).replace(/\/$/, "").split("/");
  if (segments.includes("")) return null;
  try {
    return segments.map(decodeURIComponent);
  } catch {
    return null; // a broken %-escape names nothing
  }
}

/** The address `url` is shown at: an old photo link as the photo's path, and a hash place at
 * the root. */
function canonicalAddress(url) {
  const route = routeOf(url);
  const oldPhotoLink = url.hash.startsWith(OLD_PHOTO_PREFIX) && route.name === "photo";
  if (oldPhotoLink) return photoHref(route.photoId);
  if (url.hash.startsWith(HASH_ROUTE_PREFIX)) return `/${url.hash}`;
  return url.pathname + url.search + url.hash;
}

/** The address a link leads to, if it is a place of CloudGram's page (not a file, not another
 * site, not a hash that names no place); else null. */
function placeLinkedTo(url) {
  if (url.origin !== location.origin) return null;
  const hashPlace = url.hash.startsWith(HASH_ROUTE_PREFIX);
  if (url.pathname.startsWith(PHOTO_PATH_PREFIX) && !hashPlace) return canonicalAddress(url);
  const onThisPage = url.pathname === location.pathname || url.pathname === "/";
  return hashPlace && onThisPage ? canonicalAddress(url) : null;
}

/** Whether a click on a link is the browser's to handle: a new tab or window, a download. */
function leftToTheBrowser(event, anchor) {
  const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
  const elsewhere = anchor.target !== "" && anchor.target !== "_self";
  const download = anchor.hasAttribute("download");
  return event.defaultPrevented || event.button !== 0 || modified || elsewhere || download;
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

  /** An old or misplaced address is replaced by its canonical one, in the same history entry. */
  function settleAddress() {
    const canonical = canonicalAddress(new URL(location.href));
    if (canonical !== location.pathname + location.search + location.hash) {
      history.replaceState(history.state, "", canonical);
    }
  }

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
    onRoute(currentRoute(), {
      initial,
      returning,
      scrollY: scrollPositions.get(entry) ?? 0,
    });
  }

  function showChangedAddress() {
    settleAddress();
    // Going back or forth between addresses that differ in their hash brings both `popstate`
    // and `hashchange`: the entry is shown once.
    if (history.state?.entry !== undefined && history.state.entry === currentEntry) return;
    show({ initial: false });
  }

  function go(address, { replace = false } = {}) {
    if (address === location.pathname + location.search + location.hash) return;
    if (replace) history.replaceState(null, "", address);
    else history.pushState(null, "", address);
    show({ initial: false });
  }

  function followLink(event) {
    const anchor = event.target.closest?.("a[href]");
    if (!anchor || leftToTheBrowser(event, anchor)) return;
    const address = placeLinkedTo(new URL(anchor.href));
    if (address === null) return;
    event.preventDefault();
    go(address);
  }

  return {
    start() {
      window.addEventListener("popstate", showChangedAddress);
      window.addEventListener("hashchange", showChangedAddress);
      document.addEventListener("click", followLink);
      settleAddress();
      show({ initial: true });
    },

    /** Shows the current place again, e.g. after signing in, when what it shows may differ. */
    refresh() {
      onRoute(currentRoute(), { initial: false, returning: true, scrollY: window.scrollY });
    },

    /** Leaves the current place for good (it no longer exists): back if the person came from
     * another CloudGram page, else to `fallbackHref`, without leaving a history entry for it. */
    leave(fallbackHref) {
      if (history.state?.cameFromInsideCloudGram) history.back();
      else go(canonicalAddress(new URL(fallbackHref, location.href)), { replace: true });
    },
  };
}
