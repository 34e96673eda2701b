/**
 * Double tap (or double click) on a photo's picture likes it, as in most photo apps, and a heart
 * shows over the picture for a moment. It never unlikes: another double tap shows the heart again
 * and changes nothing. Keyboard users have the like button itself; this adds nothing for them.
 *
 * The like goes through the like button (like-button.js: likeOnce), so a double tap does what
 * pressing Like does, for signed-out people too.
 *
 * A single tap keeps its meaning: on a feed card the picture is a link to the photo's page. That
 * tap cannot act at once, or the first tap of every double tap would open the page; so a tap on a
 * link waits DOUBLE_TAP_MS for a second one, and if none comes it is replayed as a click of the
 * link. Only pointer taps wait. Enter on the link (a click whose `detail`, the click count, is 0,
 * as the replayed click's is) and clicks that open a new tab or window (a modifier key, another
 * button) go through untouched. The photo page's picture is not a link: nothing waits there.
 */

import { icon } from "../helpers/dom.js";
import { HEART_PATH } from "./like-button.js";

// About the double-click interval of most systems, and short enough that a single tap on a
// link still feels prompt.
const DOUBLE_TAP_MS = 300;
// How long the heart stays over the picture (photos.css pops it in and fades it within this).
const HEART_SHOWN_MS = 900;

/**
 * `picture` is what is tapped: the card's link, or the photo page's frame; `frame` is the
 * picture's photo-frame, where the heart shows; `likeButton` is what createLikeButton returned.
 */
export function likeOnDoubleTap({ picture, frame, likeButton }) {
  const tapWaits = picture instanceof HTMLAnchorElement;
  let lastTapAt = -Infinity;
  let waitingTap = null;

  picture.addEventListener("click", (event) => {
    if (!isPlainPointerClick(event)) return;
    // A third quick tap counts as another second tap: it neither opens the photo nor unlikes it.
    const isRepeatTap = event.timeStamp - lastTapAt <= DOUBLE_TAP_MS;
    lastTapAt = event.timeStamp;
    if (isRepeatTap) {
      event.preventDefault();
      clearTimeout(waitingTap);
      if (likeButton.likeOnce()) showHeart(frame);
    } else if (tapWaits) {
      event.preventDefault();
      waitingTap = setTimeout(() => picture.click(), DOUBLE_TAP_MS);
    }
  });
}

function isPlainPointerClick(event) {
  const modified = event.ctrlKey || event.metaKey || event.shiftKey || event.altKey;
  return event.detail > 0 && event.button === 0 && !modified;
}

function showHeart(frame) {
  // A new heart each time, so that its animation starts again.
  frame.querySelector(".like-burst")?.remove();
  const heart = icon(HEART_PATH, "like-burst");
  frame.append(heart);
  setTimeout(() => heart.remove(), HEART_SHOWN_MS);
}
