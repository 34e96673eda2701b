"""Cold-start import cost of the API: `import app` against a bare `import boto3`.

Each measurement is a fresh interpreter (as a Lambda cold start is), timed from process start to
exit, interleaved so that machine noise hits both alike. Reported as medians with the ratio.
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
RUNS = 20
# app.py reads its settings lazily, but the authorizer needs these names present at import.
API_ENVIRONMENT = {
    "TABLE_NAME": "bench",
    "UPLOADS_BUCKET": "bench",
    "MEDIA_BUCKET": "bench",
    "USER_POOL_ID": "us-east-1_bench",
    "USER_POOL_CLIENT_ID": "bench",
    "AWS_DEFAULT_REGION": "us-east-1",
}
# Inside Lambda these variables are set, and the X-Ray SDK (which Powertools' Tracer loads) skips
# set-up work it does elsewhere: measured here, that work is most of `import app` on a laptop.
LAMBDA_ENVIRONMENT = {
    "AWS_LAMBDA_FUNCTION_NAME": "cloudgram-api",
    "AWS_EXECUTION_ENV": "AWS_Lambda_python3.11",
    "LAMBDA_TASK_ROOT": str(PROJECT_ROOT),
}
# The X-Ray tracer is made on the first request (chalicelib/shared/observability.py): the last
# line is what that moves from the import to the first request, so a cold start's whole cost shows.
FIRST_REQUEST_TRACER = "import app; from chalicelib.shared.observability import tracer; tracer()"
STATEMENTS = {
    "bare python": ("pass", {}),
    "import boto3": ("import boto3", {}),
    "import app": ("import app", {}),
    "import app, Lambda environment": ("import app", LAMBDA_ENVIRONMENT),
    "+ tracer, Lambda environment": (FIRST_REQUEST_TRACER, LAMBDA_ENVIRONMENT),
}


def time_statement(statement: str, environment: dict) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", statement],
        cwd=PROJECT_ROOT,
        env={**os.environ, **API_ENVIRONMENT, **environment},
        check=True,
    )
    return (time.perf_counter() - started) * 1000


def main() -> dict[str, float]:
    samples = {name: [] for name in STATEMENTS}
    for _ in range(RUNS):
        for name, (statement, environment) in STATEMENTS.items():
            samples[name].append(time_statement(statement, environment))
    interpreter = statistics.median(samples.pop("bare python"))
    costs = {name: statistics.median(values) - interpreter for name, values in samples.items()}
    baseline = costs["import boto3"]
    print(f"API import, median of {RUNS} fresh interpreters (interpreter start-up subtracted):")
    for name, cost in costs.items():
        print(f"  {name:32} {cost:6.0f} ms  ({cost / baseline:.2f}x import boto3)")
    return costs


if __name__ == "__main__":
    main()
