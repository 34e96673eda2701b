/**
 * One photo's own page, at /p/<id>: the picture as large as the screen allows (its renditions in
 * a srcset, so the browser picks the size it needs, fetched at once), who shared it (a link
 * to their profile), when, the caption, the like button (a double tap on the picture likes it
 * too), Copy link and Share (components/share-photo.js); for its owner also Edit and Delete; and
 * under them its comments, with replies and a composer (components/comment-section.js). At
 * /p/<id>#comment-<comment id> (a notification's link) the page goes on to that comment.
 *
 * A photo that did not make it (an interrupted upload, a file CloudGram could not use) shows its
 * owner what went wrong, with Retry where it can work and Remove, instead of the caption editor
 * (components/unfinished-photo.js); one still on its way says so.
 *
 * A Back button, and Escape, go back where the person came from in CloudGram, or to the feed
 * when they arrived from elsewhere. After the owner deletes the photo, the page goes back the
 * same way (or to their profile, when the photo page was opened from a link), since this address
 * now names nothing. An unknown or invisible photo gets a clear message instead of an empty page,
 * and so does a photo found deleted while it is shown (its owner deleted it elsewhere).
 */

import { createCommentSection } from "../components/comment-section.js";
import { likeOnDoubleTap } from "../components/double-tap-like.js";
import { createLikeButton } from "../components/like-button.js";
import { createOwnerControls, isOwnPhoto } from "../components/owner-controls.js";
import { personLink, personPicture } from "../components/person-badge.js";
import { showCaption } from "../components/photo-card.js";
import {
  describePictureAgain,
  renderPhotoFrame,
  wholePhotoCandidates,
} from "../components/photo-frame.js";
import { createShareActions } from "../components/share-photo.js";
import { problemOf, renderUnfinishedPhoto } from "../components/unfinished-photo.js";
import { byId, element, visuallyHidden } from "../helpers/dom.js";
import { timeAgo } from "../helpers/format.js";
import { onPhotoChanged, onPhotoDeleted } from "../helpers/photo-events.js";
import { feedHref, photoHref, profileHref } from "../helpers/router.js";
import { isUploadingHere } from "../uploads/uploads-here.js";

// How wide the picture is drawn (css/base.css, css/photos.css): the page is at most 972 CSS pixels
// wide between 16 px margins, less its 1 px borders; from 900 px on, the 320 px of details sit
// beside the picture.
const PHOTO_PAGE_IMAGE_SIZES =
  "(min-width: 1004px) 650px, (min-width: 900px) calc(100vw - 354px), calc(100vw - 34px)";

/** `context` is {api, session, limits, onSignInRequested}; `router` leaves the page (Back, a
 * delete). */
export function createPhotoPageView({ context, router }) {
  const { api, session, limits } = context;
  const section = byId("photo-view");
  const backButton = byId("photo-back-button");
  const loadingNote = byId("photo-loading");
  const missing = byId("photo-missing");
  const missingTitle = byId("photo-missing-title");
  const missingText = byId("photo-missing-text");
  const content = byId("photo-content");

  let loadNumber = 0;
  // The id of the photo shown, once loaded.
  let shownPhotoId = null;
  // Aborted when the page shows another photo, which removes the old one's listeners.
  let lifetime = new AbortController();

  function goBack() {
    router.leave(feedHref());
  }

  backButton.addEventListener("click", goBack);
  // Escape closes the photo, as in most photo apps; not when something else on the page answers
  // it first (the dialogs, the caption editor) or when it is typed in a field.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || section.hidden || event.defaultPrevented) return;
    if (document.querySelector("dialog[open]") || event.target.closest?.("input, textarea")) return;
    goBack();
  });

  // The photo was deleted elsewhere (a like was answered 404): the page says it is gone. Focus
  // that was in the photo's details (on the like button, most likely) goes to what says so.
  onPhotoDeleted((photo, { deletedElsewhere }) => {
    if (!deletedElsewhere || photo.id !== shownPhotoId) return;
    const focusWasHere = content.contains(document.activeElement);
    lifetime.abort();
    content.replaceChildren();
    content.hidden = true;
    showMissing("This photo no longer exists", "It was deleted by its owner.");
    if (focusWasHere || document.activeElement === document.body) missingTitle.focus();
  });

  function showMissing(title, text) {
    missingTitle.textContent = title;
    missingText.textContent = text;
    missing.hidden = false;
  }

  /** Draws the photo; `commentToShow` is the comment the address names, if any. */
  function render(photo, commentToShow) {
    const username = photo.owner?.username ?? "someone";
    const caption = element("p", "photo-page__caption");
    showCaption(caption, photo.caption);
    onPhotoChanged(
      (photoId, changes) => {
        if (photoId !== photo.id) return;
        if (changes.caption !== undefined) photo.caption = changes.caption;
        if (changes.altText !== undefined) photo.altText = changes.altText;
        showCaption(caption, photo.caption);
        describePictureAgain(content, photo);
      },
      { signal: lifetime.signal },
    );

    const heading = element("h1", "photo-page__title");
    heading.tabIndex = -1;
    heading.append(visuallyHidden("Photo by "), personLink(photo.owner, "photo-page__owner"));
    const header = element("header", "photo-page__header");
    header.append(personPicture(photo.owner), heading);
    const postedAt = photo.readyAt ?? photo.createdAt;
    if (postedAt) {
      const time = element("time", "photo-page__time", timeAgo(postedAt));
      time.dateTime = postedAt;
      time.title = new Date(postedAt).toLocaleString();
      header.append(time);
    }

    const details = element("div", "photo-page__details");
    details.append(header, caption);
    const isOwn = isOwnPhoto(photo, session);
    if (isOwn && problemOf(photo)) {
      details.append(
        renderUnfinishedPhoto(photo, {
          api,
          limits,
          withCaption: false,
          onRemoved: () => router.leave(profileHref(username)),
          onSharedAgain: showSharedAgain,
        }),
      );
      content.replaceChildren(renderMedia(photo, null), details);
      content.hidden = false;
      return heading;
    }
    const note = statusNote(photo);
    if (note) details.append(note);

    const actions = element("div", "photo-page__actions");
    const likeButton =
      photo.status === "READY" ? createLikeButton({ photo, ...context, signal: lifetime.signal }) : null;
    if (likeButton) actions.append(likeButton.element, createShareActions(photo));
    if (isOwn) {
      actions.append(
        createOwnerControls({
          photo,
          api,
          limits,
          captionElement: caption,
          onDeleted: () => router.leave(profileHref(username)),
        }),
      );
    }
    details.append(actions);
    if (photo.status === "READY") {
      details.append(createCommentSection({ photo, context, commentToShow }).element);
    }

    content.replaceChildren(renderMedia(photo, likeButton), details);
    content.hidden = false;
    return heading;
  }

  /** The photo shared again in place of the one shown: this address named the photo removed, so
   * the page shows the new one, at its own address, in the same history entry. */
  async function showSharedAgain(shared) {
    history.replaceState(history.state, "", photoHref(shared.id));
    const shown = await view.show({ photoId: shared.id });
    shown?.heading.focus();
  }

  const view = {
    section,

    async show(route) {
      section.hidden = false;
      lifetime.abort();
      lifetime = new AbortController();
      content.replaceChildren();
      content.hidden = true;
      missing.hidden = true;
      shownPhotoId = null;
      loadingNote.hidden = false;
      loadNumber += 1;
      const thisLoad = loadNumber;
      let photo;
      try {
        photo = await api.getPhoto(route.photoId);
      } catch (error) {
        if (thisLoad !== loadNumber) return null;
        loadingNote.hidden = true;
        if (error.status === 404) {
          showMissing(
            "Photo not found",
            "This photo does not exist: it may have been deleted, or the address is mistyped.",
          );
        } else {
          showMissing("This photo could not be loaded", error.message);
        }
        return { title: missingTitle.textContent, heading: missingTitle };
      }
      if (thisLoad !== loadNumber) return null;
      loadingNote.hidden = true;
      shownPhotoId = photo.id;
      const heading = render(photo, route.commentId);
      return { title: `Photo by ${photo.owner?.username ?? "someone"}`, heading };
    },

    hide() {
      section.hidden = true;
      lifetime.abort();
    },
  };
  return view;
}

/** The picture; a double tap on it likes it through `likeButton` (null: not likeable). */
function renderMedia(photo, likeButton) {
  const media = element("div", "photo-page__media");
  const renditions = photo.renditions ?? {};
  const main = renditions.full ?? renditions.feed ?? renditions.grid;
  if (photo.status !== "READY" || !main) {
    media.append(element("div", "photo-frame photo-frame--empty"));
    return media;
  }
  const frame = renderPhotoFrame(photo, {
    rendition: main,
    candidates: wholePhotoCandidates(renditions),
    sizes: PHOTO_PAGE_IMAGE_SIZES,
    aspectRatio: main.width / main.height,
    eager: true,
    className: "photo-page__frame",
  });
  if (likeButton) likeOnDoubleTap({ picture: frame, frame, likeButton });
  media.append(frame);
  return media;
}

/** For the owner: why their photo, still on its way, is not shown to others yet. */
function statusNote(photo) {
  if (photo.status !== "PENDING") return null;
  const stage = isUploadingHere(photo.id) && !photo.uploadArrived ? "uploading" : "being processed";
  return element("p", "message", `This photo is still ${stage}. Others will see it once it is ready.`);
}
