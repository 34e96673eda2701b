"""The worker and profile pictures, fed the real S3 -> SQS messages moto produces: a portrait
phone photo becomes an upright, square, metadata-free avatar in two sizes; a refused file leaves
the avatar as it was and says why; of two uploads racing, the last one asked for wins."""

import io

import boto3
import pytest
from aws_lambda_powertools.utilities.batch.exceptions import BatchProcessingError
from PIL import Image

from image_worker import avatar_records, avatars
from image_worker.s3_events import AvatarUpload, UploadedObject
from tests.support.avatar_steps import (
    ALICE,
    avatar_upload_requested,
    file_posted,
    keys_in,
    stored_profile,
)
from tests.support.images import GPS_IFD_TAG, ORIENTATION_TAG, is_blue, is_red, phone_photo
from tests.support.worker_steps import run_worker

IMMUTABLE = "public, max-age=31536000, immutable"


def avatar_uploaded(data: bytes, content_type="image/jpeg") -> str:
    """An avatar upload asked for and its file posted; its upload key."""
    key = avatar_upload_requested(ALICE, data, content_type)
    file_posted(key, data, content_type)
    return key


def media_image(key: str) -> tuple[Image.Image, dict]:
    stored = boto3.client("s3").get_object(Bucket="cloudgram-media", Key=key)
    return Image.open(io.BytesIO(stored["Body"].read())), stored


def test_given_a_portrait_jpeg_with_orientation_6_then_the_avatar_is_upright_square_and_clean(
    queue,
):
    upload_key = avatar_uploaded(phone_photo(1600, 1200))

    result = run_worker(queue())

    assert result == {"batchItemFailures": []}
    avatar = stored_profile(ALICE.id)["avatar"]
    assert avatar["uploadId"] == upload_key.rsplit("/", 1)[1]
    assert avatar["placeholder"].startswith("data:image/webp;base64,")
    for size, side in (("large", 320), ("small", 96)):
        assert (int(avatar[size]["width"]), int(avatar[size]["height"])) == (side, side)
        image, stored = media_image(avatar[size]["key"])
        assert image.format == "WEBP" and image.size == (side, side)
        assert stored["ContentType"] == "image/webp"
        assert stored["CacheControl"] == IMMUTABLE
        # Upright: the stored left half (red) is on top once turned, the right half below.
        assert is_red(image.convert("RGB").getpixel((side // 2, 2)))
        assert is_blue(image.convert("RGB").getpixel((side // 2, side - 3)))
        exif = image.getexif()
        assert ORIENTATION_TAG not in exif and not exif.get_ifd(GPS_IFD_TAG)
        assert not {"exif", "xmp", "icc_profile"} & set(image.info)
    assert avatar["large"]["key"] == (f"media/avatars/{ALICE.id}/{avatar['uploadId']}/large.webp")
    assert keys_in("cloudgram-uploads", "uploads/") == []
    assert "avatarUpload" not in stored_profile(ALICE.id)


def test_given_a_file_that_is_not_an_image_then_the_avatar_stays_and_the_profile_says_why(queue):
    avatar_uploaded(phone_photo(400, 300))
    run_worker(queue())
    kept = stored_profile(ALICE.id)["avatar"]
    refused_key = avatar_uploaded(b"<html>not a picture</html>")

    assert run_worker(queue()) == {"batchItemFailures": []}

    profile = stored_profile(ALICE.id)
    assert profile["avatar"] == kept
    assert profile["avatarFailure"]["uploadId"] == refused_key.rsplit("/", 1)[1]
    assert "image" in profile["avatarFailure"]["reason"].lower()
    assert "avatarUpload" not in profile
    assert keys_in("cloudgram-uploads", "uploads/") == []


def test_given_a_file_of_another_size_than_announced_then_it_is_refused(queue):
    key = avatar_upload_requested(ALICE, phone_photo(400, 300))
    file_posted(key, phone_photo(400, 300) + b"more")

    run_worker(queue())

    assert "announced" in stored_profile(ALICE.id)["avatarFailure"]["reason"]
    assert "avatar" not in stored_profile(ALICE.id)


def test_given_two_uploads_racing_when_the_older_file_lands_last_then_the_newer_one_wins(queue):
    first_data, second_data = phone_photo(400, 300), phone_photo(300, 400)
    first_key = avatar_upload_requested(ALICE, first_data)
    second_key = avatar_upload_requested(ALICE, second_data)

    file_posted(second_key, second_data)
    run_worker(queue())
    file_posted(first_key, first_data)
    run_worker(queue())

    avatar = stored_profile(ALICE.id)["avatar"]
    assert avatar["uploadId"] == second_key.rsplit("/", 1)[1]
    assert keys_in("cloudgram-media", "media/avatars/") == sorted(
        [avatar["large"]["key"], avatar["small"]["key"]]
    )
    assert keys_in("cloudgram-uploads", "uploads/") == []


def test_given_the_older_file_landing_first_then_it_never_becomes_the_avatar(queue):
    first_data = phone_photo(400, 300)
    first_key = avatar_upload_requested(ALICE, first_data)
    avatar_upload_requested(ALICE, phone_photo(300, 400))

    file_posted(first_key, first_data)
    run_worker(queue())

    profile = stored_profile(ALICE.id)
    assert "avatar" not in profile and "avatarFailure" not in profile
    assert keys_in("cloudgram-media", "media/avatars/") == []
    assert keys_in("cloudgram-uploads", "uploads/") == []


def test_given_a_new_upload_asked_for_while_one_is_processed_then_its_renditions_go(
    queue, monkeypatch
):
    avatar_uploaded(phone_photo(400, 300))
    set_avatar = avatar_records.set_avatar

    def replaced_meanwhile(*arguments):
        avatar_upload_requested(ALICE, phone_photo(300, 400))
        return set_avatar(*arguments)

    monkeypatch.setattr(avatar_records, "set_avatar", replaced_meanwhile)

    assert run_worker(queue()) == {"batchItemFailures": []}

    assert "avatar" not in stored_profile(ALICE.id)
    assert keys_in("cloudgram-media", "media/avatars/") == []


def test_given_the_same_event_twice_then_the_second_changes_nothing(queue):
    avatar_uploaded(phone_photo(400, 300))
    event = queue()
    run_worker(event)
    avatar = stored_profile(ALICE.id)["avatar"]

    assert run_worker(event) == {"batchItemFailures": []}

    assert stored_profile(ALICE.id)["avatar"] == avatar
    assert "avatarFailure" not in stored_profile(ALICE.id)


def test_given_processing_keeps_failing_then_the_last_attempt_notes_why_on_the_profile(
    queue, monkeypatch
):
    avatar_uploaded(phone_photo(64, 48))
    event = queue()

    def broken(*args, **kwargs):
        raise RuntimeError("simulated outage")

    monkeypatch.setattr(avatars, "build_renditions", broken)
    event["Records"][0]["attributes"]["ApproximateReceiveCount"] = "5"
    with pytest.raises(BatchProcessingError):
        run_worker(event)

    assert stored_profile(ALICE.id)["avatarFailure"]["reason"] == avatars.PROCESSING_ERROR_REASON


@pytest.mark.parametrize(
    ("key", "photo_id", "avatar"),
    [
        ("uploads/01JCNY8ZQ0V5G1Y0WJ6X7C9B2K", "01JCNY8ZQ0V5G1Y0WJ6X7C9B2K", None),
        (
            "uploads/avatars/u-1/01JCNY8ZQ0V5G1Y0WJ6X7C9B2K",
            None,
            ("u-1", "01JCNY8ZQ0V5G1Y0WJ6X7C9B2K"),
        ),
        ("uploads/avatars/u-1", None, None),
        ("uploads/avatars/u-1/x/y", None, None),
        ("elsewhere/avatars/u-1/x", None, None),
    ],
)
def test_given_an_uploaded_key_then_it_is_a_photo_an_avatar_or_neither(key, photo_id, avatar):
    uploaded = UploadedObject("cloudgram-uploads", key, 1)

    assert uploaded.photo_id == photo_id
    assert uploaded.avatar == (AvatarUpload(*avatar) if avatar else None)
