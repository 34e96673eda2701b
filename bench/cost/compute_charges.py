"""The bill's lines for running the code: Lambda's three functions (the API, the image worker and
the stream function, with their cold starts and requests), API Gateway's REST requests that
invoke the API, and the SQS requests of the queue that invokes the worker.
"""

from bench.cost.assumptions import (
    API_HANDLER_SECONDS,
    COLD_START_SHARE,
    DYNAMODB_ROUND_TRIP_SECONDS,
    STREAM_HANDLER_SECONDS,
)
from bench.cost.charge import Charge, number
from bench.cost.month import Month
from bench.cost.prices import (
    API_GATEWAY_REST_PER_MILLION,
    LAMBDA_ARM64_PER_GB_SECOND,
    LAMBDA_PER_MILLION_REQUESTS,
    LAMBDA_X86_PER_GB_SECOND,
    SECONDS_PER_MONTH,
    SQS_PER_MILLION_REQUESTS,
)
from bench.cost.usage import SQS_LONG_POLL_SECONDS, SQS_POLLERS, SQS_REQUESTS_PER_PHOTO


def lambda_charges(month: Month) -> list[Charge]:
    photos, bench = month.scenario.photos, month.bench
    api_gb = month.code.api_memory_mb / 1024
    worker_gb = month.worker_memory_mb / 1024
    requests, streams = month.api_requests, month.stream_invocations
    average = month.api_seconds / requests if requests else 0
    fan_out_requests = month.fan_out.requests
    stream_seconds = (
        streams * STREAM_HANDLER_SECONDS + photos * fan_out_requests * DYNAMODB_ROUND_TRIP_SECONDS
    )
    gb_seconds = "Lambda GB-seconds"
    return [
        Charge(
            "Lambda, API function (x86_64)",
            requests * average * api_gb,
            f"{number(requests)} requests x {average:.4f} s (on average: "
            f"{API_HANDLER_SECONDS} s + {DYNAMODB_ROUND_TRIP_SECONDS} s a DynamoDB request) x "
            f"{api_gb:g} GB",
            "GB-s",
            LAMBDA_X86_PER_GB_SECOND,
            allowance=gb_seconds,
        ),
        Charge(
            "Lambda, cold starts of the API and stream functions (INIT is billed)",
            (requests + streams) * COLD_START_SHARE * bench.api_init_seconds * api_gb,
            f"{number(requests + streams)} invocations x {COLD_START_SHARE:g} x "
            f"{bench.api_init_seconds:.3f} s x {api_gb:g} GB",
            "GB-s",
            LAMBDA_X86_PER_GB_SECOND,
            allowance=gb_seconds,
        ),
        Charge(
            "Lambda, image worker (arm64)",
            photos * month.worker_seconds_per_photo * worker_gb,
            f"{number(photos)} photos x {month.worker_seconds_per_photo:.3f} s x {worker_gb:g} GB",
            "GB-s",
            LAMBDA_ARM64_PER_GB_SECOND,
            allowance=gb_seconds,
        ),
        Charge(
            "Lambda, stream function (x86_64)",
            stream_seconds * api_gb,
            f"({number(streams)} invocations x {STREAM_HANDLER_SECONDS} s + {number(photos)} "
            f"fan-outs x {number(fan_out_requests)} requests x {DYNAMODB_ROUND_TRIP_SECONDS} s) "
            f"x {api_gb:g} GB",
            "GB-s",
            LAMBDA_X86_PER_GB_SECOND,
            allowance=gb_seconds,
        ),
        Charge(
            "Lambda, requests",
            requests + photos + streams,
            f"{number(requests)} API + {number(photos)} worker + {number(streams)} stream",
            "requests",
            LAMBDA_PER_MILLION_REQUESTS,
            per=1_000_000,
            allowance="Lambda requests",
        ),
    ]


def api_gateway_charges(month: Month) -> list[Charge]:
    calls = " + ".join(f"{number(count)} {route}" for route, count, _ in month.api_calls() if count)
    return [
        Charge(
            "API Gateway, REST requests",
            month.api_requests,
            calls,
            "requests",
            API_GATEWAY_REST_PER_MILLION,
            per=1_000_000,
        )
    ]


def sqs_charges(month: Month) -> list[Charge]:
    photos = month.scenario.photos
    polls = SQS_POLLERS * SECONDS_PER_MONTH / SQS_LONG_POLL_SECONDS
    return [
        Charge(
            "SQS, requests",
            polls + photos * SQS_REQUESTS_PER_PHOTO,
            f"{SQS_POLLERS} pollers x {SECONDS_PER_MONTH:,} s / {SQS_LONG_POLL_SECONDS} s + "
            f"{number(photos)} photos x {SQS_REQUESTS_PER_PHOTO}",
            "requests",
            SQS_PER_MILLION_REQUESTS,
            per=1_000_000,
            allowance="SQS requests",
        )
    ]
