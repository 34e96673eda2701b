"""A photo's page over HTTP on the local stack, as a chat app or a crawler fetches a shared link:
/p/<id> through the local CloudFront (which sends it to the API with its secret header, as its
/p/* behaviour does) answers the site's page with the photo's link preview for a READY photo, and
the plain page with a 404 for any other id; always HTML, under the site's security headers, and
kept briefly at most. The stage's own /api/p/<id> answers the same; API Gateway's own address
does not."""

from urllib.parse import urlsplit

import pytest

from tests.support.images import phone_photo
from tests.support.page_head import page_head

HOSTILE_CAPTION = '"><script>alert(1)</script> & <b>bold</b> 👩\u200d👩\u200d👧 e\u0301 \u202eevil'


@pytest.fixture(scope="module")
def ready_photo(client, user):
    photo = client.upload_photo(user, phone_photo(64, 48))
    edited = client.api(
        "PATCH", f"/photos/{photo['id']}", user.id_token, json={"caption": HOSTILE_CAPTION}
    )
    assert edited.status_code == 200, edited.text
    return photo


def assert_the_sites_security_headers(response) -> None:
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_given_a_ready_photo_then_its_page_previews_it_with_absolute_addresses(
    client, user, ready_photo
):
    # When a chat app fetches the photo's address
    response = client.http.get(f"{client.site_url}/p/{ready_photo['id']}", timeout=10)

    # Then it gets the site's page, as HTML under the site's headers, kept a minute
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["Cache-Control"] == "public, max-age=60"
    assert_the_sites_security_headers(response)
    head = page_head(response.text)
    assert [script["src"] for script in head.scripts] == ["/js/main.js"]

    # And its head previews the photo: the caption as text, the feed rendition by its full
    # address on the site's one public origin (the one `make dev` prints), which serves it
    site_origin = f"http://localhost:{urlsplit(client.site_url).port}"
    image_url = f"{site_origin}{ready_photo['renditions']['feed']['url']}"
    assert head.title == f"Photo by {user.username} · CloudGram"
    assert head.canonical == f"{site_origin}/p/{ready_photo['id']}"
    assert head.preview["og:description"] == HOSTILE_CAPTION
    assert head.preview["twitter:description"] == HOSTILE_CAPTION
    assert head.preview["og:image"] == head.preview["twitter:image"] == image_url
    assert head.preview["og:image:width"] == str(ready_photo["renditions"]["feed"]["width"])
    assert head.preview["og:image:height"] == str(ready_photo["renditions"]["feed"]["height"])
    picture = client.http.get(image_url, timeout=10)
    assert picture.status_code == 200
    assert picture.headers["Content-Type"] == head.preview["og:image:type"] == "image/webp"


def test_given_the_stages_own_path_then_the_same_page_is_answered(client, ready_photo):
    through_the_behaviour = client.http.get(f"{client.site_url}/p/{ready_photo['id']}", timeout=10)
    through_the_api_path = client.http.get(
        f"{client.site_url}/api/p/{ready_photo['id']}", timeout=10
    )

    assert through_the_api_path.status_code == 200
    assert through_the_api_path.text == through_the_behaviour.text


def pending(client, user) -> str:
    return client.request_upload(user, phone_photo(32, 24))["photo"]["id"]


def failed(client, user) -> str:
    photo = client.upload_photo(user, b"<html><body>not a photo</body></html>")
    assert photo["status"] == "FAILED"
    return photo["id"]


def deleted(client, user) -> str:
    photo = client.upload_photo(user, phone_photo(32, 24))
    assert client.api("DELETE", f"/photos/{photo['id']}", user.id_token).status_code == 204
    return photo["id"]


NO_PREVIEW = {
    "pending": pending,
    "failed": failed,
    "deleted": deleted,
    "unknown": lambda client, user: "01JCNY0000000000000000000Z",
    "not a ULID": lambda client, user: "not-a-photo-id",
    "percent-escaped markup": lambda client, user: "%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "odd Unicode": lambda client, user: "%F0%9F%91%A9%E2%80%8D%F0%9F%91%A9%C3%A9",
    "a broken escape": lambda client, user: "%ZZ%C3",
}


@pytest.mark.parametrize("make_id", NO_PREVIEW.values(), ids=NO_PREVIEW.keys())
def test_given_anything_but_a_ready_photo_then_404_and_the_plain_page(client, user, make_id):
    # Given an id that names no READY photo; when its address is fetched
    photo_id = make_id(client, user)
    response = client.http.get(f"{client.site_url}/p/{photo_id}", timeout=10)

    # Then the page comes without a preview, as HTML under the site's headers, not kept
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["Cache-Control"] == "no-cache"
    assert_the_sites_security_headers(response)
    head = page_head(response.text)
    assert head.preview == {}
    assert head.title == "CloudGram"
    assert [script["src"] for script in head.scripts] == ["/js/main.js"]


def test_given_a_photo_page_around_cloudfront_then_the_api_refuses_it(client, local_stack):
    response = client.http.get(
        f"{local_stack.api_url}/api/p/01JCNY0000000000000000000Z", timeout=10
    )

    assert response.status_code == 403
    assert response.json()["Code"] == "ForbiddenError"


def test_given_a_method_other_than_get_then_the_photo_page_refuses_it(client, ready_photo):
    response = client.http.post(f"{client.site_url}/p/{ready_photo['id']}", timeout=10)

    assert response.status_code == 405
