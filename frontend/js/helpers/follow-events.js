/**
 * News about follows, passed between the parts of the page that show the same person.
 *
 * One person can be on screen in several places at once: their profile (its Follow button and
 * follower count), a suggestion in the empty Following tab, the signed-in person's own profile
 * (their following count). When the API confirms a follow or an unfollow, the button that sent
 * it announces it here; every other place updates itself, and the Following tab brings the
 * person's photos in or takes them out. As photo-events.js does for photos.
 *
 * Listeners pass an AbortSignal: a view that throws its content away aborts it, and its
 * listeners go with it.
 */

const followNews = new EventTarget();

/** The signed-in person now follows `username` or not: `change` is {username, followedByMe,
 * followerCount}, the last two as the API answered. */
export function announceFollowChanged(change) {
  followNews.dispatchEvent(new CustomEvent("changed", { detail: change }));
}

/** `listener({username, followedByMe, followerCount})` */
export function onFollowChanged(listener, { signal } = {}) {
  followNews.addEventListener("changed", (event) => listener(event.detail), { signal });
}

/** Usernames name one person whatever their case, as Cognito compares them. */
export function sameUsername(one, other) {
  return Boolean(one && other && one.toLowerCase() === other.toLowerCase());
}
