/**
 * The confirmation asked before something that cannot be undone: "Delete this photo?", and
 * "Stop uploading and sign out?" when photos are still on their way.
 *
 * It is the <dialog id="confirm-dialog"> in index.html, given its words each time and opened
 * with showModal(), which gives what a confirmation needs without extra code: the rest of the
 * page cannot be reached while it is open, focus starts on its safe button (the cancel one),
 * Escape closes it as a cancel, and focus goes back to the button that opened it. Its two
 * buttons submit a `method="dialog"` form, which closes the dialog with the pressed button's
 * value as `returnValue`.
 */

import { byId } from "../helpers/dom.js";

const CONFIRM_VALUE = "confirm";

/** Resolves to true when the person confirms, false when they cancel (button or Escape). */
export function askToConfirm({ title, text, confirmLabel, cancelLabel = "Cancel" }) {
  const dialog = byId("confirm-dialog");
  byId("confirm-dialog-title").textContent = title;
  byId("confirm-dialog-text").textContent = text;
  byId("confirm-dialog-confirm").textContent = confirmLabel;
  byId("confirm-dialog-cancel").textContent = cancelLabel;
  return new Promise((resolve) => {
    dialog.returnValue = "";
    dialog.addEventListener("close", () => resolve(dialog.returnValue === CONFIRM_VALUE), {
      once: true,
    });
    dialog.showModal();
  });
}

export function confirmPhotoDeletion() {
  return askToConfirm({
    title: "Delete this photo?",
    text: "It disappears from CloudGram for everyone, with its likes. This cannot be undone.",
    confirmLabel: "Delete",
  });
}
