"""The steps most API unit tests start from, through Chalice's test client (`api`): an ID token's
headers, a photo requested, a photo made READY as the worker would leave it; the client itself,
calling the API as CloudFront does; and the Lambda context the stream function is called with."""

import functools
import json
import uuid

import boto3
from chalice.local import LambdaContext

from chalicelib.edge.origin_check import ORIGIN_SECRET_HEADER, secret_digest
from chalicelib.photos import store as photo_store
from image_worker import photo_records
from image_worker.imaging import Rendition, RenditionSet

STREAM_CONTEXT = LambdaContext("cloudgram-on_table_change", memory_size=512)
# The header CloudFront adds to every request it sends the API, in the unit tests; the API is
# given the digest (chalicelib/edge/origin_check.py).
TEST_ORIGIN_SECRET = "origin-secret-of-the-unit-tests"
TEST_ORIGIN_SECRET_SHA256 = secret_digest(TEST_ORIGIN_SECRET)


class ThroughCloudFront:
    """Chalice's test HTTP client, sending every request as CloudFront sends it to the API: with
    the origin's secret header added to the headers the test gives."""

    def __init__(self, http) -> None:
        self._http = http

    def request(self, method: str, path: str, headers: dict | None = None, body=b""):
        headers = {**(headers or {}), ORIGIN_SECRET_HEADER: TEST_ORIGIN_SECRET}
        return self._http.request(method, path, headers=headers, body=body)

    get = functools.partialmethod(request, "GET")
    post = functools.partialmethod(request, "POST")
    put = functools.partialmethod(request, "PUT")
    patch = functools.partialmethod(request, "PATCH")
    delete = functools.partialmethod(request, "DELETE")
    head = functools.partialmethod(request, "HEAD")
    options = functools.partialmethod(request, "OPTIONS")


class ApiBehindCloudFront:
    """What the `api` fixture gives a test: `http`, the API as the page reaches it."""

    def __init__(self, chalice_test_client) -> None:
        self.http = ThroughCloudFront(chalice_test_client.http)


def auth(token: str) -> dict:
    return {"Authorization": token, "Content-Type": "application/json"}


def user_id(username: str) -> str:
    """The `sub` that make_token gives a username."""
    return str(uuid.uuid5(uuid.NAMESPACE_DNS, username))


TINY_RENDITIONS = RenditionSet(
    width=30,
    height=40,
    renditions=(Rendition(name="feed", width=30, height=40, body=b"webp"),),
    placeholder="data:image/webp;base64,AAAA",
)


def upload_requested(api, token, caption="") -> str:
    body = json.dumps({"contentType": "image/jpeg", "size": 10, "caption": caption})
    response = api.http.post("/photos", headers=auth(token), body=body)
    assert response.status_code == 201, response.body
    return response.json_body["photo"]["id"]


def made_ready(photo_id: str) -> None:
    """What the worker does once a photo is processed: its rendition stored, the photo READY."""
    keys = {"feed": f"media/{photo_id}/feed.webp"}
    boto3.client("s3").put_object(Bucket="cloudgram-media", Key=keys["feed"], Body=b"webp")
    assert photo_records.mark_ready(
        photo_store.get_photo(photo_id), TINY_RENDITIONS, keys, shard_count=1
    )


def ready_photo(api, token, caption="") -> str:
    photo_id = upload_requested(api, token, caption)
    made_ready(photo_id)
    return photo_id
