"""The local stack's AWS in two processes, as AWS keeps its services apart: DynamoDB and its
stream on an endpoint of their own, which no web page may call, and S3, SQS and Cognito on the
other (infra/local/stack.py)."""

import json

import boto3
import requests

CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


def test_given_the_stack_then_its_table_lives_on_the_dynamodb_endpoint_alone(local_stack):
    def tables_at(endpoint_url):
        dynamodb = boto3.client(
            "dynamodb", endpoint_url=endpoint_url, region_name="us-east-1", **CREDENTIALS
        )
        return dynamodb.list_tables()["TableNames"]

    assert tables_at(local_stack.dynamodb_endpoint_url) == ["cloudgram-photos"]
    # Nothing of the app's went to the other endpoint by mistake.
    assert tables_at(local_stack.aws_endpoint_url) == []


def test_given_the_sites_own_page_then_it_cannot_read_the_table(local_stack):
    scan = requests.post(
        f"{local_stack.dynamodb_endpoint_url}/",
        data=json.dumps({"TableName": "cloudgram-photos"}),
        headers={
            "Origin": local_stack.site_url,
            "Content-Type": "application/x-amz-json-1.0",
            "X-Amz-Target": "DynamoDB_20120810.Scan",
        },
        timeout=5,
    )

    assert scan.status_code == 403


def test_given_the_page_then_its_policy_lets_it_connect_to_no_dynamodb(client, local_stack):
    policy = client.http.get(client.site_url + "/", timeout=5).headers["Content-Security-Policy"]

    assert local_stack.aws_endpoint_url in policy
    assert local_stack.dynamodb_endpoint_url not in policy
