"""Debian's Chromium as the browser tests (tests/e2e/conftest.py) and the page's benchmarks
(bench/repeat_visit.py, bench/lighthouse_cli.py) start it: where it is, and the switches that
keep it off the internet."""

import os
from pathlib import Path

CHROMIUM_PATH = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# Any host name but the loopback ones fails to resolve: the page cannot reach the internet, even
# by accident, nothing outside the local stack lands in a figure, and nothing waits on a DNS
# look-up.
LOOPBACK_ONLY_HOST_RULES = "MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"


def chromium_args() -> list[str]:
    """The switches Playwright starts Chromium with: no GPU, no QUIC, loopback names only."""
    args = ["--disable-gpu", "--disable-quic", f"--host-resolver-rules={LOOPBACK_ONLY_HOST_RULES}"]
    if os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium will not start its sandbox as root (containers, CI)
    return args
