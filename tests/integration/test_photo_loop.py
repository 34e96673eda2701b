"""The whole loop over HTTP, as a browser drives it: sign up and in, request an upload, POST the
file to S3, wait for the worker, then see the upright, metadata-free renditions in the feed."""

import io

from PIL import Image

from tests.support.images import is_blue, is_red, phone_photo


def test_given_a_12mp_portrait_phone_photo_when_uploaded_then_it_is_ready_upright_without_exif(
    client, user, local_aws
):
    photo = client.upload_photo(user, phone_photo())

    assert photo["status"] == "READY", photo.get("failureReason")
    assert (photo["width"], photo["height"]) == (3024, 4032)
    # A portrait's `full` is 1512 wide: no `large` (1440) to nearly repeat it.
    assert set(photo["renditions"]) == {"grid", "medium", "feed", "full"}
    for name, rendition in photo["renditions"].items():
        response = client.http.get(client.site_url + rendition["url"], timeout=10)
        assert response.status_code == 200, name
        assert response.headers["Content-Type"] == "image/webp"
        assert "immutable" in response.headers["Cache-Control"]
        image = Image.open(io.BytesIO(response.content))
        assert image.size == (rendition["width"], rendition["height"])
        assert not image.getexif(), f"{name} carries EXIF"
        assert "exif" not in image.info and "xmp" not in image.info
        if name != "grid":  # the square crop keeps the middle, so both colours meet there
            assert image.height > image.width
            assert is_red(image.convert("RGB").getpixel((image.width // 2, 5)))
            assert is_blue(image.convert("RGB").getpixel((image.width // 2, image.height - 5)))
    assert photo["placeholder"].startswith("data:image/")

    feed = client.api("GET", "/feed?limit=50").json()
    assert photo["id"] in [item["id"] for item in feed["items"]]

    uploads = local_aws("s3").list_objects_v2(Bucket="cloudgram-uploads", Prefix="uploads/")
    assert f"uploads/{photo['id']}" not in [item["Key"] for item in uploads.get("Contents", [])]


def test_given_a_file_that_is_not_an_image_then_the_photo_fails_with_a_reason(client, user):
    html = b"<html><body>not a photo</body></html>"

    photo = client.upload_photo(user, html, content_type="image/jpeg")

    assert photo["status"] == "FAILED"
    assert photo["failureReason"]
    feed = client.api("GET", "/feed?limit=50").json()
    assert photo["id"] not in [item["id"] for item in feed["items"]]


def test_given_the_site_then_it_serves_the_page_and_its_config(client, local_stack):
    page = client.http.get(local_stack.site_url + "/", timeout=10)
    config = client.http.get(local_stack.site_url + "/config.json", timeout=10).json()

    assert page.status_code == 200
    assert "text/html" in page.headers["Content-Type"]
    assert set(config) == {"apiBase", "mediaBase", "region", "cognito", "limits", "local"}
    assert config["apiBase"] == "/api" and config["mediaBase"] == "/media"
    assert set(config["cognito"]) == {"userPoolId", "clientId", "endpoint", "passwordPolicy"}
    assert config["cognito"]["passwordPolicy"]["minimumLength"] == 10
    assert config["limits"]["maxUploadBytes"] == 26214400
    assert config["limits"]["captionMaxLength"] == 2200
    assert config["limits"]["altTextMaxLength"] == 1000
    assert config["limits"]["displayNameMaxLength"] == 30
    assert config["limits"]["bioMaxLength"] == 150
    assert config["local"] is True


def test_given_paths_outside_the_site_then_nothing_is_served(client, local_stack):
    for path in ("/../app.py", "/%2e%2e/app.py", "/media/../uploads/x", "/uploads/x"):
        response = client.http.get(local_stack.site_url + path, timeout=10)
        assert response.status_code == 404, path
