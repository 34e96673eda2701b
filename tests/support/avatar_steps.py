"""Steps of a profile picture's life, for the API's and the worker's unit tests: the upload
asked for through the service (as POST /me/avatar does), its file posted where the presigned
POST puts it, and the profile item as the worker left it."""

import boto3

from chalicelib.avatars import service
from chalicelib.shared import aws_clients, table_keys
from chalicelib.shared.users import User

ALICE = User(id="alice-id", username="alice", email="alice@example.com")


def avatar_upload_requested(user: User, data: bytes, content_type="image/jpeg") -> str:
    """POST /me/avatar's work: the upload key its presigned POST pins."""
    post = service.request_upload(user, service.NewAvatarRequest(content_type, len(data)))
    return post.fields["key"]


def file_posted(upload_key: str, data: bytes, content_type="image/jpeg") -> None:
    """What the browser does with the presigned POST: the file under its upload key."""
    boto3.client("s3").put_object(
        Bucket="cloudgram-uploads", Key=upload_key, Body=data, ContentType=content_type
    )


def stored_profile(user_id: str) -> dict:
    table = aws_clients.dynamodb_table()
    return table.get_item(Key=table_keys.profile_key(user_id), ConsistentRead=True)["Item"]


def keys_in(bucket: str, prefix: str) -> list[str]:
    listing = boto3.client("s3").list_objects_v2(Bucket=bucket, Prefix=prefix)
    return sorted(item["Key"] for item in listing.get("Contents", []))


def avatar_made(api, token: str, user_id: str) -> dict:
    """POST /me/avatar, then what the worker does with its file: both renditions stored and made
    the profile's avatar. The avatar as stored."""
    from image_worker import avatar_records
    from image_worker.imaging import Rendition, RenditionSet
    from tests.support.api_steps import auth

    response = api.http.post(
        "/me/avatar", headers=auth(token), body='{"contentType": "image/png", "size": 10}'
    )
    assert response.status_code == 201, response.body
    upload_id = stored_profile(user_id)["avatarUpload"]["uploadId"]
    renditions = (
        Rendition(name="large", width=320, height=320, body=b"large"),
        Rendition(name="small", width=96, height=96, body=b"small"),
    )
    keys = {r.name: f"media/avatars/{user_id}/{upload_id}/{r.name}.webp" for r in renditions}
    for rendition in renditions:
        boto3.client("s3").put_object(
            Bucket="cloudgram-media", Key=keys[rendition.name], Body=rendition.body
        )
    made = RenditionSet(320, 320, renditions, placeholder="data:image/webp;base64,AAAA")
    assert avatar_records.set_avatar(user_id, upload_id, made, keys)
    return stored_profile(user_id)["avatar"]
