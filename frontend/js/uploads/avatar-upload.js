/**
 * A new profile picture, from file to shown: the second kind of upload, through the same steps
 * as a photo's (upload.js) and the same image worker.
 *
 * 1. Check the file by its bytes (upload.js's checkFile), so a wrong file fails at once.
 * 2. POST /api/me/avatar answers a presigned POST; upload.js's postToStorage sends the file
 *    straight to the uploads bucket, reporting its progress.
 * 3. Poll the owner's profile until the worker has made the square pictures (`avatarUpload` is
 *    gone and `avatar` is the new one) or refused the file (`avatarUpload.status` FAILED, with
 *    its reason). Until then the profile keeps the old picture.
 */

import { POLL_ATTEMPTS, POLL_INTERVAL_MS, UploadError, checkFile, pause, postToStorage } from "./upload.js";

/**
 * Resolves to the profile with its new picture; rejects with an UploadError (or the API's
 * error) that says what went wrong. `onStage("uploading" | "processing")` and
 * `onProgress(fraction)` report how far it got.
 */
export async function uploadAvatar({ api, file, username, limits, signal, onStage, onProgress }) {
  const contentType = await checkFile(file, limits);
  const { upload } = await api.requestAvatarUpload({ contentType, size: file.size });
  signal.throwIfAborted();
  onStage("uploading");
  await postToStorage(upload, file, onProgress, signal);
  onStage("processing");
  return waitUntilShown(api, username, signal);
}

async function waitUntilShown(api, username, signal) {
  for (let attempt = 0; attempt < POLL_ATTEMPTS; attempt += 1) {
    const profile = await api.profile(username);
    signal.throwIfAborted();
    if (!profile.avatarUpload) return profile;
    if (profile.avatarUpload.status === "FAILED") {
      const reason = (profile.avatarUpload.failureReason ?? "no reason given").replace(/\.$/, "");
      throw new UploadError(`CloudGram could not use this picture: ${reason}.`);
    }
    await pause(POLL_INTERVAL_MS, signal);
  }
  throw new UploadError("Your picture is uploaded but still being processed. Look again in a moment.");
}
