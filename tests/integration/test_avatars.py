"""A profile picture over HTTP, as the page chooses one: POST /me/avatar, the presigned POST
straight to S3, the worker, then GET /users/{username} showing it; replaced, and the old files
go; deleted, and the letter is back."""

import io

from PIL import Image

from tests.support.images import is_blue, is_red, phone_photo, scene_jpeg
from tests.support.waiting import eventually


def media_keys(local_aws, user_id: str) -> list[str]:
    listing = local_aws("s3").list_objects_v2(
        Bucket="cloudgram-media", Prefix=f"media/avatars/{user_id}/"
    )
    return sorted(item["Key"] for item in listing.get("Contents", []))


def test_given_a_portrait_phone_photo_then_the_profile_shows_it_upright_and_square(
    client, local_aws
):
    person = client.sign_up_and_in()

    own = client.upload_avatar(person, phone_photo())

    assert "avatarUpload" not in own
    avatar = client.api("GET", f"/users/{person.username}").json()["avatar"]
    assert (avatar["width"], avatar["height"]) == (320, 320)
    assert avatar["placeholder"].startswith("data:image/webp;base64,")
    response = client.http.get(client.site_url + avatar["url"], timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/webp"
    assert "immutable" in response.headers["Cache-Control"]
    image = Image.open(io.BytesIO(response.content)).convert("RGB")
    assert image.size == (320, 320)
    assert is_red(image.getpixel((160, 3))) and is_blue(image.getpixel((160, 316)))
    assert not Image.open(io.BytesIO(response.content)).getexif()
    uploads = local_aws("s3").list_objects_v2(
        Bucket="cloudgram-uploads", Prefix=f"uploads/avatars/{own['id']}/"
    )
    assert uploads.get("Contents", []) == []


def test_given_a_picture_replaced_then_deleted_then_the_old_files_go_each_time(client, local_aws):
    person = client.sign_up_and_in()
    person_id = client.api("GET", "/me", person.id_token).json()["id"]
    first = client.upload_avatar(person, scene_jpeg(1))["avatar"]
    first_keys = media_keys(local_aws, person_id)

    second = client.upload_avatar(person, scene_jpeg(2))["avatar"]

    assert second["url"] != first["url"]
    assert eventually(lambda: not set(first_keys) & set(media_keys(local_aws, person_id)))
    assert len(media_keys(local_aws, person_id)) == 2
    assert client.http.get(client.site_url + first["url"], timeout=10).status_code == 404

    deleted = client.api("DELETE", "/me/avatar", person.id_token)

    assert deleted.status_code == 204
    assert "avatar" not in client.api("GET", f"/users/{person.username}").json()
    assert eventually(lambda: media_keys(local_aws, person_id) == [])


def test_given_a_file_that_is_not_an_image_then_the_avatar_stays_and_its_owner_reads_why(client):
    person = client.sign_up_and_in()
    kept = client.upload_avatar(person, scene_jpeg(3))["avatar"]

    own = client.upload_avatar(person, b"<html>not a picture</html>")

    assert own["avatar"] == kept
    assert own["avatarUpload"]["status"] == "FAILED"
    assert own["avatarUpload"]["failureReason"]
    assert "avatarUpload" not in client.api("GET", f"/users/{person.username}").json()
