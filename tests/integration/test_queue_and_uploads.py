"""What AWS would refuse or retry, the local stack refuses or retries too: S3's POST policy is
enforced, and a message the worker cannot handle ends in the dead-letter queue."""

import json
import time

from tests.support.images import phone_photo


def test_given_a_file_larger_than_declared_then_s3_refuses_it_and_nothing_is_stored(
    client, user, local_aws
):
    data = phone_photo(64, 48)
    created = client.request_upload(user, data)

    response = client.post_file(created["upload"], data + b"extra bytes", "image/jpeg")

    assert response.status_code == 400
    assert "<Code>EntityTooLarge</Code>" in response.text
    photo_id = created["photo"]["id"]
    listing = local_aws("s3").list_objects_v2(Bucket="cloudgram-uploads", Prefix="uploads/")
    assert f"uploads/{photo_id}" not in [item["Key"] for item in listing.get("Contents", [])]


def test_given_another_content_type_than_signed_then_s3_refuses_it(client, user):
    data = phone_photo(64, 48)
    created = client.request_upload(user, data)
    fields = {**created["upload"]["fields"], "Content-Type": "text/html"}

    response = client.post_file({**created["upload"], "fields": fields}, data, "text/html")

    assert response.status_code == 403
    assert "<Code>AccessDenied</Code>" in response.text


def test_given_a_message_the_worker_cannot_read_then_it_ends_in_the_dead_letter_queue(
    local_aws, local_stack
):
    sqs = local_aws("sqs")
    queue_url = sqs.get_queue_url(QueueName="cloudgram-uploads")["QueueUrl"]
    dead_letter_url = sqs.get_queue_url(QueueName="cloudgram-uploads-dlq")["QueueUrl"]
    sqs.send_message(QueueUrl=queue_url, MessageBody=json.dumps({"Records": "not a list"}))

    deadline = time.monotonic() + 30
    dead_letters = []
    while time.monotonic() < deadline and not dead_letters:
        dead_letters = sqs.receive_message(QueueUrl=dead_letter_url, WaitTimeSeconds=1).get(
            "Messages", []
        )

    assert [json.loads(message["Body"]) for message in dead_letters] == [{"Records": "not a list"}]
