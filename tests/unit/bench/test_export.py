"""`make bench`'s export benchmark runs, small: an account's archive is written, timed and
measured, and the figures `make bench` collects are there."""

import json
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[3]


def test_given_the_export_benchmark_when_run_small_then_it_reports_time_and_memory(tmp_path):
    figures_path = tmp_path / "export.json"

    subprocess.run(
        [sys.executable, "-m", "bench.export", str(figures_path), "--photos", "15", "--runs", "1"],
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )

    figures = json.loads(figures_path.read_text())
    assert figures["photos"] == 15
    assert len(figures["runs_seconds"]) == 1
    assert 0 < figures["median_seconds"] < figures["goal_seconds"]
    assert figures["tracemalloc_peak_mib"] > 0 and 0 < figures["peak_rss_mb"] < figures["memory_mb"]
