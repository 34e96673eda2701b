"""The cost model of `make cost` (bench/cost/), fed figures written here rather than a `make bench`
run: its totals add up, the allowances never make a line cost less than nothing, the usage a
scenario adds shows up in the services that serve it, and a missing results file says what to
run instead of failing with a traceback."""

import json
import re
from dataclasses import replace

import pytest

import bench.cost.__main__ as cost_command
from bench.cost.bill import allowance_credits, bill, monthly_charges
from bench.cost.charge import Charge
from bench.cost.inputs import (
    BenchFigures,
    CodeFacts,
    alarm_metrics_of,
    load_bench_figures,
    read_code_facts,
)
from bench.cost.month import Month
from bench.cost.prices import (
    ALWAYS_FREE,
    CLOUDFRONT_PER_GB_OUT,
    CLOUDWATCH_PER_ALARM_METRIC,
    COGNITO_PER_MONTHLY_ACTIVE_USER,
    WAF_PER_MILLION_REQUESTS,
    WAF_PER_RULE,
    WAF_PER_WEB_ACL,
)
from bench.cost.report import print_scenario
from bench.cost.scenarios import SCENARIOS, WHAT_IFS

IDLE, SMALL, LARGE = SCENARIOS

# Close to a real run's figures; the tests check relations between numbers, not these values.
BENCH = BenchFigures(
    api_init_seconds=0.264,
    home_page_requests=2,
    upload_to_ready_seconds=0.26,
    write_units_per_timeline_entry=1.0,
    worker_cpu_seconds={"12MP JPEG": 0.196, "12MP HEIC": 1.151},
)
CODE = CodeFacts(
    alarms=10,
    alarm_metrics=14,
    cognito_tier="LITE",
    dashboards=1,
    web_acls=1,
    web_acl_rules=3,
    worker_memory_mb=1536,
    log_retention_days=30,
    api_memory_mb=512,
    page_size=12,
    poll_interval_seconds=0.25,
    site_files_first_visit=68,
    site_files_repeat_visit=2,
    site_bytes_first_visit=119_000,
    site_bytes=399_000,
)


def month_of(scenario) -> Month:
    return Month(scenario, BENCH, CODE)


def costs_by_service(month: Month) -> dict[str, float]:
    return {charge.service: charge.cost for charge in monthly_charges(month)}


def dollars(text: str) -> float:
    return float(text.replace("$", "").replace(",", ""))


def test_given_bench_results_when_loaded_then_each_figure_is_read_from_its_field(tmp_path):
    results = {
        "api_import_ms": {"import boto3": 180.0, "+ tracer, Lambda environment": 250.0},
        "dynamodb_requests_per_page": {"feed_page": 2, "home_page": 3},
        "upload_to_ready_seconds": 0.5,
        "fan_out_1000_followers": {"p50_seconds": 0.8, "write_units": 2002},
        "worker_medians": {
            "12MP JPEG": {"ours": {"cpu_ms": 200.0}, "pyvips": {"cpu_ms": 350.0}},
            "12MP HEIC": {"ours": {"cpu_ms": None}},
        },
    }
    results_path = tmp_path / "results.json"
    results_path.write_text(json.dumps(results))

    figures = load_bench_figures(results_path)

    assert figures.api_init_seconds == pytest.approx(0.25)
    assert figures.home_page_requests == 3
    assert figures.upload_to_ready_seconds == 0.5
    # 1,000 followers' timelines and the owner's own: 1,001 entries.
    assert figures.write_units_per_timeline_entry == pytest.approx(2.0)
    # An input our pipeline did not measure is left out, not priced at zero CPU.
    assert figures.worker_cpu_seconds == {"12MP JPEG": pytest.approx(0.2)}


def test_given_no_results_file_when_make_cost_runs_then_it_says_to_run_make_bench_first(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.setattr(cost_command, "PROJECT_ROOT", tmp_path)
    monkeypatch.setattr(cost_command, "RESULTS_PATH", tmp_path / "build/bench/results.json")

    with pytest.raises(SystemExit) as stopped:
        cost_command.main()

    # sys.exit with a message prints it to stderr and exits with status 1.
    message = stopped.value.code
    assert isinstance(message, str)
    assert message.startswith("build/bench/results.json is missing")
    assert "run `make bench` first" in message
    assert capsys.readouterr().out == ""


def test_given_the_idle_scenario_when_printed_then_its_total_is_the_sum_of_its_lines(capsys):
    print_scenario(month_of(IDLE))

    printed = capsys.readouterr().out.splitlines()
    start = printed.index("  At list prices (lines that come to nothing are left out):") + 1
    end = next(i for i, line in enumerate(printed) if line.startswith("  Total at list prices"))
    line_costs = [dollars(line.rsplit("= ", 1)[1]) for line in printed[start:end]]
    total = dollars(re.search(r"\$[\d,.]+", printed[end]).group())
    assert line_costs, "the idle month prints no lines"
    # Each printed amount is rounded to the cent (or to 1/100 of a cent below a cent).
    assert total == pytest.approx(sum(line_costs), abs=0.005 * (len(line_costs) + 1))


def test_given_nobody_using_it_when_billed_then_only_what_waits_for_them_is_charged():
    services = set(costs_by_service(month_of(IDLE)))

    assert services == {
        "S3, storage of renditions, site and worker zip",
        "SQS, requests",
        "CloudWatch, alarms",
        "CloudWatch, dashboard",
        "AWS WAF, web ACL",
        "AWS WAF, rules",
    }


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda scenario: scenario.name[:3])
def test_given_a_scenario_when_allowances_apply_then_no_credit_exceeds_what_it_covers(scenario):
    month = month_of(scenario)
    charges = monthly_charges(month)

    result = bill(month)

    assert 0 <= result.after_allowances <= result.listed
    for explanation, credit in allowance_credits(charges):
        allowance = explanation.split(":", 1)[0]
        assert allowance in ALWAYS_FREE
        charged = sum(charge.cost for charge in charges if charge.allowance == allowance)
        assert 0 < credit <= charged + 1e-12, explanation


def test_given_twice_the_feed_views_when_billed_then_serving_costs_more_and_idle_items_do_not():
    before = costs_by_service(month_of(LARGE))
    after = costs_by_service(month_of(replace(LARGE, feed_views=LARGE.feed_views * 2)))

    for service in ("CloudFront, data out", "CloudFront, HTTPS requests"):
        assert after[service] > before[service], service
    assert after["AWS WAF, requests inspected"] > before["AWS WAF, requests inspected"]
    assert after["API Gateway, REST requests"] > before["API Gateway, REST requests"]
    for service in costs_by_service(month_of(IDLE)):
        assert after[service] == before[service], service


def test_given_the_web_acl_then_it_costs_every_month_and_inspects_every_cloudfront_request():
    idle = costs_by_service(month_of(IDLE))
    large = month_of(LARGE)
    charges = {charge.service: charge for charge in monthly_charges(large)}

    assert idle["AWS WAF, web ACL"] == WAF_PER_WEB_ACL
    assert idle["AWS WAF, rules"] == CODE.web_acl_rules * WAF_PER_RULE
    inspected = charges["AWS WAF, requests inspected"]
    # The site's files and the photos too, not only the API's requests: WAF guards the whole
    # distribution.
    assert inspected.quantity == charges["CloudFront, HTTPS requests"].quantity
    assert inspected.quantity > large.api_requests
    assert inspected.cost == pytest.approx(
        large.cloudfront_requests / 1e6 * WAF_PER_MILLION_REQUESTS
    )
    assert inspected.allowance is None  # WAF has no always-free allowance


def test_given_repeat_visits_then_only_first_visits_fetch_the_hashed_files():
    # Given the large scenario, nine visits in ten from a browser that kept the site's files
    month = month_of(replace(LARGE, share_of_repeat_visits=0.9))
    empty_caches = month_of(replace(LARGE, share_of_repeat_visits=0.0))

    # Then a first visit fetches them all, a repeat visit revalidates index.html and config.json
    views = LARGE.feed_views
    assert month.site_requests == pytest.approx(views * (0.1 * 68 + 0.9 * 2))
    assert empty_caches.site_requests == pytest.approx(views * 68)
    # And only first visits download the site's bytes
    saved = (
        costs_by_service(empty_caches)["CloudFront, data out"]
        - costs_by_service(month)["CloudFront, data out"]
    )
    assert saved == pytest.approx(
        views * 0.9 * CODE.site_bytes_first_visit / 1e9 * CLOUDFRONT_PER_GB_OUT
    )


def test_given_a_metric_math_alarm_then_it_is_billed_for_each_metric_it_reads():
    one_metric = {"Namespace": "AWS/Lambda", "MetricName": "Errors", "Dimensions": []}
    math_over_two = {
        "Metrics": [
            {"Id": "share", "Expression": "errors / requests", "ReturnData": True},
            {"Id": "errors", "MetricStat": {"Metric": one_metric}, "ReturnData": False},
            {"Id": "requests", "MetricStat": {"Metric": one_metric}, "ReturnData": False},
        ]
    }

    assert alarm_metrics_of(one_metric) == 1
    assert alarm_metrics_of(math_over_two) == 2
    (alarms,) = [c for c in monthly_charges(month_of(IDLE)) if c.service == "CloudWatch, alarms"]
    assert alarms.quantity == CODE.alarm_metrics
    assert alarms.cost == pytest.approx(CODE.alarm_metrics * CLOUDWATCH_PER_ALARM_METRIC)


def test_given_the_templates_lite_pool_then_essentials_costs_each_user_the_difference():
    to_essentials = dict(WHAT_IFS)["Cognito on its Essentials tier"]
    on_essentials = month_of(to_essentials(LARGE))

    extra = bill(on_essentials).listed - bill(month_of(LARGE)).listed

    price_difference = (
        COGNITO_PER_MONTHLY_ACTIVE_USER["ESSENTIALS"] - COGNITO_PER_MONTHLY_ACTIVE_USER["LITE"]
    )
    assert extra == pytest.approx(LARGE.monthly_active_people * price_difference)
    assert "Cognito, Lite" in costs_by_service(month_of(LARGE))
    assert "Cognito, Essentials" in costs_by_service(on_essentials)


def test_given_the_worker_below_one_vcpu_when_its_memory_halves_then_its_cpu_time_doubles():
    cpu = BENCH.worker_cpu_seconds["12MP JPEG"]
    full_vcpu = month_of(replace(LARGE, worker_memory_mb=1769))
    half_vcpu = month_of(replace(LARGE, worker_memory_mb=1769 // 2))
    more_than_one_vcpu = month_of(replace(LARGE, worker_memory_mb=3008))

    waiting = full_vcpu.worker_seconds_per_photo - cpu

    assert half_vcpu.worker_seconds_per_photo - waiting == pytest.approx(2 * cpu, rel=1e-3)
    # Beyond one full vCPU the model counts no speed-up: memory past 1,769 MB only costs more.
    assert more_than_one_vcpu.worker_seconds_per_photo == full_vcpu.worker_seconds_per_photo


def test_given_a_charge_when_printed_then_its_line_shows_formula_quantity_rate_and_cost():
    charge = Charge(
        "SQS, requests",
        657_000,
        "5 pollers x 2,628,000 s / 20 s",
        "requests",
        0.40,
        per=1_000_000,
    )

    assert charge.line() == (
        "SQS, requests: 5 pollers x 2,628,000 s / 20 s = 657,000 requests x "
        "$0.40/million requests = $0.26"
    )


def test_given_the_repository_when_its_facts_are_read_then_each_is_found_and_plausible():
    facts = read_code_facts()

    assert facts.alarms >= 1 and facts.dashboards >= 1
    assert facts.alarm_metrics > facts.alarms  # some alarms are metric math over several metrics
    assert facts.web_acls == 1 and facts.web_acl_rules >= 2  # a rate limit and the common rules
    assert 128 <= facts.worker_memory_mb <= 10_240  # Lambda's memory range
    assert 128 <= facts.api_memory_mb <= 10_240
    assert facts.page_size >= 1 and facts.poll_interval_seconds > 0
    assert facts.site_files_first_visit > facts.site_files_repeat_visit == 2
    assert 0 < facts.site_bytes_first_visit < facts.site_bytes
    assert facts.log_retention_days >= 1
    assert facts.cognito_tier == "LITE"  # the user pool's UserPoolTier
