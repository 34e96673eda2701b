"""Create, update and delete a CloudFormation stack, showing its events: the app's stack of
infra/template.yaml, in the deploy's region, and the web ACL's stack of infra/waf.yaml, in
us-east-1 (each function takes the stack's region; none means the deploy's).

Deploys go through a change set, as `aws cloudformation deploy` does: one code path for a new
stack and an existing one, and an update with nothing to change is recognised and skipped.
"""

import time
from collections.abc import Callable
from datetime import UTC, datetime

from botocore.exceptions import ClientError

from infra.deploy import aws

POLL_SECONDS = 10
# A new CloudFront distribution alone can take a quarter of an hour.
TIMEOUT_SECONDS = 45 * 60
# A stack whose first creation failed can only be deleted, never updated.
UNUSABLE_STATUSES = {"ROLLBACK_COMPLETE", "ROLLBACK_FAILED"}


def stack_name_for(stage: str) -> str:
    return f"cloudgram-{stage}"


def as_cloudformation_parameters(parameters: dict[str, str]) -> list[dict[str, str]]:
    return [{"ParameterKey": key, "ParameterValue": value} for key, value in parameters.items()]


def outputs_as_dict(stack_description: dict) -> dict[str, str]:
    return {item["OutputKey"]: item["OutputValue"] for item in stack_description.get("Outputs", [])}


def describe_stack(stack_name: str, region: str | None = None) -> dict | None:
    try:
        cloudformation = aws.client("cloudformation", region)
        return cloudformation.describe_stacks(StackName=stack_name)["Stacks"][0]
    except ClientError as error:
        if "does not exist" in error.response["Error"]["Message"]:
            return None
        raise


def deploy_stack(
    stack_name: str,
    parameters: dict[str, str],
    template: dict[str, str],
    report: Callable,
    region: str | None = None,
) -> dict:
    """Create or update the stack from `template` and wait; returns its outputs. The template is
    {"TemplateURL": its address in S3} or {"TemplateBody": its text}: CloudFormation takes at
    most 51,200 bytes inline but up to 1 MB from S3, and infra/template.yaml is close to the
    first limit, while infra/waf.yaml is far from it."""
    cloudformation = aws.client("cloudformation", region)
    existing = describe_stack(stack_name, region)
    if existing is not None and existing["StackStatus"] in UNUSABLE_STATUSES:
        report(f"Stack {stack_name} is {existing['StackStatus']}; deleting it before retrying")
        delete_stack(stack_name, report, region)
        existing = None
    # A stack whose first change set never ran waits in REVIEW_IN_PROGRESS, still to be created.
    creating = existing is None or existing["StackStatus"] == "REVIEW_IN_PROGRESS"
    change_set_type = "CREATE" if creating else "UPDATE"
    change_set_name = f"deploy-{int(time.time())}"
    cloudformation.create_change_set(
        StackName=stack_name,
        ChangeSetName=change_set_name,
        ChangeSetType=change_set_type,
        **template,
        Parameters=as_cloudformation_parameters(parameters),
        Capabilities=["CAPABILITY_IAM"],
    )
    if not _wait_for_change_set(stack_name, change_set_name, region):
        report("No changes to the stack")
        cloudformation.delete_change_set(StackName=stack_name, ChangeSetName=change_set_name)
        return outputs_as_dict(describe_stack(stack_name, region))
    started = datetime.now(UTC)
    cloudformation.execute_change_set(StackName=stack_name, ChangeSetName=change_set_name)
    final_status = wait_for_stack(stack_name, started, report, region)
    if final_status not in ("CREATE_COMPLETE", "UPDATE_COMPLETE"):
        raise SystemExit(f"Stack {stack_name} ended in {final_status}; see the events above.")
    return outputs_as_dict(describe_stack(stack_name, region))


def delete_stack(stack_name: str, report: Callable, region: str | None = None) -> str:
    """Delete the stack and wait; returns the final status (DELETE_COMPLETE when gone)."""
    if describe_stack(stack_name, region) is None:
        return "DELETE_COMPLETE"
    started = datetime.now(UTC)
    aws.client("cloudformation", region).delete_stack(StackName=stack_name)
    return wait_for_stack(stack_name, started, report, region)


def wait_for_stack(
    stack_name: str, since: datetime, report: Callable, region: str | None = None
) -> str:
    """Report each new stack event until the stack settles; returns its final status."""
    seen_event_ids: set[str] = set()
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        for event in _events_since(stack_name, since, region):
            if event["EventId"] not in seen_event_ids:
                seen_event_ids.add(event["EventId"])
                report(_describe_event(event))
        stack = describe_stack(stack_name, region)
        if stack is None:
            return "DELETE_COMPLETE"
        status = stack["StackStatus"]
        if not status.endswith("_IN_PROGRESS"):
            return status
        time.sleep(POLL_SECONDS)
    raise SystemExit(f"Stack {stack_name} did not settle within {TIMEOUT_SECONDS // 60} minutes.")


def _wait_for_change_set(stack_name: str, change_set_name: str, region: str | None) -> bool:
    """Wait until the change set is ready; False when it holds no changes."""
    cloudformation = aws.client("cloudformation", region)
    while True:
        change_set = cloudformation.describe_change_set(
            StackName=stack_name, ChangeSetName=change_set_name
        )
        if change_set["Status"] == "CREATE_COMPLETE":
            return True
        if change_set["Status"] == "FAILED":
            reason = change_set.get("StatusReason", "")
            if "didn't contain changes" in reason or "No updates" in reason:
                return False
            raise SystemExit(f"CloudFormation rejected the change set: {reason}")
        time.sleep(2)


def _events_since(stack_name: str, since: datetime, region: str | None) -> list[dict]:
    try:
        cloudformation = aws.client("cloudformation", region)
        events = cloudformation.describe_stack_events(StackName=stack_name)
    except ClientError:
        # A deleted stack has no events to show any more.
        return []
    recent = [event for event in events["StackEvents"] if event["Timestamp"] >= since]
    return list(reversed(recent))


def _describe_event(event: dict) -> str:
    line = f"{event['LogicalResourceId']}: {event['ResourceStatus']}"
    if event.get("ResourceStatusReason"):
        line += f" ({event['ResourceStatusReason']})"
    return line
