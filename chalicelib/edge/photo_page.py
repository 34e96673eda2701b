"""A photo's page, /p/<id>: the site's own page (index.html) with the photo's link preview in its
head (its title, a canonical link, Open Graph and Twitter card tags) for the crawlers and chat
apps that read them. A person's browser runs the page as at any other address, and the page's
router shows the photo.

CloudFront sends /p/* here (the /p/* behaviour in infra/template.yaml; locally
infra/local/gateway.py plays it), and every answer is a page, never the API's JSON:
- 200 with the tags, for a READY photo. CloudFront and browsers keep it a minute, so a photo
  deleted meanwhile is previewed a minute more at most (chat apps keep their own copies longer).
- 404 with the plain page, for anything else: pending, failed, deleted, unknown, or no photo id
  at all. The page still runs, so a person is told what became of the photo (and its owner,
  signed in, still sees a pending one), while a crawler learns there is nothing to preview. It
  is sent `no-cache`, so that a photo turning READY a moment later is previewed at once.
- 503 when AWS is busy or out of reach: the plain page, or a line saying to try again if the
  page itself could not be read.
Every value is HTML-escaped, quotes included, where it is written: captions and usernames are
the sharer's words. Absolute addresses use the site's public origin (SITE_URL, which the deploy
takes from the stack's SiteUrl output; docs/design-decisions.md, record 16).
"""

import html
import re
from typing import NamedTuple

from botocore.exceptions import ClientError

from chalicelib.edge.errors import UNREACHABLE_ERRORS, is_aws_outage
from chalicelib.edge.request_parsing import photo_id_or_404
from chalicelib.photos.preview import LinkPreview, link_preview
from chalicelib.shared import site_page
from chalicelib.shared.errors import TRY_AGAIN_MESSAGE, NotFoundError
from chalicelib.shared.observability import logger
from chalicelib.shared.settings import load_settings

HTML = "text/html; charset=utf-8"
SITE_NAME = "CloudGram"
# How long CloudFront and browsers keep a preview (the /p/* cache policy honours it).
PREVIEW_CACHE_CONTROL = "public, max-age=60"
# A page without a preview may get one any moment (a photo turning READY): ask again each time.
NO_PREVIEW_CACHE_CONTROL = "no-cache"
UNAVAILABLE_CACHE_CONTROL = "no-store"
# The page's one <title>, which the preview's title and tags replace (a test holds index.html
# to having exactly one).
TITLE = re.compile(r"<title>[^<]*</title>")
TRY_AGAIN_PAGE = (
    '<!doctype html>\n<html lang="en">\n<meta charset="utf-8">\n'
    f"<title>{SITE_NAME}</title>\n<p>{TRY_AGAIN_MESSAGE}</p>\n</html>\n"
)


class PhotoPage(NamedTuple):
    status: int
    html: str
    headers: dict[str, str]


def photo_page(photo_id: str) -> PhotoPage:
    """The page for /p/<photo_id>, whatever the id holds."""
    page = _site_page_for_now()
    if page is None:
        return _answer(503, TRY_AGAIN_PAGE, UNAVAILABLE_CACHE_CONTROL)
    try:
        preview = link_preview(photo_id_or_404(photo_id))
    except NotFoundError:
        return _answer(404, page, NO_PREVIEW_CACHE_CONTROL)
    except (ClientError, *UNREACHABLE_ERRORS) as error:
        if not is_aws_outage(error):
            raise
        logger.warning("AWS is busy or out of reach", extra={"error": str(error)})
        return _answer(503, page, UNAVAILABLE_CACHE_CONTROL)
    previewed = with_preview(page, preview, load_settings().site_url)
    return _answer(200, previewed, PREVIEW_CACHE_CONTROL)


def with_preview(page: str, preview: LinkPreview, site_url: str) -> str:
    """The page with the preview's title and tags in its head, in place of its own title."""
    head = preview_head(preview, site_url)
    # A function, not a replacement string, which would read a caption's backslashes as groups.
    return TITLE.sub(lambda _title: head, page, count=1)


def preview_head(preview: LinkPreview, site_url: str) -> str:
    """`<title>`, the canonical link, and the Open Graph and Twitter card tags, one a line."""
    page_url = site_url + preview.page_path
    image_url = site_url + preview.image_path
    open_graph = {
        "og:site_name": SITE_NAME,
        "og:type": "website",
        "og:url": page_url,
        "og:title": preview.title,
        "og:description": preview.description,
        "og:image": image_url,
        "og:image:type": preview.image_type,
        "og:image:width": str(preview.image_width),
        "og:image:height": str(preview.image_height),
        "og:image:alt": preview.description,
    }
    twitter_card = {
        "twitter:card": "summary_large_image",
        "twitter:title": preview.title,
        "twitter:description": preview.description,
        "twitter:image": image_url,
        "twitter:image:alt": preview.description,
    }
    lines = [
        f"<title>{_escaped(preview.title)} · {SITE_NAME}</title>",
        f'<link rel="canonical" href="{_escaped(page_url)}">',
        *(_meta("property", key, value) for key, value in open_graph.items()),
        *(_meta("name", key, value) for key, value in twitter_card.items()),
    ]
    return "\n  ".join(lines)


def _meta(attribute: str, key: str, value: str) -> str:
    return f'<meta {attribute}="{key}" content="{_escaped(value)}">'


def _escaped(text: str) -> str:
    return html.escape(text, quote=True)


def _site_page_for_now() -> str | None:
    """The site's page; None when it cannot be read just now: AWS is busy or out of reach, or
    the page is not published yet (a first deploy publishes it after the API exists)."""
    try:
        return site_page.site_page()
    except (ClientError, *UNREACHABLE_ERRORS) as error:
        unpublished = isinstance(error, ClientError) and error.response["Error"]["Code"] in (
            "NoSuchKey",
            "NoSuchBucket",
        )
        if not (unpublished or is_aws_outage(error)):
            raise
        logger.warning("The site's page could not be read", extra={"error": str(error)})
        return None


def _answer(status: int, page: str, cache_control: str) -> PhotoPage:
    return PhotoPage(status, page, {"Content-Type": HTML, "Cache-Control": cache_control})
