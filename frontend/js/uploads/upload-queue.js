/**
 * The upload list: every chosen photo, from waiting to shared, and what happens to each.
 *
 * Each file becomes its own item (upload-item.js) with its own caption. `shareAll()` starts every
 * waiting item; at most MAX_PARALLEL_UPLOADS upload at once and the others wait their turn, so
 * ten photos do not split the connection ten ways. An item goes
 * waiting -> queued -> starting -> uploading -> processing -> ready (or failed).
 *
 * The API records the photos one after another, in the order they were chosen, while their files
 * still upload side by side: feeds and profiles order photos by the time they were recorded, so
 * a batch appears as if shared one by one, the first chosen lowest, whichever finishes first.
 *
 * Nothing is left behind that the page can take back. Cancel before the upload starts: the item
 * just leaves. Cancel later (while the photo is PENDING): the upload is aborted and the photo the
 * API recorded is deleted; if the cancel comes while the API is still recording the photo, it is
 * deleted as soon as its id is known. An upload that fails before its file has arrived deletes
 * its photo too, and so does leaving the page (`withdrawAsThePageGoes`) or signing out
 * (`stopUnfinished`). What the page could not take back (it crashed, the connection was gone)
 * shows to its owner as "Upload interrupted", on their profile and on the photo's page.
 */

import { announcePhotoDeleted, announcePhotoShared } from "../helpers/photo-events.js";
import { createUploadItem } from "./upload-item.js";
import { forgetFilesSent, registerUploadList, rememberFileSent } from "./uploads-here.js";
import { sharePhoto } from "./upload.js";

const MAX_PARALLEL_UPLOADS = 3;
const UNDER_WAY = ["starting", "uploading", "processing"];
// Chosen to share but the file not yet all sent: leaving now would lose it.
const FILE_NOT_SENT = ["queued", "starting", "uploading"];
const FINISHED = ["ready", "failed", "cancel-failed"];

/** `onChange()` runs whenever what the list holds may have changed (the Share and Clear buttons
 * follow it); focus goes to `fallbackFocus` when the last item leaves while focus was in it. */
export function createUploadQueue({ api, limits, list, fallbackFocus, onChange }) {
  const entries = [];
  // The photo creations, one after another in the order the items were started (see above).
  let creations = Promise.resolve();

  function inCreationOrder(create) {
    const created = creations.then(create);
    creations = created.catch(() => {});
    return created;
  }
  const apiInOrder = {
    ...api,
    createPhoto: (request) => inCreationOrder(() => api.createPhoto(request)),
  };

  function add(file, contentType, { caption, altText } = {}) {
    const entry = {
      file,
      contentType,
      stage: "waiting",
      controller: null,
      // The id the API gave the photo, once known; `recorded` resolves to it, or to null if the
      // API never recorded one.
      photoId: null,
      recorded: null,
      // Whether every byte of the file reached storage.
      fileSent: false,
      // Told how sharing ended, for whoever asked to share the file again (uploads-here.js).
      outcome: null,
    };
    entry.view = createUploadItem({
      file,
      caption,
      altText,
      maxCaptionLength: limits.captionMaxLength,
      maxAltTextLength: limits.altTextMaxLength,
      onCancel: () => cancel(entry),
    });
    entries.push(entry);
    list.append(entry.view.element);
    onChange();
    return entry;
  }

  function setStage(entry, stage, message) {
    entry.stage = stage;
    entry.view.show(stage, message);
  }

  /** Starts every waiting item; returns the first of them, or null if none was waiting. */
  function shareAll() {
    const starting = entries.filter((entry) => entry.stage === "waiting");
    for (const entry of starting) setStage(entry, "queued");
    startNext();
    onChange();
    return starting[0] ?? null;
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
    let markRecorded;
    entry.recorded = new Promise((resolve) => {
      markRecorded = resolve;
    });
    try {
      const photo = await sharePhoto({
        api: apiInOrder,
        file: entry.file,
        contentType: entry.contentType,
        caption: entry.view.caption(),
        altText: entry.view.altText(),
        signal: entry.controller.signal,
        onCreated: (pending) => {
          entry.photoId = pending.id;
          rememberFileSent(pending.id, entry.file, entry.contentType);
          markRecorded(pending.id);
        },
        onStage: (stage) => {
          if (stage === "processing") entry.fileSent = true;
          setStage(entry, stage);
        },
        onProgress: (fraction) => entry.view.showProgress(fraction),
      });
      if (entry.stage === "cancelling") return;
      setStage(entry, "ready");
      entry.outcome?.resolve(photo);
      announcePhotoShared(photo);
    } catch (error) {
      // A cancel has its own ending (cancel() below); anything else is a failure to show.
      if (entry.stage !== "cancelling") {
        if (entry.photoId && !entry.fileSent) await withdraw(entry.photoId);
        setStage(entry, "failed", error.message);
        entry.outcome?.reject(error);
      }
    } finally {
      markRecorded(entry.photoId);
      startNext();
      onChange();
    }
  }

  /** Deletes a photo whose file will not come; resolves to the error if that failed. */
  async function withdraw(photoId) {
    try {
      await api.deletePhoto(photoId);
    } catch (error) {
      // Already gone: what was wanted has happened.
      if (error.status !== 404) return error;
    }
    announcePhotoDeleted({ id: photoId, status: "PENDING" });
    return null;
  }

  async function cancel(entry) {
    // Noted now: the Cancel button is disabled while it works, which takes the focus away.
    const hadFocus = hasFocus(entry);
    if (!UNDER_WAY.includes(entry.stage)) {
      // Not started (nothing exists on the server yet), or finished: the item just leaves.
      entry.outcome?.reject(new Error("The upload was cancelled."));
      remove([entry], { hadFocus });
      return;
    }
    setStage(entry, "cancelling");
    entry.controller.abort();
    entry.outcome?.reject(new Error("The upload was cancelled."));
    const photoId = await entry.recorded;
    const failure = photoId ? await withdraw(photoId) : null;
    if (failure) {
      setStage(
        entry,
        "cancel-failed",
        `The upload was stopped, but the photo could not be removed: ${failure.message} ` +
          "You can remove it from your profile.",
      );
      if (hadFocus) entry.view.focus();
      onChange();
      return;
    }
    remove([entry], { hadFocus });
  }

  function hasFocus(entry) {
    return entry.view.element.contains(document.activeElement);
  }

  /** Takes items out of the list; focus, if it was in one of them, goes to the item that now
   * stands where the first one was (or the one before), else to `fallbackFocus`. */
  function remove(leaving, { hadFocus = leaving.some(hasFocus) } = {}) {
    const positions = leaving.map((entry) => entries.indexOf(entry)).filter((index) => index !== -1);
    if (positions.length === 0) return;
    for (const entry of leaving) {
      const index = entries.indexOf(entry);
      if (index === -1) continue;
      entries.splice(index, 1);
      entry.view.element.remove();
      entry.view.dispose();
    }
    // Keyboard users stay in the list rather than being sent back to the top of the page.
    const first = Math.min(...positions);
    const neighbour = entries[first] ?? entries[first - 1];
    if (hadFocus) (neighbour ? neighbour.view : fallbackFocus).focus();
    onChange();
  }

  const queue = {
    add,
    shareAll,

    /** Dismisses every finished item (shared, or failed and shown) at once; the others stay. */
    clearFinished() {
      remove(entries.filter((entry) => FINISHED.includes(entry.stage)));
    },

    waitingCount: () => entries.filter((entry) => entry.stage === "waiting").length,
    underWayCount: () => entries.filter((entry) => UNDER_WAY.includes(entry.stage)).length,
    finishedCount: () => entries.filter((entry) => FINISHED.includes(entry.stage)).length,
    /** How many photos would be lost if the page went now: chosen to share, file not all sent. */
    unsentCount: () => entries.filter((entry) => FILE_NOT_SENT.includes(entry.stage)).length,

    isUploading: (photoId) =>
      entries.some((entry) => entry.photoId === photoId && UNDER_WAY.includes(entry.stage)),

    /** Adds `file` with `caption` and `altText` and shares it at once; resolves to the READY
     * photo. */
    shareAgain({ file, contentType, caption, altText }) {
      const entry = add(file, contentType, { caption, altText });
      const shared = new Promise((resolve, reject) => {
        entry.outcome = { resolve, reject };
      });
      setStage(entry, "queued");
      startNext();
      onChange();
      return shared;
    },

    /** As the page goes away (pagehide): asks the API to delete every photo whose file has not
     * all been sent. Nothing can be awaited any more, so the requests are sent to outlive the
     * page (api.withdrawPhoto); whatever they miss shows as "Upload interrupted" later. */
    withdrawAsThePageGoes() {
      for (const entry of entries) {
        if (entry.photoId && !entry.fileSent && UNDER_WAY.includes(entry.stage)) {
          api.withdrawPhoto(entry.photoId);
        }
      }
    },

    /** Stops every photo whose file has not all been sent, deleting what the API recorded
     * (before signing out, while the token still works). */
    async stopUnfinished() {
      const unsent = entries.filter((entry) => FILE_NOT_SENT.includes(entry.stage));
      await Promise.all(unsent.map((entry) => cancel(entry)));
    },

    /** Drops every item, aborting uploads under way (on sign-out, after stopUnfinished: a
     * photo still processing becomes READY by itself). */
    clear() {
      for (const entry of [...entries]) {
        entry.controller?.abort();
        entry.stage = "cancelling";
        entry.outcome?.reject(new Error("Signed out."));
        remove([entry]);
      }
      forgetFilesSent();
    },
  };
  registerUploadList(queue);
  return queue;
}
