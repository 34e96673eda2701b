"""API unit-test fixtures: Chalice's test client over in-process moto, real RS256 ID tokens
signed by a test key whose JWKS is served over loopback HTTP, as Cognito serves the pool's keys,
and the tables behind it (its DynamoDB requests counted, its stream read and run). The steps most
tests start from are in tests/support/api_steps.py."""

import json
import threading
import time
import uuid
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from chalice.test import Client
from cryptography.hazmat.primitives.asymmetric import rsa

from chalicelib.edge import token_verifier
from chalicelib.shared import aws_clients, table_keys
from chalicelib.shared import settings as api_settings
from infra.local.stream_loop import lambda_dynamodb_event
from tests.support.api_steps import STREAM_CONTEXT, TEST_ORIGIN_SECRET_SHA256, ApiBehindCloudFront
from tests.support.stream_loop import stream_reader

KEY_ID = "test-key-1"


class SigningKeys:
    """A private key for signing tokens and its public half as a JWKS document."""

    def __init__(self) -> None:
        self.private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        public_jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.private_key.public_key()))
        self.jwks = {"keys": [{**public_jwk, "kid": KEY_ID, "alg": "RS256", "use": "sig"}]}


@pytest.fixture(scope="session")
def signing_keys():
    return SigningKeys()


@pytest.fixture(scope="session")
def jwks_url(signing_keys):
    body = json.dumps(signing_keys.jwks).encode()

    class JwksHandler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), JwksHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/.well-known/jwks.json"
    server.shutdown()
    server.server_close()


@pytest.fixture
def api_environment(local_resources, jwks_url, monkeypatch):
    monkeypatch.setenv("COGNITO_JWKS_URL", jwks_url)
    monkeypatch.setenv("ORIGIN_SECRET_SHA256", TEST_ORIGIN_SECRET_SHA256)
    api_settings.load_settings.cache_clear()
    token_verifier.verifier_for.cache_clear()
    yield local_resources
    token_verifier.verifier_for.cache_clear()


@pytest.fixture
def make_token(api_environment, signing_keys):
    """Build an ID token for a user; keyword arguments override claims or the signing."""
    resources = api_environment

    def build(username="alice", sub=None, key=None, algorithm="RS256", headers=None, **claims):
        now = int(time.time())
        payload = {
            "sub": sub or str(uuid.uuid5(uuid.NAMESPACE_DNS, username)),
            "cognito:username": username,
            "email": f"{username}@example.com",
            "aud": resources.user_pool_client_id,
            "iss": f"https://cognito-idp.us-east-1.amazonaws.com/{resources.user_pool_id}",
            "token_use": "id",
            "iat": now,
            "exp": now + 3600,
            **claims,
        }
        payload = {name: value for name, value in payload.items() if value is not None}
        return jwt.encode(
            payload,
            key or signing_keys.private_key,
            algorithm=algorithm,
            headers={"kid": KEY_ID, **(headers or {})},
        )

    return build


@pytest.fixture
def api(api_environment, tmp_path):
    """Chalice's in-process test client for app.py, sending requests as CloudFront does (with
    the origin's secret header; tests/unit/api/test_origin_check.py sends them without).

    Pointed at an empty project folder: otherwise it would load .chalice/config.json and replace
    the test environment with the deployed stage's resource names.
    """
    from app import app

    with Client(app, project_dir=str(tmp_path)) as client:
        yield ApiBehindCloudFront(client)


@pytest.fixture
def dynamodb_requests(api_environment):
    """Counts the API's DynamoDB requests by operation, from the moment the test asks."""
    counts = Counter()

    def count(event_name, **_):
        counts[event_name.rsplit(".", 1)[-1]] += 1

    events = aws_clients.dynamodb_table().meta.client.meta.events
    events.register("before-call.dynamodb", count)
    yield counts
    events.unregister("before-call.dynamodb", count)


@pytest.fixture
def many_likes(api_environment):
    """Gives a photo `count` likes from made-up people, written straight to the table (25 to a
    request), with the photo's count to match."""

    def add(photo_id: str, count: int) -> None:
        table = aws_clients.dynamodb_table()
        with table.batch_writer() as batch:
            for number in range(count):
                batch.put_item(
                    Item={
                        **table_keys.like_key(photo_id, f"fan-{number}"),
                        "userId": f"fan-{number}",
                        "username": f"fan{number}",
                        "likedAt": "2026-11-30T00:00:00.000Z",
                    }
                )
        table.update_item(
            Key=table_keys.photo_key(photo_id),
            UpdateExpression="SET likeCount = :count",
            ExpressionAttributeValues={":count": count},
        )

    return add


@pytest.fixture
def table_changes(api_environment):
    """Reads the table's stream as Lambda's event source mapping would: each call returns the
    Lambda event of every change since the previous call."""
    stream_arn = api_environment.table_stream_arn
    read_records = stream_reader(stream_arn, "LATEST")
    return lambda: lambda_dynamodb_event(read_records(), stream_arn)


@pytest.fixture
def settle_stream(table_changes):
    """Runs the table-stream function over every change so far, and over the changes it makes
    itself, until the stream is quiet: what Lambda's trigger does, a batch at a time."""
    from app import on_table_change

    def settle() -> int:
        handled = 0
        for _ in range(20):
            event = table_changes()
            if not event["Records"]:
                return handled
            assert on_table_change(event, STREAM_CONTEXT) == {"batchItemFailures": []}
            handled += len(event["Records"])
        raise AssertionError("the table's stream never went quiet")

    return settle


@pytest.fixture
def celebrity_threshold(api_environment, monkeypatch):
    """FANOUT_MAX_FOLLOWERS at 3: an account with 4 followers is a celebrity."""
    monkeypatch.setenv("FANOUT_MAX_FOLLOWERS", "3")
    api_settings.load_settings.cache_clear()
    yield 3
    api_settings.load_settings.cache_clear()


@pytest.fixture
def many_photos_allowed(api_environment, monkeypatch):
    """Room for the twenty-odd photos a page test shares in a row: no stream runs here to free
    the upload slots of photos made READY (tests of the limits themselves set their own)."""
    monkeypatch.setenv("MAX_PENDING_UPLOADS", "100")
    api_settings.load_settings.cache_clear()
    yield
    api_settings.load_settings.cache_clear()
