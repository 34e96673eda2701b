"""The artifacts bucket: where the deploy driver puts what CloudFormation reads, the functions'
zips (the image worker's and the user pool triggers') and the stack's template.

It lives outside the stack because the stack needs them before it exists. One bucket per account
and region serves every stage; each stage's files sit under `worker/<stage>/`,
`triggers/<stage>/` and `template/<stage>/`, named by their content hash.
"""

from botocore.exceptions import ClientError

from infra.deploy import aws

# Old files are only needed to roll a stack back; a month is plenty.
ARTIFACT_EXPIRY_DAYS = 30
# Each stage's files sit under `<prefix>/<stage>/`.
ARTIFACT_PREFIXES = ("worker", "triggers", "template")


def artifacts_bucket_name(account_id: str, region: str) -> str:
    return f"cloudgram-artifacts-{account_id}-{region}"


def worker_zip_key(stage: str, sha256: str) -> str:
    return f"worker/{stage}/{sha256}.zip"


def triggers_zip_key(stage: str, sha256: str) -> str:
    return f"triggers/{stage}/{sha256}.zip"


def template_key(stage: str, sha256: str) -> str:
    return f"template/{stage}/{sha256}.yaml"


def object_url(bucket: str, key: str, region: str) -> str:
    """The object's https address, as CloudFormation's TemplateURL takes it."""
    return f"https://{bucket}.s3.{region}.amazonaws.com/{key}"


def ensure_artifacts_bucket(bucket: str) -> None:
    """Create the bucket, private and encrypted, unless it already exists; and, every time, the
    rules that expire old files (a bucket made by an older deploy may lack one)."""
    if not _bucket_exists(bucket):
        _create_private_bucket(bucket)
    aws.client("s3").put_bucket_lifecycle_configuration(
        Bucket=bucket,
        LifecycleConfiguration={
            "Rules": [
                {
                    "ID": f"ExpireOld{prefix.capitalize()}Artifacts",
                    "Status": "Enabled",
                    "Filter": {"Prefix": f"{prefix}/"},
                    "Expiration": {"Days": ARTIFACT_EXPIRY_DAYS},
                }
                for prefix in ARTIFACT_PREFIXES
            ]
        },
    )


def _create_private_bucket(bucket: str) -> None:
    s3 = aws.client("s3")
    region = aws.region()
    if region == "us-east-1":
        # us-east-1 is the one region that refuses an explicit LocationConstraint.
        s3.create_bucket(Bucket=bucket)
    else:
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region})
    s3.put_public_access_block(
        Bucket=bucket,
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True,
        },
    )
    s3.put_bucket_encryption(
        Bucket=bucket,
        ServerSideEncryptionConfiguration={
            "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]
        },
    )


def upload_if_missing(bucket: str, key: str, path) -> bool:
    """Upload the file unless the key exists; the key names the content, so equal means same."""
    s3 = aws.client("s3")
    try:
        s3.head_object(Bucket=bucket, Key=key)
        return False
    except ClientError as error:
        if error.response["Error"]["Code"] not in ("404", "NoSuchKey", "NotFound"):
            raise
    s3.upload_file(str(path), bucket, key)
    return True


def remove_stage_artifacts(bucket: str, stage: str) -> None:
    """Delete one stage's files, and the bucket too once no stage has any left."""
    if not _bucket_exists(bucket):
        return
    artifacts = aws.s3_resource().Bucket(bucket)
    for prefix in ARTIFACT_PREFIXES:
        artifacts.objects.filter(Prefix=f"{prefix}/{stage}/").delete()
    if not any(True for _ in artifacts.objects.limit(1)):
        artifacts.delete()


def _bucket_exists(bucket: str) -> bool:
    try:
        aws.client("s3").head_bucket(Bucket=bucket)
        return True
    except ClientError as error:
        if error.response["Error"]["Code"] in ("404", "NoSuchBucket", "NotFound"):
            return False
        raise
