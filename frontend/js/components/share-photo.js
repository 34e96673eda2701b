/**
 * Passing a photo on: "Copy link" puts the photo's address on the clipboard, and "Share…" opens
 * the device's share sheet (the Web Share API), offered only where the browser has one. On the
 * photo page both are buttons with words; a feed card has "Copy link" alone, as an icon beside
 * the like button.
 *
 * The address is the photo's own, /p/<id> on this site, which anyone can open. Copying uses the
 * Clipboard API; where the browser has none (a page not served over HTTPS) or refuses it, the
 * link is shown in a field, selected, for the person to copy themselves. "Link copied" is said
 * in the page's toast (toast.js), which screen readers read out without moving the focus.
 */

import { element, icon, visuallyHidden } from "../helpers/dom.js";
import { photoUrl } from "../helpers/router.js";
import { describePhoto } from "./photo-frame.js";
import { showToast } from "./toast.js";

// Drawn with strokes, as the like button's heart is (photos.css).
const LINK_PATH = "M10 14a4.5 4.5 0 0 0 6.4 0l3.2-3.2a4.5 4.5 0 0 0-6.4-6.4l-1.1 1.1M14 10a4.5 4.5 0 0 0-6.4 0l-3.2 3.2a4.5 4.5 0 0 0 6.4 6.4l1.1-1.1";
const SHARE_PATH = "M12 15V3M7.5 7.5 12 3l4.5 4.5M8 11H6a1 1 0 0 0-1 1v8a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1v-8a1 1 0 0 0-1-1h-2";

let fallbacksCreated = 0;

/** Returns the element holding the buttons; `compact` for a feed card (Copy link as an icon). */
export function createShareActions(photo, { compact = false } = {}) {
  const actions = element("div", compact ? "share share--compact" : "share");
  const fallback = element("div", "field share__fallback");
  fallback.hidden = true;

  const copyButton = shareButton("Copy link", LINK_PATH, compact);
  copyButton.addEventListener("click", () => copyLink(photo, fallback));
  actions.append(copyButton);
  if (!compact && typeof navigator.share === "function") {
    const share = shareButton("Share…", SHARE_PATH, false);
    share.addEventListener("click", () => sharePhoto(photo));
    actions.append(share);
  }
  actions.append(fallback);
  return actions;
}

function shareButton(label, pathData, compact) {
  const button = element("button", compact ? "icon-button" : "button button--quiet button--small");
  button.type = "button";
  button.append(icon(pathData, "share__icon"));
  if (compact) {
    button.append(visuallyHidden(label));
    button.title = label;
  } else {
    button.append(label);
  }
  return button;
}

async function copyLink(photo, fallback) {
  const address = photoUrl(photo.id);
  try {
    // Missing outside secure contexts; refused when the browser's permission says no.
    await navigator.clipboard.writeText(address);
  } catch {
    showForCopying(address, fallback);
    return;
  }
  fallback.hidden = true;
  showToast("Link copied");
}

/** The link in a read-only field, selected, for the person to copy. */
function showForCopying(address, fallback) {
  if (!fallback.firstChild) {
    fallbacksCreated += 1;
    const label = element("label", "", "Copy the link to this photo");
    const field = element("input", "share__address");
    field.id = `photo-link-${fallbacksCreated}`;
    field.readOnly = true;
    label.htmlFor = field.id;
    fallback.append(label, field);
  }
  fallback.hidden = false;
  const field = fallback.querySelector("input");
  field.value = address;
  field.focus();
  field.select();
}

async function sharePhoto(photo) {
  try {
    await navigator.share({ title: describePhoto(photo), url: photoUrl(photo.id) });
  } catch (error) {
    // AbortError: the person closed the share sheet, which is an answer, not a failure.
    if (error.name !== "AbortError") {
      showToast("This browser could not share the photo. Copy its link instead.");
    }
  }
}
