/**
 * One file in the upload list, as the person sees it: a preview, the file's name and size with
 * its Cancel button beside them, its own caption field, its alt text (folded away until asked
 * for), and one line that says where it stands
 * (a status, or the progress bar while it uploads).
 *
 * It only draws. upload-queue.js decides what happens to the file and tells the item which stage
 * to show. The preview starts as a neutral placeholder (an icon and the file name) and the real
 * picture replaces it only once the browser has drawn it, so a file the browser cannot show
 * (HEIC, in Chromium) keeps the placeholder and never shows a broken image.
 *
 * Nothing moves when an upload starts: the Cancel button sits at the top, beside the name, and
 * the status and the progress bar take turns in one place whose height is kept from the start.
 * A second tap on Share (a double tap, a double click) so never lands on a control that was not
 * there for the first one.
 */

import { element, icon, visuallyHidden } from "../helpers/dom.js";
import { countedField } from "../helpers/counted-field.js";
import { formatBytes } from "../helpers/format.js";

const PHOTO_ICON_PATH =
  "M4 5h16a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zm1 2v9.6l4.2-4.2 " +
  "3 3 2.3-2.3L19 17.6V7H5zm10.5 1.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3z";

// What the status line says at each stage; while the file uploads or is processed, the progress
// bar shows instead, with its own label.
const STATUS_TEXTS = {
  waiting: "Ready to share.",
  queued: "Waiting for the other photos to upload…",
  cancelling: "Cancelling…",
  ready: "Shared! It is in the feed now.",
};
const PROGRESS_STAGES = ["starting", "uploading", "processing"];
// A shared photo needs no button of its own: "Clear" (upload-queue.js) dismisses them all.
const BUTTON_TEXTS = { ready: null, failed: "Dismiss", "cancel-failed": "Dismiss" };

// What alt text is for, said where it is typed.
export const ALT_TEXT_PLACEHOLDER = "What the photo shows, for people who cannot see it";

let itemsCreated = 0;

/** `onCancel()` runs when the item's Cancel (or, once it failed, Dismiss) button is pressed. */
export function createUploadItem({
  file,
  maxCaptionLength,
  maxAltTextLength,
  onCancel,
  caption: initialCaption = "",
  altText: initialAltText = "",
}) {
  itemsCreated += 1;
  const id = `upload-item-${itemsCreated}`;
  const item = element("li", "upload-item");
  // Focus comes here when the item changes under the person's hands (shared, or its neighbour
  // cancelled): the item as a whole, never one of its buttons, so a second press of Enter or a
  // second tap does nothing it was not meant to.
  item.tabIndex = -1;

  const { thumbnail, dispose } = renderThumbnail(file);

  const name = element("p", "upload-item__name", file.name);
  name.append(element("span", "upload-item__size", ` · ${formatBytes(file.size)}`));

  const captionLabel = element("span", "", "Caption ");
  captionLabel.append(
    element("span", "field__optional", "(optional)"),
    visuallyHidden(` for ${file.name}`),
  );
  const { field: captionField, input: caption } = countedField({
    id: `${id}-caption`,
    label: captionLabel,
    maxLength: maxCaptionLength,
    value: initialCaption,
    rows: 2,
    className: "upload-item__caption",
  });

  // Folded away at first, so an item stays short on a phone; open at once when Retry brings
  // alt text back.
  const altTextDetails = element("details", "upload-item__alt-text");
  altTextDetails.open = Boolean(initialAltText);
  const altTextSummary = element("summary", "", "Add alt text");
  altTextSummary.append(visuallyHidden(` for ${file.name}`));
  const altTextLabel = element("span", "", "Alt text");
  altTextLabel.append(visuallyHidden(` for ${file.name}`));
  const { field: altTextField, input: altText } = countedField({
    id: `${id}-alt-text`,
    label: altTextLabel,
    maxLength: maxAltTextLength,
    value: initialAltText,
    rows: 2,
  });
  altText.placeholder = ALT_TEXT_PLACEHOLDER;
  altTextDetails.append(altTextSummary, altTextField);

  const progress = element("div", "progress");
  const progressLabel = element("label", "", "Uploading…");
  progressLabel.htmlFor = `${id}-progress`;
  const progressBar = element("progress", "upload-item__progress-bar");
  progressBar.id = `${id}-progress`;
  progressBar.max = 100;
  progressBar.value = 0;
  progress.append(progressLabel, progressBar);
  progress.hidden = true;

  const status = element("p", "upload-item__status");
  status.setAttribute("role", "status");
  const state = element("div", "upload-item__state");
  state.append(progress, status);

  const button = element("button", "button button--quiet button--small upload-item__cancel");
  button.type = "button";
  button.addEventListener("click", onCancel);

  const header = element("div", "upload-item__header");
  header.append(name, button);
  const body = element("div", "upload-item__body");
  body.append(header, captionField, altTextDetails, state);
  item.append(thumbnail, body);

  function setButton(text) {
    button.hidden = !text;
    if (text) button.replaceChildren(text, visuallyHidden(` ${file.name}`));
  }

  function setStatus(text, kind) {
    status.textContent = text;
    status.hidden = !text;
    status.classList.toggle("upload-item__status--success", kind === "success");
    status.classList.toggle("upload-item__status--error", kind === "error");
  }

  /** Shows `stage`; `message` is the reason for "failed" and "cancel-failed". */
  function show(stage, message) {
    item.dataset.stage = stage;
    caption.disabled = stage !== "waiting";
    altText.disabled = stage !== "waiting";
    progress.hidden = !PROGRESS_STAGES.includes(stage);
    if (stage === "starting") {
      progressBar.value = 0;
      progressLabel.textContent = "Starting…";
    }
    if (stage === "uploading") showProgress(progressBar.value / 100);
    if (stage === "processing") {
      // No value: the bar shows that work goes on without claiming how far along it is.
      progressBar.removeAttribute("value");
      progressLabel.textContent = "Processing…";
    }
    if (stage === "failed" || stage === "cancel-failed") setStatus(message, "error");
    else setStatus(STATUS_TEXTS[stage] ?? "", stage === "ready" ? "success" : "info");
    button.disabled = stage === "cancelling";
    setButton(stage in BUTTON_TEXTS ? BUTTON_TEXTS[stage] : "Cancel");
  }

  function showProgress(fraction) {
    const percent = Math.round(fraction * 100);
    progressBar.value = percent;
    progressLabel.textContent = `Uploading… ${percent}%`;
  }

  show("waiting");
  return {
    element: item,
    caption: () => caption.value.trim() || undefined,
    altText: () => altText.value.trim() || undefined,
    show,
    showProgress,
    /** `preventScroll`: moving the page now would move what is under the person's finger. */
    focus: ({ preventScroll = false } = {}) => item.focus({ preventScroll }),
    dispose,
  };
}

/** The placeholder, and the preview that takes its place once the browser has drawn it. */
function renderThumbnail(file) {
  const thumbnail = element("div", "upload-item__thumbnail");
  const placeholder = element("div", "upload-item__placeholder");
  placeholder.append(icon(PHOTO_ICON_PATH), element("span", "upload-item__placeholder-name", file.name));
  const preview = element("img", "upload-item__preview");
  preview.alt = `Preview of ${file.name}`;
  preview.hidden = true;
  const previewUrl = URL.createObjectURL(file);
  preview.addEventListener("load", () => {
    preview.hidden = false;
    placeholder.hidden = true;
  });
  preview.addEventListener("error", () => preview.remove());
  preview.src = previewUrl;
  thumbnail.append(placeholder, preview);
  return { thumbnail, dispose: () => URL.revokeObjectURL(previewUrl) };
}
