/**
 * Editing a caption in place: a form with a textarea, a character counter, Save and Cancel, put
 * where the caption is shown while the owner edits it.
 *
 * The limit and the counter are the same as when sharing a photo. The API checks the caption
 * again; if it refuses, its message (written for people) is shown in the form and nothing is
 * lost. Escape in the textarea cancels, as it closes the delete dialog.
 */

import { element, hideMessage, setBusy, showMessage } from "../helpers/dom.js";

let editorsCreated = 0;

/**
 * Returns the form. `onDone(updatedPhoto | null)` is called after a save (with the photo the
 * API returned) or a cancel (with null); the caller removes the form then.
 */
export function createCaptionEditor({ photo, api, maxLength, onDone }) {
  editorsCreated += 1;
  const id = `caption-editor-${editorsCreated}`;

  const form = element("form", "caption-editor");
  form.noValidate = true;
  const field = element("div", "field");
  const label = element("label", "", "Caption");
  label.htmlFor = `${id}-text`;
  const textarea = element("textarea");
  textarea.id = `${id}-text`;
  textarea.rows = 3;
  textarea.maxLength = maxLength;
  textarea.value = photo.caption ?? "";
  const counter = element("p", "field__hint field__counter");
  counter.id = `${id}-count`;
  textarea.setAttribute("aria-describedby", counter.id);
  field.append(label, textarea, counter);

  const error = element("p", "message message--error");
  error.setAttribute("role", "alert");
  error.hidden = true;

  const buttons = element("div", "caption-editor__buttons");
  const save = element("button", "button button--primary", "Save");
  save.type = "submit";
  const cancel = element("button", "button button--secondary", "Cancel");
  cancel.type = "button";
  buttons.append(save, cancel);
  form.append(field, error, buttons);

  function updateCounter() {
    counter.textContent = `${textarea.value.length} / ${maxLength}`;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    hideMessage(error);
    setBusy(save, true);
    cancel.disabled = true;
    try {
      onDone(await api.editCaption(photo.id, textarea.value.trim()));
    } catch (refusal) {
      showMessage(error, `The caption was not saved: ${refusal.message}`, "error");
      textarea.focus();
    } finally {
      setBusy(save, false);
      cancel.disabled = false;
    }
  });
  cancel.addEventListener("click", () => onDone(null));
  textarea.addEventListener("input", updateCounter);
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      onDone(null);
    }
  });

  updateCounter();
  return {
    form,
    focus() {
      textarea.focus();
      textarea.setSelectionRange(textarea.value.length, textarea.value.length);
    },
  };
}
