"""An avatar's objects in S3: its upload, `uploads/avatars/<user id>/<upload id>` in the uploads
bucket, and its renditions, `media/avatars/<user id>/<upload id>/{large,small}.webp` in the media
bucket, both written and deleted by the worker (image_worker/avatars.py spells the same keys).

The upload lies under the uploads bucket's `uploads/` prefix, so the one notification that
announces photos to the worker announces avatars too, and the same lifecycle rule removes an
upload nobody processed. Each upload has its own id, so a new picture never reuses an old one's
URL: renditions are cached for a year, and a replaced picture must not linger in a browser.
"""

from chalicelib.photos.upload_policy import UPLOADS_PREFIX

AVATAR_UPLOADS_PREFIX = f"{UPLOADS_PREFIX}avatars/"


def upload_key(user_id: str, upload_id: str) -> str:
    return f"{AVATAR_UPLOADS_PREFIX}{user_id}/{upload_id}"


def rendition_keys(avatar: dict) -> list[str]:
    """The media-bucket keys of a stored avatar's renditions (`small` and `large`)."""
    return [avatar[size]["key"] for size in ("small", "large")]


def rendition_url_pattern(avatar: dict) -> str:
    """The URL path of every rendition of the avatar, as CloudFront serves them: its folder."""
    folder = avatar["large"]["key"].rsplit("/", 1)[0]
    return f"/{folder}/*"
