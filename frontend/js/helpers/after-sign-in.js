/**
 * Back where the person was once they have signed in, with what they started there done.
 *
 * Signing in happens in the feed's side panel, so a person who wants to like a photo on its page,
 * or follow someone from their profile, leaves that place to sign in. This module remembers the
 * place (the address) and the action they started ({kind: "like", photoId} or {kind: "follow",
 * username}) in sessionStorage, so that the memory survives sign-up, confirmation and a reload,
 * but not the closing of the tab. Once they sign in, main.js takes them back to the place, and
 * the button they pressed is pressed again for them, through the same code as a tap, so the
 * count and the button's state are right; the focus then stays on that button.
 *
 * If the place does not show that button on screen (the photo was in the feed's Everyone tab,
 * and signing in opens the Following tab), the action is done all the same a few seconds later,
 * with the API call the button would make, and announced as the button announces it
 * (helpers/photo-events.js, helpers/follow-events.js), so every place showing the photo or the
 * person learns of it.
 *
 * What is remembered is used at most once, forgotten after ten minutes, and dropped on sign-out
 * or when it makes no sense for the person who signed in (following themselves). An action that
 * is already done (the photo is liked already) is not undone: the button is only pressed while
 * it is off, and the API's like and follow are the same whether done once or twice.
 *
 * The place is `location.pathname + search + hash`, so hash addresses (/#/p/<id>) and real paths
 * (/p/<id>) are both put back as they were.
 */

import { announceFollowChanged, sameUsername } from "./follow-events.js";
import { announcePhotoChanged } from "./photo-events.js";

const STORAGE_KEY = "cloudgram.afterSignIn";
export const REMEMBERED_FOR_MS = 10 * 60_000;
// How long after signing in the place has to show the button, before the action is done without.
const BACKGROUND_AFTER_MS = 10_000;

// After a sign-in: {place, action}, the action still to be done at that place.
let due = null;

/** The address of the place the person is at, as a path with its query and hash. */
export function currentPlace() {
  return location.pathname + location.search + location.hash;
}

/**
 * The person asks to sign in (from the header or a sign-in prompt): remember where they are,
 * keeping the action they started if it was started here.
 */
export function rememberPlace() {
  const remembered = read();
  if (remembered?.place === currentPlace()) return;
  write({ place: currentPlace(), action: null });
}

/** Forgets the place and the action, remembered or due (on sign-out). */
export function forgetPlace() {
  due = null;
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage unavailable: nothing was remembered.
  }
}

/**
 * Someone has just signed in as `username`: returns the place to go back to (or null) and, if
 * the action started there makes sense for them, makes it due there. What was remembered is
 * forgotten, so it is used once. `api` (services/api.js) does the action if no button does.
 */
export function placeAfterSignIn(username, api) {
  const remembered = read();
  forgetPlace();
  if (!remembered) return null;
  if (makesSense(remembered.action, username)) {
    const thisOne = { place: remembered.place, action: remembered.action };
    due = thisOne;
    setTimeout(() => doInBackground(thisOne, api), BACKGROUND_AFTER_MS);
  }
  return remembered.place;
}

/**
 * For a button that needs an account (like, follow); `action` is what pressing it starts, and
 * `session` tells whether the person is signed in. Pressed while signed out, it remembers the
 * place and the action (the button itself asks the person to sign in). Created just after a
 * sign-in at the place where that action is due, it is pressed for the person once it is on
 * screen, unless it is on already, and gets the focus.
 */
export function finishAfterSignIn(button, action, { session, signal } = {}) {
  button.addEventListener(
    "click",
    () => {
      if (!session.isSignedIn()) write({ place: currentPlace(), action });
    },
    { signal },
  );
  if (due && sameAction(due.action, action)) {
    // The view that made the button puts it on the page, and focuses its heading, first.
    setTimeout(() => pressIfDue(button, action));
  }
}

function pressIfDue(button, action) {
  if (!due || !sameAction(due.action, action)) return;
  // The same photo may have a button in a view that is not shown (the feed, kept behind a
  // photo page): only the one on screen, at the place, is the person's.
  if (currentPlace() !== due.place || !button.isConnected || !button.checkVisibility()) return;
  due = null;
  if (button.getAttribute("aria-pressed") !== "true") button.click();
  button.focus();
}

/** The action `which`, if it is still due, as its button would do it, but with no button. */
async function doInBackground(which, api) {
  if (due !== which) return; // done by its button, dropped, or replaced by a newer sign-in
  due = null;
  const { action } = which;
  try {
    if (action.kind === "like") {
      const { likedByMe, likeCount } = await api.setLiked(action.photoId, true);
      announcePhotoChanged(action.photoId, { likedByMe, likeCount });
    } else {
      const { followedByMe, followerCount } = await api.setFollowing(action.username, true);
      announceFollowChanged({ username: action.username, followedByMe, followerCount });
    }
  } catch {
    // The photo or the person is gone, or the network is: no button on screen can say so, and
    // the person sees the state as it is wherever they look.
  }
}

function makesSense(action, username) {
  if (action?.kind === "like") return typeof action.photoId === "string";
  if (action?.kind === "follow") {
    return typeof action.username === "string" && !sameUsername(action.username, username);
  }
  return false;
}

function sameAction(a, b) {
  return (
    a.kind === b.kind &&
    (a.kind === "like" ? a.photoId === b.photoId : sameUsername(a.username, b.username))
  );
}

function write({ place, action }) {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ place, action, savedAt: Date.now() }));
  } catch {
    // Storage full or unavailable: the person signs in and stays on the feed, as before.
  }
}

/** What was remembered, if anything, less than REMEMBERED_FOR_MS ago. */
function read() {
  try {
    const remembered = JSON.parse(sessionStorage.getItem(STORAGE_KEY));
    const fresh = Date.now() - remembered?.savedAt < REMEMBERED_FOR_MS;
    return fresh && typeof remembered.place === "string" ? remembered : null;
  } catch {
    return null;
  }
}
