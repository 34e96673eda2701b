/**
 * The signed-in panel for sharing photos: choose (or drop) one or several files, give each its own
 * caption, and share them; the upload list below shows each one's progress until it is in the
 * feed. The list's workings are uploads/upload-queue.js's; this module drives the panel around it.
 *
 * A file CloudGram would refuse (not an image it takes, empty, too big) is turned away here with
 * a message naming it, before anything is sent; the other files still join the list.
 *
 * Share ignores repeated taps: once pressed it stays where it is, disabled ("Sharing…"), until
 * every upload has finished, so the second tap of a double tap lands on it and does nothing.
 * Focus moves to the first item that started. "Clear" beside it dismisses every finished item.
 * Leaving the page while a file is still being sent asks first (beforeunload), and the photos
 * whose files were cut off are withdrawn as the page goes (pagehide); signing out asks too
 * (stopUploadsBeforeSigningOut).
 */

import { confirmStoppingUploads } from "../components/confirm-dialog.js";
import { byId, hideMessage, showMessage } from "../helpers/dom.js";
import { describeContentTypes, formatBytes } from "../helpers/format.js";
import { createUploadQueue } from "../uploads/upload-queue.js";
import { acceptedFiles, checkFile } from "../uploads/upload.js";

export function createComposerView({ api, limits }) {
  const panel = byId("composer-panel");
  const form = byId("upload-form");
  const fileInput = byId("photo-input");
  const dropZone = byId("drop-zone");
  const photoHint = byId("photo-hint");
  const refusals = byId("upload-error");
  const shareButton = byId("share-button");
  const clearButton = byId("clear-uploads-button");

  const queue = createUploadQueue({
    api,
    limits,
    list: byId("upload-list"),
    fallbackFocus: fileInput,
    onChange: updateButtons,
  });

  fileInput.accept = acceptedFiles(limits);
  photoHint.textContent =
    `${describeContentTypes(limits.contentTypes)}, up to ${formatBytes(limits.maxUploadBytes)} ` +
    "each. You can also drop photos here.";
  updateButtons();

  /** Checks each file in turn (in the order chosen) and lists those CloudGram can take, with
   * `caption` (if any) already written in each. */
  async function choose(files, { caption } = {}) {
    hideMessage(refusals);
    const refused = [];
    for (const file of files) {
      try {
        queue.add(file, await checkFile(file, limits), { caption });
      } catch (error) {
        refused.push(error.message);
      }
    }
    if (refused.length > 0) showMessage(refusals, refused.join("\n"), "error");
  }

  function updateButtons() {
    const waiting = queue.waitingCount();
    const sharing = queue.underWayCount() + queue.unsentCount() > 0;
    shareButton.hidden = waiting === 0 && !sharing;
    shareButton.disabled = waiting === 0;
    if (waiting > 0) shareButton.textContent = waiting > 1 ? `Share all ${waiting} photos` : "Share";
    else shareButton.textContent = "Sharing…";
    clearButton.hidden = queue.finishedCount() === 0;
  }

  fileInput.addEventListener("change", async () => {
    const files = [...fileInput.files];
    // Emptied at once, so choosing the same file again still fires "change".
    fileInput.value = "";
    await choose(files);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    // The button under the finger is now disabled; focus goes to the first item that started,
    // without scrolling: the page must not move under a second tap.
    queue.shareAll()?.view.focus({ preventScroll: true });
  });
  clearButton.addEventListener("click", () => {
    queue.clearFinished();
    // Clear hides itself: focus stays in the panel rather than falling to the page.
    if (document.activeElement === clearButton || document.activeElement === document.body) {
      (shareButton.hidden ? fileInput : shareButton).focus();
    }
  });
  enableDropping(dropZone, choose);

  // Leaving with files still being sent would lose them: the browser asks first.
  window.addEventListener("beforeunload", (event) => {
    if (queue.unsentCount() > 0) event.preventDefault();
  });
  // Gone anyway (the person confirmed, or closed the tab): what was cut off is withdrawn.
  window.addEventListener("pagehide", () => queue.withdrawAsThePageGoes());

  return {
    show() {
      panel.hidden = false;
    },

    hide() {
      panel.hidden = true;
      queue.clear();
      hideMessage(refusals);
    },

    focus() {
      fileInput.focus();
    },

    /** Puts files in the list as if the person had chosen them (photos shared from another app:
     * uploads/shared-files.js); the focus goes to Share, the photos being ready to share. */
    async addFiles(files, { caption } = {}) {
      await choose(files, { caption });
      (shareButton.hidden ? fileInput : shareButton).focus();
    },

    /** Before signing out: resolves to false if the person would rather let their photos
     * upload; otherwise stops those still being sent, withdrawing their photos while the
     * session can still do so, and resolves to true. */
    async stopUploadsBeforeSigningOut() {
      const unsent = queue.unsentCount();
      if (unsent === 0) return true;
      const stop = await confirmStoppingUploads(unsent);
      if (stop) await queue.stopUnfinished();
      return stop;
    },
  };
}

/** Lets files be dragged onto `zone`; `onFiles` receives them all. */
function enableDropping(zone, onFiles) {
  // A file dropped just beside the zone would otherwise make the browser leave the page to
  // show it.
  for (const type of ["dragover", "drop"]) {
    window.addEventListener(type, (event) => event.preventDefault());
  }
  const setActive = (active) => zone.classList.toggle("drop-zone--active", active);
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    setActive(true);
  });
  zone.addEventListener("dragleave", () => setActive(false));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    setActive(false);
    onFiles([...event.dataTransfer.files]);
  });
}
