"""The API's role, the stream function's role and the export function's role grant exactly the
AWS calls each makes: every route, every stream reaction and an export are run here while every
boto3 call is recorded, and the calls are compared with the roles in infra/template.yaml, S3's
bucket by bucket. A call without a grant
fails in AWS with AccessDenied; a grant without a call is more than the function needs."""

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager

import boto3
import pytest

from app import on_table_change
from chalicelib.shared import aws_clients
from chalicelib.shared import settings as api_settings
from infra.deploy.site import FRONTEND_DIR
from infra.local.site_page import LocalSitePage
from infra.template_file import load_template
from tests.support.api_steps import STREAM_CONTEXT, auth, made_ready, upload_requested, user_id
from tests.support.avatar_steps import avatar_made

# Statements the platform needs rather than the code: Lambda reading the stream or the queue for
# the function, the trigger's on-failure destination, the function's own logs; and what makes S3
# answer 404 rather than 403 for a missing file (no call of its own).
PLATFORM_STATEMENTS = {
    "ReadTableStream",
    "NoteFailedBatches",
    "WriteOwnLogs",
    "ConsumeExportsQueue",
    "SeeMissingRenditions",
}
S3_ACTIONS = {
    "ListObjectsV2": "s3:ListBucket",
    "DeleteObjects": "s3:DeleteObject",
    "DeleteObject": "s3:DeleteObject",
    "PutObject": "s3:PutObject",
    "GetObject": "s3:GetObject",
    # A multipart upload is authorised as PutObject, part by part.
    "CreateMultipartUpload": "s3:PutObject",
    "UploadPart": "s3:PutObject",
    "CompleteMultipartUpload": "s3:PutObject",
    "AbortMultipartUpload": "s3:AbortMultipartUpload",
}
TRANSACTION_ACTIONS = {
    "Put": "dynamodb:PutItem",
    "Update": "dynamodb:UpdateItem",
    "Delete": "dynamodb:DeleteItem",
    "ConditionCheck": "dynamodb:ConditionCheckItem",
}


def bucket_resources() -> dict[str, str]:
    """Each bucket's name -> its logical id in the template."""
    settings = api_settings.load_settings()
    return {
        settings.uploads_bucket: "UploadsBucket",
        settings.media_bucket: "MediaBucket",
        settings.site_bucket: "SiteBucket",
        settings.exports_bucket: "ExportsBucket",
    }


@contextmanager
def recording(calls: set) -> Iterator[None]:
    """Adds (IAM action, table or index or bucket) to `calls` for every call the API's clients
    make."""
    buckets = bucket_resources()

    def record(params, model, **_):
        service = model.service_model.service_name
        operation = model.name
        if service == "dynamodb" and operation == "TransactWriteItems":
            for item in params["TransactItems"]:
                calls.add((TRANSACTION_ACTIONS[next(iter(item))], "table"))
        elif service == "dynamodb":
            calls.add((f"dynamodb:{operation}", "index" if "IndexName" in params else "table"))
        elif service == "s3" and operation == "CreateBucket":
            pass  # botocore builds a presigned POST's URL with this model; no call is made
        elif service == "s3":
            calls.add((S3_ACTIONS[operation], buckets[params["Bucket"]]))
        elif service == "sqs":
            calls.add((f"sqs:{operation}", "queue"))
        elif service == "cognito-idp":
            calls.add((f"{service}:{operation}", "pool"))
        else:
            calls.add((f"{service}:{operation}", "distribution"))

    clients = [
        aws_clients.dynamodb_table().meta.client,
        aws_clients.s3_client(),
        aws_clients.cloudfront_client(),
        aws_clients.sqs_client(),
        aws_clients.cognito_client(),
    ]
    for client in clients:
        client.meta.events.register("before-parameter-build", record)
    try:
        yield
    finally:
        for client in clients:
            client.meta.events.unregister("before-parameter-build", record)


def granted(role: str) -> set:
    """(action, table or index or bucket or distribution) that the role's statements grant; a
    bucket by its logical id."""
    (policy,) = load_template()["Resources"][role]["Properties"]["Policies"]
    grants = set()
    for statement in policy["PolicyDocument"]["Statement"]:
        if statement["Sid"] in PLATFORM_STATEMENTS:
            continue
        actions = statement["Action"]
        resources = statement["Resource"]
        resources = resources if isinstance(resources, list) else [resources]
        for action in [actions] if isinstance(actions, str) else actions:
            if action.startswith("dynamodb:"):
                grants |= {(action, "index" if "/index/" in str(r) else "table") for r in resources}
            elif action.startswith("s3:"):
                grants |= {(action, _bucket_of(resource)) for resource in resources}
            elif action.startswith("sqs:"):
                grants.add((action, "queue"))
            elif action.startswith("cognito-idp:"):
                grants.add((action, "pool"))
            else:
                grants.add((action, "distribution"))
    return grants


def _bucket_of(resource: dict) -> str:
    """`{"Fn::GetAtt": ["MediaBucket", "Arn"]}` or `{"Fn::Sub": "${MediaBucket.Arn}/media/*"}`
    -> "MediaBucket"."""
    if "Fn::GetAtt" in resource:
        return resource["Fn::GetAtt"][0]
    return resource["Fn::Sub"].removeprefix("${").split(".Arn}")[0]


@pytest.fixture
def distribution(api_environment, monkeypatch):
    """A CloudFront distribution for the stream function to invalidate, as in AWS."""
    config = {
        "CallerReference": "cloudgram-test",
        "Comment": "",
        "Enabled": True,
        "Origins": {
            "Quantity": 1,
            "Items": [
                {
                    "Id": "media",
                    "DomainName": "cloudgram-media.s3.amazonaws.com",
                    "S3OriginConfig": {"OriginAccessIdentity": ""},
                }
            ],
        },
        "DefaultCacheBehavior": {
            "TargetOriginId": "media",
            "ViewerProtocolPolicy": "redirect-to-https",
            "MinTTL": 0,
            "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
        },
    }
    created = boto3.client("cloudfront").create_distribution(DistributionConfig=config)
    monkeypatch.setenv("DISTRIBUTION_ID", created["Distribution"]["Id"])
    monkeypatch.setenv("FANOUT_MAX_FOLLOWERS", "1")
    api_settings.load_settings.cache_clear()
    yield
    api_settings.load_settings.cache_clear()


def test_given_every_route_and_every_stream_reaction_then_each_role_grants_exactly_its_calls(
    api, make_token, table_changes, distribution
):
    alice, bob, carol = (make_token(name) for name in ("alice", "bob", "carol"))
    api_calls, stream_calls = set(), set()
    # The site's page, which photo pages are made of, where the deploy publishes it.
    site_bucket = api_settings.load_settings().site_bucket
    assert LocalSitePage(boto3.client("s3"), site_bucket, FRONTEND_DIR).publish_if_changed()

    with recording(api_calls):
        for token in (alice, bob, carol):
            api.http.get("/me", headers=auth(token))
        photo_id = upload_requested(api, alice)
        api_calls.add(("s3:PutObject", "UploadsBucket"))  # the presigned POST carries its signature
    made_ready(photo_id)
    with recording(api_calls):
        api.http.put("/users/alice/follow", headers=auth(bob))
        api.http.put("/users/alice/follow", headers=auth(carol))  # alice is a celebrity now
        for path in (
            f"/photos/{photo_id}",
            "/feed",
            "/feed/home",
            "/users/alice",
            "/users/alice/photos",
            "/users/alice/followers",
            "/users/bob/following",
            "/users?prefix=al",
            "/users/suggestions",
            f"/p/{photo_id}",
        ):
            assert api.http.get(path, headers=auth(bob)).status_code == 200, path
        profile_edit = '{"displayName": "Bob B", "bio": "Hi"}'
        assert (
            api.http.patch("/me/profile", headers=auth(bob), body=profile_edit).status_code == 200
        )
        assert api.http.put(f"/photos/{photo_id}/like", headers=auth(bob)).status_code == 200
        likers = api.http.get(f"/photos/{photo_id}/likes", headers=auth(alice))
        assert likers.json_body["items"][0]["username"] == "bob"
        comment = api.http.post(
            f"/photos/{photo_id}/comments", headers=auth(bob), body='{"text": "Hi @carol"}'
        ).json_body
        reply = {"text": "Hello", "replyTo": comment["id"]}
        api.http.post(f"/photos/{photo_id}/comments", headers=auth(alice), body=json.dumps(reply))
        for path in (
            f"/photos/{photo_id}/comments",
            f"/photos/{photo_id}/comments/{comment['id']}/replies",
        ):
            assert api.http.get(path, headers=auth(bob)).status_code == 200, path
        export = api.http.post("/me/export", headers=auth(bob)).json_body
        assert api.http.get("/me/exports", headers=auth(bob)).status_code == 200
        assert api.http.get(f"/me/exports/{export['id']}", headers=auth(bob)).status_code == 200
        # A READY export's link is a presigned GET, which carries the API's signature.
        api_calls.add(("s3:GetObject", "ExportsBucket"))
    with recording(stream_calls):
        assert on_table_change(table_changes(), STREAM_CONTEXT) == {"batchItemFailures": []}
    with recording(api_calls):
        assert api.http.get("/notifications", headers=auth(alice)).json_body["items"]
        assert api.http.post("/notifications/read", headers=auth(alice)).status_code == 200
        api.http.delete(f"/photos/{photo_id}/like", headers=auth(bob))
        api.http.patch(f"/photos/{photo_id}", headers=auth(alice), body='{"caption": "@bob"}')
        api.http.delete(f"/photos/{photo_id}/comments/{comment['id']}", headers=auth(alice))
        api.http.delete("/users/alice/follow", headers=auth(carol))
    with recording(stream_calls):
        assert on_table_change(table_changes(), STREAM_CONTEXT) == {"batchItemFailures": []}
    with recording(api_calls):
        assert api.http.delete(f"/photos/{photo_id}", headers=auth(alice)).status_code == 204
    with recording(stream_calls):
        assert on_table_change(table_changes(), STREAM_CONTEXT) == {"batchItemFailures": []}
    with recording(api_calls):
        avatar_made(api, alice, user_id("alice"))  # POST /me/avatar, then the worker's part
        assert api.http.get("/users/alice", headers=auth(alice)).status_code == 200
        assert api.http.delete("/me/avatar", headers=auth(alice)).status_code == 204
    with recording(stream_calls):
        assert on_table_change(table_changes(), STREAM_CONTEXT) == {"batchItemFailures": []}
    # bob's archive, as the export function writes it: the erasure removes it.
    boto3.client("s3").put_object(
        Bucket=api_settings.load_settings().exports_bucket,
        Key=f"exports/{user_id('bob')}/{export['id']}.zip",
        Body=b"zip",
    )
    with recording(api_calls):
        bob_again = make_token("bob", auth_time=str(int(time.time())))
        assert api.http.delete("/me", headers=auth(bob_again)).status_code == 202
    with recording(stream_calls):  # the erasure's chain of steps, to its end
        for _ in range(40):
            changes = table_changes()
            if not changes["Records"]:
                break
            assert on_table_change(changes, STREAM_CONTEXT) == {"batchItemFailures": []}

    assert api_calls == granted("ApiRole")
    assert stream_calls == granted("TableStreamRole")


def test_given_an_export_then_the_export_functions_role_grants_exactly_its_calls(
    api, make_token, settle_stream, api_environment
):
    from app import write_export
    from infra.local.worker_loop import lambda_sqs_event
    from tests.support.export_steps import exports_queue_messages

    alice, bob = make_token("alice"), make_token("bob")
    for token in (alice, bob):
        api.http.get("/me", headers=auth(token))
    photo_id = upload_requested(api, alice)
    made_ready(photo_id)
    api.http.put(f"/photos/{photo_id}/like", headers=auth(bob))
    api.http.post(f"/photos/{photo_id}/comments", headers=auth(bob), body='{"text": "Hi"}')
    api.http.put("/users/alice/follow", headers=auth(bob))
    api.http.post("/me/export", headers=auth(bob))
    settle_stream()
    [message] = exports_queue_messages(api_environment)
    event = lambda_sqs_event([message], api_environment.exports_queue_arn, "us-east-1")
    export_calls: set = set()

    with recording(export_calls):
        write_export(event, STREAM_CONTEXT)

    # A second export, made to fail while it writes: the upload is aborted.
    api.http.post("/me/export", headers=auth(alice))
    settle_stream()
    [message] = exports_queue_messages(api_environment)
    event = lambda_sqs_event([message], api_environment.exports_queue_arn, "us-east-1")

    def out_of_reach(**_):
        raise RuntimeError("the media bucket is out of reach")

    s3 = aws_clients.s3_client()
    s3.meta.events.register("before-call.s3.GetObject", out_of_reach)
    with recording(export_calls), pytest.raises(RuntimeError):
        write_export(event, STREAM_CONTEXT)
    s3.meta.events.unregister("before-call.s3.GetObject", out_of_reach)

    assert ("s3:AbortMultipartUpload", "ExportsBucket") in export_calls
    assert export_calls == granted("ExportFunctionRole")
