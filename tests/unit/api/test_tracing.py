"""X-Ray tracing is set up on the first request, not at import, and still traces every AWS call:
in a fresh interpreter with Lambda's environment, `import app` loads no X-Ray SDK, the first
request patches boto3 before it makes its first DynamoDB call, and each route's subsegment is
named after the route."""

import json
import os
import subprocess
import sys
from pathlib import Path

from infra.local.stack import ENDPOINT_VARIABLES
from tests.support.api_steps import TEST_ORIGIN_SECRET, TEST_ORIGIN_SECRET_SHA256

PROJECT_ROOT = Path(__file__).resolve().parents[3]
FIRST_REQUEST_SCRIPT = """
import json, sys
import app
loaded_at_import = "aws_xray_sdk" in sys.modules
from botocore.client import BaseClient
from chalice.test import Client
from moto import mock_aws
from chalicelib.edge.origin_check import ORIGIN_SECRET_HEADER

THROUGH_CLOUDFRONT = {ORIGIN_SECRET_HEADER: sys.argv[2]}

calls = []
make_api_call = BaseClient._make_api_call

with mock_aws():
    with Client(app.app, project_dir=sys.argv[1]) as client:
        def watched(client, operation, params):
            from aws_xray_sdk.core import patcher
            calls.append([operation, "botocore" in patcher._PATCHED_MODULES])
            return make_api_call(client, operation, params)

        BaseClient._make_api_call = watched
        client.http.get("/feed", headers=THROUGH_CLOUDFRONT)

        from chalicelib.shared import observability
        provider = observability.tracer().provider
        open_subsegment = provider.in_subsegment
        subsegments = []

        def named(name, **options):
            subsegments.append(name)
            return open_subsegment(name=name, **options)

        provider.in_subsegment = named
        client.http.get("/photos/01JCNY0000000000000000000Z", headers=THROUGH_CLOUDFRONT)
result = {"loaded_at_import": loaded_at_import, "calls": calls, "subsegments": subsegments}
print(json.dumps(result))
"""
LAMBDA_ENVIRONMENT = {
    "AWS_LAMBDA_FUNCTION_NAME": "cloudgram-dev",
    "LAMBDA_TASK_ROOT": str(PROJECT_ROOT),
    "_X_AMZN_TRACE_ID": (
        "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
    ),
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "TABLE_NAME": "cloudgram-photos",
    "UPLOADS_BUCKET": "cloudgram-uploads",
    "MEDIA_BUCKET": "cloudgram-media",
    "USER_POOL_ID": "us-east-1_test",
    "USER_POOL_CLIENT_ID": "client",
    "POWERTOOLS_LOG_LEVEL": "ERROR",
    "ORIGIN_SECRET_SHA256": TEST_ORIGIN_SECRET_SHA256,
}


def test_given_lambdas_environment_then_xray_loads_on_the_first_request_and_traces_its_calls(
    tmp_path,
):
    environment = {**os.environ, **LAMBDA_ENVIRONMENT}
    for name in ENDPOINT_VARIABLES:
        environment.pop(name, None)

    finished = subprocess.run(
        [sys.executable, "-c", FIRST_REQUEST_SCRIPT, str(tmp_path), TEST_ORIGIN_SECRET],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )

    result = json.loads(finished.stdout.strip().splitlines()[-1])
    assert result["loaded_at_import"] is False
    # The feed's Query was the request's first AWS call, and boto3 was already patched.
    assert result["calls"][:1] == [["Query", True]]
    # Each route's subsegment is named after the route, not after the middleware around it.
    assert result["subsegments"][:1] == ["## GET /photos/:photo_id"]
