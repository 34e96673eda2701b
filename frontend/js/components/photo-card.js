/**
 * One photo in the feed, as an <article>: who shared it (a link to their profile) and when, the
 * picture (a link to the photo's own page; a double tap on it likes the photo), the like button,
 * Copy link, the caption (its @mentions links to profiles), the comment count (a link to the
 * comments on the photo's page), and for the owner the Edit and Delete buttons. Every value from
 * the API goes in as text or as an attribute.
 */

import { element, link } from "../helpers/dom.js";
import { countOf, timeAgo } from "../helpers/format.js";
import { showTextWithMentions } from "../helpers/mentions.js";
import { photoHref } from "../helpers/router.js";
import { likeOnDoubleTap } from "./double-tap-like.js";
import { createLikeButton } from "./like-button.js";
import { createOwnerControls, isOwnPhoto } from "./owner-controls.js";
import { personLink, personPicture } from "./person-badge.js";
import { describePhoto, renderPhotoFrame, wholePhotoCandidates } from "./photo-frame.js";
import { createShareActions } from "./share-photo.js";

// How wide the picture is drawn (css/base.css, css/photos.css): the feed column is 600 CSS pixels
// wide once the screen has room for it and its 16 px margins, beside the side panel or not; on a
// phone it is the screen less those margins. The card's 1 px borders take 2 more.
const FEED_IMAGE_SIZES = "(min-width: 632px) 598px, calc(100vw - 34px)";
// Tall photos are cropped to 4:5 in the feed, as most photo apps do, so one picture never fills
// the screen; the photo page shows them whole.
const TALLEST_FEED_RATIO = 4 / 5;

/** `context` is {api, session, limits, onSignInRequested, signal}, shared by every card;
 * `eager` fetches the picture at once, at high priority: the first card of a feed. */
export function renderPhotoCard(photo, context, { eager = false } = {}) {
  const card = element("article", "photo-card");
  card.dataset.photoId = photo.id;
  card.setAttribute("aria-label", describePhoto(photo));
  const caption = element("p", "photo-card__caption");
  showCaption(caption, photo.caption);
  const likeButton = createLikeButton({ photo, ...context });
  card.append(
    renderHeader(photo),
    renderPicture(photo, likeButton, eager),
    renderBody(photo, caption, likeButton, context),
  );
  return card;
}

/** Shows a caption's new text, its @mentions links to profiles; an empty caption takes no room. */
export function showCaption(captionElement, caption) {
  showTextWithMentions(captionElement, caption ?? "");
  captionElement.hidden = !caption;
}

function renderHeader(photo) {
  const header = element("header", "photo-card__header");
  header.append(personPicture(photo.owner), personLink(photo.owner, "photo-card__owner"));
  const postedAt = photo.readyAt ?? photo.createdAt;
  if (postedAt) {
    const time = element("time", "photo-card__time", timeAgo(postedAt));
    time.dateTime = postedAt;
    time.title = new Date(postedAt).toLocaleString();
    header.append(time);
  }
  return header;
}

function renderPicture(photo, likeButton, eager) {
  const renditions = photo.renditions ?? {};
  const main = renditions.feed ?? renditions.full ?? renditions.grid;
  if (!main) return element("div", "photo-frame photo-frame--empty");
  // The picture opens the photo's own page; its alt text names the link.
  const pictureLink = link(photoHref(photo.id), "photo-card__picture");
  const frame = renderPhotoFrame(photo, {
    rendition: main,
    candidates: wholePhotoCandidates(renditions),
    sizes: FEED_IMAGE_SIZES,
    aspectRatio: Math.max(main.width / main.height, TALLEST_FEED_RATIO),
    eager,
  });
  pictureLink.append(frame);
  likeOnDoubleTap({ picture: pictureLink, frame, likeButton });
  return pictureLink;
}

function renderBody(photo, caption, likeButton, context) {
  const body = element("div", "photo-card__body");
  const actions = element("div", "photo-card__actions");
  actions.append(likeButton.element, createShareActions(photo, { compact: true }));
  if (isOwnPhoto(photo, context.session)) {
    actions.append(
      createOwnerControls({
        photo,
        api: context.api,
        limits: context.limits,
        captionElement: caption,
      }),
    );
  }
  const comments = photo.commentCount ?? 0;
  const commentsLink = link(
    photoHref(photo.id),
    "photo-card__comments",
    comments ? `View ${countOf(comments, "comment")}` : "Add a comment",
  );
  body.append(actions, caption, commentsLink);
  return body;
}
