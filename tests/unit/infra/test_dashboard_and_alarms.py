"""What the dashboard shows and what raises an alarm: the API's availability as a percentage,
its p95 latency, what AWS WAF and the per-account limits refuse, and saturation (DynamoDB's
throttles and consumed capacity, Lambda's concurrency and throttles), each with its alarm where
one can act; every alarm tells the stage's alarm topic."""

import json

import pytest

from chalicelib.shared.observability import SERVICE_NAME
from infra.deploy import web_acl
from infra.template_file import load_template
from tests.support.alarms import metrics_read

API_STAGE = [
    {"Name": "ApiName", "Value": {"Fn::Sub": "cloudgram-${Stage}"}},
    {"Name": "Stage", "Value": "api"},
]


@pytest.fixture(scope="module")
def widgets(resources) -> dict:
    body, _variables = resources["Dashboard"]["Properties"]["DashboardBody"]["Fn::Sub"]
    return {widget["properties"]["title"]: widget for widget in json.loads(body)["widgets"]}


@pytest.fixture(scope="module")
def dashboard_variables(resources) -> dict:
    return resources["Dashboard"]["Properties"]["DashboardBody"]["Fn::Sub"][1]


def alarms_of(resources) -> dict:
    return {
        name: resource["Properties"]
        for name, resource in resources.items()
        if resource["Type"] == "AWS::CloudWatch::Alarm"
    }


def metric_lines(widget) -> list[list]:
    return widget["properties"]["metrics"]


def expressions(widget) -> list[str]:
    return [line[0]["expression"] for line in metric_lines(widget) if isinstance(line[0], dict)]


def test_given_every_alarm_then_it_tells_the_alarm_topic_when_it_fires_and_when_it_clears(
    resources,
):
    for name, alarm in alarms_of(resources).items():
        assert alarm["AlarmActions"] == [{"Ref": "AlarmTopic"}], name
        assert alarm["OKActions"] == [{"Ref": "AlarmTopic"}], name
        assert alarm["TreatMissingData"] == "notBreaching", name


def test_given_the_api_then_its_availability_is_a_percentage_with_an_alarm_below_99(
    resources, widgets
):
    alarm = alarms_of(resources)["ApiAvailabilityAlarm"]
    queries = {query["Id"]: query for query in alarm["Metrics"]}

    # 1 minus the share of 5xx among all of the stage's requests, as a percentage.
    assert queries["availability"]["Expression"] == "100 * (1 - FILL(errors, 0) / requests)"
    assert [query["Id"] for query in alarm["Metrics"] if query["ReturnData"]] == ["availability"]
    for query_id, metric_name in (("errors", "5XXError"), ("requests", "Count")):
        metric = queries[query_id]["MetricStat"]["Metric"]
        assert (metric["Namespace"], metric["MetricName"]) == ("AWS/ApiGateway", metric_name)
        assert metric["Dimensions"] == API_STAGE
        assert queries[query_id]["MetricStat"]["Stat"] == "Sum"
    assert (alarm["Threshold"], alarm["ComparisonOperator"]) == (99, "LessThanThreshold")
    # The dashboard draws the same expression over the same metrics.
    widget = widgets["API availability (%)"]
    assert expressions(widget) == [queries["availability"]["Expression"]]
    drawn = {line[1]: line[-1]["id"] for line in metric_lines(widget) if isinstance(line[0], str)}
    assert drawn == {"5XXError": "errors", "Count": "requests"}


def test_given_the_api_then_the_dashboard_shows_p95_latency_with_its_alarms_threshold(
    resources, widgets
):
    latency_alarm = alarms_of(resources)["ApiLatencyAlarm"]
    widget = widgets["API latency (ms)"]

    assert {"stat": "p95"} in [line[-1] for line in metric_lines(widget)]
    (threshold,) = widget["properties"]["annotations"]["horizontal"]
    assert threshold["value"] == latency_alarm["Threshold"]
    assert latency_alarm["ExtendedStatistic"] == "p95"


def test_given_aws_waf_then_the_dashboard_shows_what_it_allowed_and_blocked_rule_by_rule(
    widgets, dashboard_variables
):
    widget = widgets["AWS WAF (us-east-1): requests allowed and blocked"]
    web_acl_template = load_template(web_acl.WAF_TEMPLATE_PATH)["Resources"]["WebAcl"]
    rules = {rule["Name"]: rule for rule in web_acl_template["Properties"]["Rules"]}

    # WAF's metrics for CloudFront live in us-east-1, whatever the app's region.
    assert widget["properties"]["region"] == web_acl.WEB_ACL_REGION
    # The web ACL reports under its own metric name, which the dashboard must spell the same.
    acl_metric = web_acl_template["Properties"]["VisibilityConfig"]["MetricName"]["Fn::Sub"]
    assert dashboard_variables["WebAclName"] == {
        "Fn::Sub": acl_metric.replace("${AppRegion}", "${AWS::Region}")
    }
    shown = {(line[1], line[5]) for line in metric_lines(widget)}
    assert ("AllowedRequests", "ALL") in shown
    blocking = [name for name, rule in rules.items() if "Block" in rule.get("Action", {})]
    assert blocking
    for name in blocking:
        assert ("BlockedRequests", rules[name]["VisibilityConfig"]["MetricName"]) in shown


def test_given_the_per_account_limits_then_the_dashboard_counts_their_refusals(widgets):
    widget = widgets["Per-account limits: refused requests (429)"]

    ((namespace, metric, dimension, value, _label),) = metric_lines(widget)
    assert (namespace, metric) == ("CloudGram/${Stage}", "AccountLimitRefusals")
    assert (dimension, value) == ("service", SERVICE_NAME)
    assert widget["properties"]["stat"] == "Sum"


def test_given_the_stream_function_then_its_row_shows_the_notifications_it_writes_and_removes(
    widgets, resources
):
    # Given the stream function's row of the dashboard, beside the alarms on its errors and lag
    lines = metric_lines(widgets["Table-stream function"])

    # Then the inbox's reaction is drawn with the function that runs it
    names = [line[1] for line in lines]
    assert names[-2:] == ["NotificationsWritten", "NotificationsRemoved"]
    assert lines[-2][:4] == ["CloudGram/${Stage}", "NotificationsWritten", "service", SERVICE_NAME]
    assert {"TableStreamErrorsAlarm", "TableStreamLagAlarm"} <= set(alarms_of(resources))


def test_given_the_table_then_its_throttles_raise_an_alarm_and_its_capacity_is_drawn(
    resources, widgets
):
    alarm = alarms_of(resources)["TableThrottlesAlarm"]

    read = {(m["MetricName"], json.dumps(m["Dimensions"])) for m in metrics_read(alarm)}
    table = json.dumps([{"Name": "TableName", "Value": {"Ref": "PhotosTable"}}])
    assert read == {("ReadThrottleEvents", table), ("WriteThrottleEvents", table)}
    # Three periods in a row: a hot key that lasts, not a burst botocore's retries absorb.
    assert alarm["EvaluationPeriods"] == alarm["DatapointsToAlarm"] == 3
    capacity = widgets["DynamoDB: consumed capacity (units a second)"]
    assert expressions(capacity) == ["reads / PERIOD(reads)", "writes / PERIOD(writes)"]
    throttles = widgets["DynamoDB: throttled requests"]
    assert any("ThrottledRequests" in expression for expression in expressions(throttles))


def test_given_the_four_functions_then_their_throttles_raise_an_alarm_and_concurrency_is_drawn(
    resources, widgets
):
    alarm = alarms_of(resources)["FunctionThrottlesAlarm"]
    functions = [
        {"Fn::Sub": "cloudgram-${Stage}"},
        {"Fn::Sub": "cloudgram-${Stage}-on_table_change"},
        {"Ref": "ImageWorkerFunction"},
        {"Fn::Sub": "cloudgram-${Stage}-write_export"},
    ]

    read = metrics_read(alarm)
    assert {metric["MetricName"] for metric in read} == {"Throttles"}
    assert [metric["Dimensions"][0]["Value"] for metric in read] == functions
    widget = widgets["Lambda: concurrency and throttles"]
    drawn = {(line[1], line[3] if len(line) > 3 else "account") for line in metric_lines(widget)}
    for name in (
        "cloudgram-${Stage}",
        "cloudgram-${Stage}-on_table_change",
        "${WorkerName}",
        "cloudgram-${Stage}-write_export",
    ):
        assert ("ConcurrentExecutions", name) in drawn
        assert ("Throttles", name) in drawn
    assert ("ConcurrentExecutions", "account") in drawn


def test_given_the_export_function_then_its_errors_raise_an_alarm_named_on_the_dashboard(
    resources, widgets
):
    # Given the export function, which Chalice names cloudgram-<stage>-write_export
    alarm = alarms_of(resources)["ExportFunctionErrorsAlarm"]

    # Then a single failed archive raises the alarm, and the dashboard lists it
    assert alarm["MetricName"] == "Errors"
    assert alarm["Dimensions"] == [
        {"Name": "FunctionName", "Value": {"Fn::Sub": "cloudgram-${Stage}-write_export"}}
    ]
    assert alarm["Threshold"] == 1
    assert "${ExportFunctionErrorsAlarm.Arn}" in widgets["Alarms"]["properties"]["alarms"]
