"""The bill's lines for watching CloudGram run: CloudWatch's alarms (billed per metric each
reads, so a metric-math alarm costs as many as its expression reads), dashboard, custom metrics
and logs, and the traces X-Ray records.
"""

from bench.cost.assumptions import (
    API_LOG_BYTES_PER_REQUEST,
    STREAM_LOG_BYTES_PER_INVOCATION,
    WORKER_LOG_BYTES_PER_PHOTO,
)
from bench.cost.charge import Charge, number
from bench.cost.month import Month
from bench.cost.prices import (
    CLOUDWATCH_LOGS_PER_GB_INGESTED,
    CLOUDWATCH_LOGS_PER_GB_STORED,
    CLOUDWATCH_PER_ALARM_METRIC,
    CLOUDWATCH_PER_CUSTOM_METRIC,
    CLOUDWATCH_PER_DASHBOARD,
    SECONDS_PER_MONTH,
    XRAY_PER_MILLION_TRACES,
)
from bench.cost.usage import CUSTOM_METRICS, XRAY_RESERVOIR_PER_SECOND, XRAY_SAMPLED_SHARE


def cloudwatch_charges(month: Month) -> list[Charge]:
    photos, code, streams = month.scenario.photos, month.code, month.stream_invocations
    metrics = CUSTOM_METRICS if photos else 0  # nothing is sent while nobody uses the app
    log_gb = (
        month.api_requests * API_LOG_BYTES_PER_REQUEST
        + photos * WORKER_LOG_BYTES_PER_PHOTO
        + streams * STREAM_LOG_BYTES_PER_INVOCATION
    ) / 1e9
    return [
        Charge(
            "CloudWatch, alarms",
            code.alarm_metrics,
            f"{code.alarms} alarms, each billed per metric it reads (metric math reads several)",
            "alarm metrics",
            CLOUDWATCH_PER_ALARM_METRIC,
            price_unit="alarm metric",
            allowance="CloudWatch alarm metrics",
        ),
        Charge(
            "CloudWatch, dashboard",
            code.dashboards,
            "",
            "dashboard",
            CLOUDWATCH_PER_DASHBOARD,
            allowance="CloudWatch dashboards",
        ),
        Charge(
            "CloudWatch, custom metrics (EMF)",
            metrics,
            "at most: each is billed for the hours it is sent in",
            "metrics",
            CLOUDWATCH_PER_CUSTOM_METRIC,
            price_unit="metric",
            allowance="CloudWatch custom metrics",
        ),
        Charge(
            "CloudWatch Logs, ingestion",
            log_gb,
            f"({number(month.api_requests)} API x {API_LOG_BYTES_PER_REQUEST} B + "
            f"{number(photos)} worker x {WORKER_LOG_BYTES_PER_PHOTO:,} B + {number(streams)} "
            f"stream x {STREAM_LOG_BYTES_PER_INVOCATION} B) / 10^9",
            "GB",
            CLOUDWATCH_LOGS_PER_GB_INGESTED,
            allowance="CloudWatch Logs GB",
        ),
        Charge(
            "CloudWatch Logs, storage",
            log_gb * code.log_retention_days / 30,
            f"{number(log_gb)} GB x {code.log_retention_days} days kept / 30 (at most: stored "
            "compressed)",
            "GB-months",
            CLOUDWATCH_LOGS_PER_GB_STORED,
            price_unit="GB-month",
        ),
    ]


def sampled_traces(requests: float) -> float:
    """X-Ray's default rule, with requests spread evenly over the month (an upper bound)."""
    reservoir = min(requests, XRAY_RESERVOIR_PER_SECOND * SECONDS_PER_MONTH)
    return reservoir + XRAY_SAMPLED_SHARE * (requests - reservoir)


def xray_charges(month: Month) -> list[Charge]:
    entry_points = {
        "API": month.api_requests,
        "worker": month.scenario.photos,
        "stream": month.stream_invocations,
    }
    traced = {name: sampled_traces(requests) for name, requests in entry_points.items()}
    return [
        Charge(
            "X-Ray, traces recorded",
            sum(traced.values()),
            " + ".join(f"{number(count)} {name}" for name, count in traced.items())
            + " (the first each second, then 5 %)",
            "traces",
            XRAY_PER_MILLION_TRACES,
            per=1_000_000,
            allowance="X-Ray traces",
        )
    ]
