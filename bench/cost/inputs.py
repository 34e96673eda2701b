"""The model's inputs that are not constants: the figures `make bench` measured, read from
build/bench/results.json, and facts of the deployment read from the repository itself (the
template's alarms and memory size, the web ACL's rules, chalice's memory size, the site's files,
the page's page size and polling interval), so the model follows the code without anyone copying
numbers across.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

from bench.cost.site_visits import REVALIDATED_ON_EVERY_VISIT, site_visit_facts
from infra.template_file import load_template

WEB_ACL_TEMPLATE_PATH = Path(__file__).resolve().parents[2] / "infra" / "waf.yaml"

PROJECT_ROOT = Path(__file__).resolve().parents[2]
RESULTS_PATH = PROJECT_ROOT / "build" / "bench" / "results.json"


@dataclass(frozen=True)
class BenchFigures:
    """The figures of build/bench/results.json this model uses (field names in comments)."""

    api_init_seconds: float  # api_import_ms["+ tracer, Lambda environment"]
    home_page_requests: int  # dynamodb_requests_per_page["home_page"]
    upload_to_ready_seconds: float  # upload_to_ready_seconds
    write_units_per_timeline_entry: float  # fan_out_1000_followers["write_units"] / 1,001
    worker_cpu_seconds: dict  # worker_medians[input]["ours"]["cpu_ms"] / 1000, by input


def load_bench_figures(path: Path) -> BenchFigures:
    results = json.loads(path.read_text())
    fan_out = results["fan_out_1000_followers"]
    return BenchFigures(
        api_init_seconds=results["api_import_ms"]["+ tracer, Lambda environment"] / 1000,
        home_page_requests=results["dynamodb_requests_per_page"]["home_page"],
        upload_to_ready_seconds=results["upload_to_ready_seconds"],
        # The fan-out writes the owner's timeline as well as the 1,000 followers'.
        write_units_per_timeline_entry=fan_out["write_units"] / 1001,
        worker_cpu_seconds={
            name: implementations["ours"]["cpu_ms"] / 1000
            for name, implementations in results["worker_medians"].items()
            if implementations["ours"]["cpu_ms"] is not None
        },
    )


@dataclass(frozen=True)
class CodeFacts:
    """What the deployment is, read from the repository itself."""

    alarms: int  # infra/template.yaml
    alarm_metrics: int  # infra/template.yaml, what the alarms are billed by (alarm_metrics_of)
    cognito_tier: str  # infra/template.yaml, the user pool's UserPoolTier
    dashboards: int  # infra/template.yaml
    web_acls: int  # infra/waf.yaml
    web_acl_rules: int  # infra/waf.yaml, a managed rule group counted as one rule, as it is billed
    worker_memory_mb: int  # infra/template.yaml, WorkerMemoryMB's default
    log_retention_days: int  # infra/template.yaml, the log groups' RetentionInDays
    api_memory_mb: int  # .chalice/config.json lambda_memory_size (the stream function's too)
    page_size: int  # frontend/js/components/feed-list.js PAGE_SIZE
    poll_interval_seconds: float  # frontend/js/uploads/upload.js POLL_INTERVAL_MS
    site_files_first_visit: int  # index.html, config.json and every hashed file (js/, css/)
    site_files_repeat_visit: int  # index.html and config.json, revalidated; the rest is cached
    site_bytes_first_visit: int  # those files as CloudFront sends them, Brotli-compressed
    site_bytes: int  # the deploy's build of frontend/, uncompressed, as the bucket stores it


def read_code_facts() -> CodeFacts:
    template = load_template()
    resources = template["Resources"].values()
    web_acls = load_template(WEB_ACL_TEMPLATE_PATH)["Resources"].values()
    chalice_config = json.loads((PROJECT_ROOT / ".chalice" / "config.json").read_text())
    site = site_visit_facts()
    upload_module = frontend_js("uploads/upload.js")
    feed_list_module = frontend_js("components/feed-list.js")
    poll_interval_ms = first_match(r"const POLL_INTERVAL_MS = (\d+);", upload_module)
    return CodeFacts(
        alarms=count_of(resources, "AWS::CloudWatch::Alarm"),
        alarm_metrics=sum(
            alarm_metrics_of(resource["Properties"])
            for resource in resources
            if resource["Type"] == "AWS::CloudWatch::Alarm"
        ),
        cognito_tier=template["Resources"]["UserPool"]["Properties"].get(
            "UserPoolTier", "ESSENTIALS"
        ),
        dashboards=count_of(resources, "AWS::CloudWatch::Dashboard"),
        web_acls=count_of(web_acls, "AWS::WAFv2::WebACL"),
        web_acl_rules=sum(
            len(acl["Properties"]["Rules"])
            for acl in web_acls
            if acl["Type"] == "AWS::WAFv2::WebACL"
        ),
        worker_memory_mb=template["Parameters"]["WorkerMemoryMB"]["Default"],
        log_retention_days=max(
            resource["Properties"]["RetentionInDays"]
            for resource in resources
            if resource["Type"] == "AWS::Logs::LogGroup"
        ),
        api_memory_mb=chalice_config["lambda_memory_size"],
        page_size=int(first_match(r"const PAGE_SIZE = (\d+);", feed_list_module)),
        poll_interval_seconds=int(poll_interval_ms) / 1000,
        site_files_first_visit=len(site.first_visit_files),
        site_files_repeat_visit=len(REVALIDATED_ON_EVERY_VISIT),
        site_bytes_first_visit=site.first_visit_bytes,
        site_bytes=site.stored_bytes,
    )


def alarm_metrics_of(alarm_properties: dict) -> int:
    """The metrics CloudWatch bills an alarm for: its one metric, or each metric its metric math
    reads (the expression itself is free)."""
    queries = alarm_properties.get("Metrics")
    if queries is None:
        return 1
    return sum(1 for query in queries if "MetricStat" in query)


def count_of(resources, resource_type: str) -> int:
    return sum(1 for resource in resources if resource["Type"] == resource_type)


def frontend_js(path: str) -> str:
    """A module of the page, by its path under frontend/js/."""
    return (PROJECT_ROOT / "frontend" / "js" / path).read_text()


def first_match(pattern: str, text: str) -> str:
    found = re.search(pattern, text)
    if found is None:
        raise SystemExit(f"bench/cost/inputs.py could not find {pattern!r}; update the model")
    return found.group(1)
