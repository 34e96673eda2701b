"""Buckets are emptied completely before the stack is deleted, and the artifacts bucket is
created private and removed when no stage needs it any more."""

import boto3
import pytest

import infra.deploy.__main__ as deploy_command
from infra.deploy import artifacts, buckets, trigger_package, worker_package

REGION = "us-east-1"


@pytest.fixture
def s3(deploy_aws):
    return boto3.client("s3", region_name=REGION)


def test_given_a_versioned_bucket_with_history_when_emptied_then_no_version_is_left(s3):
    s3.create_bucket(Bucket="media")
    s3.put_bucket_versioning(Bucket="media", VersioningConfiguration={"Status": "Enabled"})
    for body in (b"first", b"second"):
        s3.put_object(Bucket="media", Key="media/photo/feed.webp", Body=body)
    s3.put_object(Bucket="media", Key="media/photo/grid.webp", Body=b"grid")
    s3.delete_object(Bucket="media", Key="media/photo/grid.webp")  # leaves a delete marker

    buckets.empty_bucket("media")

    listing = s3.list_object_versions(Bucket="media")
    assert listing.get("Versions", []) == []
    assert listing.get("DeleteMarkers", []) == []
    s3.delete_bucket(Bucket="media")  # S3 accepts it, so CloudFormation will too


def test_given_an_unversioned_bucket_when_emptied_then_it_is_empty(s3):
    s3.create_bucket(Bucket="uploads")
    s3.put_object(Bucket="uploads", Key="uploads/abc", Body=b"photo")

    buckets.empty_bucket("uploads")

    assert s3.list_objects_v2(Bucket="uploads")["KeyCount"] == 0


def test_given_a_missing_bucket_when_emptied_then_nothing_fails(s3):
    buckets.empty_bucket("never-created")

    assert s3.list_buckets()["Buckets"] == []


def test_given_stack_outputs_when_listing_buckets_then_all_five_are_named():
    outputs = {key: f"bucket-{number}" for number, key in enumerate(buckets.BUCKET_OUTPUTS)}
    outputs["TableName"] = "not-a-bucket"

    assert buckets.stack_bucket_names(outputs) == [f"bucket-{number}" for number in range(5)]


def test_given_no_artifacts_bucket_when_ensured_then_it_is_created_private(s3):
    artifacts.ensure_artifacts_bucket("artifacts")
    artifacts.ensure_artifacts_bucket("artifacts")  # the second call finds it and does nothing

    block = s3.get_public_access_block(Bucket="artifacts")["PublicAccessBlockConfiguration"]
    assert set(block.values()) == {True}


def test_given_a_zip_when_uploaded_twice_then_the_second_upload_is_skipped(s3, tmp_path):
    artifacts.ensure_artifacts_bucket("artifacts")
    zip_path = tmp_path / "image-worker.zip"
    zip_path.write_bytes(b"zip")
    key = artifacts.worker_zip_key("dev", "abc123")

    assert artifacts.upload_if_missing("artifacts", key, zip_path) is True
    assert artifacts.upload_if_missing("artifacts", key, zip_path) is False
    assert key == "worker/dev/abc123.zip"


@pytest.mark.parametrize(
    ("folder", "extension"), [("worker", "zip"), ("triggers", "zip"), ("template", "yaml")]
)
def test_given_two_stages_when_one_is_destroyed_then_the_other_keeps_its_files(
    s3, folder, extension
):
    artifacts.ensure_artifacts_bucket("artifacts")
    s3.put_object(Bucket="artifacts", Key=f"{folder}/dev/a.{extension}", Body=b"dev")
    s3.put_object(Bucket="artifacts", Key=f"{folder}/prod/b.{extension}", Body=b"prod")

    artifacts.remove_stage_artifacts("artifacts", "dev")

    keys = [item["Key"] for item in s3.list_objects_v2(Bucket="artifacts")["Contents"]]
    assert keys == [f"{folder}/prod/b.{extension}"]


def test_given_the_last_stage_when_destroyed_then_the_artifacts_bucket_goes_too(s3):
    artifacts.ensure_artifacts_bucket("artifacts")
    s3.put_object(Bucket="artifacts", Key="worker/dev/a.zip", Body=b"dev")

    artifacts.remove_stage_artifacts("artifacts", "dev")

    assert [bucket["Name"] for bucket in s3.list_buckets()["Buckets"]] == []


def test_given_a_template_then_its_key_and_address_are_the_stages_and_cloudformations():
    key = artifacts.template_key("prod", "abc123")

    assert key == "template/prod/abc123.yaml"
    assert artifacts.object_url("artifacts", key, "eu-west-1") == (
        "https://artifacts.s3.eu-west-1.amazonaws.com/template/prod/abc123.yaml"
    )


def test_given_a_bucket_from_an_older_deploy_then_old_templates_expire_too(s3):
    # Given the bucket as an older deploy made it, expiring old zips only
    s3.create_bucket(Bucket="artifacts")
    only_zips = {"ID": "old", "Status": "Enabled", "Filter": {"Prefix": "worker/"}}
    s3.put_bucket_lifecycle_configuration(
        Bucket="artifacts",
        LifecycleConfiguration={"Rules": [{**only_zips, "Expiration": {"Days": 30}}]},
    )

    # When a deploy ensures it
    artifacts.ensure_artifacts_bucket("artifacts")

    # Then both kinds of file expire after the same time
    rules = s3.get_bucket_lifecycle_configuration(Bucket="artifacts")["Rules"]
    assert {rule["Filter"]["Prefix"]: rule["Expiration"]["Days"] for rule in rules} == {
        "worker/": artifacts.ARTIFACT_EXPIRY_DAYS,
        "triggers/": artifacts.ARTIFACT_EXPIRY_DAYS,
        "template/": artifacts.ARTIFACT_EXPIRY_DAYS,
    }


def test_given_a_deploy_then_the_zips_and_the_template_are_uploaded_once(s3, tmp_path, capsys):
    worker_zip, triggers_zip = tmp_path / "image-worker.zip", tmp_path / "cognito-triggers.zip"
    worker_zip.write_bytes(b"worker zip")
    triggers_zip.write_bytes(b"triggers zip")
    worker = worker_package.WorkerPackage(zip_path=worker_zip, sha256="abc123")
    triggers = trigger_package.TriggersPackage(zip_path=triggers_zip, sha256="def456")

    first = deploy_command.upload_artifacts("dev", REGION, worker, triggers)
    again = deploy_command.upload_artifacts("dev", REGION, worker, triggers)

    code, template_url = first
    assert again == first
    assert (code.worker_key, code.triggers_key) == (
        "worker/dev/abc123.zip",
        "triggers/dev/def456.zip",
    )
    assert template_url.startswith(f"https://{code.bucket}.s3.{REGION}.amazonaws.com/")
    keys = [item["Key"] for item in s3.list_objects_v2(Bucket=code.bucket)["Contents"]]
    assert sorted(keys) == [
        template_url.split(".com/")[1],
        "triggers/dev/def456.zip",
        "worker/dev/abc123.zip",
    ]
    assert capsys.readouterr().out.count("(unchanged)") == 3
