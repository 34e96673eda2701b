"""What the API would send to X-Ray (tests/support/xray_traces.py), in Lambda's environment: each
route and each stream batch traced with its AWS calls, and none of their answers. The answers
that hold the most a trace must not are those of `POST /photos` (a presigned upload policy, its
signature and credential) and `GET /me` (an e-mail address)."""

import json
import time
import uuid

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.support.api_steps import TEST_ORIGIN_SECRET, TEST_ORIGIN_SECRET_SHA256
from tests.support.xray_traces import (
    FakeXrayDaemon,
    lambda_environment,
    recorded_responses,
    run_python,
)

# A photo shared and the sharer's own account read, then the stream function run over the
# changes both made, as Lambda's trigger would run it. The table, buckets and user pool are
# made as the local stack makes them, and the API's settings name them.
ANSWERS_SCRIPT = """
import json, os, sys
from chalice.local import LambdaContext
from chalice.test import Client
from moto import mock_aws

import app
from infra.local.resource_definitions import ResourceNames
from infra.local.resources import create_resources
from infra.local.stream_loop import lambda_dynamodb_event
from tests.support.stream_loop import stream_reader

from chalicelib.edge.origin_check import ORIGIN_SECRET_HEADER

project_dir, token, origin_secret = sys.argv[1], sys.argv[2], sys.argv[3]
with mock_aws():
    resources = create_resources(None, "us-east-1", ResourceNames(), ["https://site.example"])
    os.environ.update(resources.function_environment())
    # As CloudFront sends them: with the origin's secret header (chalicelib/edge/origin_check.py).
    headers = {
        "Authorization": token,
        "Content-Type": "application/json",
        ORIGIN_SECRET_HEADER: origin_secret,
    }
    with Client(app.app, project_dir=project_dir) as client:
        shared = client.http.post(
            "/photos", headers=headers, body=json.dumps({"contentType": "image/jpeg", "size": 10})
        )
        me = client.http.get("/me", headers=headers)

    stream = resources.table_stream_arn
    changes = stream_reader(stream, "TRIM_HORIZON")()
    stream_answer = app.on_table_change(
        lambda_dynamodb_event(changes, stream), LambdaContext("cloudgram-dev-on_table_change", 512)
    )
print(json.dumps({
    "shared": [shared.status_code, shared.json_body],
    "me": [me.status_code, me.json_body],
    "stream": [len(changes), stream_answer],
}))
"""


def id_token(username: str, email: str) -> str:
    """An ID token with Cognito's claims. Chalice's test client reads the claims of a route
    that requires a user without checking the signature, so any key will do."""
    now = int(time.time())
    claims = {
        "sub": str(uuid.uuid4()),
        "cognito:username": username,
        "email": email,
        "token_use": "id",
        "iat": now,
        "exp": now + 900,
    }
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return jwt.encode(claims, key, algorithm="RS256")


def test_given_an_upload_and_an_account_read_then_no_trace_holds_what_the_api_answered(
    tmp_path,
):
    # Given a person who shares a photo and reads their own account, and the table's stream
    # run over what that changed, in Lambda's environment with its X-Ray daemon listening
    email = "ana.traced@example.com"
    with FakeXrayDaemon() as xray:
        result = run_python(
            ANSWERS_SCRIPT,
            [str(tmp_path), id_token("ana", email), TEST_ORIGIN_SECRET],
            {
                **lambda_environment("cloudgram-dev", xray.address),
                "ORIGIN_SECRET_SHA256": TEST_ORIGIN_SECRET_SHA256,
            },
        )
        documents = xray.documents()
    status, shared = result["shared"]
    assert status == 201, shared
    assert result["me"] == [200, {"id": result["me"][1]["id"], "username": "ana", "email": email}]
    changes, stream_answer = result["stream"]
    assert changes > 0
    assert stream_answer == {"batchItemFailures": []}

    # Then each of the three was traced, its AWS calls inside it
    names = [document["name"] for document in documents]
    assert {"## POST /photos", "## GET /me", "## on_table_change", "dynamodb"} <= set(names)

    # But no answer was recorded: not the upload's policy, signature or credential, not the
    # e-mail, and nothing under Powertools' "<handler> response" key, for any of them
    sent = json.dumps(documents)
    fields = shared["upload"]["fields"]
    for secret in (fields["policy"], fields["x-amz-signature"], fields["x-amz-credential"], email):
        assert secret not in sent
    assert recorded_responses(documents) == []
