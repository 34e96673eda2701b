/**
 * An owner's photo that did not make it, as its owner sees it: "Upload interrupted" (its file
 * never arrived, and this page is not sending it now) or "Couldn't be used" (the image worker
 * turned the file down), the reason in words, Retry where sending the file again can work, and
 * Remove. The owner's profile lists these apart from the grid ("Couldn't be shared"); the
 * photo's own page shows the same in place of the caption editor.
 *
 * Retry shares the file again as a new photo with the same caption and alt text, through the
 * upload list (uploads/uploads-here.js): the very file this page sent, if it still holds it, or else the
 * one the person chooses again. The interrupted photo is removed first, which frees its upload
 * slot. A new photo rather than a fresh upload link for the same one: everything about a PENDING
 * photo runs from its creation (its upload link, its slot, its time-to-live, its place in the
 * feeds), so a photo shared again now is a photo shared now, and the API needs nothing new.
 * A file the worker turned down (not an image, too large) would be turned down again: no Retry.
 */

import { element, hideMessage, setBusy, showMessage, visuallyHidden } from "../helpers/dom.js";
import { timeAgo } from "../helpers/format.js";
import { announcePhotoDeleted } from "../helpers/photo-events.js";
import { fileSentFor, isUploadingHere, shareAgain } from "../uploads/uploads-here.js";
import { acceptedFiles, checkFile } from "../uploads/upload.js";

const INTERRUPTED_TEXT =
  "Its file did not finish uploading: the page was closed or reloaded, or the connection dropped.";

/**
 * What went wrong with `photo`, for its owner: {title, text, retryable}; null for a photo that
 * is READY or still on its way (its file arrived and is being processed, or this page is
 * sending it).
 */
export function problemOf(photo) {
  if (photo.status === "PENDING") {
    if (photo.uploadArrived !== false || isUploadingHere(photo.id)) return null;
    return { title: "Upload interrupted", text: INTERRUPTED_TEXT, retryable: true };
  }
  if (photo.status === "FAILED") {
    const text = photo.failureReason ?? "CloudGram could not use this photo.";
    if (photo.uploadArrived === false) return { title: "Upload interrupted", text, retryable: true };
    return { title: "Couldn’t be used", text, retryable: false };
  }
  return null;
}

/**
 * The problem, its reason and its buttons, for a photo problemOf() finds one with. `onRemoved()`
 * runs once the photo is gone; `onSharedAgain(photo)` once the file shared again is READY;
 * `withCaption` says the caption too, where nothing else shows it.
 */
export function renderUnfinishedPhoto(
  photo,
  { api, limits, onRemoved, onSharedAgain, withCaption = true },
) {
  const problem = problemOf(photo);
  const container = element("div", "unfinished-photo");
  const title = element("p", "unfinished-photo__title", problem.title);
  const reason = element("p", "unfinished-photo__reason", problem.text);
  const about = element("p", "unfinished-photo__about");
  if (withCaption && photo.caption) about.append(element("q", "unfinished-photo__caption", photo.caption), " · ");
  about.append(`started ${timeAgo(photo.createdAt)}`);
  const message = element("p", "message unfinished-photo__message");
  message.setAttribute("role", "status");
  message.hidden = true;

  const buttons = element("div", "unfinished-photo__buttons");
  const describe = photo.caption ? ` “${photo.caption}”` : " photo";
  const removeButton = button("Remove", describe);
  // The photo asked for at first; after a Retry has removed it, the file being sent in its place.
  let replaced = false;
  let sending = null;

  if (problem.retryable) {
    const retryButton = button("Retry", describe);
    const picker = element("input", "unfinished-photo__picker");
    picker.type = "file";
    picker.accept = acceptedFiles(limits);
    picker.hidden = true;
    picker.tabIndex = -1;
    picker.addEventListener("change", async () => {
      const file = picker.files[0];
      picker.value = "";
      if (!file) return;
      try {
        retry(retryButton, { file, contentType: await checkFile(file, limits) });
      } catch (error) {
        showMessage(message, error.message, "error");
      }
    });
    retryButton.addEventListener("click", () => {
      const held = sending ?? fileSentFor(photo.id);
      // Opened straight from the click: browsers open a file picker only for a person's action.
      if (held) retry(retryButton, held);
      else picker.click();
    });
    buttons.append(retryButton, picker);
  }
  buttons.append(removeButton);

  async function retry(retryButton, upload) {
    sending = upload;
    setBusy(retryButton, true);
    removeButton.disabled = true;
    showMessage(message, "Sharing it again…");
    try {
      if (!replaced) {
        await deleteIfThere(api, photo.id);
        replaced = true;
      }
      const shared = await shareAgain({
        ...upload,
        caption: photo.caption || undefined,
        altText: photo.altText || undefined,
      });
      onSharedAgain(shared);
    } catch (error) {
      showMessage(message, `It was not shared again: ${error.message}`, "error");
      setBusy(retryButton, false);
      removeButton.disabled = false;
    }
  }

  removeButton.addEventListener("click", async () => {
    hideMessage(message);
    setBusy(removeButton, true);
    try {
      if (!replaced) await deleteIfThere(api, photo.id);
    } catch (error) {
      showMessage(message, `It was not removed: ${error.message}`, "error");
      setBusy(removeButton, false);
      return;
    }
    announcePhotoDeleted(photo);
    onRemoved();
  });

  container.append(title, reason, about, buttons, message);
  return container;
}

function button(text, hiddenText) {
  const created = element("button", "button button--quiet button--small", text);
  created.type = "button";
  created.append(visuallyHidden(hiddenText));
  return created;
}

/** Deletes the photo; one already gone is what was wanted. */
async function deleteIfThere(api, photoId) {
  try {
    await api.deletePhoto(photoId);
  } catch (error) {
    if (error.status !== 404) throw error;
  }
}
