"""Runs Lighthouse 12 (pinned; `make lighthouse` installs it into build/lighthouse) on one page
with Debian's Chromium: mobile, Lighthouse's default simulated throttling, the four categories,
a fresh Chromium profile each run (Lighthouse's own default), the JSON report kept on disk.
"""

import json
import subprocess
from pathlib import Path

from bench.http2_edge import CHROMIUM_FLAG as CERTIFICATE_FLAG
from tests.support.chromium import CHROMIUM_PATH, LOOPBACK_ONLY_HOST_RULES

PROJECT_ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = PROJECT_ROOT / "build" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
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
    # Loopback names only, as in the browser tests (tests/support/chromium.py); quoted, as
    # Lighthouse splits its --chrome-flags at spaces.
    f'--host-resolver-rules="{LOOPBACK_ONLY_HOST_RULES}"',
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
