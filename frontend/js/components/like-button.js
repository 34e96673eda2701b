/**
 * The like button of a photo: a toggle <button> named "Like" whose aria-pressed says whether the
 * person likes the photo, with the number of likes beside it.
 *
 * It is optimistic: a press changes the button and the count at once, and the request follows. If
 * the API refuses (the photo is still being processed, the network is down), the button goes back
 * to what the server last confirmed and says why, in words. Presses made while a request is out
 * are not lost: when it returns, the button sends the state the person chose last, if that differs
 * (helpers/optimistic-toggle.js holds that logic, shared with the follow button). Signed-out
 * people are asked to sign in instead; nothing is sent.
 *
 * Other places showing the same photo hear about every confirmed change (helpers/photo-events.js).
 * A 404 means the photo was deleted (by its owner, in another session) while it was shown here:
 * the heart empties, since a deleted photo is liked by nobody, the button stops answering, and the
 * places showing the photo hear that it is gone and say so (the feed, the photo page).
 *
 * A double tap on the picture likes the photo through this button (likeOnce, for
 * double-tap-like.js), so it does just what pressing Like does.
 *
 * The count, once there is a like to show, is a link to who liked the photo (views/people-view.js
 * at #/p/<id>/likes); "0 likes" is plain text, since there is nobody to list.
 */

import { finishAfterSignIn } from "../helpers/after-sign-in.js";
import {
  element,
  hideMessage,
  icon,
  link,
  showMessage,
  showSignInPrompt,
  visuallyHidden,
} from "../helpers/dom.js";
import { countOf } from "../helpers/format.js";
import { createOptimisticToggle } from "../helpers/optimistic-toggle.js";
import { announcePhotoChanged, announcePhotoDeleted, onPhotoChanged } from "../helpers/photo-events.js";
import { likersHref } from "../helpers/router.js";

export const HEART_PATH =
  "M12 20.7 10.6 19.4C5.4 14.7 2 11.6 2 7.8 2 4.7 4.4 2.3 7.5 2.3c1.7 0 3.4.8 4.5 2.1 " +
  "1.1-1.3 2.8-2.1 4.5-2.1 3.1 0 5.5 2.4 5.5 5.5 0 3.8-3.4 6.9-8.6 11.6L12 20.7z";

/**
 * Returns {element, likeOnce}: the control, and what a double tap does (likes the photo unless it
 * is liked already; returns whether it is liked now). `onSignInRequested` takes a signed-out
 * person to sign-in.
 */
export function createLikeButton({ photo, api, session, onSignInRequested, signal }) {
  const control = element("div", "like");
  const row = element("div", "like__row");
  const button = element("button", "icon-button like__button");
  button.type = "button";
  button.append(icon(HEART_PATH, "like__icon"), visuallyHidden("Like"));
  const count = element("span", "like__count");
  const likersLink = link(likersHref(photo.id), "like__likers-link");
  row.append(button, count);
  // Created empty and filled later: screen readers announce an alert when its text changes.
  const message = element("p", "message like__message");
  message.setAttribute("role", "alert");
  message.hidden = true;
  control.append(row, message);

  const like = createOptimisticToggle({
    confirmed: { on: photo.likedByMe === true, count: photo.likeCount ?? 0 },
    send: async (liked) => {
      const result = await api.setLiked(photo.id, liked);
      return { on: result.likedByMe, count: result.likeCount };
    },
    onConfirmed: ({ on, count: likeCount }) =>
      announcePhotoChanged(photo.id, { likedByMe: on, likeCount }),
    onRefused: (error, attemptedLike) => {
      if (error.status === 404) return forgetDeletedPhoto();
      const what = attemptedLike ? "Your like was not saved" : "Your like was not removed";
      showMessage(message, `${what}: ${error.message}`, "error");
      return null;
    },
    render: (shown) => {
      button.setAttribute("aria-pressed", String(shown.on));
      showCount(shown.count);
    },
  });

  /** "3 likes" as a link to who liked the photo; "0 likes" as text. The same link is kept
   * while the count moves, so a focus on it stays. */
  function showCount(likeCount) {
    const words = countOf(likeCount, "like");
    if (likeCount > 0) {
      likersLink.textContent = words;
      if (likersLink.parentNode !== count) count.replaceChildren(likersLink);
    } else {
      count.textContent = words;
    }
  }

  /** The photo no longer exists: what the heart shows now. */
  function forgetDeletedPhoto() {
    button.disabled = true;
    announcePhotoDeleted(photo, { deletedElsewhere: true });
    return { on: false, count: 0 };
  }

  button.addEventListener("click", () => {
    if (!session.isSignedIn()) {
      showSignInPrompt(message, "Liking photos needs an account.", onSignInRequested);
      return;
    }
    hideMessage(message);
    like.toggle();
  });
  // A like started before signing in is done once the person has signed in.
  finishAfterSignIn(button, { kind: "like", photoId: photo.id }, { session, signal });

  // The same photo liked elsewhere on the page (its photo page, its feed card).
  onPhotoChanged(
    (photoId, changes) => {
      if (photoId !== photo.id || changes.likeCount === undefined) return;
      const learnt = { count: changes.likeCount };
      if (changes.likedByMe !== undefined) learnt.on = changes.likedByMe;
      like.learn(learnt);
    },
    { signal },
  );

  function likeOnce() {
    // The button's own click, so that signed-out people get what pressing Like gives them.
    if (!like.on) button.click();
    return like.on;
  }

  return { element: control, likeOnce };
}
