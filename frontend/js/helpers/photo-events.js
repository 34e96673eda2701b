/**
 * News about photos, passed between the parts of the page that show the same photo.
 *
 * One photo can be on screen in several places at once: a card in the feed (kept while the person
 * looks at a profile), a tile on a profile, the photo page. When one place changes it (a like,
 * a new caption, a delete) or a new photo is shared, it announces the change here, and every
 * other place that shows the photo updates itself, so coming back never shows stale counts or a
 * deleted photo. A photo can also turn out to be gone while it is shown: its owner deleted it in
 * another session, and the API answers 404 to a like. That is announced as a delete too, marked
 * `deletedElsewhere`, so the places showing it can tell the person why it leaves.
 *
 * Listeners pass an AbortSignal: a view that throws its content away aborts it, and its
 * listeners go with it.
 */

const photoNews = new EventTarget();

/** A photo's shown fields changed: `changes` has some of likeCount, likedByMe, caption. */
export function announcePhotoChanged(photoId, changes) {
  photoNews.dispatchEvent(new CustomEvent("changed", { detail: { photoId, changes } }));
}

/** The photo is gone: deleted by the person here, or found deleted elsewhere (`deletedElsewhere`,
 * when the API no longer knows it). */
export function announcePhotoDeleted(photo, { deletedElsewhere = false } = {}) {
  photoNews.dispatchEvent(new CustomEvent("deleted", { detail: { photo, deletedElsewhere } }));
}

/** A photo the person shared from this page has become READY. */
export function announcePhotoShared(photo) {
  photoNews.dispatchEvent(new CustomEvent("shared", { detail: { photo } }));
}

/** `listener(photoId, changes)` */
export function onPhotoChanged(listener, { signal } = {}) {
  photoNews.addEventListener(
    "changed",
    (event) => listener(event.detail.photoId, event.detail.changes),
    { signal },
  );
}

/** `listener(photo, {deletedElsewhere})` */
export function onPhotoDeleted(listener, { signal } = {}) {
  photoNews.addEventListener(
    "deleted",
    (event) => listener(event.detail.photo, { deletedElsewhere: event.detail.deletedElsewhere }),
    { signal },
  );
}

/** `listener(photo)` */
export function onPhotoShared(listener, { signal } = {}) {
  photoNews.addEventListener("shared", (event) => listener(event.detail.photo), { signal });
}
