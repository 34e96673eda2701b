/**
 * What only a photo's owner gets next to it: "Edit" (its caption and alt text, in place,
 * caption-editor.js) and
 * "Delete" (after the confirmation dialog, confirm-dialog.js). Used on feed cards and on the
 * photo page.
 *
 * The page offers them only to the person whose name is on the photo. That is a courtesy, not
 * the protection: the API answers anyone else's change or delete with 403.
 */

import { element, hideMessage, setBusy, showMessage, visuallyHidden } from "../helpers/dom.js";
import { announcePhotoChanged, announcePhotoDeleted } from "../helpers/photo-events.js";
import { createCaptionEditor } from "./caption-editor.js";
import { confirmPhotoDeletion } from "./confirm-dialog.js";

/** Whether the signed-in person shared `photo`. Usernames ignore case, as Cognito does. */
export function isOwnPhoto(photo, session) {
  const owner = photo.owner?.username;
  return Boolean(session.username && owner && owner.toLowerCase() === session.username.toLowerCase());
}

/**
 * Returns the controls' element. The caption editor takes `captionElement`'s place while open;
 * `onDeleted()` runs once the API has deleted the photo.
 */
export function createOwnerControls({ photo, api, limits, captionElement, onDeleted }) {
  const controls = element("div", "owner-controls");
  const editButton = element("button", "button button--quiet button--small", "Edit");
  editButton.type = "button";
  editButton.append(visuallyHidden(" caption and alt text"));
  editButton.setAttribute("aria-expanded", "false");
  const deleteButton = element("button", "button button--quiet button--small button--danger", "Delete");
  deleteButton.type = "button";
  deleteButton.append(visuallyHidden(" photo"));
  const message = element("p", "message message--error owner-controls__message");
  message.setAttribute("role", "alert");
  message.hidden = true;
  controls.append(editButton, deleteButton, message);

  let editor = null;

  function closeEditor(updated) {
    editor.form.remove();
    editor = null;
    captionElement.classList.remove("is-being-edited");
    editButton.setAttribute("aria-expanded", "false");
    if (updated) {
      photo.caption = updated.caption;
      photo.altText = updated.altText;
      // Every place showing this photo, this one included, updates its words from this news.
      announcePhotoChanged(photo.id, { caption: updated.caption, altText: updated.altText });
    }
    editButton.focus();
  }

  editButton.addEventListener("click", () => {
    if (!editor) {
      editor = createCaptionEditor({
        photo,
        api,
        limits,
        onDone: closeEditor,
      });
      captionElement.classList.add("is-being-edited");
      captionElement.after(editor.form);
      editButton.setAttribute("aria-expanded", "true");
    }
    editor.focus();
  });

  deleteButton.addEventListener("click", async () => {
    if (!(await confirmPhotoDeletion())) return;
    hideMessage(message);
    setBusy(deleteButton, true);
    try {
      await api.deletePhoto(photo.id);
    } catch (error) {
      // Already gone (deleted from another tab): what the person wanted has happened.
      if (error.status !== 404) {
        showMessage(message, `The photo was not deleted: ${error.message}`, "error");
        setBusy(deleteButton, false);
        return;
      }
    }
    announcePhotoDeleted(photo);
    onDeleted?.();
  });

  return controls;
}
