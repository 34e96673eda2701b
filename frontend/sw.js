/**
 * CloudGram's service worker: what makes the installed app open without a connection, and what
 * receives photos shared to it from other apps. js/services/service-worker.js registers it, at
 * /sw.js so that its scope is the whole site.
 *
 * It keeps the app shell only: the page (index.html), its stylesheets and scripts, the icons,
 * the manifest and offline.html. Never the API's answers, photos, /config.json (settings that
 * change with each deploy), anything sent with an Authorization header, or anything from another
 * origin (Cognito, the uploads bucket): those go to the network as if there were no worker, so
 * nothing private is ever kept on the device by it, and nobody sees stale photos or likes.
 *
 *   a page (navigation)       network first; offline, the page kept from the last visit, and
 *                             failing that offline.html
 *   /js/main.3f2a9c1b7d4e.js  a name with a content hash (as the deploy names files) never
 *                             changes: cache first
 *   /js/main.js, /icons/...   an unhashed shell file (as in development): network first, so an
 *                             edit shows on the next reload, and the cache when offline
 *   POST /share-target        the manifest's share target: the shared files are kept under
 *                             SHARED_FILES_CACHE and the feed opens (js/uploads/shared-files.js
 *                             takes them to the composer)
 *   anything else             not touched
 */

// Change the version when the shell's caching changes: the new worker deletes the old cache.
const SHELL_CACHE = "cloudgram-shell-v1";
// Read by js/uploads/shared-files.js too; never deleted on activate, so a share survives an update.
const SHARED_FILES_CACHE = "cloudgram-shared-files";
const PAGE = "/";
const OFFLINE_PAGE = "/offline.html";
const SHELL_FOLDERS = ["/css/", "/js/", "/icons/"];
const SHELL_FILES = [PAGE, OFFLINE_PAGE, "/manifest.webmanifest"];
const SHARE_TARGET = "/share-target";
// The API's answers and the photos (private ones too), and the settings of the current deploy.
const NEVER_KEPT_FOLDERS = ["/api/", "/media/"];
const SETTINGS = "/config.json";
// "<stem>.<first 12 hex digits of its SHA-256>.<ext>", as infra/deploy/site.py names files.
const HASHED_NAME = /^(.*)\.[0-9a-f]{12}\.(js|css)$/;

self.addEventListener("install", (event) => {
  // The offline page must be there before the first time it is needed.
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll([PAGE, OFFLINE_PAGE])));
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(deleteOldCaches().then(() => self.clients.claim()));
});

async function deleteOldCaches() {
  const kept = [SHELL_CACHE, SHARED_FILES_CACHE];
  const old = (await caches.keys()).filter((name) => !kept.includes(name));
  await Promise.all(old.map((name) => caches.delete(name)));
}

// The page that registered the worker loaded its scripts before the worker existed: it sends
// their addresses (js/services/service-worker.js), so that the next visit works offline too.
self.addEventListener("message", (event) => {
  if (event.data?.type !== "keep-shell-files") return;
  const shellFiles = event.data.urls.map((url) => new URL(url)).filter(isShellFile);
  event.waitUntil(Promise.all(shellFiles.map((url) => fetchAndKeep(new Request(url)))));
});

// Returning without respondWith() leaves a request to the browser, as if there were no worker.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && url.pathname === SHARE_TARGET) {
    event.respondWith(receiveSharedFiles(request));
    return;
  }
  if (request.method !== "GET" || request.headers.has("Authorization") || isNeverKept(url)) return;
  if (request.mode === "navigate") {
    event.respondWith(pageNetworkFirst(request, url));
  } else if (hashedStem(url)) {
    event.respondWith(cacheFirst(request));
  } else if (isShellFile(url)) {
    event.respondWith(networkFirst(request));
  }
});

function isNeverKept(url) {
  const inFolder = NEVER_KEPT_FOLDERS.some((folder) => url.pathname.startsWith(folder));
  return inFolder || url.pathname === SETTINGS;
}

function isShellFile(url) {
  if (url.origin !== self.location.origin) return false;
  const inFolder = SHELL_FOLDERS.some((folder) => url.pathname.startsWith(folder));
  return inFolder || SHELL_FILES.includes(url.pathname);
}

/** Any page of the site (/, /p/<id>) is index.html to the router; only "/" itself is kept. */
async function pageNetworkFirst(request, url) {
  try {
    const response = await fetch(request);
    if (url.pathname === PAGE && response.ok) await keep(PAGE, response.clone());
    return response;
  } catch (error) {
    const cache = await caches.open(SHELL_CACHE);
    const kept = (await cache.match(PAGE)) ?? (await cache.match(OFFLINE_PAGE));
    if (kept) return kept;
    throw error;
  }
}

async function cacheFirst(request) {
  return (await caches.match(request, { cacheName: SHELL_CACHE })) ?? fetchAndKeep(request);
}

async function networkFirst(request) {
  try {
    return await fetchAndKeep(request);
  } catch (error) {
    const kept = await caches.match(request, { cacheName: SHELL_CACHE });
    if (kept) return kept;
    throw error;
  }
}

async function fetchAndKeep(request) {
  const response = await fetch(request);
  if (response.ok && response.type === "basic") await keep(request.url, response.clone());
  return response;
}

/** Keeps a response; a new hashed name replaces the older versions of the same file, so the
 * cache holds one copy of each file however many deploys go by. */
async function keep(address, response) {
  const url = new URL(address, self.location.origin);
  const cache = await caches.open(SHELL_CACHE);
  const stem = hashedStem(url);
  if (stem) {
    const olderVersions = (await cache.keys()).filter(
      (older) => older.url !== url.href && hashedStem(new URL(older.url)) === stem,
    );
    await Promise.all(olderVersions.map((older) => cache.delete(older)));
  }
  await cache.put(url, response);
}

/** "/js/main" for "/js/main.3f2a9c1b7d4e.js"; null for a name without a hash. */
function hashedStem(url) {
  return url.pathname.match(HASHED_NAME)?.[1] ?? null;
}

/** The share target: keeps the shared photos (and any text, as their caption) for the page, and
 * sends the browser to the feed with a 303, which turns the POST into a GET. */
async function receiveSharedFiles(request) {
  const form = await request.formData();
  const files = form.getAll("photos").filter((file) => file instanceof File);
  const caption = [form.get("title"), form.get("text")].filter(Boolean).join("\n");
  if (files.length > 0) {
    // A new share replaces one that was never opened.
    await caches.delete(SHARED_FILES_CACHE);
    const cache = await caches.open(SHARED_FILES_CACHE);
    // One after another: the cache lists them in the order they were put, the person's order.
    for (const [index, file] of files.entries()) {
      const headers = { "Content-Type": file.type, "X-File-Name": encodeURIComponent(file.name) };
      await cache.put(`/shared-files/${index}`, new Response(file, { headers }));
    }
    if (caption) await cache.put("/shared-files/caption", new Response(caption));
  }
  return Response.redirect("/#/", 303);
}
