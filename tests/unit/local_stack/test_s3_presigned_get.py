"""The local exports bucket answers a GET as S3 does: only through a link signed with the stack's
credentials, and only until it expires (infra/local/s3_presigned_get.py)."""

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import boto3
import pytest
from botocore.config import Config
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from infra.local.aws_endpoint import local_secret_for_access_key
from infra.local.s3_presigned_get import PresignedGetGuard

ENDPOINT = "http://127.0.0.1:4566"
BUCKET = "cloudgram-exports"
KEY = "exports/user-1/01JF0000000000000000000000.zip"


def presigned_link(access_key="testing", secret="testing", expires=3600, **params) -> str:
    s3 = boto3.client(
        "s3",
        endpoint_url=ENDPOINT,
        region_name="us-east-1",
        aws_access_key_id=access_key,
        aws_secret_access_key=secret,
        config=Config(signature_version="s3v4"),
    )
    return s3.generate_presigned_url(
        "get_object", Params={"Bucket": BUCKET, "Key": KEY, **params}, ExpiresIn=expires
    )


def request_for(url: str, method: str = "GET", headers: dict | None = None) -> Request:
    parts = urlsplit(url)
    environ = EnvironBuilder(
        method=method,
        base_url=f"{parts.scheme}://{parts.netloc}",
        path=parts.path,
        query_string=parts.query,
        headers=headers,
    ).get_environ()
    environ["RAW_URI"] = parts.path + (f"?{parts.query}" if parts.query else "")
    return Request(environ)


def guard() -> PresignedGetGuard:
    def moto(environ, start_response):
        start_response("200 OK", [("Content-Type", "application/zip")])
        return [b"the archive"]

    return PresignedGetGuard(moto, local_secret_for_access_key, BUCKET)


def test_given_the_apis_link_then_it_downloads():
    link = presigned_link(ResponseContentDisposition='attachment; filename="cloudgram-a.zip"')

    assert guard().refusal_of(request_for(link), datetime.now(UTC)) is None


def test_given_a_link_past_its_time_then_it_is_refused_as_expired():
    link = presigned_link(expires=60)

    refusal = guard().refusal_of(request_for(link), datetime.now(UTC) + timedelta(seconds=61))

    assert refusal == ("AccessDenied", "Request has expired")


@pytest.mark.parametrize(
    "tamper",
    [
        lambda link: link.replace("01JF0000000000000000000000", "01JF0000000000000000000001"),
        lambda link: link.replace("user-1", "user-2"),
        lambda link: link.replace("X-Amz-Expires=60", "X-Amz-Expires=600"),
        lambda link: link.replace("cloudgram-a.zip", "evil.html"),
    ],
)
def test_given_a_link_changed_after_signing_then_the_signature_does_not_match(tamper):
    link = presigned_link(
        expires=60, ResponseContentDisposition='attachment; filename="cloudgram-a.zip"'
    )

    refusal = guard().refusal_of(request_for(tamper(link)), datetime.now(UTC))

    assert refusal[0] == "SignatureDoesNotMatch"


def test_given_a_link_signed_with_other_keys_then_it_is_refused():
    unknown = presigned_link(access_key="someone-else")
    wrong_secret = presigned_link(secret="not-the-stacks")

    assert guard().refusal_of(request_for(unknown), datetime.now(UTC))[0] == "InvalidAccessKeyId"
    assert guard().refusal_of(request_for(wrong_secret), datetime.now(UTC))[0] == (
        "SignatureDoesNotMatch"
    )


@pytest.mark.parametrize(
    "query",
    [
        "",
        "X-Amz-Signature=abc",
        "X-Amz-Signature=abc&X-Amz-Date=yesterday&X-Amz-Expires=60",
        "X-Amz-Signature=abc&X-Amz-Date=20261206T000000Z&X-Amz-Expires=604801"
        "&X-Amz-Credential=testing/20261206/us-east-1/s3/aws4_request&X-Amz-SignedHeaders=host",
    ],
)
def test_given_an_unsigned_or_malformed_get_then_it_is_refused_with_403(query):
    url = f"{ENDPOINT}/{BUCKET}/{KEY}" + (f"?{query}" if query else "")
    responses = []

    body = guard()(request_for(url).environ, lambda status, headers: responses.append(status))

    assert responses[0].startswith("403")
    assert b"<Code>" in b"".join(body)


def test_given_boto3_or_another_bucket_then_the_guard_lets_the_request_through():
    statuses = []

    def start(status, headers):
        statuses.append(status)

    signed_by_header = request_for(
        f"{ENDPOINT}/{BUCKET}/{KEY}", headers={"Authorization": "AWS4-HMAC-SHA256 ..."}
    )
    other_bucket = request_for(f"{ENDPOINT}/cloudgram-media/media/p/full.webp")
    guard()(signed_by_header.environ, start)
    guard()(other_bucket.environ, start)

    assert statuses == ["200 OK", "200 OK"]
