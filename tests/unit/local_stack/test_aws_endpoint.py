"""The local AWS endpoint serves moto over loopback from a thread of this process: every ordinary
AWS call passes the POST policy guard untouched, and stop() leaves neither a port nor a thread."""

import socket
import threading
import time

import pytest
import requests
from botocore.config import Config
from moto import backends as moto_backends
from moto.moto_server.werkzeug_app import create_backend_app

from infra.local.aws_endpoint import RememberingDispatcher, start_local_aws_endpoint
from tests.support.fake_aws import SITE_ORIGIN

BUCKET = "endpoint-under-test"


@pytest.fixture
def client(aws_client):
    return aws_client


def free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def can_bind(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def test_given_boto3_s3_calls_when_made_then_they_reach_moto_untouched(client):
    s3 = client("s3", config=Config(signature_version="s3v4"))
    s3.create_bucket(Bucket=BUCKET)

    s3.put_object(Bucket=BUCKET, Key="a/b.txt", Body=b"hello", ContentType="text/plain")

    listed = s3.list_objects_v2(Bucket=BUCKET)["Contents"]
    stored = s3.get_object(Bucket=BUCKET, Key="a/b.txt")
    assert [item["Key"] for item in listed] == ["a/b.txt"]
    assert (stored["Body"].read(), stored["ContentType"]) == (b"hello", "text/plain")


def test_given_sqs_calls_when_made_then_messages_round_trip(client):
    sqs = client("sqs")
    queue_url = sqs.create_queue(QueueName="endpoint-queue")["QueueUrl"]

    sqs.send_message(QueueUrl=queue_url, MessageBody="ping")

    messages = sqs.receive_message(QueueUrl=queue_url)["Messages"]
    assert [message["Body"] for message in messages] == ["ping"]


def test_given_dynamodb_calls_when_made_then_items_round_trip(client):
    dynamodb = client("dynamodb")
    dynamodb.create_table(
        TableName="endpoint-table",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )

    dynamodb.put_item(TableName="endpoint-table", Item={"id": {"S": "1"}, "n": {"N": "7"}})

    item = dynamodb.get_item(TableName="endpoint-table", Key={"id": {"S": "1"}})["Item"]
    assert item == {"id": {"S": "1"}, "n": {"N": "7"}}


def test_given_bucket_cors_when_a_browser_preflights_then_moto_answers_by_the_rules(client):
    s3 = client("s3")
    s3.create_bucket(Bucket=BUCKET)
    s3.put_bucket_cors(
        Bucket=BUCKET,
        CORSConfiguration={
            "CORSRules": [{"AllowedOrigins": [SITE_ORIGIN], "AllowedMethods": ["POST"]}]
        },
    )
    bucket_url = f"{s3.meta.endpoint_url}/{BUCKET}"

    def preflight(origin: str) -> requests.Response:
        return requests.options(
            bucket_url,
            headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
            timeout=5,
        )

    from_site, from_elsewhere = preflight(SITE_ORIGIN), preflight("http://evil.test")

    assert from_site.status_code == 200
    assert from_site.headers["Access-Control-Allow-Origin"] == SITE_ORIGIN
    assert from_elsewhere.status_code == 403


def test_given_a_chosen_port_when_started_then_the_endpoint_listens_there():
    port = free_loopback_port()

    running = start_local_aws_endpoint(port=port)
    try:
        answer = requests.get(f"{running.url}/moto-api/data.json", timeout=5)
    finally:
        running.stop()

    assert running.url == f"http://127.0.0.1:{port}"
    assert answer.status_code == 200


def test_given_a_running_endpoint_when_stopped_then_port_and_thread_are_gone():
    threads_before = set(threading.enumerate())
    running = start_local_aws_endpoint()
    port = int(running.url.rsplit(":", 1)[1])
    requests.get(f"{running.url}/moto-api/data.json", timeout=5).raise_for_status()

    running.stop()

    assert can_bind(port)
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{running.url}/moto-api/data.json", timeout=5)
    assert _threads_settle_to(threads_before)


def _threads_settle_to(expected: set[threading.Thread], within_seconds: float = 2.0) -> bool:
    """Request threads end as soon as their (closed) connection is answered; allow them that."""
    deadline = time.monotonic() + within_seconds
    while time.monotonic() < deadline:
        if set(threading.enumerate()) <= expected:
            return True
        time.sleep(0.02)
    return False


def test_given_a_host_name_when_dispatched_twice_then_moto_works_its_service_out_once(
    monkeypatch,
):
    # Given moto's dispatcher, counting how often it lists its own services on disk
    listings = []
    list_of_moto_modules = moto_backends.list_of_moto_modules

    def counted():
        listings.append(1)
        return list_of_moto_modules()

    monkeypatch.setattr(moto_backends, "list_of_moto_modules", counted)
    dispatcher = RememberingDispatcher(create_backend_app)

    # When requests for DynamoDB, S3 and DynamoDB again are dispatched
    services = [
        dispatcher.get_backend_for_host(host)
        for host in (
            "dynamodb.us-east-1.amazonaws.com",
            "s3.amazonaws.com",
            "dynamodb.us-east-1.amazonaws.com",
        )
    ]

    # Then each host finds its own service, and the repeated one is not worked out again
    assert services == ["dynamodb", "s3", "dynamodb"]
    assert len(listings) == 2
