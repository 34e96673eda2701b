"""What a link preview of a photo shows: who shared it, the start of its caption, and its `feed`
rendition with its size. Chat apps and crawlers read it from the photo's page, /p/<id>, as Open
Graph and Twitter card tags (chalicelib/edge/photo_page.py writes them).

Anyone may ask for a preview, so it is made as a signed-out visitor sees the photo: READY photos
only (photos.visibility). A PENDING, FAILED, deleted or unknown photo has none, and raises
NotFoundError, as GET /photos/{id} answers a signed-out visitor.

Addresses here are paths on the site (`/p/<id>`, `/media/<id>/feed.webp`); the edge makes them
absolute on the site's public origin.
"""

import re
import unicodedata
from typing import NamedTuple

from chalicelib.people import looks, profile_store
from chalicelib.photos import store
from chalicelib.photos.visibility import PHOTO_NOT_FOUND_MESSAGE, visible_or_not_found
from chalicelib.shared.errors import NotFoundError
from chalicelib.shared.observability import logger

# The photo's own address on the site, as the page names it (frontend/js/helpers/router.js).
PHOTO_PAGE_PATH = "/p/{photo_id}"
# 1080 pixels wide at most: as large as any preview is drawn, and a fraction of `full`'s bytes.
PREVIEW_RENDITION = "feed"
# The worker writes every rendition as WebP (image_worker/imaging/).
RENDITION_TYPE = "image/webp"
# Previews show two or three lines of text; Twitter's cards cut descriptions at 200 characters.
DESCRIPTION_MAX_LENGTH = 200
WHITE_SPACE = re.compile(r"\s+")


class LinkPreview(NamedTuple):
    page_path: str
    title: str
    description: str  # the caption's start; who shared it, when there is no caption
    image_path: str
    image_type: str
    image_width: int
    image_height: int


def link_preview(photo_id: str) -> LinkPreview:
    """The preview of a READY photo; NotFoundError for any other."""
    logger.append_keys(photo_id=photo_id)
    photo = visible_or_not_found(store.get_photo(photo_id), viewer=None)
    # The only photo read that reads no profile otherwise: one GetItem more for a preview.
    if looks.is_gone(profile_store.get_profile(photo["ownerId"])):
        raise NotFoundError(PHOTO_NOT_FOUND_MESSAGE)
    username = photo["ownerUsername"]
    rendition = photo["renditions"][PREVIEW_RENDITION]
    return LinkPreview(
        page_path=PHOTO_PAGE_PATH.format(photo_id=photo["id"]),
        title=f"Photo by {username}",
        description=caption_start(photo.get("caption", ""))
        or f"A photo {username} shared on CloudGram.",
        # CloudFront serves the media bucket at the site's root, so a key is its URL path.
        image_path=f"/{rendition['key']}",
        image_type=RENDITION_TYPE,
        image_width=int(rendition["width"]),
        image_height=int(rendition["height"]),
    )


def caption_start(caption: str) -> str:
    """The caption on one line, without control characters, and cut after a whole word (with
    "…") when it is longer than DESCRIPTION_MAX_LENGTH."""
    printable = "".join(c for c in caption if c.isspace() or unicodedata.category(c) != "Cc")
    text = WHITE_SPACE.sub(" ", printable).strip()
    if len(text) <= DESCRIPTION_MAX_LENGTH:
        return text
    cut = text[: DESCRIPTION_MAX_LENGTH - 1]
    last_space = cut.rfind(" ")
    # A caption without spaces (some scripts write none) is cut mid-word rather than emptied.
    if last_space > DESCRIPTION_MAX_LENGTH // 2:
        cut = cut[:last_space]
    return cut.rstrip() + "…"
