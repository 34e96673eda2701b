/**
 * News about photos, passed between the parts of the page that show the same photo.
 *
 * One photo can be on screen in several places at once: a card in the feed (kept while the person
 * looks at a profile), a tile on a profile, the photo page. When one place changes it (a like,
 * a new caption, a delete) or a new photo is shared, it announces the change here, and every
 * other place that shows the photo updates itself, so coming back never shows stale counts or a
 * deleted photo.
 *
 * Listeners pass an AbortSignal: a view that throws its content away aborts it, and its
 * listeners go with it.
 */

const photoNews = new EventTarget();

/** A photo's shown fields changed: `changes` has some of likeCount, likedByMe, caption. */
export function announcePhotoChanged(photoId, changes) {
  photoNews.dispatchEvent(new CustomEvent("changed", { detail: { photoId, changes } }));
}

export function announcePhotoDeleted(photo) {
  photoNews.dispatchEvent(new CustomEvent("deleted", { detail: { photo } }));
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

/** `listener(photo)` */
export function onPhotoDeleted(listener, { signal } = {}) {
  photoNews.addEventListener("deleted", (event) => listener(event.detail.photo), { signal });
}

/** `listener(photo)` */
export function onPhotoShared(listener, { signal } = {}) {
  photoNews.addEventListener("shared", (event) => listener(event.detail.photo), { signal });
}
