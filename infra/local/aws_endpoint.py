"""The local stack's AWS: moto's server app on loopback, behind the S3 POST policy guard.

The local stack runs two of these endpoints, each in a process of its own: one for S3, SQS and
Cognito, called by boto3 in the API and the worker and by the browser (Cognito sign-in, the
presigned S3 POST upload); and one for DynamoDB and its stream, called by boto3 only. moto
plays the services; `S3PostPolicyGuard` refuses the browser uploads real S3 would refuse, which
moto alone accepts; `BrowserAccessGuard` lets web pages make only the site's own calls, answers
only requests addressed to a loopback name (no DNS rebinding) and plays Cognito's RevokeToken;
`dynamodb_like_aws` gives DynamoDB the atomicity and transactions that moto lacks; and
`cognito_like_aws` runs the user pool's Pre Sign-up trigger and ignores case in usernames, as
Cognito does and moto does not; and `s3_like_aws` announces a form-posted object only once it is
whole, type included, as S3 does.

The server runs in a background thread of the calling process (tests), or in a child process
(the local stack: see start_local_aws_endpoint_process); either way Ctrl-C leaves nothing
behind. It is moto's own `ThreadedMotoServer` set-up (same dispatcher, same request handler, so
the same CORS behaviour) with the guards wrapped around it, and with Cognito's tokens made to
expire when the app client says, which moto ignores (`cognito_like_aws`).
"""

import multiprocessing
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import BaseWSGIServer, make_server

from infra.local import cognito_like_aws, dynamodb_like_aws, s3_like_aws
from infra.local.browser_access import BrowserAccessGuard
from infra.local.s3_post_policy import S3PostPolicyGuard
from infra.local.s3_presigned_get import PresignedGetGuard

# moto accepts any credentials; these are the ones the local stack signs with, so the guard can
# derive the signing key of a presigned POST from them.
LOCAL_ACCESS_KEY_ID = "testing"
LOCAL_SECRET_ACCESS_KEY = "testing"


class RememberingDispatcher(DomainDispatcherApplication):
    """moto's dispatcher, remembering which service each host name stands for.

    moto works the service out afresh for every request, by listing its own package folder on
    disk and trying a few hundred URL patterns, under one lock that every request of every
    service waits on. The answer depends on the host name alone, so it is worked out once.
    """

    def __init__(self, create_app) -> None:
        super().__init__(create_app)
        self._backend_by_host: dict = {}

    def get_backend_for_host(self, host):
        # Called under the dispatcher's own lock, so the dictionary needs none of its own.
        if host not in self._backend_by_host:
            self._backend_by_host[host] = super().get_backend_for_host(host)
        return self._backend_by_host[host]


@dataclass
class LocalAwsEndpoint:
    url: str  # e.g. "http://127.0.0.1:54321"
    _stop: Callable[[], None] = field(repr=False)

    def stop(self) -> None:
        """Stop serving, free the port and wait for the server. Safe to call twice."""
        self._stop()


@dataclass(frozen=True)
class SitePage:
    """Who may call the endpoint from a browser (infra/local/browser_access.py). With no
    origins, no web page may call it at all."""

    origins: list[str]
    uploads_bucket: str | None = None
    # The bucket of data exports, whose archives a browser downloads by presigned link only
    # (infra/local/s3_presigned_get.py).
    exports_bucket: str | None = None


# The DynamoDB endpoint's page: the page never calls DynamoDB (the API does, with no Origin).
NO_PAGE = SitePage(origins=[])


def start_local_aws_endpoint(
    host: str = "127.0.0.1", port: int = 0, site_page: SitePage | None = None
) -> LocalAwsEndpoint:
    """Serve local AWS on host:port from a thread of this process; port 0 lets the operating
    system pick a free one. With `site_page`, browsers may only make that page's calls, and
    only from its origins."""
    server = _bound_server(host, port, site_page)
    # A daemon thread never keeps the process alive on Ctrl-C, even if stop() is never reached.
    thread = threading.Thread(target=server.serve_forever, name="local-aws-endpoint", daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()
        thread.join()

    return LocalAwsEndpoint(url=_url(server), _stop=stop)


def start_local_aws_endpoint_process(
    host: str = "127.0.0.1", port: int = 0, site_page: SitePage | None = None
) -> LocalAwsEndpoint:
    """The same, served by a child process, as AWS runs apart from the functions that call it.

    In one process, every request to the site and every AWS call shares one interpreter lock
    with moto; a burst of page requests then starves the worker's calls to S3 and DynamoDB.
    The socket is bound here, so the port is known (and a busy port fails) before the child
    starts; the child is forked with it and serves until it is stopped.
    """
    server = _bound_server(host, port, site_page)
    child = multiprocessing.get_context("fork").Process(
        target=_serve, args=(server,), name="local-aws-endpoint", daemon=True
    )
    child.start()
    server.socket.close()  # the child serves it; this process only keeps the address

    def stop() -> None:
        child.terminate()
        child.join()

    return LocalAwsEndpoint(url=_url(server), _stop=stop)


def _bound_server(host: str, port: int, site_page: SitePage | None) -> BaseWSGIServer:
    dynamodb_like_aws.install()
    cognito_like_aws.install()
    s3_like_aws.install()
    moto_app = dynamodb_like_aws.SerializedDynamoDb(RememberingDispatcher(create_backend_app))
    guarded_app = S3PostPolicyGuard(moto_app, secret_for_access_key=local_secret_for_access_key)
    if site_page is not None and site_page.exports_bucket:
        guarded_app = PresignedGetGuard(
            guarded_app, local_secret_for_access_key, site_page.exports_bucket
        )
    if site_page is not None:
        guarded_app = BrowserAccessGuard(guarded_app, site_page.origins, site_page.uploads_bucket)
    # Binding here, in the caller, makes a busy port fail loudly and the port known now.
    return make_server(host, port, guarded_app, threaded=True, request_handler=MotoRequestHandler)


def _serve(server: BaseWSGIServer) -> None:
    # Ctrl-C reaches the whole process group; the parent stops this process in its own time.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    server.serve_forever()


def _url(server: BaseWSGIServer) -> str:
    bound_host, bound_port = server.server_address[:2]
    return f"http://{bound_host}:{bound_port}"


def local_secret_for_access_key(access_key_id: str) -> str | None:
    return LOCAL_SECRET_ACCESS_KEY if access_key_id == LOCAL_ACCESS_KEY_ID else None
