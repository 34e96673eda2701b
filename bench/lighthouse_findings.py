"""What to fix, in short: the failed audits of a Lighthouse report that say where a page loses
its score (the elements that shift, the LCP element and its phases, render-blocking files, unused
or oversized bytes, images without a size, the longest chain of requests), and every failed
accessibility, best-practices or SEO check, each with its first few items. The full report is
saved beside it for the rest.
"""

from urllib.parse import urlsplit

# Lighthouse passes an audit from a score of 0.9.
PASSING_SCORE = 0.9
ITEMS_SHOWN = 3
# Performance audits worth a line when they fail, in the order they are printed.
PERFORMANCE_AUDITS = (
    "layout-shifts",
    "largest-contentful-paint-element",
    "lcp-discovery-insight",
    "render-blocking-resources",
    "network-dependency-tree-insight",
    "unsized-images",
    "uses-responsive-images",
    "offscreen-images",
    "unused-javascript",
    "unused-css-rules",
    "uses-text-compression",
    "uses-long-cache-ttl",
    "mainthread-work-breakdown",
    "bootup-time",
)
OTHER_CATEGORIES = ("accessibility", "best-practices", "seo")


def findings(report: dict) -> list[str]:
    """One line per failed audit, then its first items indented below it."""
    lines = []
    for audit_id in PERFORMANCE_AUDITS + _failed_checks(report):
        audit = report["audits"].get(audit_id)
        if audit and _failed(audit):
            lines.append(_headline(audit))
            lines.extend(f"    {item}" for item in _items_or_nothing(audit))
    return lines


def _items_or_nothing(audit: dict) -> list[str]:
    """Lighthouse changes its details' shapes between versions; one it does not know costs its
    items, not the run's other figures."""
    try:
        return _items(audit.get("details") or {})
    except (KeyError, TypeError, AttributeError, ValueError):
        return []


def _failed_checks(report: dict) -> tuple[str, ...]:
    """The accessibility, best-practices and SEO audits that count towards a score and failed."""
    failed = []
    for category in OTHER_CATEGORIES:
        for reference in report["categories"][category]["auditRefs"]:
            audit = report["audits"][reference["id"]]
            if reference["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                failed.append(reference["id"])
    return tuple(failed)


def _failed(audit: dict) -> bool:
    return audit["score"] is not None and audit["score"] < PASSING_SCORE


def _headline(audit: dict) -> str:
    shown = audit.get("displayValue")
    return f"  {audit['title']}" + (f": {shown}" if shown else "")


def _items(details: dict) -> list[str]:
    if _is_network_tree(details):
        return [_longest_chain(details)]
    if details.get("type") == "list":  # parts: tables, a checklist, an element
        return [line for part in details["items"] for line in _list_part(part)]
    return [_item(item) for item in details.get("items", [])[:ITEMS_SHOWN]]


def _list_part(part: dict) -> list[str]:
    items = part.get("items") or []
    if part.get("type") == "checklist":
        missed = [check["label"] for check in items.values() if not check.get("value")]
        return [f"not met: {'; '.join(missed)}"] if missed else []
    if part.get("type") == "node":  # the element again, already named by the LCP audit
        return []
    if items and all("phase" in item for item in items):  # the LCP's phases, on one line
        return [", ".join(_item(phase) for phase in items)]
    return _items(part)


def _item(item: dict) -> str:
    if "node" in item:
        score = f" (shift {item['score']:.3f})" if "score" in item else ""
        return f"{_node(item['node'])}{score}{_causes(item)}"
    if "phase" in item:
        return f"{item['phase']}: {item['timing']:.0f} ms"
    if "url" in item:
        return f"{_path(item['url'])}{_savings(item)}"
    if "groupLabel" in item:
        return f"{item['groupLabel']}: {item['duration']:.0f} ms"
    return ", ".join(f"{key} {value}" for key, value in item.items() if _is_plain(value))


def _node(node: dict) -> str:
    return node.get("selector") or node.get("snippet") or node.get("nodeLabel", "an element")


def _causes(item: dict) -> str:
    """Why an element shifted, when Lighthouse could tell (an unsized image, a web font...)."""
    causes = [sub["cause"] for sub in item.get("subItems", {}).get("items", []) if "cause" in sub]
    return f": {'; '.join(causes)}" if causes else ""


def _savings(item: dict) -> str:
    if item.get("wastedBytes"):
        return f" ({item['wastedBytes'] / 1024:.0f} KiB wasted)"
    if item.get("wastedMs"):
        return f" ({item['wastedMs']:.0f} ms)"
    if item.get("totalBytes"):
        return f" ({item['totalBytes'] / 1024:.0f} KiB)"
    return ""


def _path(url: str) -> str:
    """The address without the local stack's origin, whose port changes every run."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return url[:60]
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _is_plain(value) -> bool:
    return isinstance(value, str | int | float)


def _is_network_tree(details: dict) -> bool:
    return any(_chains(item) for item in details.get("items") or [])


def _chains(item: dict) -> dict:
    value = item.get("value") if item.get("type") == "list-section" else None
    return value.get("chains", {}) if isinstance(value, dict) else {}


def _longest_chain(details: dict) -> str:
    """The longest chain of requests the page waits on, as Lighthouse marks it (`isLongest`)."""
    chain = next(_chains(item) for item in details["items"] if _chains(item))
    links = []
    while chain:
        link = next((node for node in chain.values() if node.get("isLongest")), None)
        if link is None:
            break
        links.append(f"{_path(link['url'])} ({link['navStartToEndTime']:.0f} ms)")
        chain = link.get("children", {})
    return "longest chain: " + " -> ".join(links)
