/**
 * Sharing one photo, from the chosen file to a READY photo.
 *
 * 1. Check the file: its first bytes must be an image CloudGram takes (file-type.js), within the
 *    size limit of config.json, so a wrong file fails at once, in words, before anything is sent.
 * 2. POST /api/photos: the API records a PENDING photo and answers with a presigned POST, a
 *    one-time form that lets this browser send exactly this file, under a key the server chose,
 *    straight to the S3 uploads bucket (the bytes never pass through the API).
 * 3. POST the file to S3 with XMLHttpRequest, whose upload progress events drive the progress bar
 *    (fetch cannot report upload progress).
 * 4. Poll GET /api/photos/{id} until the image worker has made the renditions (READY) or given up
 *    (FAILED, with a reason).
 *
 * An AbortSignal stops steps 3 and 4 at once (the XHR is aborted). The photo the API recorded in
 * step 2 is then still there, PENDING: whoever aborts deletes it (upload-queue.js does).
 */

import { describeContentTypes, formatBytes } from "../helpers/format.js";
import { detectImageType } from "./file-type.js";

// Processing a phone photo takes a few hundred milliseconds, so a short interval shows it sooner.
export const POLL_INTERVAL_MS = 250;
// About a minute: far longer than processing takes; after that the person is told to look later.
export const POLL_ATTEMPTS = 240;

// The file picker filters by type or extension. Phones may hand over HEIC, HEIF and AVIF photos
// without a type, and cameras save 3D photos as ".mpo" (a JPEG inside): the extensions let the
// picker offer them. What counts is the bytes (checkFile), whatever the picker lets through.
const EXTRA_ACCEPTED_EXTENSIONS = [".heic", ".heif", ".avif", ".mpo"];

/** The `accept` attribute of a file picker for photos. */
export function acceptedFiles(limits) {
  return [...limits.contentTypes, ...EXTRA_ACCEPTED_EXTENSIONS].join(",");
}

/** An upload problem, with a message that says what to do about it. */
export class UploadError extends Error {
  constructor(message) {
    super(message);
    this.name = "UploadError";
  }
}

/** Resolves to the content type to declare for `file`; rejects with an UploadError if CloudGram
 * would refuse it. The type comes from the file's bytes, never from its name or `file.type`. */
export async function checkFile(file, limits) {
  if (file.size === 0) {
    throw new UploadError(`“${file.name}” is empty. Choose another photo.`);
  }
  const contentType = await detectImageType(file);
  if (!limits.contentTypes.includes(contentType)) {
    throw new UploadError(
      `“${file.name}” is not a photo CloudGram can take. Choose a ` +
        `${describeContentTypes(limits.contentTypes)} image.`,
    );
  }
  if (file.size > limits.maxUploadBytes) {
    throw new UploadError(
      `“${file.name}” is ${formatBytes(file.size)}; photos can be at most ` +
        `${formatBytes(limits.maxUploadBytes)}. Choose a smaller one.`,
    );
  }
  return contentType;
}

/**
 * Runs steps 2 to 4 for a file that passed checkFile and resolves to the READY photo.
 * `onCreated(photo)` receives the PENDING photo as soon as the API has recorded it;
 * `onStage("uploading" | "processing")` and `onProgress(fraction)` report how far it got.
 * After `signal` aborts, it rejects with the signal's reason (an "AbortError").
 */
export async function sharePhoto({
  api,
  file,
  contentType,
  caption,
  altText,
  signal,
  onCreated,
  onStage,
  onProgress,
}) {
  const { photo, upload } = await api.createPhoto({ contentType, size: file.size, caption, altText });
  onCreated(photo);
  signal.throwIfAborted();
  onStage("uploading");
  await postToStorage(upload, file, onProgress, signal);
  onStage("processing");
  return waitUntilProcessed(api, photo.id, signal);
}

/** Sends `file` through a presigned POST (`upload`, {url, fields}) with XMLHttpRequest, for its
 * progress: the policy's fields first, the file last (S3 ignores fields after it). A profile
 * picture goes the same way (avatar-upload.js). */
export function postToStorage(upload, file, onProgress, signal) {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append("file", file);

  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", upload.url);
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    request.addEventListener("load", () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve();
      } else {
        reject(new UploadError(storageErrorMessage(request)));
      }
    });
    request.addEventListener("error", () =>
      reject(new UploadError("The upload could not reach storage. Check your connection and try again.")),
    );
    request.addEventListener("abort", () => reject(signal.reason));
    signal.addEventListener("abort", () => request.abort(), { once: true });
    request.send(form);
  });
}

/** S3 explains a refusal in XML: <Error><Code>EntityTooLarge</Code><Message>…</Message></Error>. */
function storageErrorMessage(request) {
  const document = new DOMParser().parseFromString(request.responseText, "application/xml");
  const code = document.querySelector("Error > Code")?.textContent;
  const message = document.querySelector("Error > Message")?.textContent;
  if (!code && !message) return `Storage refused the upload (HTTP ${request.status}). Try again.`;
  return `Storage refused the upload: ${message ?? "no reason given"} (${code ?? request.status}).`;
}

async function waitUntilProcessed(api, photoId, signal) {
  for (let attempt = 0; attempt < POLL_ATTEMPTS; attempt += 1) {
    const photo = await api.getPhoto(photoId);
    signal.throwIfAborted();
    if (photo.status === "READY") return photo;
    if (photo.status === "FAILED") {
      const reason = (photo.failureReason ?? "no reason given").replace(/\.$/, "");
      throw new UploadError(`CloudGram could not use this photo: ${reason}.`);
    }
    await pause(POLL_INTERVAL_MS, signal);
  }
  throw new UploadError(
    "Your photo is uploaded but still being processed. It will appear in the feed when it is ready.",
  );
}

/** Waits `milliseconds`, or less if `signal` aborts meanwhile (then rejects). */
export function pause(milliseconds, signal) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, milliseconds);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
