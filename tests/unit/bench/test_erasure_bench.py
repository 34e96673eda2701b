"""`make bench`'s erasure benchmark, with a tiny account: it runs to the end (it checks itself
that nothing names the account afterwards) and reports each figure."""

import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[3]


def test_given_a_tiny_account_when_the_erasure_benchmark_runs_then_it_reports_every_figure(
    tmp_path,
):
    figures = tmp_path / "erasure.json"

    subprocess.run(
        [sys.executable, "-m", "bench.erasure", str(figures)],
        cwd=PROJECT_ROOT,
        env={**os.environ, "ERASURE_BENCH_SIZES": "3,5,3"},
        check=True,
        capture_output=True,
        timeout=120,
    )

    reported = json.loads(figures.read_text())
    # One step a kind of item (3 photos, 5 likes, 3 followers each fit in one), and the last.
    assert reported["steps"] == 13
    assert 0 < reported["largest_step_writes"] <= 2 * 100 + 1
    assert reported["write_units"] >= reported["step_write_units"] > 0
    assert reported["seconds"] > 0
