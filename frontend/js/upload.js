/**
 * Sharing one photo, from the chosen file to a READY photo.
 *
 * 1. Check the file against the limits in config.json, so a wrong file fails at once, in words.
 * 2. POST /api/photos: the API records a PENDING photo and answers with a presigned POST, a
 *    one-time form that lets this browser send exactly this file, under a key the server chose,
 *    straight to the S3 uploads bucket (the bytes never pass through the API).
 * 3. POST the file to S3 with XMLHttpRequest, whose upload progress events drive the progress bar
 *    (fetch cannot report upload progress).
 * 4. Poll GET /api/photos/{id} until the image worker has made the renditions (READY) or given up
 *    (FAILED, with a reason).
 */

import { describeContentTypes, formatBytes } from "./format.js";

// Processing a phone photo takes a few hundred milliseconds, so a short interval shows it sooner.
const POLL_INTERVAL_MS = 250;
// About a minute: far longer than processing takes; after that the person is told to look later.
const POLL_ATTEMPTS = 240;

// Some systems give no MIME type for newer formats (HEIC from a phone, AVIF); the extension
// tells us what the file claims to be. The worker checks the real bytes either way.
const TYPES_BY_EXTENSION = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  heic: "image/heic",
  heif: "image/heif",
  avif: "image/avif",
  gif: "image/gif",
};

/** An upload problem, with a message that says what to do about it. */
export class UploadError extends Error {
  constructor(message) {
    super(message);
    this.name = "UploadError";
  }
}

/** The content type to declare for `file`, or an UploadError if CloudGram would refuse it. */
export function checkFile(file, limits) {
  const contentType = contentTypeOf(file);
  if (!limits.contentTypes.includes(contentType)) {
    throw new UploadError(
      `“${file.name}” is not a photo CloudGram can take. Choose a ` +
        `${describeContentTypes(limits.contentTypes)} image.`,
    );
  }
  if (file.size === 0) {
    throw new UploadError(`“${file.name}” is empty. Choose another photo.`);
  }
  if (file.size > limits.maxUploadBytes) {
    throw new UploadError(
      `“${file.name}” is ${formatBytes(file.size)}; photos can be at most ` +
        `${formatBytes(limits.maxUploadBytes)}. Choose a smaller one.`,
    );
  }
  return contentType;
}

function contentTypeOf(file) {
  if (file.type) return file.type.toLowerCase();
  const extension = file.name.split(".").pop().toLowerCase();
  return TYPES_BY_EXTENSION[extension] ?? "";
}

/**
 * Runs steps 2 to 4 for a file that passed checkFile and resolves to the READY photo.
 * `onStage("uploading" | "processing")` and `onProgress(fraction)` report how far it got.
 */
export async function sharePhoto({ api, file, contentType, caption, onStage, onProgress }) {
  const { photo, upload } = await api.createPhoto({ contentType, size: file.size, caption });
  onStage("uploading");
  await postToStorage(upload, file, onProgress);
  onStage("processing");
  return waitUntilProcessed(api, photo.id);
}

/** The presigned POST: the policy's fields first, the file last (S3 ignores fields after it). */
function postToStorage(upload, file, onProgress) {
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

async function waitUntilProcessed(api, photoId) {
  for (let attempt = 0; attempt < POLL_ATTEMPTS; attempt += 1) {
    const photo = await api.getPhoto(photoId);
    if (photo.status === "READY") return photo;
    if (photo.status === "FAILED") {
      const reason = (photo.failureReason ?? "no reason given").replace(/\.$/, "");
      throw new UploadError(`CloudGram could not use this photo: ${reason}.`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  throw new UploadError(
    "Your photo is uploaded but still being processed. It will appear in the feed when it is ready.",
  );
}
