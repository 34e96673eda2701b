"""`make deploy STAGE=dev DRY_RUN=1`: what a deploy would do, step by step, and what each step
would create, printed without touching AWS (no credentials are needed, or read).

The plan reads what the deploy itself reads: infra/template.yaml (the stack's resources, with
their names for the stage), infra/waf.yaml (the web ACL's rules), app.py (the routes and
functions chalice creates from it), .chalice/config.json (their memory and timeouts),
image_worker/requirements.txt, cognito_triggers/ and frontend/.
Without credentials the account and region are unknown, so names show them as <account> and
<region>. The steps are those of `deploy()` in infra/deploy/__main__.py, in the same order.
"""

import importlib
import json
import re
from collections import Counter
from pathlib import Path

from infra.deploy import (
    artifacts,
    chalice_stage,
    origin_secret,
    site,
    stack,
    stream_trigger,
    trigger_package,
    web_acl,
    worker_package,
)
from infra.template_file import load_template

REPO_ROOT = Path(__file__).resolve().parents[2]
ACCOUNT, REGION = "<account>", "<region>"
# The properties that carry a resource's physical name, by resource type.
NAME_PROPERTIES = (
    "TableName",
    "BucketName",
    "QueueName",
    "FunctionName",
    "LogGroupName",
    "UserPoolName",
    "ClientName",
    "TopicName",
    "AlarmName",
    "DashboardName",
)


def plan(stage: str) -> list[tuple[str, list[str]]]:
    """The deploy's steps for `stage`, each (what it does, what it creates or changes)."""
    config = json.loads(chalice_stage.CHALICE_CONFIG.read_text())
    return [
        (
            f"Package the image worker (python{worker_package.LAMBDA_PYTHON_VERSION}, "
            f"{worker_package.LAMBDA_ARCHITECTURE}) and the user pool's triggers",
            [
                "build/image-worker.zip: image_worker/ and its Linux wheels: "
                + ", ".join(_requirements()),
                f"build/{trigger_package.TRIGGERS_ZIP_NAME}: cognito_triggers/ alone (Python's "
                "standard library is all it uses)",
            ],
        ),
        (
            "Upload the worker's zip, the triggers' zip and the stack's template",
            [
                f"s3://{artifacts.artifacts_bucket_name(ACCOUNT, REGION)}/"
                f"{artifacts.worker_zip_key(stage, '<zip sha256>')} "
                "(and the bucket, the first time)",
                f"s3://{artifacts.artifacts_bucket_name(ACCOUNT, REGION)}/"
                f"{artifacts.triggers_zip_key(stage, '<zip sha256>')}",
                f"s3://{artifacts.artifacts_bucket_name(ACCOUNT, REGION)}/"
                f"{artifacts.template_key(stage, '<template sha256>')}: infra/template.yaml, "
                "which CloudFormation reads from there (TemplateURL: up to 1 MB, where an "
                "inline template may have 51,200 bytes)",
            ],
        ),
        (
            "Keep the secret CloudFront sends the API",
            [
                f"SSM parameter {origin_secret.parameter_name(stage)} (SecureString, in <region>): "
                "made at random on the first deploy, then reused; CloudFront sends it in its "
                "X-Origin-Verify header, and the API refuses requests without it",
            ],
        ),
        (f"Deploy the web ACL (AWS WAF) in {web_acl.WEB_ACL_REGION}", _web_acl(stage)),
        (f"Deploy stack {stack.stack_name_for(stage)} (infra/template.yaml)", _stack(stage)),
        (
            f"Write the stack's outputs into .chalice/config.json (stage {stage})",
            [
                f"the API's role and its {', '.join(chalice_stage.ENVIRONMENT_FROM_OUTPUTS)}",
                "ORIGIN_SECRET_SHA256: the digest of the secret, never the secret itself",
            ],
        ),
        (f"chalice deploy --stage {stage}", _chalice(stage, config)),
        (
            "Route CloudFront's /api/* and /p/* (photo pages) to the API",
            ["stack update: ApiDomainName = the new API's domain (nothing on later deploys)"],
        ),
        (
            "Publish the site",
            [
                f"{len(site.frontend_files())} files of frontend/ and config.json into the site "
                "bucket (only those that changed)"
            ],
        ),
        ("Invalidate the changed paths in CloudFront", ["an invalidation of those paths"]),
    ]


def print_plan(stage: str) -> None:
    steps = plan(stage)
    print(f"Deploy plan for stage {stage} (nothing is done; no AWS credentials are used)\n")
    for number, (step, creates) in enumerate(steps, start=1):
        print(f"==> [{number}/{len(steps)}] {step}")
        for line in creates:
            print(f"      {line}")
    print(f"\nThen: the site's address, https://<distribution>.cloudfront.net ({stage}).")


def _requirements() -> list[str]:
    lines = (REPO_ROOT / "image_worker" / "requirements.txt").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _web_acl(stage: str) -> list[str]:
    resources = load_template(web_acl.WAF_TEMPLATE_PATH)["Resources"]
    (acl,) = [r["Properties"] for r in resources.values() if r["Type"] == "AWS::WAFv2::WebACL"]
    rules = acl["Rules"]
    (rate,) = [
        rule["Statement"]["RateBasedStatement"]
        for rule in rules
        if "RateBasedStatement" in rule["Statement"]
    ]
    scope = rate["ScopeDownStatement"]["OrStatement"]["Statements"]
    counted = " and ".join(match["ByteMatchStatement"]["SearchString"] for match in scope)
    name = _rendered(acl["Name"], stage).replace("<AppRegion>", REGION)
    return [
        f"stack {web_acl.web_acl_stack_name(stage, REGION)} (infra/waf.yaml): "
        f"AWS::WAFv2::WebACL {name}, scope {acl['Scope']}",
        f"{len(rules)} rules: " + ", ".join(rule["Name"] for rule in rules),
        f"at most {rate['Limit']} requests to {counted} from one IP address in "
        f"{rate['EvaluationWindowSec']} s",
        "its ARN goes to the stack of the next step (WebAclArn), whose distribution it guards",
    ]


def _stack(stage: str) -> list[str]:
    resources = load_template()["Resources"]
    kinds = Counter(resource["Type"] for resource in resources.values())
    lines = [
        f"{len(resources)} resources: " + ", ".join(f"{n} {kind}" for kind, n in kinds.items())
    ]
    for logical_id, resource in resources.items():
        name = _physical_name(resource, stage)
        lines.append(f"{resource['Type']} {logical_id}" + (f": {name}" if name else ""))
    return lines


def _physical_name(resource: dict, stage: str) -> str | None:
    properties = resource.get("Properties", {})
    for name_property in NAME_PROPERTIES:
        if name_property in properties:
            return _rendered(properties[name_property], stage)
    return None


def _rendered(value, stage: str) -> str | None:
    """A name as CloudFormation renders it for the stage; what only AWS knows stays a <...>."""
    if isinstance(value, dict) and "Fn::Sub" in value:
        text = value["Fn::Sub"]
        text = text.replace("${Stage}", stage)
        text = text.replace("${AWS::AccountId}", ACCOUNT).replace("${AWS::Region}", REGION)
        return re.sub(r"\$\{([^}]+)\}", r"<\1>", text)
    if isinstance(value, dict):
        return None  # named after another resource (a !Ref): listed under that one
    return str(value)


def _chalice(stage: str, config: dict) -> list[str]:
    app_module = importlib.import_module("app")
    routes = sorted(
        f"{method} /api{path}"
        for path, methods in app_module.app.routes.items()
        for method in methods
    )
    stream_settings = config["stages"][stage]["lambda_functions"][chalice_stage.STREAM_FUNCTION]
    return [
        f"Lambda function cloudgram-{stage} (the API: app.py, chalicelib/; "
        f"{config['lambda_memory_size']} MB, {config['lambda_timeout']} s, the stack's API role)",
        f"REST API {chalice_stage.api_name(stage)}, stage api, Cognito authorizer, "
        f"{len(routes)} routes: " + ", ".join(routes),
        f"Lambda function {chalice_stage.stream_function_name(stage)} (on_table_change; "
        f"{stream_settings['lambda_timeout']} s, its own role) and its trigger on the table's "
        "stream",
        "then, what chalice has no setting for: the trigger's failure handling "
        f"({', '.join(f'{key}={value}' for key, value in stream_trigger.FAILURE_HANDLING.items())}"
        ", on-failure to the stream's dead-letter queue), the stage's throttling and its gateway "
        "responses",
    ]
