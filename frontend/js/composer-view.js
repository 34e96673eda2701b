/**
 * The signed-in panel for sharing a photo: choose (or drop) a file, see a preview, add a caption,
 * press Share, and watch the upload's progress until the photo is ready.
 *
 * A file CloudGram would refuse (wrong type, too big) is turned away here with a message, before
 * anything is sent. The upload itself is upload.js's job; this module only drives the page.
 */

import { byId, hideMessage, setBusy, showMessage } from "./dom.js";
import { describeContentTypes, formatBytes } from "./format.js";
import { checkFile, sharePhoto } from "./upload.js";

// Phones may hand over HEIC/HEIF/AVIF files without a MIME type; the extensions let the file
// picker offer them anyway.
const EXTRA_ACCEPTED_EXTENSIONS = [".heic", ".heif", ".avif"];

export function createComposerView({ api, limits, onPhotoReady }) {
  const panel = byId("composer-panel");
  const form = byId("upload-form");
  const fileInput = byId("photo-input");
  const dropZone = byId("drop-zone");
  const photoHint = byId("photo-hint");
  const preview = byId("preview");
  const previewImage = byId("preview-image");
  const previewSummary = byId("preview-summary");
  const captionInput = byId("caption-input");
  const captionCount = byId("caption-count");
  const progress = byId("upload-progress");
  const progressBar = byId("upload-progress-bar");
  const progressLabel = byId("upload-progress-label");
  const status = byId("upload-status");
  const errorMessage = byId("upload-error");
  const shareButton = byId("share-button");

  // The file that passed the checks, with the content type to declare for it.
  let chosen = null;
  let previewUrl = null;
  let busy = false;

  fileInput.accept = [...limits.contentTypes, ...EXTRA_ACCEPTED_EXTENSIONS].join(",");
  captionInput.maxLength = limits.captionMaxLength;
  photoHint.textContent =
    `${describeContentTypes(limits.contentTypes)}, up to ${formatBytes(limits.maxUploadBytes)}. ` +
    "You can also drop a photo here.";
  updateCaptionCount();

  function choose(file) {
    hideMessage(errorMessage);
    hideMessage(status);
    clearChoice();
    if (!file) return;
    try {
      chosen = { file, contentType: checkFile(file, limits) };
    } catch (error) {
      showMessage(errorMessage, error.message, "error");
      return;
    }
    previewUrl = URL.createObjectURL(file);
    previewImage.hidden = false;
    previewImage.src = previewUrl;
    previewSummary.textContent = `${file.name} · ${formatBytes(file.size)}`;
    preview.hidden = false;
    shareButton.disabled = false;
  }

  function clearChoice() {
    chosen = null;
    fileInput.value = "";
    preview.hidden = true;
    previewImage.removeAttribute("src");
    if (previewUrl) URL.revokeObjectURL(previewUrl);
    previewUrl = null;
    shareButton.disabled = true;
  }

  function updateCaptionCount() {
    captionCount.textContent = `${captionInput.value.length} / ${limits.captionMaxLength}`;
  }

  function setWorking(working) {
    busy = working;
    fileInput.disabled = working;
    captionInput.disabled = working;
    setBusy(shareButton, working);
    if (!working) shareButton.disabled = chosen === null;
    progress.hidden = !working;
  }

  function showProgress(fraction) {
    const percent = Math.round(fraction * 100);
    progressBar.value = percent;
    progressLabel.textContent = `Uploading… ${percent}%`;
  }

  function showStage(stage) {
    if (stage === "processing") {
      // No value: the bar shows that work goes on without claiming how far along it is.
      progressBar.removeAttribute("value");
      progressLabel.textContent = "Processing your photo…";
    }
  }

  async function share() {
    if (!chosen || busy) return;
    hideMessage(errorMessage);
    hideMessage(status);
    setWorking(true);
    showProgress(0);
    try {
      const photo = await sharePhoto({
        api,
        file: chosen.file,
        contentType: chosen.contentType,
        caption: captionInput.value.trim() || undefined,
        onStage: showStage,
        onProgress: showProgress,
      });
      onPhotoReady(photo);
      clearChoice();
      captionInput.value = "";
      updateCaptionCount();
      showMessage(status, "Shared! Your photo is at the top of the feed.", "success");
    } catch (error) {
      showMessage(errorMessage, error.message, "error");
    } finally {
      setWorking(false);
    }
  }

  fileInput.addEventListener("change", () => choose(fileInput.files[0]));
  // A preview the browser cannot draw (HEIC in most browsers) is left out; the name stays.
  previewImage.addEventListener("error", () => {
    previewImage.hidden = true;
  });
  captionInput.addEventListener("input", updateCaptionCount);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    share();
  });
  enableDropping(dropZone, (file) => {
    if (!busy) choose(file);
  });

  return {
    show() {
      panel.hidden = false;
    },

    hide() {
      panel.hidden = true;
      clearChoice();
      hideMessage(errorMessage);
      hideMessage(status);
    },

    focus() {
      fileInput.focus();
    },
  };
}

/** Lets a file be dragged onto `zone`; `onFile` receives the first file dropped. */
function enableDropping(zone, onFile) {
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
    onFile(event.dataTransfer.files[0]);
  });
}
