"""The worker's role grants exactly the AWS calls the worker makes: photos made READY or FAILED,
a photo deleted while it was processed, profile pictures made, refused, replaced while they
were processed, or no longer wanted, each run here while every boto3 call the worker makes is
recorded, and the calls compared with ImageWorkerRole in infra/template.yaml, S3's by bucket and
key prefix. (The API's and the stream function's roles: tests/unit/api/test_iam_roles.py.)"""

import fnmatch
from collections.abc import Iterator
from contextlib import contextmanager

import boto3

from chalicelib.photos.service import NewPhotoRequest, request_upload
from image_worker import avatar_records, aws_clients, photo_records
from image_worker.table_keys import photo_key
from infra.template_file import load_template
from tests.support.avatar_steps import ALICE, avatar_upload_requested, file_posted
from tests.support.images import phone_photo
from tests.support.worker_steps import run_worker

# What Lambda's SQS trigger and its logging do with the role, rather than the worker's code.
PLATFORM_STATEMENTS = {"ConsumeUploadsQueue", "WriteOwnLogs"}
S3_ACTIONS = {
    "HeadObject": "s3:GetObject",
    "GetObject": "s3:GetObject",
    "PutObject": "s3:PutObject",
    "DeleteObject": "s3:DeleteObject",
    "DeleteObjects": "s3:DeleteObject",
}
BUCKETS = {"cloudgram-uploads": "UploadsBucket", "cloudgram-media": "MediaBucket"}


@contextmanager
def recording(calls: set) -> Iterator[None]:
    """Adds (IAM action, resource) for every call of the worker's clients: "table", or an S3
    object as "<bucket's logical id>/<key>"."""

    def record(params, model, **_):
        operation = model.name
        if model.service_model.service_name == "dynamodb":
            if operation == "TransactWriteItems":
                calls.update(
                    (f"dynamodb:{next(iter(item))}Item", "table")
                    for item in params["TransactItems"]
                )
            else:
                calls.add((f"dynamodb:{operation}", "table"))
            return
        bucket = BUCKETS[params["Bucket"]]
        keys = [item["Key"] for item in params["Delete"]["Objects"]] if "Delete" in params else []
        for key in keys or [params["Key"]]:
            calls.add((S3_ACTIONS[operation], f"{bucket}/{key}"))

    clients = [aws_clients.s3_client(), aws_clients.dynamodb_table().meta.client]
    for client in clients:
        client.meta.events.register("before-parameter-build", record)
    try:
        yield
    finally:
        for client in clients:
            client.meta.events.unregister("before-parameter-build", record)


def granted_statements() -> list[tuple[str, str]]:
    """(action, resource pattern) of the worker role's statements: "table", or
    "<bucket's logical id>/<key pattern>"."""
    (policy,) = load_template()["Resources"]["ImageWorkerRole"]["Properties"]["Policies"]
    grants = []
    for statement in policy["PolicyDocument"]["Statement"]:
        if statement["Sid"] in PLATFORM_STATEMENTS:
            continue
        actions = statement["Action"]
        resource = statement["Resource"]
        if "Fn::GetAtt" in resource:
            pattern = "table"
        else:
            bucket, key_pattern = resource["Fn::Sub"].removeprefix("${").split(".Arn}/")
            pattern = f"{bucket}/{key_pattern}"
        grants += [
            (action, pattern) for action in ([actions] if isinstance(actions, str) else actions)
        ]
    return grants


def photo_uploaded(data: bytes) -> str:
    photo_id = request_upload(ALICE, NewPhotoRequest("image/jpeg", len(data), "")).photo["id"]
    file_posted(f"uploads/{photo_id}", data)
    return photo_id


def test_given_every_kind_of_upload_then_the_worker_role_grants_exactly_its_calls(
    queue, monkeypatch
):
    calls = set()
    photo = phone_photo(400, 300)
    photo_uploaded(photo)  # made READY
    photo_uploaded(b"not a photo")  # FAILED
    first_avatar = avatar_upload_requested(ALICE, photo)
    file_posted(avatar_upload_requested(ALICE, photo), photo)  # the avatar
    file_posted(first_avatar, photo)  # an older upload, no longer wanted
    with recording(calls):
        assert run_worker(queue()) == {"batchItemFailures": []}
    file_posted(avatar_upload_requested(ALICE, b"not a picture"), b"not a picture")  # refused
    deleted_meanwhile = photo_uploaded(photo)
    file_posted(avatar_upload_requested(ALICE, photo), photo)
    mark_ready, set_avatar = photo_records.mark_ready, avatar_records.set_avatar

    def photo_deleted_first(*arguments):
        boto3.resource("dynamodb").Table("cloudgram-photos").delete_item(
            Key=photo_key(deleted_meanwhile)
        )
        return mark_ready(*arguments)

    def avatar_replaced_first(*arguments):
        avatar_upload_requested(ALICE, photo)
        return set_avatar(*arguments)

    monkeypatch.setattr(photo_records, "mark_ready", photo_deleted_first)
    monkeypatch.setattr(avatar_records, "set_avatar", avatar_replaced_first)
    with recording(calls):
        assert run_worker(queue()) == {"batchItemFailures": []}

    grants = granted_statements()
    ungranted = {
        call
        for call in calls
        if not any(
            call[0] == action and fnmatch.fnmatch(call[1], pattern) for action, pattern in grants
        )
    }
    unused = {
        grant
        for grant in grants
        if not any(call[0] == grant[0] and fnmatch.fnmatch(call[1], grant[1]) for call in calls)
    }
    assert ungranted == set()
    assert unused == set()
