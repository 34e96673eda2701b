"""A real local stack in a subprocess, for the integration and browser tests and the benchmarks.

The stack is started exactly as `make dev` starts it (`python -m infra.local`), on a free port,
and driven only over HTTP, as a browser would. Stopping it as Ctrl-C does (SIGINT) must end it
cleanly, leaving no process behind.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

PROJECT_ROOT = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class LocalStackProcess:
    site_url: str
    # API Gateway's own address, which goes around the gateway (CloudFront's stand-in).
    api_url: str
    aws_endpoint_url: str
    dynamodb_endpoint_url: str
    config: dict
    process: subprocess.Popen


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Tests make celebrities of accounts with four followers, not ten thousand
# (chalicelib/feeds/fanout.py).
TEST_SETTINGS = {"FANOUT_MAX_FOLLOWERS": "3"}
# Tests and benchmarks send far more API requests a minute from 127.0.0.1 than a person's
# browser does: the local web ACL's rate limit (infra/local/waf_like_aws.py) is raised for every
# stack they start, unless `settings` says otherwise (its own test does).
SCRIPTED_TRAFFIC = {"LOCAL_WAF_API_LIMIT": "1000000"}


def start_local_stack(
    log_path: Path, settings: dict[str, str] | None = None, built_site: bool = False
) -> LocalStackProcess:
    """`python -m infra.local` on a free port, with `settings` added to its environment;
    `built_site` serves the deploy's build of the site (`--built-site`)."""
    port, dynamodb_port, api_port = free_port(), free_port(), free_port()
    log_file = log_path.open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "infra.local",
            "--port",
            str(port),
            "--dynamodb-port",
            str(dynamodb_port),
            "--api-port",
            str(api_port),
            *(["--built-site"] if built_site else []),
        ],
        cwd=PROJECT_ROOT,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **SCRIPTED_TRAFFIC, **(settings or {})},
    )
    site_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the local stack exited early:\n{log_path.read_text()}")
        try:
            config = requests.get(f"{site_url}/config.json", timeout=1).json()
        except (requests.ConnectionError, requests.Timeout, json.JSONDecodeError):
            time.sleep(0.1)
            continue
        return LocalStackProcess(
            site_url=site_url,
            api_url=f"http://127.0.0.1:{api_port}",
            aws_endpoint_url=config["cognito"]["endpoint"].rstrip("/"),
            dynamodb_endpoint_url=f"http://127.0.0.1:{dynamodb_port}",
            config=config,
            process=process,
        )
    process.kill()
    raise RuntimeError(f"the local stack did not answer in time:\n{log_path.read_text()}")


def stop_local_stack(stack: LocalStackProcess) -> int:
    stack.process.send_signal(signal.SIGINT)  # what Ctrl-C sends
    return stack.process.wait(timeout=30)


@contextmanager
def running_local_stack(
    settings: dict[str, str] | None = None,
    log_path: Path | None = None,
    built_site: bool = False,
) -> Iterator[LocalStackProcess]:
    """A local stack for the length of a `with` block (the benchmarks' way), stopped as Ctrl-C
    stops it; its log goes to a temporary folder unless `log_path` names a file to keep.
    `built_site` serves the deploy's build of the site, as CloudFront serves it."""
    with tempfile.TemporaryDirectory() as folder:
        stack = start_local_stack(log_path or Path(folder) / "stack.log", settings, built_site)
        try:
            yield stack
        finally:
            stop_local_stack(stack)
