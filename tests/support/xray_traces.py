"""What a function would send to X-Ray: a Python process with Lambda's environment, and a fake
X-Ray daemon on a loopback UDP port that collects every trace document it sends.

In Lambda the X-Ray SDK sends each subsegment when it closes, as one UDP datagram to the daemon
at AWS_XRAY_DAEMON_ADDRESS: a header line, `{"format":"json","version":1}`, then the
subsegment's JSON. Pointing that variable at `FakeXrayDaemon` collects exactly what would leave
the function for X-Ray, so a test can search it for what must never be there.

The process is a fresh interpreter because the tracer decides at import whether it is in Lambda
(and the API's tracer is made on the first request), which a test's own process cannot undo.
"""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from infra.local.stack import ENDPOINT_VARIABLES

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# The header line before each document, as the X-Ray SDK's UDP emitter writes it.
DAEMON_PROTOCOL_HEADER = b'{"format":"json","version":1}\n'
# A sampled trace, as Lambda hands one to a function with active tracing.
SAMPLED_TRACE_HEADER = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"


class FakeXrayDaemon:
    """A UDP socket on loopback that keeps every trace document sent to it."""

    def __init__(self) -> None:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        # Room for every document of a test run: they are read only once the process has ended.
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 * 1024 * 1024)
        self._socket.bind(("127.0.0.1", 0))
        self._socket.setblocking(False)
        host, port = self._socket.getsockname()
        self.address = f"{host}:{port}"

    def documents(self) -> list[dict]:
        """Every document received so far, parsed, in the order they arrived."""
        received = []
        while True:
            try:
                datagram = self._socket.recv(65536)
            except BlockingIOError:
                return received
            assert datagram.startswith(DAEMON_PROTOCOL_HEADER), datagram[:80]
            received.append(json.loads(datagram[len(DAEMON_PROTOCOL_HEADER) :]))

    def close(self) -> None:
        self._socket.close()

    def __enter__(self) -> "FakeXrayDaemon":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def lambda_environment(function_name: str, xray_daemon_address: str) -> dict[str, str]:
    """This process's environment as Lambda would set it for a function with active tracing,
    fake credentials, and no variable that points boto3 at a local stack."""
    environment = {
        **os.environ,
        "AWS_LAMBDA_FUNCTION_NAME": function_name,
        "LAMBDA_TASK_ROOT": str(PROJECT_ROOT),
        "_X_AMZN_TRACE_ID": SAMPLED_TRACE_HEADER,
        "AWS_XRAY_DAEMON_ADDRESS": xray_daemon_address,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "POWERTOOLS_LOG_LEVEL": "ERROR",
    }
    for name in (*ENDPOINT_VARIABLES, "AWS_PROFILE", "AWS_SESSION_TOKEN"):
        environment.pop(name, None)
    return environment


def run_python(script: str, arguments: list[str], environment: dict[str, str]) -> dict:
    """Runs `script` in a fresh interpreter from the project's root; returns the JSON document
    it prints last."""
    finished = subprocess.run(
        [sys.executable, "-c", script, *arguments],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert finished.returncode == 0, finished.stderr[-4000:]
    return json.loads(finished.stdout.strip().splitlines()[-1])


def recorded_responses(documents: list[dict]) -> list[str]:
    """The metadata keys under which Powertools records what a handler or method returned
    (`<name> response`), in any document."""
    return [
        key
        for document in documents
        for namespace in document.get("metadata", {}).values()
        for key in namespace
        if key.endswith(" response")
    ]
