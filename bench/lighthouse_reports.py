"""What `make lighthouse` reads from Lighthouse's JSON reports: each category's score, the five
metrics it prints, and which of several runs of one page is the median one.

The median run is chosen by performance score and reported whole (its own metrics, not the
median of each metric taken from different runs), so that its figures belong together and its
saved report explains them.
"""

from dataclasses import dataclass

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Lighthouse's audit id for each metric printed, with how it is shown.
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "speed index",
}
# Lighthouse gives times in milliseconds; CLS has no unit.
SECONDS_METRICS = ("first-contentful-paint", "largest-contentful-paint", "speed-index")


@dataclass(frozen=True)
class LighthouseRun:
    scores: dict[str, float]
    # In seconds (FCP, LCP, speed index), milliseconds (TBT) or unitless (CLS), as printed.
    metrics: dict[str, float]
    # Lighthouse's measure of the machine's CPU; under 1,000 it warns that the CPU is slower than
    # it expects, as on a machine busy with other work, and the performance score suffers.
    benchmark_index: float
    warnings: list[str]
    report: dict


def read_run(report: dict) -> LighthouseRun:
    """The scores and metrics of one Lighthouse JSON report; a report whose page could not be
    measured (Lighthouse's runtimeError, or a category without a score) is refused."""
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse could not measure the page: {report['runtimeError']}")
    scores = {category: report["categories"][category]["score"] for category in CATEGORIES}
    if None in scores.values():
        raise RuntimeError(f"Lighthouse gave no score for a category: {scores}")
    metrics = {audit: _metric(report, audit) for audit in METRICS}
    return LighthouseRun(
        scores=scores,
        metrics=metrics,
        benchmark_index=report["environment"]["benchmarkIndex"],
        warnings=[_first_sentence(warning) for warning in report.get("runWarnings", [])],
        report=report,
    )


def _first_sentence(text: str) -> str:
    return " ".join(text.split(". ")[0].split()) + "."


def _metric(report: dict, audit: str) -> float:
    value = report["audits"][audit]["numericValue"]
    return value / 1000 if audit in SECONDS_METRICS else value


def median_run(runs: list[LighthouseRun]) -> LighthouseRun:
    """The run whose performance score is the median (of an even number, the lower middle one:
    a real run, never an average)."""
    by_performance = sorted(runs, key=lambda run: run.scores["performance"])
    return by_performance[(len(by_performance) - 1) // 2]


def metric_line(audit: str, value: float) -> str:
    name = METRICS[audit]
    if audit in SECONDS_METRICS:
        return f"{name} {value:.2f} s"
    if audit == "total-blocking-time":
        return f"{name} {value:.0f} ms"
    return f"{name} {value:.3f}"
