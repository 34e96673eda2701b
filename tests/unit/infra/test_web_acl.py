"""AWS WAF in front of CloudFront: infra/waf.yaml's web ACL limits each address's API requests to a
tenth of what the stage takes, refuses what AWS's common rule set flags, answers both in the
API's error shape; the deploy driver makes it in us-east-1, whatever the app's region, before the
app's stack, which attaches its distribution to it."""

import json
import re

import boto3
import pytest

from infra import api_gateway
from infra.deploy import __main__ as deploy_driver
from infra.deploy import aws, stack, web_acl
from infra.template_file import load_template

APP_REGION = "eu-west-1"
# A stand-in for infra/waf.yaml with the same parameters and output: moto's CloudFormation cannot
# make a web ACL (moto's WAFv2 API can: see the last test).
STAND_IN_TEMPLATE = """
Parameters:
  Stage: {Type: String}
  AppRegion: {Type: String}
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties: {TopicName: !Sub "cloudgram-${Stage}-${AppRegion}-web-acl"}
Outputs:
  WebAclArn: {Value: !Ref Topic}
"""


@pytest.fixture(scope="module")
def web_acl_properties() -> dict:
    resources = load_template(web_acl.WAF_TEMPLATE_PATH)["Resources"]
    (acl,) = [r for r in resources.values() if r["Type"] == "AWS::WAFv2::WebACL"]
    return acl["Properties"]


def rules_of(properties: dict) -> dict:
    return {rule["Name"]: rule for rule in properties["Rules"]}


def test_given_the_web_acl_then_it_guards_cloudfront(web_acl_properties):
    assert web_acl_properties["Scope"] == "CLOUDFRONT"
    assert web_acl_properties["DefaultAction"] == {"Allow": {}}


def test_given_one_address_at_its_limit_then_it_gets_at_most_a_tenth_of_the_stage(
    web_acl_properties,
):
    rate = rules_of(web_acl_properties)["api-requests-per-address"]["Statement"][
        "RateBasedStatement"
    ]

    assert rate["AggregateKeyType"] == "IP"
    # AWS's rules: windows of 60, 120, 300 or 600 seconds, and a limit of at least 10.
    assert rate["EvaluationWindowSec"] in (60, 120, 300, 600)
    assert rate["Limit"] >= 10
    per_second = rate["Limit"] / rate["EvaluationWindowSec"]
    assert per_second <= api_gateway.THROTTLING_RATE / 10
    # Only requests that reach the API count (its own, and photo pages, which it answers): a
    # visit's 41 site files and its photos do not.
    scope = rate["ScopeDownStatement"]["OrStatement"]["Statements"]
    assert [
        (
            match["ByteMatchStatement"]["FieldToMatch"],
            match["ByteMatchStatement"]["PositionalConstraint"],
            match["ByteMatchStatement"]["SearchString"],
        )
        for match in scope
    ] == [({"UriPath": {}}, "STARTS_WITH", "/api/"), ({"UriPath": {}}, "STARTS_WITH", "/p/")]


def test_given_what_the_common_rule_set_flags_then_it_is_refused(web_acl_properties):
    rules = rules_of(web_acl_properties)
    common, refuse = rules["aws-common-rule-set"], rules["refuse-common-rule-set-matches"]

    assert common["Statement"]["ManagedRuleGroupStatement"] == {
        "VendorName": "AWS",
        "Name": "AWSManagedRulesCommonRuleSet",
    }
    # The group only labels; the next rule refuses every label it adds.
    assert common["OverrideAction"] == {"Count": {}}
    assert refuse["Priority"] > common["Priority"]
    label = refuse["Statement"]["LabelMatchStatement"]
    assert label == {"Scope": "NAMESPACE", "Key": "awswaf:managed:aws:core-rule-set:"}
    assert refuse["Action"]["Block"]["CustomResponse"]["ResponseCode"] == 403


@pytest.mark.parametrize(
    ("rule", "status", "code"),
    [
        ("api-requests-per-address", 429, "TooManyRequestsError"),
        ("refuse-common-rule-set-matches", 403, "ForbiddenError"),
    ],
)
def test_given_a_refusal_then_the_page_reads_it_in_the_apis_error_shape(
    web_acl_properties, rule, status, code
):
    response = rules_of(web_acl_properties)[rule]["Action"]["Block"]["CustomResponse"]
    body = web_acl_properties["CustomResponseBodies"][response["CustomResponseBodyKey"]]

    assert response["ResponseCode"] == status
    assert body["ContentType"] == "APPLICATION_JSON"
    content = json.loads(body["Content"])
    assert set(content) == {"Code", "Message"}
    assert content["Code"] == code


def test_given_the_app_template_then_its_distribution_is_attached_to_the_web_acl(template):
    distribution = template["Resources"]["SiteDistribution"]["Properties"]["DistributionConfig"]
    code = deploy_driver.FunctionCode("bucket", "worker.zip", "triggers.zip")

    passed = deploy_driver.stack_parameters("dev", code, "", web_acl_arn="arn", secret="secret")

    assert distribution["WebACLId"] == {"Ref": "WebAclArn"}
    assert passed["WebAclArn"] == "arn"


def test_given_the_web_acls_template_then_cloudformation_takes_it_inline():
    # deploy_web_acl sends it as TemplateBody, which CloudFormation takes up to 51,200 bytes.
    assert len(web_acl.WAF_TEMPLATE_PATH.read_bytes()) < 51_200


@pytest.fixture
def app_in_another_region(deploy_aws, monkeypatch):
    """The deploy driver working for an app in eu-west-1, against moto."""
    monkeypatch.setenv("AWS_REGION", APP_REGION)
    monkeypatch.setenv("AWS_DEFAULT_REGION", APP_REGION)
    aws.reset()
    yield
    aws.reset()


def test_given_an_app_in_another_region_then_the_web_acls_stack_is_deployed_in_us_east_1(
    monkeypatch,
):
    deployed = {}

    def deploy_stack(name, parameters, template, report, region=None):
        deployed.update(name=name, parameters=parameters, template=template, region=region)
        return {"WebAclArn": "arn:aws:wafv2:us-east-1:123456789012:global/webacl/x/1"}

    monkeypatch.setattr(stack, "deploy_stack", deploy_stack)

    arn = web_acl.deploy_web_acl("dev", APP_REGION, print)

    assert arn.endswith("global/webacl/x/1")
    assert deployed["name"] == "cloudgram-dev-eu-west-1-waf"
    assert deployed["region"] == "us-east-1"
    assert deployed["parameters"] == {"Stage": "dev", "AppRegion": APP_REGION}
    assert deployed["template"] == {"TemplateBody": web_acl.WAF_TEMPLATE_PATH.read_text()}


def test_given_a_region_then_the_stack_is_made_there_not_in_the_deploys(app_in_another_region):
    # What the web ACL's step relies on, against moto: the deploy's region is eu-west-1.
    template = {"TemplateBody": STAND_IN_TEMPLATE}
    parameters = {"Stage": "dev", "AppRegion": APP_REGION}

    stack.deploy_stack("cloudgram-dev-eu-west-1-waf", parameters, template, print, "us-east-1")

    in_us_east_1 = boto3.client("cloudformation", region_name="us-east-1")
    (made,) = in_us_east_1.describe_stacks(StackName="cloudgram-dev-eu-west-1-waf")["Stacks"]
    assert made["StackStatus"] == "CREATE_COMPLETE"
    in_app_region = boto3.client("cloudformation", region_name=APP_REGION)
    assert in_app_region.describe_stacks()["Stacks"] == []


def test_given_a_destroyed_stage_then_its_web_acl_stack_is_gone(app_in_another_region):
    in_us_east_1 = boto3.client("cloudformation", region_name="us-east-1")
    in_us_east_1.create_stack(
        StackName="cloudgram-dev-eu-west-1-waf",
        TemplateBody=STAND_IN_TEMPLATE,
        Parameters=[
            {"ParameterKey": "Stage", "ParameterValue": "dev"},
            {"ParameterKey": "AppRegion", "ParameterValue": APP_REGION},
        ],
    )

    assert web_acl.delete_web_acl("dev", APP_REGION, print) == "DELETE_COMPLETE"
    assert web_acl.delete_web_acl("dev", APP_REGION, print) == "DELETE_COMPLETE"  # nothing left
    (summary,) = in_us_east_1.list_stacks()["StackSummaries"]
    assert summary["StackStatus"] == "DELETE_COMPLETE"


def test_given_the_web_acl_as_written_then_the_wafv2_api_takes_it_and_the_app_takes_its_arn(
    deploy_aws, web_acl_properties, template
):
    # botocore checks every property's name and type against the WAFv2 API before moto sees it.
    properties = _as_created(web_acl_properties, stage="dev", app_region=APP_REGION)
    wafv2 = boto3.client("wafv2", region_name=web_acl.WEB_ACL_REGION)

    created = wafv2.create_web_acl(**properties)["Summary"]

    pattern = template["Parameters"]["WebAclArn"]["AllowedPattern"]
    assert re.fullmatch(pattern, created["ARN"])
    assert created["Name"] == "cloudgram-dev-eu-west-1"


def _as_created(value, stage: str, app_region: str):
    """The template's properties as CloudFormation passes them to the API: !Sub resolved."""
    if isinstance(value, dict) and "Fn::Sub" in value:
        return value["Fn::Sub"].replace("${Stage}", stage).replace("${AppRegion}", app_region)
    if isinstance(value, dict):
        return {key: _as_created(item, stage, app_region) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_created(item, stage, app_region) for item in value]
    return value
