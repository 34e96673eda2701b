/**
 * The signed-in panel for sharing photos: choose (or drop) one or several files, give each its own
 * caption, and share them; the upload list below shows each one's progress until it is in the
 * feed. The list's workings are uploads/upload-queue.js's; this module drives the panel around it.
 *
 * A file CloudGram would refuse (not an image it takes, empty, too big) is turned away here with
 * a message naming it, before anything is sent; the other files still join the list.
 */

import { byId, hideMessage, showMessage } from "../helpers/dom.js";
import { describeContentTypes, formatBytes } from "../helpers/format.js";
import { createUploadQueue } from "../uploads/upload-queue.js";
import { checkFile } from "../uploads/upload.js";

// The file picker filters by type or extension. Phones may hand over HEIC, HEIF and AVIF photos
// without a type, and cameras save 3D photos as ".mpo" (a JPEG inside): the extensions let the
// picker offer them. What counts is the bytes (checkFile), whatever the picker lets through.
const EXTRA_ACCEPTED_EXTENSIONS = [".heic", ".heif", ".avif", ".mpo"];

export function createComposerView({ api, limits }) {
  const panel = byId("composer-panel");
  const form = byId("upload-form");
  const fileInput = byId("photo-input");
  const dropZone = byId("drop-zone");
  const photoHint = byId("photo-hint");
  const refusals = byId("upload-error");
  const shareButton = byId("share-button");

  const queue = createUploadQueue({
    api,
    limits,
    list: byId("upload-list"),
    fallbackFocus: fileInput,
    onChange: updateShareButton,
  });

  fileInput.accept = [...limits.contentTypes, ...EXTRA_ACCEPTED_EXTENSIONS].join(",");
  photoHint.textContent =
    `${describeContentTypes(limits.contentTypes)}, up to ${formatBytes(limits.maxUploadBytes)} ` +
    "each. You can also drop photos here.";
  updateShareButton();

  /** Checks each file in turn (in the order chosen) and lists those CloudGram can take. */
  async function choose(files) {
    hideMessage(refusals);
    const refused = [];
    for (const file of files) {
      try {
        queue.add(file, await checkFile(file, limits));
      } catch (error) {
        refused.push(error.message);
      }
    }
    if (refused.length > 0) showMessage(refusals, refused.join("\n"), "error");
  }

  function updateShareButton() {
    const waiting = queue.waitingCount();
    shareButton.hidden = waiting === 0;
    shareButton.textContent = waiting > 1 ? `Share all ${waiting} photos` : "Share";
  }

  fileInput.addEventListener("change", async () => {
    const files = [...fileInput.files];
    // Emptied at once, so choosing the same file again still fires "change".
    fileInput.value = "";
    await choose(files);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    queue.shareAll();
  });
  enableDropping(dropZone, choose);

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
