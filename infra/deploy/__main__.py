"""`python -m infra.deploy deploy|destroy --stage dev`: what `make deploy` and `make destroy` do.

deploy: package the worker and the user pool's triggers -> artifacts bucket (the zips, the
template) -> the origin secret (SSM Parameter Store) -> the web ACL (AWS WAF, in us-east-1) ->
stack -> .chalice/config.json -> chalice deploy (then the stream trigger's failure handling, the
stage's throttling and gateway responses) -> point CloudFront's /api/* and /p/* at the API ->
frontend/ and config.json -> invalidation -> site URL.
destroy: chalice delete -> empty the buckets -> delete the stack -> delete the web ACL and the
origin secret -> remove the stage's artifacts.
Running deploy again updates everything in place and skips what has not changed.
"""

import argparse
import functools
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from chalicelib.edge.origin_check import secret_digest
from infra.deploy import (
    api_stage,
    artifacts,
    aws,
    buckets,
    chalice_stage,
    origin_secret,
    plan,
    site,
    stack,
    stream_trigger,
    trigger_package,
    web_acl,
    worker_package,
)
from infra.template_file import TEMPLATE_PATH

BUILD_DIR = Path(__file__).resolve().parents[2] / "build"
# Emptying a bucket makes S3 write access logs into the logs bucket a few minutes later, which
# can make its deletion fail; emptying again and retrying settles it.
DELETE_ATTEMPTS = 3


def report(message: str) -> None:
    print(f"    {message}", flush=True)


def announce(number: int, total: int, message: str) -> None:
    print(f"==> [{number}/{total}] {message}", flush=True)


@dataclass(frozen=True)
class FunctionCode:
    """Where the functions' zips wait for CloudFormation: the artifacts bucket, a key each."""

    bucket: str
    worker_key: str
    triggers_key: str


def stack_parameters(
    stage: str,
    code: FunctionCode,
    api_domain_name: str,
    *,
    web_acl_arn: str,
    secret: str,
    alarm_email: str = "",
) -> dict[str, str]:
    return {
        "Stage": stage,
        "ApiDomainName": api_domain_name,
        "WebAclArn": web_acl_arn,
        "OriginSecret": secret,
        "WorkerCodeBucket": code.bucket,
        "WorkerCodeKey": code.worker_key,
        "TriggersCodeBucket": code.bucket,
        "TriggersCodeKey": code.triggers_key,
        "WorkerArchitecture": worker_package.LAMBDA_ARCHITECTURE,
        "AlarmEmail": alarm_email,
    }


def deploy(stage: str) -> None:
    total = 10
    region = aws.region()
    stack_name = stack.stack_name_for(stage)
    architecture = worker_package.LAMBDA_ARCHITECTURE
    # Passed on every deploy: a parameter left out of an update falls back to its default.
    alarm_email = os.environ.get("ALARM_EMAIL", "")

    announce(1, total, f"Packaging the image worker (python3.12, {architecture}) and the triggers")
    worker = worker_package.build_worker_package(BUILD_DIR, architecture)
    triggers = trigger_package.build_triggers_package(BUILD_DIR)
    for package in (worker, triggers):
        report(f"{package.zip_path} ({package.zip_path.stat().st_size // 1024} KiB)")

    announce(2, total, "Uploading the functions' zips and the template to the artifacts bucket")
    code, template_url = upload_artifacts(stage, region, worker, triggers)

    announce(3, total, "Keeping the secret CloudFront sends the API (SSM Parameter Store)")
    secret = origin_secret.ensure_origin_secret(stage)
    report(f"{origin_secret.parameter_name(stage)} (SecureString; the value is never printed)")

    announce(4, total, f"Deploying the web ACL (AWS WAF) in {web_acl.WEB_ACL_REGION}")
    web_acl_arn = web_acl.deploy_web_acl(stage, region, report)

    announce(5, total, f"Deploying stack {stack_name} in {region} (CloudFront takes minutes)")
    # On a redeploy the API already exists, so CloudFront keeps its /api/* route throughout.
    known_api_domain = chalice_stage.api_domain_name(stage)
    parameters_for = functools.partial(
        stack_parameters,
        stage,
        code,
        web_acl_arn=web_acl_arn,
        secret=secret,
        alarm_email=alarm_email,
    )
    template = {"TemplateURL": template_url}
    outputs = stack.deploy_stack(stack_name, parameters_for(known_api_domain), template, report)

    announce(6, total, f"Writing the stack's outputs into .chalice/config.json (stage {stage})")
    chalice_stage.write_stack_outputs(stage, outputs, secret_digest(secret))

    announce(7, total, f"chalice deploy --stage {stage}")
    chalice_stage.chalice_deploy(stage, region, outputs)
    api_domain = chalice_stage.api_domain_name(stage)
    mapping = stream_trigger.configure_failure_handling(
        chalice_stage.stream_function_name(stage),
        outputs["TableStreamArn"],
        outputs["TableStreamDeadLetterQueueArn"],
    )
    report(f"Stream trigger {mapping}: partial batch failures, retries, dead-letter queue")
    api_stage.configure(chalice_stage.rest_api_id(stage))
    report("API stage: throttling, and gateway responses in the API's error shape")

    announce(8, total, f"Routing CloudFront's /api/* and /p/* to {api_domain}")
    if api_domain == known_api_domain:
        report("Already routed")
    else:
        outputs = stack.deploy_stack(stack_name, parameters_for(api_domain), template, report)

    announce(9, total, "Publishing frontend/ and config.json")
    changed = publish_site(stage, region, outputs)

    announce(10, total, "Invalidating changed paths in CloudFront")
    # Only files that keep their names: a hashed name is new to CloudFront.
    paths = site.invalidation_paths(changed)
    if paths:
        site.invalidate(outputs["DistributionId"], paths)
        report(", ".join(paths))
    else:
        report("Nothing changed")

    print(f"\nCloudGram ({stage}) is at {outputs['SiteUrl']}", flush=True)


def upload_artifacts(
    stage: str,
    region: str,
    worker: worker_package.WorkerPackage,
    triggers: trigger_package.TriggersPackage,
) -> tuple[FunctionCode, str]:
    """The functions' zips and infra/template.yaml into the artifacts bucket: where the zips
    are, and the template's address for CloudFormation."""
    bucket = artifacts.artifacts_bucket_name(aws.account_id(), region)
    artifacts.ensure_artifacts_bucket(bucket)
    code = FunctionCode(
        bucket,
        worker_key=artifacts.worker_zip_key(stage, worker.sha256),
        triggers_key=artifacts.triggers_zip_key(stage, triggers.sha256),
    )
    template_key = artifacts.template_key(stage, worker_package.file_sha256(TEMPLATE_PATH))
    for key, path in (
        (code.worker_key, worker.zip_path),
        (code.triggers_key, triggers.zip_path),
        (template_key, TEMPLATE_PATH),
    ):
        uploaded = artifacts.upload_if_missing(bucket, key, path)
        report(f"s3://{bucket}/{key}" + ("" if uploaded else " (unchanged)"))
    return code, artifacts.object_url(bucket, template_key, region)


def publish_site(stage: str, region: str, outputs: dict[str, str]) -> list[str]:
    """Upload frontend/ (js/ and css/ under hashed names) and config.json; returns the keys
    that changed."""
    max_upload_bytes = int(chalice_stage.stage_environment(stage)["MAX_UPLOAD_BYTES"])
    document = site.config_document(region, outputs, max_upload_bytes)
    files = [*site.frontend_files(), site.config_file(document)]
    changed = site.publish(outputs["SiteBucketName"], files)
    report(f"{len(changed)} of {len(files)} files changed")
    return changed


def destroy(stage: str) -> None:
    total = 6
    region = aws.region()
    stack_name = stack.stack_name_for(stage)

    announce(1, total, f"chalice delete --stage {stage}")
    if not chalice_stage.chalice_delete(stage, region):
        report("No API recorded for this stage")

    existing = stack.describe_stack(stack_name)
    bucket_names = buckets.stack_bucket_names(stack.outputs_as_dict(existing or {}))
    announce(2, total, f"Emptying {len(bucket_names)} buckets (every object version)")
    for bucket_name in bucket_names:
        buckets.empty_bucket(bucket_name)

    announce(3, total, f"Deleting stack {stack_name}")
    delete_stack_with_retries(stack_name, bucket_names)

    announce(4, total, f"Deleting the web ACL (AWS WAF) in {web_acl.WEB_ACL_REGION}")
    status = web_acl.delete_web_acl(stage, region, report)
    if status != "DELETE_COMPLETE":
        raise SystemExit(f"The web ACL's stack could not be deleted ({status}).")

    announce(5, total, "Deleting the secret CloudFront sent the API")
    if not origin_secret.delete_origin_secret(stage):
        report("No secret kept for this stage")

    announce(6, total, "Removing this stage's zips and templates from the artifacts bucket")
    artifacts.remove_stage_artifacts(
        artifacts.artifacts_bucket_name(aws.account_id(), region), stage
    )
    print(f"\nCloudGram ({stage}) is gone.", flush=True)


def delete_stack_with_retries(stack_name: str, bucket_names: list[str]) -> None:
    for attempt in range(1, DELETE_ATTEMPTS + 1):
        status = stack.delete_stack(stack_name, report)
        if status == "DELETE_COMPLETE":
            return
        if attempt < DELETE_ATTEMPTS:
            report(f"Stack is {status}; emptying the buckets again and retrying")
            for bucket_name in bucket_names:
                buckets.empty_bucket(bucket_name)
    raise SystemExit(f"Stack {stack_name} could not be deleted ({status}).")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m infra.deploy", description="Deploy CloudGram to AWS, or remove it."
    )
    parser.add_argument("action", choices=["deploy", "destroy"])
    parser.add_argument("--stage", choices=["dev", "prod"], default="dev")
    parser.add_argument(
        "--dry-run", action="store_true", help="print what deploy would do; touch nothing"
    )
    arguments = parser.parse_args(argv)
    if arguments.action == "deploy" and arguments.dry_run:
        plan.print_plan(arguments.stage)
    elif arguments.action == "deploy":
        deploy(arguments.stage)
    else:
        destroy(arguments.stage)
    return 0


if __name__ == "__main__":
    sys.exit(main())
