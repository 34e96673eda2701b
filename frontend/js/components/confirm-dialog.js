/**
 * "Delete this photo?": the confirmation asked before a photo is deleted for good.
 *
 * It is the <dialog id="delete-dialog"> in index.html, opened with showModal(), which gives what
 * a confirmation needs without extra code: the rest of the page cannot be reached while it is
 * open, focus starts on its safe button (Cancel), Escape closes it as a cancel, and focus goes
 * back to the button that opened it. Its two buttons submit a `method="dialog"` form, which
 * closes the dialog with the pressed button's value as `returnValue`.
 */

import { byId } from "../helpers/dom.js";

const CONFIRM_VALUE = "delete";

/** Resolves to true when the person confirms, false when they cancel (button or Escape). */
export function confirmPhotoDeletion() {
  const dialog = byId("delete-dialog");
  return new Promise((resolve) => {
    dialog.returnValue = "";
    dialog.addEventListener("close", () => resolve(dialog.returnValue === CONFIRM_VALUE), {
      once: true,
    });
    dialog.showModal();
  });
}
