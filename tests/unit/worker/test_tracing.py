"""What the worker would send to X-Ray (tests/support/xray_traces.py), in Lambda's environment:
its invocation and each message traced with the AWS calls inside them; what the handler answers
never recorded; a failing message's exception recorded by its type and message, without the
attributes that would carry the message's body."""

import json

from tests.support.xray_traces import (
    FakeXrayDaemon,
    lambda_environment,
    recorded_responses,
    run_python,
)

# One batch of two messages: a photo's upload, which becomes READY, and a message that is not an
# S3 notification, not even JSON, which fails and is reported back to SQS.
BATCH_SCRIPT = """
import json, os, sys
import boto3
from chalice.local import LambdaContext
from moto import mock_aws

from chalicelib.photos.service import NewPhotoRequest, request_upload
from chalicelib.shared.users import User
from infra.local.resource_definitions import ResourceNames
from infra.local.resources import create_resources
from infra.local.worker_loop import lambda_sqs_event
from tests.support.images import phone_photo

stray_body = sys.argv[1]
with mock_aws():
    resources = create_resources(None, "us-east-1", ResourceNames(), ["https://site.example"])
    os.environ.update(resources.function_environment())
    from image_worker.handler import lambda_handler

    sqs = boto3.client("sqs")
    queue = resources.uploads_queue_url
    sqs.receive_message(QueueUrl=queue)  # S3's s3:TestEvent, from setting up the notification
    photo = phone_photo(640, 480)
    owner = User(id="ana-id", username="ana", email="ana@example.com")
    new_photo = NewPhotoRequest("image/jpeg", len(photo), caption="")
    photo_id = request_upload(owner, new_photo).photo["id"]
    boto3.client("s3").put_object(
        Bucket=resources.names.uploads_bucket, Key=f"uploads/{photo_id}", Body=photo,
        ContentType="image/jpeg",
    )
    sqs.send_message(QueueUrl=queue, MessageBody=stray_body)
    messages = []
    while len(messages) < 2:
        messages += sqs.receive_message(
            QueueUrl=queue, MaxNumberOfMessages=10, MessageSystemAttributeNames=["All"]
        ).get("Messages", [])
    event = lambda_sqs_event(messages, resources.uploads_queue_arn, "us-east-1")
    context = LambdaContext("cloudgram-dev-image-worker", 1769, max_runtime_ms=60_000)
    answer = lambda_handler(event, context)
    stray_id = next(m["MessageId"] for m in messages if m["Body"] == stray_body)
print(json.dumps({"answer": answer, "stray_id": stray_id}))
"""


def test_given_a_batch_with_a_failing_message_then_traces_hold_the_failure_but_no_answer_or_body():
    # Given a batch of a photo's upload and a stray message holding an e-mail address, run in
    # Lambda's environment with its X-Ray daemon listening
    email = "ana.stray@example.com"
    stray_body = f"Please forward my photos to {email}"
    with FakeXrayDaemon() as xray:
        result = run_python(
            BATCH_SCRIPT,
            [stray_body],
            lambda_environment("cloudgram-dev-image-worker", xray.address),
        )
        documents = xray.documents()
    assert result["answer"] == {"batchItemFailures": [{"itemIdentifier": result["stray_id"]}]}

    # Then the invocation, both messages and the photo's S3 and DynamoDB calls were traced
    names = [document["name"] for document in documents]
    assert names.count("## lambda_handler") == 1
    assert names.count("## image_worker.handler.handle_message") == 2
    assert {"s3", "dynamodb"} <= set(names)

    # And the stray message's failure is recorded, as an exception with its type and message,
    # without the message's body (which the JSONDecodeError keeps as an attribute)
    (failed,) = [
        document
        for document in documents
        if document["name"] == "## image_worker.handler.handle_message" and document.get("fault")
    ]
    (exception,) = failed["cause"]["exceptions"]
    assert exception["type"] == "JSONDecodeError"
    assert exception["message"] == "Expecting value: line 1 column 1 (char 0)"
    assert email not in json.dumps(documents)

    # But what the handler answered (the failed message's id) is recorded nowhere
    assert recorded_responses(documents) == []
