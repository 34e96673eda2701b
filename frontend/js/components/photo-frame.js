/**
 * A photo's picture, the same way in the feed, on a profile and on the photo page: a frame that
 * has the photo's final shape before any pixel arrives (so nothing below it jumps), the tiny
 * blurred placeholder the worker made, and the real rendition fading in on top once loaded.
 *
 * The renditions a photo has go in a srcset, so the browser fetches the smallest one at least as
 * wide as the picture is drawn (the ladder and the screens it is made for are in the worker's
 * image_worker/imaging/geometry.py). Photos shared before a rung existed simply lack it.
 */

import { element, placeholderImage } from "../helpers/dom.js";

// Without alt text of its own, a photo is described by the start of its caption: the caption
// itself is shown as text beside it.
const ALT_CAPTION_LENGTH = 120;

// The renditions of the whole photo, smallest first; `grid` is a square crop.
const WHOLE_PHOTO_RENDITIONS = ["medium", "feed", "large", "full"];

/** The whole-photo renditions the photo has, for a srcset: each described by its width. */
export function wholePhotoCandidates(renditions = {}) {
  return candidatesBy(
    WHOLE_PHOTO_RENDITIONS.map((name) => renditions[name]),
    (rendition) => rendition.width,
  );
}

/** The renditions for a square tile, which shows the middle square of the photo (object-fit:
 * cover): each described by its short side, the width of the square it fills, `grid` first. */
export function squareTileCandidates(renditions = {}) {
  return candidatesBy(
    ["grid", ...WHOLE_PHOTO_RENDITIONS].map((name) => renditions[name]),
    (rendition) => Math.min(rendition.width, rendition.height),
  );
}

/** {url, width} for each rendition that exists, narrowest first; of two equally wide, the first
 * (and smaller) one, since a srcset must not describe two images alike. */
function candidatesBy(renditions, describedWidth) {
  const byWidth = new Map();
  for (const rendition of renditions) {
    if (!rendition?.url) continue;
    const width = describedWidth(rendition);
    if (!byWidth.has(width)) byWidth.set(width, { url: rendition.url, width });
  }
  return [...byWidth.values()].sort((first, second) => first.width - second.width);
}

/**
 * `rendition` is the one to load ({url, width, height}); `candidates` ({url, width}, from
 * wholePhotoCandidates or squareTileCandidates) are those the browser may choose from instead,
 * with `sizes` saying how wide the frame is drawn. `eager` fetches the picture at once rather
 * than when it nears the screen, and `highPriority` (by default, with `eager`) ahead of other
 * images: for the first photo a page shows, its largest paint.
 */
export function renderPhotoFrame(
  photo,
  {
    rendition,
    candidates = [],
    sizes,
    aspectRatio,
    eager = false,
    highPriority = eager,
    className = "",
  },
) {
  const frame = element("div", `photo-frame ${className}`.trim());
  if (aspectRatio) frame.style.aspectRatio = String(aspectRatio);

  const placeholder = placeholderImage(photo.placeholder, "photo-frame__placeholder");
  if (placeholder) frame.append(placeholder);

  const image = element("img", "photo-frame__image");
  image.width = rendition.width;
  image.height = rendition.height;
  image.alt = describePhoto(photo);
  image.decoding = "async";
  image.loading = eager ? "eager" : "lazy";
  if (highPriority) image.fetchPriority = "high";
  image.addEventListener("load", () => image.classList.add("photo-frame__image--loaded"));
  // Show the alt text rather than an empty frame when the image cannot be loaded.
  image.addEventListener("error", () => image.classList.add("photo-frame__image--loaded"));
  if (candidates.length > 1) {
    image.srcset = candidates.map((candidate) => `${candidate.url} ${candidate.width}w`).join(", ");
    image.sizes = sizes;
  }
  image.src = rendition.url;
  frame.append(image);
  return frame;
}

/** The photo's own alt text when its owner wrote one; else "Photo by Alice: Sunset over the
 * bay", from the owner's display name (or username) and the start of the caption. */
export function describePhoto(photo) {
  if (photo.altText) return photo.altText;
  const name = photo.owner?.displayName || photo.owner?.username || "someone";
  if (!photo.caption) return `Photo by ${name}`;
  const caption =
    photo.caption.length > ALT_CAPTION_LENGTH
      ? `${photo.caption.slice(0, ALT_CAPTION_LENGTH)}…`
      : photo.caption;
  return `Photo by ${name}: ${caption}`;
}

/** Describes the picture in `container` again, after its photo's alt text or caption changed. */
export function describePictureAgain(container, photo) {
  const image = container?.querySelector(".photo-frame__image");
  if (image) image.alt = describePhoto(photo);
}
