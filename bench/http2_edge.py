"""An HTTPS, HTTP/2 front for the local stack, as CloudFront's edge is, for Lighthouse only.

Why it exists: the local gateway (infra/local/gateway.py) speaks HTTP/1.1 over plain HTTP, and a
browser opens at most six HTTP/1.1 connections to one host. The page is some seventy small files,
so Lighthouse's simulated slow 4G (150 ms a round trip) would queue them six at a time: over a
second and a half that no visitor of the real site waits, since CloudFront serves every file over
one HTTP/2 (or HTTP/3) connection. Measuring the page as AWS serves it needs the same protocol in
front: nginx, from Debian, terminating TLS with a throwaway self-signed certificate and passing
every request on, unchanged, to the local gateway over kept-alive connections.

Nothing but `make lighthouse` uses it; `make dev` and the tests talk to the gateway directly.
"""

import contextlib
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

EDGE_DIR = Path(__file__).resolve().parents[1] / "build" / "lighthouse" / "edge"
NGINX = "/usr/sbin/nginx"
# The browser must accept the throwaway certificate: Chromium's flag for that.
CHROMIUM_FLAG = "--ignore-certificate-errors"

CONFIG_TEMPLATE = """
worker_processes 1;
pid {edge_dir}/nginx.pid;
error_log {edge_dir}/error.log warn;
daemon off;
events {{}}
http {{
  access_log off;
  client_body_temp_path {edge_dir}/body;
  proxy_temp_path {edge_dir}/proxy;
  upstream gateway {{ server 127.0.0.1:{gateway_port}; keepalive 16; }}
  server {{
    listen 127.0.0.1:{edge_port} ssl http2;
    ssl_certificate {edge_dir}/certificate.pem;
    ssl_certificate_key {edge_dir}/key.pem;
    client_max_body_size 10m;
    location / {{
      proxy_pass http://gateway;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      # Answers stream through as the gateway sends them, compressed or not.
      proxy_buffering off;
    }}
  }}
}}
"""


@contextlib.contextmanager
def http2_edge(gateway_port: int) -> Iterator[str]:
    """Runs nginx in front of the gateway on `gateway_port`; yields the edge's https:// origin."""
    if not Path(NGINX).exists():
        raise SystemExit("make lighthouse needs nginx (Debian's nginx-light): make installs it.")
    shutil.rmtree(EDGE_DIR, ignore_errors=True)
    EDGE_DIR.mkdir(parents=True)
    _make_certificate()
    edge_port = _free_port()
    config = EDGE_DIR / "nginx.conf"
    config.write_text(
        CONFIG_TEMPLATE.format(edge_dir=EDGE_DIR, gateway_port=gateway_port, edge_port=edge_port)
    )
    nginx = subprocess.Popen([NGINX, "-c", str(config), "-e", str(EDGE_DIR / "error.log")])
    try:
        _wait_until_listening(edge_port)
        yield f"https://localhost:{edge_port}"
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)


def _make_certificate() -> None:
    request = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
    names = ["-subj", "/CN=localhost"]
    files = ["-keyout", str(EDGE_DIR / "key.pem"), "-out", str(EDGE_DIR / "certificate.pem")]
    subprocess.run([*request, *names, *files], check=True, capture_output=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_listening(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise RuntimeError(f"nginx did not start: see {EDGE_DIR / 'error.log'}")
