"""`make bench`'s count of DynamoDB requests per page runs, and finds the counts the README and
docs/data-model.md promise: a page costs a fixed, small number of requests."""

import json
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[3]


def test_given_the_request_count_benchmark_when_run_then_each_page_costs_what_the_docs_say(
    tmp_path,
):
    figures = tmp_path / "counts.json"

    subprocess.run(
        [sys.executable, "-m", "bench.request_counts", str(figures)],
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )

    assert json.loads(figures.read_text()) == {
        "feed_page": 2,
        "profile_page": 2,
        "home_page": 2,
        "home_page_with_celebrities": 4,
        "followers_page": 3,
        "likes_page": 2,
        "comments_page": 3,
        "notifications_page": 4,
        "search": 2,
        "suggestions": 6,
    }
