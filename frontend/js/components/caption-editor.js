/**
 * Editing a photo's words in place: a form with its caption and its alt text (what the picture
 * shows, for people who cannot see it), each with a character counter, Save and Cancel, put where
 * the caption is shown while the owner edits it.
 *
 * The limits and the counters are the same as when sharing a photo. Only what changed is sent.
 * The API checks both again; if it refuses, its message (written for people) is shown in the
 * form and nothing is lost. Escape in either field cancels, as it closes the delete dialog.
 */

import { countedField } from "../helpers/counted-field.js";
import { element, hideMessage, setBusy, showMessage } from "../helpers/dom.js";
import { ALT_TEXT_PLACEHOLDER } from "../uploads/upload-item.js";

let editorsCreated = 0;

/**
 * Returns the form. `limits` come from config.json. `onDone(updatedPhoto | null)` is called
 * after a save (with the photo the API returned) or a cancel (with null); the caller removes the
 * form then.
 */
export function createCaptionEditor({ photo, api, limits, onDone }) {
  editorsCreated += 1;
  const id = `caption-editor-${editorsCreated}`;

  const form = element("form", "caption-editor");
  form.noValidate = true;
  const { field: captionField, input: caption } = countedField({
    id: `${id}-text`,
    label: "Caption",
    maxLength: limits.captionMaxLength,
    value: photo.caption ?? "",
    rows: 3,
  });
  const { field: altTextField, input: altText } = countedField({
    id: `${id}-alt-text`,
    label: "Alt text",
    maxLength: limits.altTextMaxLength,
    value: photo.altText ?? "",
    rows: 2,
  });
  altText.placeholder = ALT_TEXT_PLACEHOLDER;

  const error = element("p", "message message--error");
  error.setAttribute("role", "alert");
  error.hidden = true;

  const buttons = element("div", "caption-editor__buttons");
  const save = element("button", "button button--primary", "Save");
  save.type = "submit";
  const cancel = element("button", "button button--secondary", "Cancel");
  cancel.type = "button";
  buttons.append(save, cancel);
  form.append(captionField, altTextField, error, buttons);

  function changes() {
    const changed = {};
    if (caption.value.trim() !== (photo.caption ?? "")) changed.caption = caption.value.trim();
    if (altText.value.trim() !== (photo.altText ?? "")) changed.altText = altText.value.trim();
    return changed;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const changed = changes();
    if (Object.keys(changed).length === 0) {
      onDone(null);
      return;
    }
    hideMessage(error);
    setBusy(save, true);
    cancel.disabled = true;
    try {
      onDone(await api.editPhoto(photo.id, changed));
    } catch (refusal) {
      showMessage(error, `The changes were not saved: ${refusal.message}`, "error");
      caption.focus();
    } finally {
      setBusy(save, false);
      cancel.disabled = false;
    }
  });
  cancel.addEventListener("click", () => onDone(null));
  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && event.target.matches("textarea")) {
      event.preventDefault();
      onDone(null);
    }
  });

  return {
    form,
    focus() {
      caption.focus();
      caption.setSelectionRange(caption.value.length, caption.value.length);
    },
  };
}
