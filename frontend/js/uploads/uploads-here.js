/**
 * What the rest of the page may ask of the uploads this page runs: whether a photo is being
 * uploaded here right now, the file this page sent for a photo, and sharing a file again.
 *
 * A profile or a photo page shows its owner a PENDING photo whose file never arrived as "Upload
 * interrupted", unless this very page is still sending it; its Retry sends the same file again
 * when the page still holds it (the upload failed or was cut off here, without a reload), and
 * asks the person to choose it again otherwise. The composer's upload queue (upload-queue.js)
 * registers itself here; the views need not know where it lives.
 */

// The queue's side of it: {isUploading(photoId), shareAgain({file, contentType, caption, altText})}.
let uploadList = null;
// The file behind each photo this page has started to upload, until sign-out: a File is a
// reference to the person's own file, so keeping it costs next to nothing.
const filesSent = new Map();

export function registerUploadList(list) {
  uploadList = list;
}

/** Notes the file behind `photoId`, so a Retry can send it again. */
export function rememberFileSent(photoId, file, contentType) {
  filesSent.set(photoId, { file, contentType });
}

/** Forgets every file (on sign-out: the next person must not retry with them). */
export function forgetFilesSent() {
  filesSent.clear();
}

/** {file, contentType} of the file this page sent for `photoId`, or null. */
export function fileSentFor(photoId) {
  return filesSent.get(photoId) ?? null;
}

/** Whether this page is uploading or processing `photoId` right now. */
export function isUploadingHere(photoId) {
  return uploadList?.isUploading(photoId) ?? false;
}

/**
 * Shares `file` again as a new photo with `caption` and `altText`, through the upload list (so it shows there
 * too); resolves to the READY photo, or rejects with the reason it could not be shared.
 */
export function shareAgain({ file, contentType, caption, altText }) {
  if (!uploadList) return Promise.reject(new Error("Sign in to share photos."));
  return uploadList.shareAgain({ file, contentType, caption, altText });
}
