"""Steps of the "download your data" tests: ask for an export through the API, hand it to the
export function as Lambda would (the stream's message on the exports queue, in an SQS event),
and open the archive it wrote."""

import io
import json
import zipfile

import boto3

from infra.local.worker_loop import lambda_sqs_event
from tests.support.api_steps import auth
from tests.support.fake_aws import REGION

# Every archive holds these, and one `photos/<photo id>.<ext>` a photo.
ARCHIVE_TEXT_FILES = (
    "README.txt",
    "profile.json",
    "photos.json",
    "comments.json",
    "likes.json",
    "following.json",
    "followers.json",
)


def request_export(api, token):
    return api.http.post("/me/export", headers=auth(token))


def exports_queue_messages(resources) -> list[dict]:
    """Every message waiting on the exports queue, received (so hidden for a while) as the
    export function's trigger receives them."""
    sqs = boto3.client("sqs", region_name=REGION)
    messages = []
    while True:
        batch = sqs.receive_message(
            QueueUrl=resources.exports_queue_url,
            MaxNumberOfMessages=10,
            MessageSystemAttributeNames=["All"],
        ).get("Messages", [])
        if not batch:
            return messages
        messages += batch


def run_export_function(resources, messages: list[dict]) -> None:
    """Call app.py's `write_export` with each message, one to an event (batch size 1)."""
    from app import write_export
    from tests.support.api_steps import STREAM_CONTEXT

    for message in messages:
        write_export(
            lambda_sqs_event([message], resources.exports_queue_arn, REGION), STREAM_CONTEXT
        )


def archive_of(resources, object_key: str) -> zipfile.ZipFile:
    body = (
        boto3.client("s3", region_name=REGION)
        .get_object(Bucket=resources.names.exports_bucket, Key=object_key)["Body"]
        .read()
    )
    return zipfile.ZipFile(io.BytesIO(body))


def json_in(archive: zipfile.ZipFile, name: str):
    return json.loads(archive.read(name).decode("utf-8"))
