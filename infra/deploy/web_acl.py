"""AWS WAF in front of CloudFront: the web ACL of infra/waf.yaml, as a stack of its own in
us-east-1, the only region where a web ACL for CloudFront can be made, whatever region the app
is in.

`deploy` runs it before the app's stack, whose distribution is attached to the web ACL by its ARN
(the `WebAclArn` parameter of infra/template.yaml); `destroy` deletes it after the app's stack,
because a web ACL still attached to a distribution cannot be deleted. Its name carries the app's
region, as the distribution's other account-wide names do, so one stage deployed in two regions
of an account has two.
"""

from collections.abc import Callable
from pathlib import Path

from infra.deploy import stack

WAF_TEMPLATE_PATH = Path(__file__).resolve().parents[1] / "waf.yaml"
WEB_ACL_REGION = "us-east-1"


def web_acl_stack_name(stage: str, app_region: str) -> str:
    return f"cloudgram-{stage}-{app_region}-waf"


def deploy_web_acl(
    stage: str, app_region: str, report: Callable, template_path: Path = WAF_TEMPLATE_PATH
) -> str:
    """Create or update the stage's web ACL in us-east-1 and wait; returns the web ACL's ARN.
    The template is small enough to go inline, so no artifacts bucket is needed there."""
    outputs = stack.deploy_stack(
        web_acl_stack_name(stage, app_region),
        {"Stage": stage, "AppRegion": app_region},
        {"TemplateBody": template_path.read_text()},
        report,
        region=WEB_ACL_REGION,
    )
    return outputs["WebAclArn"]


def delete_web_acl(stage: str, app_region: str, report: Callable) -> str:
    """Delete the stage's web ACL stack and wait; returns its final status."""
    return stack.delete_stack(web_acl_stack_name(stage, app_region), report, WEB_ACL_REGION)
