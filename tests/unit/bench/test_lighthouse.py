"""`make lighthouse`'s pure parts, on Lighthouse JSON made in the test: the median run, the
verdicts against the goals, the failed audits it prints, and which requests count as the app's
own files on a repeat visit. No browser, no Lighthouse."""

import pytest

from bench.lighthouse_findings import findings
from bench.lighthouse_goals import METRIC_GOALS, REPEAT_VISIT_GOAL, SCORE_GOALS
from bench.lighthouse_reports import median_run, read_run
from bench.repeat_visit import ObservedRequest, is_own_file, own_files_from_the_network

SITE = "http://127.0.0.1:8123"
PASSING_AUDIT = {"title": "Passes", "score": 1, "scoreDisplayMode": "binary"}


def lighthouse_report(performance=0.9, lcp_ms=2000.0, cls=0.01, audits=None) -> dict:
    """The parts of a Lighthouse 12 JSON report that `make lighthouse` reads."""
    metrics = {
        "first-contentful-paint": 900.0,
        "largest-contentful-paint": lcp_ms,
        "total-blocking-time": 120.0,
        "cumulative-layout-shift": cls,
        "speed-index": 1500.0,
    }
    every_audit = {
        name: {**PASSING_AUDIT, "numericValue": value} for name, value in metrics.items()
    }
    every_audit.update(audits or {})
    every_audit.setdefault("color-contrast", PASSING_AUDIT)
    every_audit.setdefault("is-crawlable", {**PASSING_AUDIT, "score": 0})
    return {
        "categories": {
            "performance": {"score": performance, "auditRefs": []},
            "accessibility": {"score": 1, "auditRefs": [{"id": "color-contrast", "weight": 7}]},
            "best-practices": {"score": 1, "auditRefs": []},
            "seo": {"score": 0.92, "auditRefs": [{"id": "is-crawlable", "weight": 0}]},
        },
        "audits": every_audit,
        "environment": {"benchmarkIndex": 1500.0},
        "runWarnings": [],
    }


def test_given_three_runs_when_the_median_is_chosen_then_it_is_the_middle_performance_run_whole():
    # Given three runs whose best LCP is not the median run's
    runs = [
        read_run(lighthouse_report(performance=0.93, lcp_ms=1800)),
        read_run(lighthouse_report(performance=0.61, lcp_ms=3600)),
        read_run(lighthouse_report(performance=0.88, lcp_ms=2700)),
    ]

    # When the median run is chosen
    median = median_run(runs)

    # Then it is the middle one by performance, reported with its own metrics
    assert median.scores["performance"] == 0.88
    assert median.metrics["largest-contentful-paint"] == pytest.approx(2.7)
    assert median.scores["seo"] == 0.92


def test_given_a_report_then_times_are_in_seconds_but_blocking_time_in_ms_and_cls_unitless():
    run = read_run(lighthouse_report(lcp_ms=3573.5, cls=0.47))

    assert run.metrics["largest-contentful-paint"] == pytest.approx(3.5735)
    assert run.metrics["first-contentful-paint"] == pytest.approx(0.9)
    assert run.metrics["total-blocking-time"] == 120.0
    assert run.metrics["cumulative-layout-shift"] == 0.47


def test_given_a_busy_machine_then_its_cpu_benchmark_and_the_warning_s_first_sentence_are_kept():
    warning = (
        "The tested device appears to have a slower CPU than  Lighthouse expects. This can "
        "negatively affect your performance score. Learn more about [calibrating](https://x)."
    )
    report = {**lighthouse_report(), "runWarnings": [warning]}
    report["environment"] = {"benchmarkIndex": 122.0}

    run = read_run(report)

    assert run.benchmark_index == 122.0
    assert run.warnings == [
        "The tested device appears to have a slower CPU than Lighthouse expects."
    ]


def test_given_a_page_lighthouse_could_not_load_then_its_report_is_refused():
    report = {**lighthouse_report(), "runtimeError": {"code": "ERRORED_DOCUMENT_REQUEST"}}

    with pytest.raises(RuntimeError, match="could not measure"):
        read_run(report)


def test_given_figures_then_each_goal_says_whether_it_is_met_and_by_what_share():
    assert SCORE_GOALS["performance"].verdict(0.61) == (
        "performance 0.61; goal >= 0.95 (0.64x of the goal): misses"
    )
    assert SCORE_GOALS["performance"].verdict(0.95).endswith(": meets")
    assert SCORE_GOALS["accessibility"].verdict(1.0).endswith(": meets")
    assert SCORE_GOALS["best-practices"].verdict(0.96).endswith(": misses")
    assert METRIC_GOALS["cumulative-layout-shift"].verdict(0.05).endswith(": meets")
    assert METRIC_GOALS["largest-contentful-paint"].verdict(3.57) == (
        "LCP 3.57 s; goal <= 2.5 s (1.43x of the goal): misses"
    )
    assert REPEAT_VISIT_GOAL.verdict(3).endswith("(1.00x of the goal): meets")
    assert REPEAT_VISIT_GOAL.verdict(68).endswith(": misses")


def test_given_a_shifting_page_then_the_findings_name_the_element_and_the_failed_check():
    # Given a report where the main element shifts and the colour contrast check failed
    shifts = {
        "title": "Avoid large layout shifts",
        "score": 0,
        "displayValue": "1 layout shift found",
        "details": {
            "type": "table",
            "items": [{"node": {"selector": "body > main#main"}, "score": 0.47}],
        },
    }
    contrast = {"title": "Background and foreground colors have enough contrast", "score": 0}
    report = lighthouse_report(audits={"layout-shifts": shifts, "color-contrast": contrast})

    # When its findings are listed
    lines = findings(report)

    # Then the shifting element, its shift and the failed check are named; a check that counts
    # for nothing (weight 0) is not
    assert lines == [
        "  Avoid large layout shifts: 1 layout shift found",
        "    body > main#main (shift 0.470)",
        "  Background and foreground colors have enough contrast",
    ]


def test_given_oversized_images_then_the_findings_give_their_paths_and_wasted_bytes():
    oversized = {
        "title": "Properly size images",
        "score": 0.5,
        "details": {
            "type": "opportunity",
            "items": [{"url": f"{SITE}/media/photos/a/1080.webp", "wastedBytes": 51_200}],
        },
    }

    lines = findings(lighthouse_report(audits={"uses-responsive-images": oversized}))

    assert lines == ["  Properly size images", "    /media/photos/a/1080.webp (50 KiB wasted)"]


def test_given_a_report_where_everything_passed_then_there_is_nothing_to_fix():
    assert findings(lighthouse_report()) == []


@pytest.mark.parametrize(
    ("url", "own_file"),
    [
        (f"{SITE}/", True),
        (f"{SITE}/js/main.3f2a9c1b7d4e.js", True),
        (f"{SITE}/config.json", True),
        (f"{SITE}/css/base.css", True),
        (f"{SITE}/api/feed?limit=12", False),
        (f"{SITE}/media/photos/abc/640.webp", False),
        ("http://127.0.0.1:9999/js/main.js", False),  # another origin: S3 or Cognito locally
        ("data:image/webp;base64,UklGR", False),
    ],
)
def test_given_a_request_then_it_counts_as_the_apps_own_file_only_on_the_site_outside_api_and_media(
    url, own_file
):
    assert is_own_file(url, SITE) is own_file


def test_given_a_repeat_visit_then_only_own_files_that_went_to_the_network_are_counted():
    # Given a visit where most files came from the cache
    observed = [
        ObservedRequest(f"{SITE}/"),
        ObservedRequest(f"{SITE}/js/main.3f2a9c1b7d4e.js", answered_from_cache=True),
        ObservedRequest(f"{SITE}/css/base.1a2b3c4d5e6f.css", answered_from_cache=True),
        ObservedRequest(f"{SITE}/config.json"),
        ObservedRequest(f"{SITE}/api/feed?limit=12"),
        ObservedRequest(f"{SITE}/media/photos/abc/640.webp"),
    ]

    # When the requests for the app's own files are counted
    counted = own_files_from_the_network(observed, SITE)

    # Then only index.html and config.json went to the network, in the order they were sent
    assert counted == ["/", "/config.json"]


def test_given_a_late_lazy_lcp_image_then_the_findings_give_its_phases_and_the_unmet_checks():
    # Given an LCP image found late: Lighthouse 12's list of an element table and a phase table,
    # and its discovery checklist beside the element
    image = {"selector": "div.photo-frame > img.photo-frame__image"}
    lcp_element = {
        "title": "Largest Contentful Paint element",
        "score": 0,
        "displayValue": "3,350 ms",
        "details": {
            "type": "list",
            "items": [
                {"type": "table", "items": [{"node": image}]},
                {
                    "type": "table",
                    "items": [
                        {"phase": "TTFB", "timing": 465.1},
                        {"phase": "Load Delay", "timing": 1949.4},
                    ],
                },
            ],
        },
    }
    checks = {
        "priorityHinted": {"label": "fetchpriority=high should be applied", "value": False},
        "eagerlyLoaded": {"label": "lazy load not applied", "value": False},
        "requestDiscoverable": {"label": "Request is discoverable", "value": True},
    }
    discovery = {
        "title": "LCP request discovery",
        "score": 0,
        "details": {
            "type": "list",
            "items": [{"type": "checklist", "items": checks}, {"type": "node", **image}],
        },
    }
    audits = {"largest-contentful-paint-element": lcp_element, "lcp-discovery-insight": discovery}

    # When its findings are listed
    lines = findings(lighthouse_report(audits=audits))

    # Then the element, its phases on one line and only the unmet checks are given
    assert lines == [
        "  Largest Contentful Paint element: 3,350 ms",
        "    div.photo-frame > img.photo-frame__image",
        "    TTFB: 465 ms, Load Delay: 1949 ms",
        "  LCP request discovery",
        "    not met: fetchpriority=high should be applied; lazy load not applied",
    ]


def test_given_details_of_a_shape_it_does_not_know_then_the_audit_is_still_named():
    odd = {
        "title": "Avoid chaining critical requests",
        "score": 0,
        "details": {"type": "list", "items": ["?"]},
    }

    lines = findings(lighthouse_report(audits={"network-dependency-tree-insight": odd}))

    assert lines == ["  Avoid chaining critical requests"]
