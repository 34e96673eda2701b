"""`make lighthouse`: Lighthouse 12's mobile audit of the page on a local stack of its own,
against the page's goals, and the requests a repeat visit makes.

The empty page is measured first (signed out, nothing shared yet); then one person shares twelve
photos (`lighthouse_pages`) and the signed-out feed, their profile and one photo's page are
measured. Each page is run three times; the median run by performance score is reported with
its metrics, the failed audits that say what to fix (`lighthouse_findings`) and a verdict per
goal (`lighthouse_goals`). Then the feed is opened twice in one browser (`repeat_visit`). Every
report is kept in build/lighthouse/reports/, the figures in build/lighthouse/results.json.

The page is measured as AWS serves it: the stack serves the deploy's build of the site (hashed
file names, immutable; `python -m infra.local --built-site`), and an HTTPS, HTTP/2 front stands
before it as CloudFront's edge does (`http2_edge`, which says why). `--as-developed` measures
frontend/ as `make dev` serves it instead (every module a file of its own, revalidated on every
load), behind the same front.
"""

import argparse
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from bench.http2_edge import http2_edge
from bench.lighthouse_cli import run_lighthouse
from bench.lighthouse_findings import findings
from bench.lighthouse_goals import METRIC_GOALS, REPEAT_VISIT_GOAL, SCORE_GOALS
from bench.lighthouse_pages import share_twelve_photos
from bench.lighthouse_reports import (
    CATEGORIES,
    LighthouseRun,
    median_run,
    metric_line,
    read_run,
)
from bench.repeat_visit import count_visits
from tests.support.local_stack import LocalStackProcess, running_local_stack

RUNS_PER_PAGE = 3
# The repeat visit's requests named in the output; all of them are in results.json.
REQUESTS_SHOWN = 6
PROJECT_ROOT = Path(__file__).resolve().parents[1]
OUTPUT_DIR = PROJECT_ROOT / "build" / "lighthouse"
REPORTS_DIR = OUTPUT_DIR / "reports"
RESULTS_PATH = OUTPUT_DIR / "results.json"


@contextmanager
def measured_site(built_site: bool) -> Iterator[tuple[str, LocalStackProcess]]:
    """The one place the measured stack is started: the site's address behind the HTTP/2 front,
    which the browser measures, and the stack itself, which the photos are shared to."""
    with (
        running_local_stack(built_site=built_site) as stack,
        http2_edge(urlsplit(stack.site_url).port) as edge_url,
    ):
        yield edge_url, stack


def main() -> dict:
    options = _parse_options()
    started = time.perf_counter()
    built_site = not options.as_developed
    figures: dict = {"built_site": built_site, "pages": {}}
    with measured_site(built_site) as (site_url, stack):
        figures["pages"]["empty"] = measure_page("empty", site_url, "/")
        shared = share_twelve_photos(stack.site_url, stack.config)
        pages = {
            "feed": "/",
            "profile": shared.profile_path,
            "photo": shared.photo_path,
        }
        for name, path in pages.items():
            figures["pages"][name] = measure_page(name, site_url, path)
        # Straight to the gateway, not through the front: Chromium keeps nothing in its cache
        # from a site whose certificate it had to be told to accept, so every repeat visit
        # would look like a first one. The count of requests does not depend on the protocol.
        figures["repeat_visit"] = measure_repeat_visit(stack.site_url)
    figures["seconds"] = round(time.perf_counter() - started)
    RESULTS_PATH.write_text(json.dumps(figures, indent=2) + "\n")
    print(
        f"\nFigures in {RESULTS_PATH.relative_to(PROJECT_ROOT)}, reports in "
        f"{REPORTS_DIR.relative_to(PROJECT_ROOT)}/ ({figures['seconds']} s in all)"
    )
    return figures


def _parse_options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.lighthouse", description=__doc__)
    parser.add_argument(
        "--as-developed",
        action="store_true",
        help="measure frontend/ as `make dev` serves it rather than the deploy's build",
    )
    return parser.parse_args()


def measure_page(name: str, site_url: str, path: str) -> dict:
    """Three Lighthouse runs of the page at `path`; the median one printed against the goals."""
    url = site_url + path
    runs = [
        read_run(run_lighthouse(url, REPORTS_DIR / f"{name}-{number}.json"))
        for number in range(1, RUNS_PER_PAGE + 1)
    ]
    median = median_run(runs)
    _print_page(name, url, runs, median)
    return {
        "path": path,
        "median_run": runs.index(median) + 1,
        "performance_scores": [run.scores["performance"] for run in runs],
        "benchmark_indexes": [run.benchmark_index for run in runs],
        "scores": median.scores,
        "metrics": median.metrics,
    }


def _print_page(name: str, url: str, runs: list[LighthouseRun], median: LighthouseRun) -> None:
    performance = ", ".join(f"{run.scores['performance']:.2f}" for run in runs)
    benchmark = ", ".join(f"{run.benchmark_index:.0f}" for run in runs)
    print(
        f"\nLighthouse mobile, {name} page ({url}), median of {len(runs)} runs "
        f"(performance {performance}; CPU benchmark index {benchmark}):"
    )
    for warning in median.warnings:
        print(f"  Lighthouse warns: {warning}")
    for category in CATEGORIES:
        score = median.scores[category]
        goal = SCORE_GOALS.get(category)
        print("  " + (goal.verdict(score) if goal else f"{category} {score:g} (reported)"))
    for audit, value in median.metrics.items():
        goal = METRIC_GOALS.get(audit)
        print("  " + (goal.verdict(value) if goal else metric_line(audit, value)))
    to_fix = findings(median.report)
    print("  What to fix:" if to_fix else "  No audit failed.")
    for line in to_fix:
        print(f"  {line}")


def measure_repeat_visit(site_url: str) -> dict:
    """The feed's first and repeat visits; the repeat visit's count against its goal."""
    counts = count_visits(site_url)
    print("\nThe feed of twelve photos: requests for the app's own files before the first photo")
    print(f"  first visit: {len(counts.first_visit)} (for comparison)")
    print(f"  repeat visit: {REPEAT_VISIT_GOAL.verdict(len(counts.repeat_visit))}")
    shown = counts.repeat_visit[:REQUESTS_SHOWN]
    more = len(counts.repeat_visit) - len(shown)
    print(f"    {' '.join(shown)}" + (f" and {more} more" if more else ""))
    return {"first_visit": counts.first_visit, "repeat_visit": counts.repeat_visit}


if __name__ == "__main__":
    main()
