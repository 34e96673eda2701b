"""Creates the local stack's AWS resources in moto with boto3, as the CloudFormation template
creates them in AWS (moto's CloudFormation silently drops CORS, notifications and Cognito, so the
template cannot simply be replayed here). The shapes come from resource_definitions.py, which a test
holds in agreement with infra/template.yaml.
"""

import json
from dataclasses import dataclass

import boto3

from infra.local import resource_definitions as definitions


@dataclass(frozen=True)
class LocalResources:
    names: definitions.ResourceNames
    user_pool_id: str
    user_pool_client_id: str
    uploads_queue_url: str
    uploads_queue_arn: str
    dead_letter_queue_url: str
    table_stream_arn: str
    table_stream_dead_letter_queue_url: str
    exports_queue_url: str
    exports_queue_arn: str
    exports_dead_letter_queue_url: str

    def function_environment(self) -> dict[str, str]:
        """The settings the API and the worker read from their environment, as the template and
        the deploy give them in Lambda, for these resources."""
        return {
            "TABLE_NAME": self.names.table,
            "UPLOADS_BUCKET": self.names.uploads_bucket,
            "MEDIA_BUCKET": self.names.media_bucket,
            "SITE_BUCKET": self.names.site_bucket,
            "USER_POOL_ID": self.user_pool_id,
            "USER_POOL_CLIENT_ID": self.user_pool_client_id,
            "EXPORTS_BUCKET": self.names.exports_bucket,
            "EXPORTS_QUEUE_URL": self.exports_queue_url,
        }


def create_resources(
    endpoint_url: str | None,
    region: str,
    names: definitions.ResourceNames,
    site_origins: list[str],
) -> LocalResources:
    def client(service: str):
        return boto3.client(service, endpoint_url=endpoint_url, region_name=region)

    dynamodb = client("dynamodb")
    table = dynamodb.create_table(**definitions.table_definition(names.table))
    dynamodb.update_time_to_live(
        TableName=names.table,
        TimeToLiveSpecification={
            "AttributeName": definitions.TIME_TO_LIVE_ATTRIBUTE,
            "Enabled": True,
        },
    )
    queue_url, queue_arn, dead_letter_queue_url = _create_queues(client("sqs"), names)
    stream_dead_letter_queue_url = _create_dead_letter_queue(
        client("sqs"), names.table_stream_dead_letter_queue
    )
    _create_buckets(client("s3"), names, site_origins, queue_arn, region)
    exports_queue_url, exports_queue_arn, exports_dead_letter_url = _create_exports_queues(
        client("sqs"), names
    )
    user_pool_id, client_id = _create_user_pool(client("cognito-idp"), names, region)
    return LocalResources(
        names=names,
        user_pool_id=user_pool_id,
        user_pool_client_id=client_id,
        uploads_queue_url=queue_url,
        uploads_queue_arn=queue_arn,
        dead_letter_queue_url=dead_letter_queue_url,
        table_stream_arn=table["TableDescription"]["LatestStreamArn"],
        table_stream_dead_letter_queue_url=stream_dead_letter_queue_url,
        exports_queue_url=exports_queue_url,
        exports_queue_arn=exports_queue_arn,
        exports_dead_letter_queue_url=exports_dead_letter_url,
    )


def _create_dead_letter_queue(sqs, name: str) -> str:
    return sqs.create_queue(
        QueueName=name,
        Attributes={"MessageRetentionPeriod": str(definitions.DEAD_LETTER_RETENTION_SECONDS)},
    )["QueueUrl"]


def _create_queues(sqs, names: definitions.ResourceNames) -> tuple[str, str, str]:
    dead_letter_url = _create_dead_letter_queue(sqs, names.dead_letter_queue)
    dead_letter_arn = _queue_arn(sqs, dead_letter_url)
    queue_url = sqs.create_queue(
        QueueName=names.uploads_queue,
        Attributes={
            "VisibilityTimeout": str(definitions.QUEUE_VISIBILITY_TIMEOUT_SECONDS),
            "RedrivePolicy": json.dumps(definitions.redrive_policy(dead_letter_arn)),
        },
    )["QueueUrl"]
    return queue_url, _queue_arn(sqs, queue_url), dead_letter_url


def _create_exports_queues(sqs, names: definitions.ResourceNames) -> tuple[str, str, str]:
    """The exports queue, which feeds the export function, and its dead-letter queue."""
    dead_letter_url = _create_dead_letter_queue(sqs, names.exports_dead_letter_queue)
    redrive = definitions.redrive_policy(
        _queue_arn(sqs, dead_letter_url), definitions.EXPORTS_MAX_RECEIVE_COUNT
    )
    queue_url = sqs.create_queue(
        QueueName=names.exports_queue,
        Attributes={
            "VisibilityTimeout": str(definitions.EXPORTS_QUEUE_VISIBILITY_TIMEOUT_SECONDS),
            "RedrivePolicy": json.dumps(redrive),
        },
    )["QueueUrl"]
    return queue_url, _queue_arn(sqs, queue_url), dead_letter_url


def _queue_arn(sqs, queue_url: str) -> str:
    attributes = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])
    return attributes["Attributes"]["QueueArn"]


def _create_buckets(
    s3, names: definitions.ResourceNames, site_origins: list[str], queue_arn: str, region: str
) -> None:
    buckets = (names.uploads_bucket, names.media_bucket, names.site_bucket, names.exports_bucket)
    for bucket in buckets:
        if region == "us-east-1":
            s3.create_bucket(Bucket=bucket)
        else:
            s3.create_bucket(
                Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region}
            )
    s3.put_bucket_cors(
        Bucket=names.uploads_bucket,
        CORSConfiguration={"CORSRules": definitions.upload_cors_rules(site_origins)},
    )
    s3.put_bucket_notification_configuration(
        Bucket=names.uploads_bucket,
        NotificationConfiguration=definitions.upload_notification(queue_arn),
    )
    # moto keeps the rules without acting on them; the API never shows an expired export.
    s3.put_bucket_lifecycle_configuration(
        Bucket=names.exports_bucket,
        LifecycleConfiguration={"Rules": definitions.EXPORTS_LIFECYCLE_RULES},
    )


def _create_user_pool(cognito, names: definitions.ResourceNames, region: str) -> tuple[str, str]:
    pool_id = cognito.create_user_pool(
        PoolName=names.user_pool,
        UserPoolTier=definitions.USER_POOL_TIER,
        Policies={"PasswordPolicy": definitions.PASSWORD_POLICY},
        AutoVerifiedAttributes=["email"],
        Schema=[{"Name": "email", "AttributeDataType": "String", "Required": True}],
        UsernameConfiguration=definitions.USERNAME_CONFIGURATION,
        LambdaConfig=definitions.user_pool_triggers(names, region),
        AccountRecoverySetting=definitions.ACCOUNT_RECOVERY_SETTING,
    )["UserPool"]["Id"]
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName=names.user_pool_client,
        GenerateSecret=False,
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        **definitions.APP_CLIENT_TOKENS,
        **definitions.APP_CLIENT_USER_EXISTENCE_ERRORS,
    )["UserPoolClient"]["ClientId"]
    return pool_id, client_id
