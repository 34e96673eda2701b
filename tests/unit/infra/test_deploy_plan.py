"""`make deploy STAGE=<stage> DRY_RUN=1` prints the deploy's plan with no AWS credentials at all:
the steps in the deploy's order, and what each creates, named for the stage."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[3]
STEPS_IN_ORDER = [
    "Package the image worker",
    "Upload the worker's zip",
    "Keep the secret CloudFront sends the API",
    "Deploy the web ACL (AWS WAF) in us-east-1",
    "Deploy stack cloudgram-{stage}",
    "Write the stack's outputs into .chalice/config.json",
    "chalice deploy --stage {stage}",
    "Route CloudFront's /api/* and /p/* (photo pages) to the API",
    "Publish the site",
    "Invalidate the changed paths in CloudFront",
]


def dry_run(stage: str) -> str:
    # Nothing from the developer's AWS set-up: no credentials, no profile, no region.
    environment = {name: value for name, value in os.environ.items() if not name.startswith("AWS_")}
    environment["HOME"] = "/nonexistent"
    finished = subprocess.run(
        [sys.executable, "-m", "infra.deploy", "deploy", "--stage", stage, "--dry-run"],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return finished.stdout


@pytest.mark.parametrize("stage", ["dev", "prod"])
def test_given_no_credentials_then_the_plan_lists_the_deploys_steps_in_order(stage):
    output = dry_run(stage)

    positions = [output.index(step.format(stage=stage)) for step in STEPS_IN_ORDER]
    assert positions == sorted(positions)
    assert f"[{len(STEPS_IN_ORDER)}/{len(STEPS_IN_ORDER)}]" in output


def test_given_two_stages_then_every_name_the_plan_shows_is_the_stages_own():
    dev, prod = dry_run("dev"), dry_run("prod")

    names = (
        "cloudgram-{}-photos",
        "REST API cloudgram-{},",
        "cloudgram-{}-api-5xx",
        "AWS::WAFv2::WebACL cloudgram-{}-<region>",
    )
    for name in names:
        assert name.format("dev") in dev and name.format("prod") in prod
    assert "prod" not in dev.replace("(prod)", "")
    assert "Lambda function cloudgram-dev-on_table_change" in dev
    assert "GET /api/feed/home" in dev
