"""GET /p/{photo_id}, a photo's page: the site's own page, read from the site bucket, with the
photo's link preview (title, canonical link, Open Graph and Twitter card tags) for a READY photo,
every value escaped; the plain page with a 404 for any other id; a page, never JSON, even when
AWS fails."""

import boto3
import pytest
from botocore.exceptions import EndpointConnectionError
from botocore.stub import Stubber

from chalicelib.edge import photo_page
from chalicelib.photos import preview
from chalicelib.shared import aws_clients
from image_worker import photo_records
from infra.deploy.site import FRONTEND_DIR
from infra.local.site_page import LocalSitePage
from tests.support.api_steps import auth, made_ready, ready_photo, upload_requested
from tests.support.fake_aws import SITE_ORIGIN
from tests.support.page_head import page_head

SITE_PAGE = (FRONTEND_DIR / "index.html").read_text(encoding="utf-8")
HOSTILE_CAPTION = (
    '"><script>alert(1)</script><meta property="og:title" content="forged"> & \\1 \\g<0>'
    " مرحبا \u202eevil\u202c 👩\u200d👩\u200d👧 e\u0301\x00\x1b end"
)
HTML = "text/html; charset=utf-8"


@pytest.fixture
def published_site_page(api_environment):
    """The site's page in the site bucket, published as the local stack publishes it."""
    site_page = LocalSitePage(boto3.client("s3"), api_environment.names.site_bucket, FRONTEND_DIR)
    assert site_page.publish_if_changed()
    return site_page


def test_given_a_ready_photo_then_its_page_is_the_site_page_with_its_preview(
    api, make_token, published_site_page
):
    # Given a READY photo with a caption
    photo_id = ready_photo(api, make_token("alice"), caption="Sunset over the harbour")

    # When its page is asked for
    response = api.http.get(f"/p/{photo_id}")

    # Then it is the site's page, titled after the photo, with every preview tag
    assert response.status_code == 200
    assert response.headers["Content-Type"] == HTML
    assert response.headers["Cache-Control"] == "public, max-age=60"
    head = page_head(response.body.decode())
    page_url = f"{SITE_ORIGIN}/p/{photo_id}"
    image_url = f"{SITE_ORIGIN}/media/{photo_id}/feed.webp"
    assert head.title == "Photo by alice · CloudGram"
    assert head.canonical == page_url
    assert head.preview == {
        "og:site_name": "CloudGram",
        "og:type": "website",
        "og:url": page_url,
        "og:title": "Photo by alice",
        "og:description": "Sunset over the harbour",
        "og:image": image_url,
        "og:image:type": "image/webp",
        "og:image:width": "30",
        "og:image:height": "40",
        "og:image:alt": "Sunset over the harbour",
        "twitter:card": "summary_large_image",
        "twitter:title": "Photo by alice",
        "twitter:description": "Sunset over the harbour",
        "twitter:image": image_url,
        "twitter:image:alt": "Sunset over the harbour",
    }
    # And the rest of the page is the site's page as it was published
    body = response.body.decode()
    before_title, after_title = SITE_PAGE.split("<title>CloudGram</title>")
    assert body.startswith(before_title)
    assert body.endswith(after_title)


def test_given_a_hostile_caption_then_every_tag_carries_it_as_text_and_adds_no_element(
    api, make_token, published_site_page
):
    # Given a READY photo whose caption tries to close the tag, add a script and forge a tag,
    # with backslashes, right-to-left text, an emoji sequence, a combining accent and controls
    photo_id = ready_photo(api, make_token("mallory"), caption=HOSTILE_CAPTION)

    # When its page is asked for
    response = api.http.get(f"/p/{photo_id}")

    # Then the caption is text in each tag it is written to, controls taken out, and the page
    # has the site page's elements and the preview's, and not one more
    head = page_head(response.body.decode())
    expected = HOSTILE_CAPTION.replace("\x00", "").replace("\x1b", "")
    assert head.preview["og:description"] == expected
    assert head.preview["twitter:description"] == expected
    assert head.preview["og:title"] == "Photo by mallory"
    assert head.scripts == page_head(SITE_PAGE).scripts
    assert head.elements == page_head(SITE_PAGE).elements + 1 + len(head.preview)
    assert "<script>alert" not in response.body.decode()


def test_given_a_long_caption_then_the_preview_shows_its_start_cut_after_a_word(
    api, make_token, published_site_page
):
    # Given a caption of several lines, longer than a preview shows
    caption = "A walk along the coast.\n\n" + "Waves, gulls and wind " * 20
    photo_id = ready_photo(api, make_token("alice"), caption=caption)

    # When its page is asked for
    description = page_head(api.http.get(f"/p/{photo_id}").body.decode()).preview["og:description"]

    # Then the preview has its start on one line, cut after a whole word, with an ellipsis
    one_line = " ".join(caption.split())
    shown = description.removesuffix("…")
    assert len(description) <= preview.DESCRIPTION_MAX_LENGTH
    assert description.endswith("…")
    assert one_line.startswith(shown)
    assert shown.startswith("A walk along the coast. Waves, gulls and wind Waves,")
    assert one_line[len(shown)] == " "  # after a whole word


def test_given_a_photo_without_a_caption_then_the_preview_says_who_shared_it(
    api, make_token, published_site_page
):
    photo_id = ready_photo(api, make_token("alice"))

    head = page_head(api.http.get(f"/p/{photo_id}").body.decode())

    assert head.preview["og:description"] == "A photo alice shared on CloudGram."


def pending(api, token) -> str:
    return upload_requested(api, token)


def failed(api, token) -> str:
    photo_id = upload_requested(api, token)
    assert photo_records.mark_failed(photo_id, "The file is not an image.")
    return photo_id


def deleted(api, token) -> str:
    photo_id = ready_photo(api, token)
    assert api.http.delete(f"/photos/{photo_id}", headers=auth(token)).status_code == 204
    return photo_id


NO_PREVIEW = {
    "pending": pending,
    "failed": failed,
    "deleted": deleted,
    "unknown": lambda api, token: "01JCNY0000000000000000000Z",
    "not a ULID": lambda api, token: "not-a-photo-id",
    "a ULID in lower case": lambda api, token: "01jcny0000000000000000000z",
    "percent-escaped markup": lambda api, token: "%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "odd Unicode": lambda api, token: "%F0%9F%91%A9%E2%80%8D%F0%9F%91%A9%C3%A9%00",
    "a broken escape": lambda api, token: "%ZZ%C3",
}


@pytest.mark.parametrize("make_id", NO_PREVIEW.values(), ids=NO_PREVIEW.keys())
def test_given_anything_but_a_ready_photo_then_404_and_the_plain_page(
    api, make_token, published_site_page, make_id
):
    # Given an id that names no READY photo
    photo_id = make_id(api, make_token("alice"))

    # When its page is asked for
    response = api.http.get(f"/p/{photo_id}")

    # Then the answer is the site's page as it is, without a preview, and not kept
    assert response.status_code == 404
    assert response.headers["Content-Type"] == HTML
    assert response.headers["Cache-Control"] == "no-cache"
    assert response.body.decode() == SITE_PAGE
    assert page_head(response.body.decode()).preview == {}


def test_given_the_owner_signed_in_then_a_pending_photo_still_has_no_preview(
    api, make_token, published_site_page
):
    # Given the owner of a PENDING photo, who could see it through the API
    token = make_token("alice")
    photo_id = upload_requested(api, token)
    assert api.http.get(f"/photos/{photo_id}", headers=auth(token)).status_code == 200

    # When they ask for its page with their token
    response = api.http.get(f"/p/{photo_id}", headers=auth(token))

    # Then the page is made as anyone sees the photo: no preview (the page itself shows it them)
    assert response.status_code == 404
    assert page_head(response.body.decode()).preview == {}


def test_given_a_photo_that_turns_ready_then_its_next_page_has_the_preview(
    api, make_token, published_site_page
):
    photo_id = upload_requested(api, make_token("alice"), caption="Just shared")
    assert api.http.get(f"/p/{photo_id}").status_code == 404

    made_ready(photo_id)

    response = api.http.get(f"/p/{photo_id}")
    assert response.status_code == 200
    assert page_head(response.body.decode()).preview["og:description"] == "Just shared"


def test_given_dynamodb_out_of_reach_then_503_and_the_plain_page_never_kept(
    api, published_site_page, monkeypatch
):
    def unreachable(*args, **kwargs):
        raise EndpointConnectionError(endpoint_url="https://dynamodb.us-east-1.amazonaws.com")

    monkeypatch.setattr(aws_clients.dynamodb_table().meta.client, "get_item", unreachable)

    response = api.http.get("/p/01JCNY0000000000000000000Z")

    assert response.status_code == 503
    assert response.headers["Content-Type"] == HTML
    assert response.headers["Cache-Control"] == "no-store"
    assert response.body.decode() == SITE_PAGE


@pytest.mark.parametrize(("error_code", "status"), [("SlowDown", 503), ("NoSuchKey", 404)])
def test_given_the_site_page_cannot_be_read_then_503_and_a_page_saying_to_try_again(
    api, error_code, status
):
    # Given S3 slowing the API down, or a site page not published yet (a first deploy)
    with Stubber(aws_clients.s3_client()) as s3:
        s3.add_client_error("get_object", service_error_code=error_code, http_status_code=status)

        # When a photo's page is asked for
        response = api.http.get("/p/01JCNY0000000000000000000Z")

    # Then it is a page that says to try again, never kept
    assert response.status_code == 503
    assert response.headers["Content-Type"] == HTML
    assert response.headers["Cache-Control"] == "no-store"
    assert response.body.decode() == photo_page.TRY_AGAIN_PAGE
    assert "Please try again in a few seconds." in response.body.decode()


def test_given_the_site_page_then_it_has_one_title_for_the_preview_to_replace():
    assert len(photo_page.TITLE.findall(SITE_PAGE)) == 1
    assert SITE_PAGE.index("<title>") < SITE_PAGE.index("</head>")


def test_given_the_local_site_page_when_unchanged_then_it_is_not_published_again(
    published_site_page,
):
    assert published_site_page.publish_if_changed() is False
