"""The local AWS endpoint refuses browser POST uploads that real S3 would refuse, and passes the
others on to moto intact. Each test posts a real boto3 presigned POST over loopback."""

import base64
import json
from xml.etree import ElementTree

import boto3
import pytest
import requests
from botocore.config import Config
from moto.s3 import notifications

from infra.local.s3_post_policy import bucket_of_browser_upload, sigv4_signature
from tests.support.fake_aws import CREDENTIALS, REGION, SITE_ORIGIN

BUCKET = "uploads-under-test"
KEY = "uploads/photo-1"
PHOTO = b"\xff\xd8\xff fake jpeg bytes"


@pytest.fixture
def s3(aws_client):
    client = aws_client("s3", config=Config(signature_version="s3v4"))
    client.create_bucket(Bucket=BUCKET)
    return client


def presigned_post(s3, expires_in=300, **overrides):
    """A POST signed the way the API signs one: exact key, exact type, exact size."""
    arguments = {
        "Bucket": BUCKET,
        "Key": KEY,
        "Fields": {"Content-Type": "image/jpeg"},
        "Conditions": [
            {"Content-Type": "image/jpeg"},
            ["content-length-range", len(PHOTO), len(PHOTO)],
        ],
        "ExpiresIn": expires_in,
        **overrides,
    }
    return s3.generate_presigned_post(**arguments)


def post_upload(post, content=PHOTO, headers=None, **field_changes):
    fields = {**post["fields"], **field_changes}
    return requests.post(
        post["url"],
        data=fields,
        files={"file": ("photo.jpg", content, fields.get("Content-Type"))},
        headers=headers or {},
        timeout=10,
    )


def s3_error(response) -> dict[str, str]:
    return {element.tag: element.text for element in ElementTree.fromstring(response.content)}


def stored_keys(s3) -> list[str]:
    return [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_given_a_valid_presigned_post_when_posted_then_the_photo_lands_with_its_type(s3):
    post = presigned_post(s3)

    response = post_upload(post)

    assert response.status_code == 204
    stored = s3.get_object(Bucket=BUCKET, Key=KEY)
    assert stored["Body"].read() == PHOTO
    assert stored["ContentType"] == "image/jpeg"


def test_given_a_file_over_the_size_range_when_posted_then_entity_too_large_and_nothing_stored(s3):
    post = presigned_post(s3)

    response = post_upload(post, content=PHOTO + b"!")

    assert response.status_code == 400
    error = s3_error(response)
    assert error["Code"] == "EntityTooLarge"
    assert (error["ProposedSize"], error["MaxSizeAllowed"]) == (
        str(len(PHOTO) + 1),
        str(len(PHOTO)),
    )
    assert stored_keys(s3) == []


def test_given_a_file_under_the_size_range_when_posted_then_entity_too_small(s3):
    post = presigned_post(s3)

    response = post_upload(post, content=PHOTO[:-1])

    assert response.status_code == 400
    assert s3_error(response)["Code"] == "EntityTooSmall"
    assert stored_keys(s3) == []


def test_given_another_content_type_when_posted_then_the_condition_fails(s3):
    post = presigned_post(s3)

    response = post_upload(post, **{"Content-Type": "text/html"})

    assert response.status_code == 403
    assert s3_error(response) | {"RequestId": ""} == {
        "Code": "AccessDenied",
        "Message": 'Invalid according to Policy: Policy Condition failed: ["eq", '
        '"$Content-Type", "image/jpeg"]',
        "RequestId": "",
    }
    assert stored_keys(s3) == []


def test_given_another_key_when_posted_then_the_condition_fails_and_nothing_stored(s3):
    post = presigned_post(s3)

    response = post_upload(post, key="uploads/someone-elses-photo")

    assert response.status_code == 403
    assert '["eq", "$key", "uploads/photo-1"]' in s3_error(response)["Message"]
    assert stored_keys(s3) == []


def test_given_an_expired_policy_when_posted_then_access_denied(s3):
    post = presigned_post(s3, expires_in=-1)

    response = post_upload(post)

    assert response.status_code == 403
    assert s3_error(response)["Message"] == "Invalid according to Policy: Policy expired."
    assert stored_keys(s3) == []


def test_given_a_policy_edited_by_the_browser_when_posted_then_the_signature_does_not_match(s3):
    post = presigned_post(s3)
    policy = json.loads(base64.b64decode(post["fields"]["policy"]))
    policy["conditions"] = [
        ["content-length-range", 0, 10**9] if isinstance(condition, list) else condition
        for condition in policy["conditions"]
    ]
    edited_policy = base64.b64encode(json.dumps(policy).encode()).decode()

    response = post_upload(post, content=PHOTO * 10, policy=edited_policy)

    assert response.status_code == 403
    assert s3_error(response)["Code"] == "SignatureDoesNotMatch"
    assert stored_keys(s3) == []


def test_given_a_forged_signature_when_posted_then_the_signature_does_not_match(s3):
    post = presigned_post(s3)

    response = post_upload(post, **{"x-amz-signature": "0" * 64})

    assert response.status_code == 403
    assert s3_error(response)["Code"] == "SignatureDoesNotMatch"


def test_given_a_post_signed_with_an_unknown_access_key_when_posted_then_it_is_refused(
    s3, endpoint
):
    stranger = boto3.client(
        "s3",
        endpoint_url=endpoint.url,
        region_name=REGION,
        config=Config(signature_version="s3v4"),
        aws_access_key_id="AKIASTRANGER",
        aws_secret_access_key="not-the-local-secret",
    )
    post = presigned_post(stranger)

    response = post_upload(post)

    assert response.status_code == 403
    assert s3_error(response)["Code"] == "InvalidAccessKeyId"


def test_given_a_field_the_policy_does_not_cover_when_posted_then_access_denied(s3):
    post = presigned_post(s3)

    response = post_upload(post, **{"x-amz-meta-owner": "mallory"})

    assert response.status_code == 403
    assert s3_error(response)["Message"] == (
        "Invalid according to Policy: Extra input fields: x-amz-meta-owner"
    )
    assert stored_keys(s3) == []


def test_given_an_x_ignore_field_when_posted_then_s3_ignores_it(s3):
    post = presigned_post(s3)

    response = post_upload(post, **{"x-ignore-tracking": "anything"})

    assert response.status_code == 204


def test_given_a_starts_with_condition_when_posted_then_only_matching_values_pass(s3):
    post = presigned_post(
        s3,
        Fields={"Content-Type": "image/png"},
        Conditions=[["starts-with", "$Content-Type", "image/"]],
    )

    accepted = post_upload(post, **{"Content-Type": "image/webp"})
    refused = post_upload(post, **{"Content-Type": "text/html"})

    assert accepted.status_code == 204
    assert refused.status_code == 403
    assert '["starts-with", "$Content-Type", "image/"]' in s3_error(refused)["Message"]


def test_given_a_signed_policy_that_is_not_json_when_posted_then_invalid_policy_document(s3):
    post = presigned_post(s3)
    garbage_policy = base64.b64encode(b"{not json").decode()
    date, region, service = post["fields"]["x-amz-credential"].split("/")[1:4]
    signature = sigv4_signature("testing", date, region, service, garbage_policy)

    response = post_upload(post, policy=garbage_policy, **{"x-amz-signature": signature})

    assert response.status_code == 400
    assert s3_error(response)["Code"] == "InvalidPolicyDocument"


def test_given_a_form_without_a_file_when_posted_then_invalid_argument(s3):
    post = presigned_post(s3)

    response = requests.post(post["url"], files={**post["fields"]}, timeout=10)

    assert response.status_code == 400
    assert s3_error(response)["Code"] == "InvalidArgument"


def test_given_bucket_cors_when_an_upload_is_refused_then_only_allowed_origins_can_read_why(s3):
    s3.put_bucket_cors(
        Bucket=BUCKET,
        CORSConfiguration={
            "CORSRules": [
                {"AllowedOrigins": [SITE_ORIGIN], "AllowedMethods": ["POST"], "AllowedHeaders": []}
            ]
        },
    )
    post = presigned_post(s3)

    from_site = post_upload(post, content=PHOTO * 2, headers={"Origin": SITE_ORIGIN})
    from_elsewhere = post_upload(post, content=PHOTO * 2, headers={"Origin": "http://evil.test"})

    assert from_site.status_code == from_elsewhere.status_code == 400
    assert from_site.headers["Access-Control-Allow-Origin"] == SITE_ORIGIN
    assert "Access-Control-Allow-Origin" not in from_elsewhere.headers


def test_given_a_virtual_host_style_post_when_it_breaks_the_policy_then_it_is_refused(s3, endpoint):
    post = presigned_post(s3)
    virtual_host = {"Host": f"{BUCKET}.s3.amazonaws.com"}

    refused = requests.post(
        f"{endpoint.url}/",
        data={**post["fields"], "Content-Type": "text/html"},
        files={"file": ("photo.jpg", PHOTO)},
        headers=virtual_host,
        timeout=10,
    )
    accepted = requests.post(
        f"{endpoint.url}/",
        data=post["fields"],
        files={"file": ("photo.jpg", PHOTO)},
        headers=virtual_host,
        timeout=10,
    )

    assert refused.status_code == 403
    assert accepted.status_code == 204
    assert stored_keys(s3) == [KEY]


def test_given_an_s3_notification_when_a_post_upload_lands_then_the_queue_hears_once_it_is_whole(
    s3, endpoint, monkeypatch
):
    # Given the bucket announcing created objects to a queue, and a watcher noting what a reader
    # would see at the very moment an event leaves (infra/local/s3_like_aws.py: moto alone sends
    # it before the form's Content-Type is set, and a worker reading then sees binary/octet-stream)
    sqs = boto3.client("sqs", endpoint_url=endpoint.url, region_name=REGION, **CREDENTIALS)
    queue_url = sqs.create_queue(QueueName="uploads-events")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])[
        "Attributes"
    ]["QueueArn"]
    s3.put_bucket_notification_configuration(
        Bucket=BUCKET,
        NotificationConfiguration={
            "QueueConfigurations": [{"QueueArn": queue_arn, "Events": ["s3:ObjectCreated:*"]}]
        },
    )
    seen_when_announced = []
    send_event = notifications.send_event

    def watch(account_id, event_name, bucket, key):
        seen_when_announced.append((event_name.value, key.metadata.get("Content-Type")))
        send_event(account_id, event_name, bucket, key)

    monkeypatch.setattr(notifications, "send_event", watch)

    # When a browser posts its file
    assert post_upload(presigned_post(s3)).status_code == 204

    # Then one event left, after the type was set, and the queue heard exactly that one
    assert seen_when_announced == [("s3:ObjectCreated:Post", "image/jpeg")]
    bodies = [
        json.loads(message["Body"])
        for message in sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10)["Messages"]
    ]
    records = [record for body in bodies for record in body.get("Records", [])]
    assert [(record["eventName"], record["s3"]["object"]["key"]) for record in records] == [
        ("ObjectCreated:Post", "uploads%2Fphoto-1")
    ]


@pytest.mark.parametrize(
    ("method", "content_type", "host", "path", "bucket"),
    [
        ("POST", "multipart/form-data; boundary=x", "127.0.0.1:4566", "/photos", "photos"),
        ("POST", "multipart/form-data; boundary=x", "photos.s3.amazonaws.com", "/", "photos"),
        ("POST", "multipart/form-data; boundary=x", "photos.localhost:4566", "/", "photos"),
        ("POST", "multipart/form-data; boundary=x", "127.0.0.1:4566", "/", None),
        ("POST", "application/x-amz-json-1.0", "127.0.0.1:4566", "/", None),
        ("PUT", "image/jpeg", "127.0.0.1:4566", "/photos/key", None),
    ],
)
def test_given_a_request_when_classified_then_only_browser_form_posts_name_a_bucket(
    method, content_type, host, path, bucket
):
    environ = {
        "REQUEST_METHOD": method,
        "CONTENT_TYPE": content_type,
        "HTTP_HOST": host,
        "PATH_INFO": path,
    }

    assert bucket_of_browser_upload(environ) == bucket
