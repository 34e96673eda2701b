/**
 * The account settings' "Download your data" (views/settings-view.js): "Prepare my data" asks the
 * API for a zip of everything the person has put on CloudGram (POST /me/export), which a function
 * prepares in the background; the list below shows the exports of the last 7 days
 * (GET /me/exports), so a reload finds the progress or the link again.
 *
 * An export being prepared (PENDING) is asked about every 2 seconds (GET /me/exports/{id}) while
 * this place is open and the page is in view, every 10 seconds once a minute has passed (a big
 * account takes minutes, and each question costs a request), and not at all from a background
 * tab. A READY export shows its download link with its size, until when the link works (24 hours
 * from when the API made it, never past the file's own end) and until when the file is kept; a
 * FAILED one says why, with "Try again". Every value from the API goes in as text; the link only
 * when it is an http(s) address.
 */

import { byId, element, hideMessage, showMessage } from "../helpers/dom.js";
import { formatBytes } from "../helpers/format.js";
import { handleSubmit } from "../helpers/submit-form.js";

const FAST_POLL_MS = 2_000;
const SLOW_POLL_MS = 10_000;
// How long an export is asked about every FAST_POLL_MS before slowing to SLOW_POLL_MS.
const FAST_POLLING_FOR_MS = 60_000;
// How long the API's download link works (a presigned GET), from when it was handed out.
const LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;
const TIME_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function createDataExport({ api }) {
  const form = byId("export-form");
  const errorMessage = byId("export-error");
  const loading = byId("export-loading");
  const list = byId("export-list");
  // The exports shown, newest first, each with `receivedAt` (when the API answered, for its link).
  let exportsShown = [];
  let visible = false;
  // Bumped whenever the place is left: an answer to an earlier visit's question is dropped.
  let visit = 0;
  let pollTimer = null;
  let pollingSince = null;

  handleSubmit(
    form,
    async () => {
      const started = await api.startExport();
      if (!visible) return;
      keep(started);
      render();
      pollSoon({ restart: true });
    },
    { message: errorMessage, explain: (error) => ({ field: null, text: error.message }) },
  );

  // A background tab asks nothing; shown again, it asks at once.
  document.addEventListener("visibilitychange", () => {
    if (visible && !document.hidden) pollSoon({ now: true });
  });

  /** Puts `item` in the list (in place of its older self); whether anything changed. */
  function keep(item) {
    const received = { ...item, receivedAt: Date.now() };
    const index = exportsShown.findIndex((shown) => shown.id === item.id);
    if (index === -1) {
      exportsShown = [received, ...exportsShown];
      return true;
    }
    const before = exportsShown[index];
    if (before.status === item.status && before.url === item.url) return false;
    exportsShown[index] = received;
    return true;
  }

  function render() {
    list.replaceChildren(...exportsShown.map((item) => renderExport(item, form)));
  }

  function pollSoon({ restart = false, now = false } = {}) {
    clearTimeout(pollTimer);
    const pending = exportsShown.find((item) => item.status === "PENDING");
    if (!visible || !pending) {
      pollingSince = null;
      return;
    }
    if (restart || pollingSince === null) pollingSince = Date.now();
    const fast = Date.now() - pollingSince < FAST_POLLING_FOR_MS;
    const delay = now ? 0 : fast ? FAST_POLL_MS : SLOW_POLL_MS;
    pollTimer = setTimeout(() => poll(pending.id), delay);
  }

  async function poll(exportId) {
    if (document.hidden) return; // asked again when the page is shown (visibilitychange)
    const thisVisit = visit;
    try {
      const latest = await api.getExport(exportId);
      if (thisVisit !== visit) return;
      if (keep(latest)) render();
    } catch (error) {
      if (thisVisit !== visit) return;
      if (error.status === 404) {
        exportsShown = exportsShown.filter((item) => item.id !== exportId);
        render();
      }
      // Anything else (a network hiccup) is asked again at the next turn.
    }
    pollSoon();
  }

  async function loadRecent() {
    const thisVisit = visit;
    loading.hidden = false;
    try {
      const { items } = await api.exports();
      if (thisVisit !== visit) return;
      exportsShown = [];
      for (const item of [...(items ?? [])].reverse()) keep(item);
      render();
      pollSoon({ restart: true });
    } catch (error) {
      if (thisVisit !== visit) return;
      showMessage(errorMessage, `Your recent exports could not be loaded. ${error.message}`, "error");
    } finally {
      if (thisVisit === visit) loading.hidden = true;
    }
  }

  return {
    show() {
      visible = true;
      visit += 1;
      hideMessage(errorMessage);
      loadRecent();
    },

    hide() {
      visible = false;
      visit += 1;
      clearTimeout(pollTimer);
      pollingSince = null;
      exportsShown = [];
      list.replaceChildren();
      hideMessage(errorMessage);
      loading.hidden = true;
    },
  };
}

/** One export as a list item: what it is at, and its link or what went wrong. */
function renderExport(item, form) {
  const entry = element("li", `export export--${String(item.status).toLowerCase()}`);
  const requested = element("p", "export__when", `Requested ${formatTime(item.requestedAt)}`);
  if (item.status === "READY") {
    entry.append(downloadLink(item) ?? element("p", "export__status", "Ready."), requested);
    entry.append(
      element(
        "p",
        "export__when",
        `Link valid until ${formatTime(linkValidUntil(item))}; ` +
          `file kept until ${formatTime(item.expiresAt)}.`,
      ),
    );
  } else if (item.status === "FAILED") {
    const reason = item.failureReason ? `: ${item.failureReason}` : ".";
    entry.append(element("p", "export__status", `Could not be prepared${reason}`), requested);
    const retry = element("button", "button button--secondary button--small", "Try again");
    retry.type = "button";
    retry.addEventListener("click", () => form.requestSubmit());
    entry.append(retry);
  } else {
    entry.append(
      element("p", "export__status", "Preparing… you can leave this page: it will be here."),
      requested,
    );
  }
  return entry;
}

function downloadLink(item) {
  let address;
  try {
    address = new URL(item.url);
  } catch {
    return null;
  }
  if (address.protocol !== "https:" && address.protocol !== "http:") return null;
  const link = element("a", "button button--primary export__link", "Download your data");
  link.href = address.href;
  link.setAttribute("download", "");
  const size = Number.isFinite(item.sizeBytes) ? `, ${formatBytes(item.sizeBytes)}` : "";
  link.append(element("span", "export__size", ` (zip${size})`));
  return link;
}

/** The API's link works for 24 hours from when it was handed out, and never past the file. */
function linkValidUntil(item) {
  const fileEnds = Date.parse(item.expiresAt);
  const linkEnds = item.receivedAt + LINK_LIFETIME_MS;
  return Number.isFinite(fileEnds) ? Math.min(fileEnds, linkEnds) : linkEnds;
}

function formatTime(time) {
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? "at an unknown time" : TIME_FORMAT.format(date);
}
