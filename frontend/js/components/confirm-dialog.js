/**
 * The confirmations asked before a step a person may regret: "Delete this photo?" before a photo
 * is deleted for good, "Delete this comment?" (or reply) before a comment is
 * (comment-section.js), "Unfollow @name?" before an unfollow (follow-button.js), and "Stop
 * uploading and sign out?" when photos are still uploading (views/composer-view.js).
 *
 * Each is a <dialog> in index.html (#delete-dialog, #delete-comment-dialog, #unfollow-dialog,
 * #sign-out-dialog), opened with showModal(), which gives what a confirmation needs without
 * extra code: the rest of the page cannot be reached while it is open, focus starts on its safe
 * button, Escape closes it as a cancel, and focus goes back to the button that opened it. Its two
 * buttons submit a `method="dialog"` form, which closes the dialog with the pressed button's
 * value as `returnValue`.
 */

import { byId } from "../helpers/dom.js";

/** Resolves to true when the person confirms, false when they cancel (button or Escape). */
export function confirmPhotoDeletion() {
  return ask(byId("delete-dialog"), "delete");
}

/** Asks "Delete this comment?", or "Delete this reply?" when `isReply`; resolves as
 * confirmPhotoDeletion does. */
export function confirmCommentDeletion({ isReply }) {
  byId("delete-comment-dialog-title").textContent = isReply
    ? "Delete this reply?"
    : "Delete this comment?";
  byId("delete-comment-dialog-text").textContent = isReply
    ? "It disappears for everyone. This cannot be undone."
    : "It disappears for everyone, with its replies. This cannot be undone.";
  return ask(byId("delete-comment-dialog"), "delete");
}

/** Asks "Unfollow @<username>?"; resolves as confirmPhotoDeletion does. */
export function confirmUnfollow(username) {
  byId("unfollow-dialog-name").textContent = `@${username}`;
  return ask(byId("unfollow-dialog"), "unfollow");
}

/** Asks "Stop uploading and sign out?", saying how many photos (`count`) are still uploading;
 * resolves as confirmPhotoDeletion does. */
export function confirmStoppingUploads(count) {
  byId("sign-out-dialog-text").textContent =
    count === 1
      ? "A photo has not finished uploading. If you sign out now, it is not shared."
      : `${count} photos have not finished uploading. If you sign out now, they are not shared.`;
  return ask(byId("sign-out-dialog"), "sign-out");
}

/** Opens `dialog`; resolves to whether it was closed with the button whose value is
 * `confirmValue`. */
function ask(dialog, confirmValue) {
  return new Promise((resolve) => {
    dialog.returnValue = "";
    dialog.addEventListener("close", () => resolve(dialog.returnValue === confirmValue), {
      once: true,
    });
    dialog.showModal();
  });
}
