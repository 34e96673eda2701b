"""The local gateway, probed as an attacker would: every response carries the site's security
headers (the production CSP included), /media serves renditions only, a request addressed to any
name but a loopback one (a page that pointed its own name here: DNS rebinding) gets 403, and odd
requests get a 4xx instead of killing the connection."""

import socket
from urllib.parse import urlsplit

import pytest

from infra.deploy.site import FRONTEND_DIR
from tests.support.images import phone_photo


@pytest.mark.parametrize("path", ["/", "/config.json", "/api/feed", "/api/nothing", "/js/main.js"])
def test_given_any_response_then_it_carries_the_security_headers(client, path):
    response = client.http.get(client.site_url + path, timeout=5)

    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "connect-src 'self' http://127.0.0.1:" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP


def test_given_a_media_object_that_is_not_a_rendition_then_it_is_not_served(client, local_aws):
    s3 = local_aws("s3")
    s3.put_object(
        Bucket="cloudgram-media",
        Key="media/evil/page.webp",
        Body=b"<script>alert(1)</script>",
        ContentType="text/html",
    )
    s3.put_object(
        Bucket="cloudgram-media",
        Key="media/plain/feed.webp",
        Body=b"RIFF",
        ContentType="image/webp",
    )

    html = client.http.get(client.site_url + "/media/evil/page.webp", timeout=5)
    without_cache_control = client.http.get(client.site_url + "/media/plain/feed.webp", timeout=5)

    assert html.status_code == 404
    assert without_cache_control.status_code == 200
    assert without_cache_control.headers["Content-Type"] == "image/webp"
    assert without_cache_control.headers["X-Content-Type-Options"] == "nosniff"


def test_given_a_rendition_then_it_is_served_immutable_as_webp(client, user):
    photo = client.upload_photo(user, phone_photo(64, 48))

    response = client.http.get(client.site_url + photo["renditions"]["feed"]["url"], timeout=5)

    assert response.headers["Content-Type"] == "image/webp"
    assert "immutable" in response.headers["Cache-Control"]


@pytest.mark.parametrize("path", ["/", "/config.json", "/api/feed", "/api/users/x"])
def test_given_a_host_that_is_not_a_loopback_name_then_403_and_nothing_of_the_site(client, path):
    # A page that pointed its own name at 127.0.0.1 asks for the site as if it were its own.
    port = urlsplit(client.site_url).port

    rebound = client.http.get(
        client.site_url + path, headers={"Host": f"rebound.example:{port}"}, timeout=5
    )
    by_name = client.http.get(
        client.site_url + path, headers={"Host": f"localhost:{port}"}, timeout=5
    )

    assert rebound.status_code == 403
    assert rebound.text.startswith("CloudGram's local site answers only requests addressed to")
    assert by_name.status_code in (200, 404)


def raw_request(site_url: str, request: bytes) -> bytes:
    address = urlsplit(site_url)
    with socket.create_connection((address.hostname, address.port), timeout=5) as connection:
        connection.sendall(request)
        return connection.recv(65536)


@pytest.mark.parametrize("path", ["/%00", "/media/%00", "/api/photos/%00", "/a%00b.js"])
def test_given_a_nul_in_the_path_then_404_not_a_crash(client, path):
    response = client.http.get(client.site_url + path, timeout=5)

    assert response.status_code == 404


@pytest.mark.parametrize("length", ["abc", "-1", "1e3", "٣"])
def test_given_a_content_length_that_is_not_a_number_then_400(client, length):
    answer = raw_request(
        client.site_url,
        (
            f"POST /api/photos HTTP/1.1\r\nHost: localhost\r\nContent-Length: {length}\r\n\r\n"
        ).encode(),
    )

    assert answer.startswith(b"HTTP/1.0 400") or answer.startswith(b"HTTP/1.1 400")


def test_given_a_body_larger_than_api_gateway_takes_then_413(client):
    answer = raw_request(
        client.site_url,
        b"POST /api/photos HTTP/1.1\r\nHost: localhost\r\nContent-Length: 999999999\r\n\r\n",
    )

    assert b" 413 " in answer.split(b"\r\n")[0]


@pytest.mark.parametrize(
    ("accept_encoding", "encoding"), [("gzip, deflate, br", "br"), ("gzip", "gzip"), ("", None)]
)
def test_given_the_sites_script_then_it_is_compressed_as_cloudfront_would(
    client, accept_encoding, encoding
):
    # Given the page's entry script, as a browser asks for it
    response = client.http.get(
        client.site_url + "/js/main.js", headers={"Accept-Encoding": accept_encoding}, timeout=5
    )

    # Then it comes compressed as the browser allows, and decodes to the file itself
    assert response.headers.get("Content-Encoding") == encoding
    assert response.headers["Vary"] == "Accept-Encoding"
    assert response.content == (FRONTEND_DIR / "js" / "main.js").read_bytes()
    if encoding:
        assert int(response.headers["Content-Length"]) < len(response.content) / 2


def test_given_a_photos_page_then_it_is_compressed_and_the_apis_answers_are_not(client, user):
    # Given a photo, its page (CloudFront's /p/* behaviour, whose cache policy allows
    # compression) and a page of the feed (/api/*, whose policy caches nothing, so CloudFront
    # passes the API's answer on as it is)
    photo = client.upload_photo(user, phone_photo(64, 48))
    brotli_first = {"Accept-Encoding": "br, gzip"}

    # When a browser asks for both
    page = client.http.get(f"{client.site_url}/p/{photo['id']}", headers=brotli_first, timeout=5)
    feed = client.http.get(f"{client.site_url}/api/feed", headers=brotli_first, timeout=5)

    # Then the page comes in Brotli and decodes to the page, with its link preview
    assert page.status_code == 200
    assert page.headers["Content-Encoding"] == "br"
    assert page.headers["Vary"] == "Accept-Encoding"
    assert int(page.headers["Content-Length"]) < len(page.content) / 2
    assert 'property="og:image"' in page.text
    # And the feed's JSON as the API wrote it
    assert "Content-Encoding" not in feed.headers
    assert feed.json()["items"]


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/manifest.webmanifest", "application/manifest+json"),
        ("/sw.js", "text/javascript"),
        ("/offline.html", "text/html"),
    ],
)
def test_given_the_installable_apps_files_then_each_has_its_type_and_is_revalidated(
    client, path, content_type
):
    # Given a file the installed app needs
    response = client.http.get(client.site_url + path, timeout=5)

    # Then it is served with its own type, and revalidated: the browser checks the service worker
    # and the manifest for updates, and must see a new deploy's
    assert response.status_code == 200
    assert response.headers["Content-Type"] == content_type
    assert response.headers["Cache-Control"] == "no-cache"


def test_given_a_share_without_the_service_worker_then_the_gateway_refuses_it(client):
    # Given a browser without the installed app's service worker, sharing to its share target
    response = client.http.post(
        client.site_url + "/share-target", files={"photos": ("photo.jpg", phone_photo(64, 48))}
    )

    # Then the gateway refuses it as it refuses any POST outside /api/ (CloudFront with 403)
    assert response.status_code == 405
