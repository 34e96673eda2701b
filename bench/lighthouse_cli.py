"""Runs Lighthouse 12 (pinned; `make lighthouse` installs it into build/lighthouse) on one page
with Debian's Chromium: mobile, Lighthouse's default simulated throttling, the four categories,
a fresh Chromium profile each run (Lighthouse's own default), the JSON report kept on disk.
"""

import json
import os
import subprocess
from pathlib import Path

from bench.http2_edge import CHROMIUM_FLAG as CERTIFICATE_FLAG

PROJECT_ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = PROJECT_ROOT / "build" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM_PATH = os.environ.get("CHROMIUM", "/usr/bin/chromium")
RUN_TIMEOUT_SECONDS = 180
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",  # Chromium will not start its sandbox as root (containers, CI)
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Any host name but the loopback ones fails to resolve, as in the browser tests
    # (tests/e2e/conftest.py): Chromium never reaches the internet, so nothing outside the
    # local stack lands in the figures.
    '--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"',
    # The HTTP/2 front's certificate is a throwaway one (bench/http2_edge.py).
    CERTIFICATE_FLAG,
]


def run_lighthouse(url: str, report_path: Path) -> dict:
    """One Lighthouse run of `url`; its JSON report, also written to `report_path`."""
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"Lighthouse is not installed at {LIGHTHOUSE}; `make lighthouse` does it")
    report_path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={report_path}",
            f"--chrome-path={CHROMIUM_PATH}",
            f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
            "--form-factor=mobile",
            "--only-categories=performance,accessibility,best-practices,seo",
            "--quiet",
        ],
        cwd=PROJECT_ROOT,
        check=True,
        timeout=RUN_TIMEOUT_SECONDS,
    )
    return json.loads(report_path.read_text())
