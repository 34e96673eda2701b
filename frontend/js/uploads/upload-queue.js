/**
 * The upload list: every chosen photo, from waiting to shared, and what happens to each.
 *
 * Each file becomes its own item (upload-item.js) with its own caption. `shareAll()` starts every
 * waiting item; at most MAX_PARALLEL_UPLOADS upload at once and the others wait their turn, so
 * ten photos do not split the connection ten ways. An item goes
 * waiting -> queued -> starting -> uploading -> processing -> ready (or failed).
 *
 * Cancel before the upload starts: the item just leaves. Cancel later (while the photo is
 * PENDING): the upload is aborted and the photo the API recorded is deleted, so no photo is left
 * behind. If the cancel comes while the API is still recording the photo, it is deleted as soon
 * as its id is known.
 */

import { announcePhotoShared } from "../helpers/photo-events.js";
import { createUploadItem } from "./upload-item.js";
import { sharePhoto } from "./upload.js";

const MAX_PARALLEL_UPLOADS = 3;
const UNDER_WAY = ["starting", "uploading", "processing"];

/** `onChange()` runs whenever the number of waiting items may have changed; focus goes to
 * `fallbackFocus` when the last item leaves while focus was in it. */
export function createUploadQueue({ api, limits, list, fallbackFocus, onChange }) {
  const entries = [];

  function add(file, contentType) {
    const entry = {
      file,
      contentType,
      stage: "waiting",
      controller: null,
      // Resolves to the id the API gave the photo, or null if it never recorded one.
      recorded: null,
    };
    entry.view = createUploadItem({
      file,
      maxCaptionLength: limits.captionMaxLength,
      onCancel: () => cancel(entry),
    });
    entries.push(entry);
    list.append(entry.view.element);
    onChange();
  }

  function setStage(entry, stage, message) {
    entry.stage = stage;
    entry.view.show(stage, message);
  }

  function shareAll() {
    for (const entry of entries) {
      if (entry.stage === "waiting") setStage(entry, "queued");
    }
    startNext();
    onChange();
  }

  function startNext() {
    let running = entries.filter((entry) => UNDER_WAY.includes(entry.stage)).length;
    for (const entry of entries) {
      if (running >= MAX_PARALLEL_UPLOADS) return;
      if (entry.stage === "queued") {
        running += 1;
        share(entry);
      }
    }
  }

  async function share(entry) {
    setStage(entry, "starting");
    entry.controller = new AbortController();
    let recordedId = null;
    let markRecorded;
    entry.recorded = new Promise((resolve) => {
      markRecorded = resolve;
    });
    try {
      const photo = await sharePhoto({
        api,
        file: entry.file,
        contentType: entry.contentType,
        caption: entry.view.caption(),
        signal: entry.controller.signal,
        onCreated: (pending) => {
          recordedId = pending.id;
          markRecorded(pending.id);
        },
        onStage: (stage) => setStage(entry, stage),
        onProgress: (fraction) => entry.view.showProgress(fraction),
      });
      if (entry.stage === "cancelling") return;
      setStage(entry, "ready");
      announcePhotoShared(photo);
    } catch (error) {
      // A cancel has its own ending (cancel() below); anything else is a failure to show.
      if (entry.stage !== "cancelling") setStage(entry, "failed", error.message);
    } finally {
      markRecorded(recordedId);
      startNext();
    }
  }

  async function cancel(entry) {
    if (!UNDER_WAY.includes(entry.stage)) {
      // Not started (nothing exists on the server yet), or settled: the item just leaves.
      remove(entry);
      return;
    }
    setStage(entry, "cancelling");
    entry.controller.abort();
    const photoId = await entry.recorded;
    try {
      if (photoId) await api.deletePhoto(photoId);
    } catch (error) {
      if (error.status !== 404) {
        setStage(
          entry,
          "cancel-failed",
          `The upload was stopped, but the photo could not be removed: ${error.message} ` +
            "You can delete it from your profile.",
        );
        return;
      }
    }
    remove(entry);
  }

  function remove(entry) {
    const index = entries.indexOf(entry);
    if (index === -1) return;
    const hadFocus = entry.view.element.contains(document.activeElement);
    entries.splice(index, 1);
    entry.view.element.remove();
    entry.view.dispose();
    // Keyboard users stay in the list rather than being sent back to the top of the page.
    const neighbour = entries[index] ?? entries[index - 1];
    if (hadFocus) (neighbour ? neighbour.view.button : fallbackFocus).focus();
    onChange();
  }

  return {
    add,
    shareAll,

    waitingCount: () => entries.filter((entry) => entry.stage === "waiting").length,

    /** Drops every item, aborting uploads under way (on sign-out, when no delete is possible any
     * more; the API gives up on photos whose upload never arrived). */
    clear() {
      for (const entry of [...entries]) {
        entry.controller?.abort();
        entry.stage = "cancelling";
        remove(entry);
      }
    },
  };
}
