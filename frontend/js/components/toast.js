/**
 * A short note at the foot of the screen about something that happened away from where the
 * person is looking: "Link copied", or that a photo they touched was deleted and has left the feed.
 *
 * It lives in #toast in index.html, a polite live region (role="status") that is there from the
 * start, so screen readers are already listening when a note arrives. Each note is a new element,
 * so the same words twice in a row are read twice. It goes after a few seconds: nothing in it is
 * needed to carry on.
 */

import { byId, element } from "../helpers/dom.js";

const SHOWN_FOR_MS = 5000;

let hideTimer = null;

export function showToast(text) {
  const region = byId("toast");
  region.replaceChildren(element("p", "toast__note", text));
  clearTimeout(hideTimer);
  hideTimer = setTimeout(() => region.replaceChildren(), SHOWN_FOR_MS);
}
