/**
 * Registers the service worker (/sw.js), which lets the installed app open without a connection
 * and receives photos shared to it from other apps (sw.js says how).
 *
 * Registration waits for the page's load, so that it never competes with the page's own files;
 * and only where browsers allow workers at all: a secure context (HTTPS, or localhost during
 * development). A page loaded before the worker existed tells it which files it loaded, so that
 * the next visit works offline too.
 */

const SERVICE_WORKER_PATH = "/sw.js";

export function registerServiceWorker() {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}

async function register() {
  // A page the worker already controls fetched its files through it, which kept them.
  const loadedWithoutTheWorker = navigator.serviceWorker.controller === null;
  try {
    await navigator.serviceWorker.register(SERVICE_WORKER_PATH, { scope: "/" });
    if (!loadedWithoutTheWorker) return;
    const ready = await navigator.serviceWorker.ready;
    ready.active?.postMessage({ type: "keep-shell-files", urls: filesThisPageLoaded() });
  } catch (error) {
    // The site works without it, only not offline.
    console.warn("CloudGram could not install its service worker:", error);
  }
}

/** The addresses of every file the page has fetched so far (the worker keeps only its own). */
function filesThisPageLoaded() {
  const entries = [
    ...performance.getEntriesByType("navigation"),
    ...performance.getEntriesByType("resource"),
  ];
  return entries.map((entry) => entry.name);
}
