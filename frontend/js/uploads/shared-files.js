/**
 * Photos shared to CloudGram from another app: Android's share sheet sends them to the web
 * manifest's share target, where the service worker (/sw.js) keeps them in Cache Storage under
 * SHARED_FILES_CACHE and opens the feed. `takeSharedFiles()` hands them to the page once, then
 * forgets them; the page puts them in the composer as if the person had chosen them.
 */

// The same name as in sw.js.
const SHARED_FILES_CACHE = "cloudgram-shared-files";
const CAPTION_PATH = "/shared-files/caption";

// Set while one call of takeSharedFiles() reads them.
let taking = false;

/** How many photos shared to CloudGram are waiting for the composer. */
export async function sharedFilesWaiting() {
  if (!("caches" in window) || !(await caches.has(SHARED_FILES_CACHE))) return 0;
  const cache = await caches.open(SHARED_FILES_CACHE);
  const keys = await cache.keys();
  return keys.filter((request) => !request.url.endsWith(CAPTION_PATH)).length;
}

/** Resolves to {files, caption} and forgets them, or to null when none are waiting. A call
 * made while another is reading them gets null, so they reach the composer once. */
export async function takeSharedFiles() {
  if (taking) return null;
  taking = true;
  try {
    return await readAndForget();
  } finally {
    taking = false;
  }
}

async function readAndForget() {
  if ((await sharedFilesWaiting()) === 0) return null;
  const cache = await caches.open(SHARED_FILES_CACHE);
  const files = [];
  let caption = "";
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    if (request.url.endsWith(CAPTION_PATH)) caption = await response.text();
    else files.push(await fileFrom(response));
  }
  await caches.delete(SHARED_FILES_CACHE);
  return { files, caption };
}

async function fileFrom(response) {
  const name = decodeURIComponent(response.headers.get("X-File-Name") ?? "shared photo");
  const blob = await response.blob();
  return new File([blob], name, { type: blob.type });
}
