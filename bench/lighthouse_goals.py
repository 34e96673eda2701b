"""The goals `make lighthouse` measures the page against, and the verdict on each:
Lighthouse's mobile scores and metrics, and the repeat visit's requests for the app's own files.

A goal is either a floor (a score of at least 0.95) or a ceiling (a layout shift of at most
0.05); either way the figure is printed as a share of the goal, as the other benchmarks do.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Goal:
    name: str
    target: float
    at_least: bool
    unit: str = ""

    def is_met_by(self, value: float) -> bool:
        return value >= self.target if self.at_least else value <= self.target

    def verdict(self, value: float) -> str:
        """`LCP 3.57 s; goal <= 2.5 s (1.43x of the goal): misses`."""
        comparison = ">=" if self.at_least else "<="
        ratio = value / self.target
        outcome = "meets" if self.is_met_by(value) else "misses"
        return (
            f"{self.name} {_figure(value)}{self.unit}; goal {comparison} "
            f"{_figure(self.target)}{self.unit} ({ratio:.2f}x of the goal): {outcome}"
        )


def _figure(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.3g}"


# Lighthouse's category scores (0 to 1). SEO has no goal: it is reported only.
SCORE_GOALS = {
    "performance": Goal("performance", 0.95, at_least=True),
    "accessibility": Goal("accessibility", 1.0, at_least=True),
    "best-practices": Goal("best practices", 1.0, at_least=True),
}
# Lighthouse's metrics (its audits' numericValue: milliseconds, CLS unitless) with a goal.
METRIC_GOALS = {
    "largest-contentful-paint": Goal("LCP", 2.5, at_least=False, unit=" s"),
    "cumulative-layout-shift": Goal("CLS", 0.05, at_least=False),
}
# A repeat visit, HTTP cache warm: index.html, config.json and at most one more request for the
# app's own files before the first photo shows.
REPEAT_VISIT_GOAL = Goal("requests for the app's own files", 3, at_least=False)
