/**
 * The feed: pages of READY photos from GET /api/feed, newest first, shown as photo cards.
 *
 * More pages load when the "Load more" button scrolls into view (and, for keyboards and old
 * browsers, when it is pressed). A photo the person has just shared is put at the top as soon as
 * it is READY, without reloading the feed.
 */

import { byId, element, hideMessage, setBusy, showMessage } from "./dom.js";
import { timeAgo } from "./format.js";

const PAGE_SIZE = 12;
// Start loading the next page a little before the person reaches the end.
const PREFETCH_MARGIN = "600px";
// The feed column is at most 600 CSS pixels wide; on phones it is the whole screen.
const IMAGE_SIZES = "(min-width: 640px) 600px, 100vw";
const ALT_CAPTION_LENGTH = 120;
const TALLEST_FRAME_RATIO = 4 / 5;

export function createFeedView({ api }) {
  const list = byId("feed");
  const loadingNote = byId("feed-loading");
  const emptyNote = byId("feed-empty");
  const endNote = byId("feed-end");
  const errorMessage = byId("feed-error");
  const moreButton = byId("load-more-button");

  const shownIds = new Set();
  let cursor = null;
  let hasMore = true;
  let loading = false;

  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((entry) => entry.isIntersecting)) loadNextPage();
    },
    { rootMargin: PREFETCH_MARGIN },
  );

  async function loadNextPage() {
    if (loading || !hasMore) return;
    loading = true;
    setBusy(moreButton, true);
    hideMessage(errorMessage);
    let loaded = false;
    try {
      const page = await api.feed({ limit: PAGE_SIZE, cursor });
      for (const photo of page.items) addPhoto(photo, "end");
      cursor = page.nextCursor;
      hasMore = Boolean(cursor);
      loaded = true;
    } catch (error) {
      showMessage(errorMessage, `The feed could not be loaded. ${error.message}`, "error");
    } finally {
      loading = false;
      setBusy(moreButton, false);
      updateFooter();
    }
    // Observing again reports the button's current visibility, so a page too short to fill the
    // screen is followed by the next one. Not after an error: that would retry in a loop.
    if (loaded && hasMore) {
      observer.unobserve(moreButton);
      observer.observe(moreButton);
    }
  }

  function addPhoto(photo, position) {
    if (shownIds.has(photo.id)) return;
    shownIds.add(photo.id);
    const card = renderPhotoCard(photo);
    if (position === "start") {
      card.classList.add("photo-card--new");
      list.prepend(card);
    } else {
      list.append(card);
    }
  }

  function updateFooter() {
    const hasPhotos = shownIds.size > 0;
    loadingNote.hidden = true;
    moreButton.hidden = !hasMore;
    emptyNote.hidden = hasPhotos || hasMore;
    endNote.hidden = hasMore || !hasPhotos;
  }

  moreButton.addEventListener("click", loadNextPage);

  return {
    start() {
      loadNextPage().then(() => observer.observe(moreButton));
    },

    /** Puts a photo that has just become READY at the top of the feed. */
    showNewPhoto(photo) {
      addPhoto(photo, "start");
      updateFooter();
    },
  };
}

/** One photo as an <article>. Every value from the API goes in as text or an attribute. */
function renderPhotoCard(photo) {
  const card = element("article", "photo-card");
  card.dataset.photoId = photo.id;
  card.append(renderHeader(photo), renderFrame(photo), renderBody(photo));
  return card;
}

function renderHeader(photo) {
  const username = photo.owner?.username ?? "someone";
  const header = element("header", "photo-card__header");
  const avatar = element("span", "photo-card__avatar", username.charAt(0));
  avatar.setAttribute("aria-hidden", "true");
  header.append(avatar, element("span", "photo-card__owner", username));

  const postedAt = photo.readyAt ?? photo.createdAt;
  if (postedAt) {
    const time = element("time", "photo-card__time", timeAgo(postedAt));
    time.dateTime = postedAt;
    time.title = new Date(postedAt).toLocaleString();
    header.append(time);
  }
  return header;
}

function renderFrame(photo) {
  const renditions = photo.renditions ?? {};
  const main = renditions.feed ?? renditions.full ?? renditions.grid;
  const frame = element("div", "photo-card__frame");
  if (!main) return frame;
  // The frame has its final shape before a single byte arrives, so nothing below it jumps. Tall
  // photos are cropped to 4:5, as most photo apps do, so one picture never fills the screen.
  frame.style.aspectRatio = `${Math.max(main.width / main.height, TALLEST_FRAME_RATIO)}`;

  if (typeof photo.placeholder === "string" && photo.placeholder.startsWith("data:image/")) {
    const placeholder = element("img", "photo-card__placeholder");
    placeholder.src = photo.placeholder;
    placeholder.alt = "";
    frame.append(placeholder);
  }

  const image = element("img", "photo-card__image");
  image.width = main.width;
  image.height = main.height;
  image.alt = describePhoto(photo);
  image.decoding = "async";
  image.loading = "lazy";
  image.addEventListener("load", () => image.classList.add("photo-card__image--loaded"));
  // Show the browser's broken-image sign and the alt text rather than an empty frame.
  image.addEventListener("error", () => image.classList.add("photo-card__image--loaded"));
  const candidates = [renditions.feed, renditions.full].filter(Boolean);
  if (candidates.length > 1) {
    image.srcset = candidates.map((rendition) => `${rendition.url} ${rendition.width}w`).join(", ");
    image.sizes = IMAGE_SIZES;
  }
  image.src = main.url;
  frame.append(image);
  return frame;
}

function renderBody(photo) {
  const body = element("div", "photo-card__body");
  const likes = photo.likeCount ?? 0;
  body.append(element("p", "photo-card__likes", likes === 1 ? "1 like" : `${likes} likes`));
  if (photo.caption) body.append(element("p", "photo-card__caption", photo.caption));
  return body;
}

function describePhoto(photo) {
  const username = photo.owner?.username ?? "someone";
  if (!photo.caption) return `Photo by ${username}`;
  // The caption is shown in full under the photo; the alt text only needs its start.
  const caption =
    photo.caption.length > ALT_CAPTION_LENGTH
      ? `${photo.caption.slice(0, ALT_CAPTION_LENGTH)}…`
      : photo.caption;
  return `Photo by ${username}: ${caption}`;
}
