"""Empty the stack's buckets so CloudFormation can delete them (it refuses non-empty buckets).

The media and site buckets keep object versions, so emptying means deleting every version and
every delete marker, not just the current objects.
"""

from botocore.exceptions import ClientError

from infra.deploy import aws

# Stack outputs naming the buckets that `destroy` must empty.
BUCKET_OUTPUTS = (
    "UploadsBucketName",
    "MediaBucketName",
    "SiteBucketName",
    "LogsBucketName",
    "ExportsBucketName",
)


def stack_bucket_names(outputs: dict[str, str]) -> list[str]:
    return [outputs[key] for key in BUCKET_OUTPUTS if key in outputs]


def empty_bucket(bucket_name: str) -> None:
    """Delete every object version and delete marker; a missing bucket is already empty."""
    bucket = aws.s3_resource().Bucket(bucket_name)
    try:
        # Batches of up to 1,000 keys per DeleteObjects call; works on unversioned buckets too.
        bucket.object_versions.delete()
    except ClientError as error:
        if error.response["Error"]["Code"] != "NoSuchBucket":
            raise
