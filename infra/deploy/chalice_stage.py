"""The API's side of a deploy: hand the stack's outputs to chalice, then run chalice.

The stack owns the API's role and every resource the API uses; chalice owns the API function and
API Gateway. `.chalice/config.json` is where the two meet: the driver writes the role ARN and
resource names into the stage's settings, with the digest of CloudFront's origin secret
(infra/deploy/origin_secret.py), and `chalice deploy` reads them.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

REPO_ROOT = Path(__file__).resolve().parents[2]
CHALICE_CONFIG = REPO_ROOT / ".chalice" / "config.json"
DEPLOYED_DIR = REPO_ROOT / ".chalice" / "deployed"

# Stack output -> the API's environment variable (read by chalicelib/shared/settings.py).
ENVIRONMENT_FROM_OUTPUTS = {
    "TABLE_NAME": "TableName",
    "UPLOADS_BUCKET": "UploadsBucketName",
    "MEDIA_BUCKET": "MediaBucketName",
    "USER_POOL_ID": "UserPoolId",
    "USER_POOL_CLIENT_ID": "UserPoolClientId",
    "DISTRIBUTION_ID": "DistributionId",
    # A photo's page (/p/<id>) is the site's index.html with its preview's tags, whose
    # addresses are absolute on the site's origin (chalicelib/edge/photo_page.py). The stack,
    # and so the distribution, exists before chalice deploys the API: naming it here makes no
    # cycle (distribution -> API origin -> API's environment -> distribution) in any template.
    "SITE_BUCKET": "SiteBucketName",
    "SITE_URL": "SiteUrl",
    # "Download your data": the API presigns links to the archives, the stream function queues
    # new exports, the export function writes the archives (chalicelib/accounts/).
    "EXPORTS_BUCKET": "ExportsBucketName",
    "EXPORTS_QUEUE_URL": "ExportsQueueUrl",
}
# app.py's stream function, which has its own role (least privilege per function).
STREAM_FUNCTION = "on_table_change"
# app.py's export function, on the exports queue, with its own role, memory and timeout.
EXPORT_FUNCTION = "write_export"


def with_stack_outputs(
    config: dict, stage: str, outputs: dict[str, str], origin_secret_sha256: str
) -> dict:
    """A copy of the chalice config whose stage uses the stack's role and resources, and checks
    requests against the digest of the secret CloudFront sends (chalicelib/edge/origin_check.py):
    the digest only, because this file may be committed and the secret must not be."""
    updated = json.loads(json.dumps(config))
    stage_config = updated.setdefault("stages", {}).setdefault(stage, {})
    stage_config["iam_role_arn"] = outputs["ApiRoleArn"]
    functions = stage_config.setdefault("lambda_functions", {})
    functions.setdefault(STREAM_FUNCTION, {})["iam_role_arn"] = outputs["TableStreamRoleArn"]
    functions.setdefault(EXPORT_FUNCTION, {})["iam_role_arn"] = outputs["ExportFunctionRoleArn"]
    environment = stage_config.setdefault("environment_variables", {})
    for variable, output in ENVIRONMENT_FROM_OUTPUTS.items():
        environment[variable] = outputs[output]
    environment["ORIGIN_SECRET_SHA256"] = origin_secret_sha256
    return updated


def write_stack_outputs(
    stage: str, outputs: dict[str, str], origin_secret_sha256: str, path: Path = CHALICE_CONFIG
) -> None:
    config = json.loads(path.read_text())
    updated = with_stack_outputs(config, stage, outputs, origin_secret_sha256)
    path.write_text(json.dumps(updated, indent=2) + "\n")


def stage_environment(stage: str, path: Path = CHALICE_CONFIG) -> dict[str, str]:
    """The API's environment variables for a stage, as chalice merges them."""
    config = json.loads(path.read_text())
    stage_variables = config.get("stages", {}).get(stage, {}).get("environment_variables", {})
    return {**config.get("environment_variables", {}), **stage_variables}


def chalice_deploy(stage: str, region: str, outputs: dict[str, str]) -> None:
    # app.py reads these when chalice imports it: the API's name, the pool for the Cognito
    # authorizer, the stream for on_table_change's trigger, the queue for write_export's.
    _run_chalice(["deploy", "--stage", stage], region, deploy_time_environment(stage, outputs))


def deploy_time_environment(stage: str, outputs: dict[str, str]) -> dict[str, str]:
    return {
        "API_NAME": api_name(stage),
        "USER_POOL_ARN": outputs["UserPoolArn"],
        "TABLE_STREAM_ARN": outputs["TableStreamArn"],
        "EXPORTS_QUEUE_ARN": outputs["ExportsQueueArn"],
    }


def api_name(stage: str) -> str:
    """The stage's REST API name (app.py reads it): never shared between stages."""
    return f"cloudgram-{stage}"


def stream_function_name(stage: str) -> str:
    """The name chalice gives the stream function: <app>-<stage>-<function>."""
    return f"cloudgram-{stage}-{STREAM_FUNCTION}"


def chalice_delete(stage: str, region: str) -> bool:
    """Delete the stage's API if chalice recorded one; False when there was nothing to delete."""
    if not deployed_record_path(stage).exists():
        return False
    _run_chalice(["delete", "--stage", stage], region, {})
    return True


def deployed_record_path(stage: str) -> Path:
    return DEPLOYED_DIR / f"{stage}.json"


def api_domain_name(stage: str) -> str:
    """The deployed API's domain, from chalice's record; empty when the API is not deployed."""
    record_path = deployed_record_path(stage)
    if not record_path.exists():
        return ""
    return api_domain_from_record(json.loads(record_path.read_text()))


def api_domain_from_record(record: dict) -> str:
    rest_api = _rest_api_in(record)
    return urlparse(rest_api["rest_api_url"]).hostname or "" if rest_api else ""


def rest_api_id(stage: str) -> str:
    """The deployed REST API's id, from chalice's record."""
    rest_api = _rest_api_in(json.loads(deployed_record_path(stage).read_text()))
    if rest_api is None:
        raise SystemExit(f"chalice recorded no REST API for stage {stage}.")
    return rest_api["rest_api_id"]


def _rest_api_in(record: dict) -> dict | None:
    for resource in record.get("resources", []):
        if resource.get("resource_type") == "rest_api":
            return resource
    return None


def _run_chalice(arguments: list[str], region: str, extra_environment: dict[str, str]) -> None:
    chalice = Path(sys.executable).parent / "chalice"
    environment = {**os.environ, "AWS_DEFAULT_REGION": region, **extra_environment}
    subprocess.run([str(chalice), *arguments], cwd=REPO_ROOT, env=environment, check=True)
