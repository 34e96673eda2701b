"""The whole local stack, started and stopped together: local AWS (two child processes: S3, SQS
and Cognito in one, DynamoDB and its stream in the other), the resources, the gateway with the
API (this process, which also plays API Gateway's own address), and the worker and the
table-stream function (functions.py). Processes kept apart as AWS keeps its services, the API
Lambda and the event-driven Lambdas apart; Ctrl-C stops them all. `python -m infra.local` runs it
for `make dev`; the integration tests start it in a subprocess on free ports.

Start-up order matters: the gateway's port is bound first (it may be a free port chosen by the OS),
because the uploads bucket's CORS rule must name the site's exact origin.
"""

import importlib
import logging
import os
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import boto3
from chalice.config import Config
from chalice.local import LocalChalice, ThreadedHTTPServer

from chalicelib.edge.origin_check import secret_digest
from chalicelib.edge.token_verifier import CognitoTokenVerifier
from chalicelib.shared.settings import load_settings
from chalicelib.shared.site_page import SITE_PAGE_KEY
from infra.deploy.site import SiteFile, frontend_files
from infra.local.aws_endpoint import (
    LOCAL_ACCESS_KEY_ID,
    LOCAL_SECRET_ACCESS_KEY,
    NO_PAGE,
    SitePage,
    start_local_aws_endpoint_process,
)
from infra.local.functions import start_functions_process
from infra.local.gateway import (
    ApiGatewayLikeHandler,
    CloudFrontLikeHandler,
    SiteContent,
    gateway_handler,
)
from infra.local.resource_definitions import ResourceNames
from infra.local.resources import LocalResources, create_resources
from infra.local.security_headers import security_headers
from infra.local.site_page import LocalSitePage
from infra.local.waf_like_aws import rate_limit_from_template
from infra.site_config import site_config

PROJECT_ROOT = Path(__file__).resolve().parents[2]
REGION = "us-east-1"
# What points boto3 at the local stack (set by _point_boto3_at); code that must reach in-process
# moto instead (the unit tests, the request-count benchmark) clears them all.
ENDPOINT_VARIABLES = (
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_DYNAMODB",
    "AWS_ENDPOINT_URL_DYNAMODB_STREAMS",
)
MAX_UPLOAD_BYTES = 25 * 1024 * 1024


class SiteServer(ThreadedHTTPServer):
    """The gateway's HTTP server: a thread per connection, as Chalice's local server, with
    room for a page's burst of connections. The standard library listens with a backlog of 5,
    so a burst of simultaneous uploads found connections reset; CloudFront has no such limit."""

    request_queue_size = 128
    daemon_threads = True


@dataclass
class RunningStack:
    site_url: str
    # API Gateway's own address, around the gateway: the API refuses what comes this way.
    api_url: str
    aws_endpoint_url: str
    dynamodb_endpoint_url: str
    resources: LocalResources
    stop: Callable[[], None]


def start_stack(
    host: str = "127.0.0.1",
    port: int = 8000,
    aws_port: int = 0,
    dynamodb_port: int = 0,
    api_port: int = 0,
    built_site: bool = False,
) -> RunningStack:
    """`built_site`: serve the deploy's build of frontend/ (hashed names, cached as CloudFront
    caches them) instead of the folder as it is."""
    # One raw text line per local AWS request would drown the JSON log lines of the app.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = SiteServer((host, port), None)  # binds now; the handler comes below
    api_server = SiteServer((host, api_port), None)
    site_port = server.server_address[1]
    site_origins = [f"http://localhost:{site_port}", f"http://127.0.0.1:{site_port}"]
    site_url = site_origins[0]
    names = ResourceNames()
    # DynamoDB in a process of its own, as it is a service of its own in AWS. With every service
    # in one moto process, the page's sign-ins and uploads, the worker's S3 calls and every
    # table read and write queued for one interpreter: under `make load` a photo waited seconds.
    # It starts first: the process playing Cognito runs the Post Confirmation trigger, which
    # writes to the table, so it is forked knowing where the table is.
    dynamodb = start_local_aws_endpoint_process(host=host, port=dynamodb_port, site_page=NO_PAGE)
    _point_boto3_at_dynamodb(dynamodb.url, names.table)
    page = SitePage(site_origins, names.uploads_bucket, names.exports_bucket)
    aws = start_local_aws_endpoint_process(host=host, port=aws_port, site_page=page)
    _point_boto3_at(aws.url, dynamodb.url)
    # No endpoint given: each client finds its own in the environment just set.
    resources = create_resources(None, REGION, names, site_origins=site_origins)
    # A new secret for each run, as the deploy makes one for each stage (infra/deploy/).
    origin_secret = secrets.token_urlsafe(32)
    _point_the_code_at(aws.url, resources, origin_secret, site_url)
    # Forked before this process starts any thread, with the environment just set.
    stop_functions = start_functions_process(resources, REGION)
    s3_client = boto3.client("s3", region_name=REGION)
    # What the deploy publishes to the site bucket: all of it with `built_site`; otherwise only
    # the page, which the API reads.
    built_files = _built_files() if built_site else None
    site_page = LocalSitePage(
        s3_client,
        resources.names.site_bucket,
        PROJECT_ROOT / "frontend",
        built_page=built_files[SITE_PAGE_KEY].body if built_files else None,
    )
    site_page.publish_if_changed()
    parts = {
        "app_object": _load_chalice_app(),
        "chalice_config": Config.create(chalice_stage="dev", app_name="cloudgram"),
        "site": SiteContent(
            frontend_dir=PROJECT_ROOT / "frontend",
            config=_page_config(aws.url, resources),
            media_bucket=resources.names.media_bucket,
            site_page=site_page,
            s3_client=s3_client,
            headers=security_headers(aws.url),
            web_acl=rate_limit_from_template(_local_waf_limit()),
            built_files=built_files,
        ),
        "verifier": CognitoTokenVerifier(
            jwks_url=f"{aws.url}/{resources.user_pool_id}/.well-known/jwks.json",
            issuer=load_settings().token_issuer,
            client_id=resources.user_pool_client_id,
        ),
        "origin_secret": origin_secret,
    }
    server.RequestHandlerClass = gateway_handler(CloudFrontLikeHandler, **parts)
    api_server.RequestHandlerClass = gateway_handler(ApiGatewayLikeHandler, **parts)
    server_threads = [
        threading.Thread(target=running.serve_forever, name=name, daemon=True)
        for running, name in ((server, "gateway"), (api_server, "api-gateway"))
    ]
    for thread in server_threads:
        thread.start()

    def stop() -> None:
        stop_functions()
        for running in (server, api_server):
            running.shutdown()
            running.server_close()
        for thread in server_threads:
            thread.join()
        aws.stop()
        dynamodb.stop()

    return RunningStack(
        site_url=site_url,
        api_url=f"http://{host}:{api_server.server_address[1]}",
        aws_endpoint_url=aws.url,
        dynamodb_endpoint_url=dynamodb.url,
        resources=resources,
        stop=stop,
    )


def _built_files() -> dict[str, SiteFile]:
    return {file.key: file for file in frontend_files(PROJECT_ROOT / "frontend")}


def _point_boto3_at_dynamodb(dynamodb_url: str, table_name: str) -> None:
    """What the user pool's triggers need to reach the local table, as Lambda gives them."""
    os.environ.update(
        {
            "AWS_ACCESS_KEY_ID": LOCAL_ACCESS_KEY_ID,
            "AWS_SECRET_ACCESS_KEY": LOCAL_SECRET_ACCESS_KEY,
            "AWS_ENDPOINT_URL_DYNAMODB": dynamodb_url,
            "AWS_DEFAULT_REGION": REGION,
            "TABLE_NAME": table_name,
        }
    )


def _point_boto3_at(aws_url: str, dynamodb_url: str) -> None:
    """Every boto3 client in this process and the functions' processes, the app's and the
    worker's included, talks to the local AWS with the local credentials. boto3 reads a
    service's own endpoint (`AWS_ENDPOINT_URL_<SERVICE>`) before the general one, so the code
    never names an endpoint, as in Lambda."""
    os.environ.update(
        {
            # The local S3 POST policy check derives signing keys from these credentials.
            "AWS_ACCESS_KEY_ID": LOCAL_ACCESS_KEY_ID,
            "AWS_SECRET_ACCESS_KEY": LOCAL_SECRET_ACCESS_KEY,
            "AWS_ENDPOINT_URL": aws_url,
            "AWS_ENDPOINT_URL_DYNAMODB": dynamodb_url,
            "AWS_ENDPOINT_URL_DYNAMODB_STREAMS": dynamodb_url,
            "AWS_DEFAULT_REGION": REGION,
            "AWS_REGION": REGION,
        }
    )


def _local_waf_limit() -> int | None:
    """LOCAL_WAF_API_LIMIT, if set: a higher limit for the test suite and the benchmarks, which
    send far more API requests a minute from 127.0.0.1 than one person's browser does."""
    limit = os.environ.get("LOCAL_WAF_API_LIMIT")
    return int(limit) if limit else None


def _point_the_code_at(
    aws_url: str, resources: LocalResources, origin_secret: str, site_url: str
) -> None:
    """Set the environment the API and worker read their settings from, as Lambda would."""
    os.environ.update(
        {
            **resources.function_environment(),
            # The deploy gives the API the distribution's address; here the gateway is the site.
            "SITE_URL": site_url,
            "COGNITO_JWKS_URL": f"{aws_url}/{resources.user_pool_id}/.well-known/jwks.json",
            "MAX_UPLOAD_BYTES": str(MAX_UPLOAD_BYTES),
            # The API is given the digest of the gateway's secret, as the deploy gives it.
            "ORIGIN_SECRET_SHA256": secret_digest(origin_secret),
        }
    )


def _page_config(aws_url: str, resources: LocalResources) -> dict:
    return site_config(
        region=REGION,
        user_pool_id=resources.user_pool_id,
        user_pool_client_id=resources.user_pool_client_id,
        # The page calls Cognito's JSON API; locally the local AWS endpoint answers it.
        cognito_endpoint=f"{aws_url}/",
        max_upload_bytes=MAX_UPLOAD_BYTES,
        local=True,
    )


def _load_chalice_app():
    """Import app.py and give it a per-thread current_request, as `chalice local` does; the
    gateway serves requests on many threads at once."""
    app = importlib.import_module("app").app

    class ThreadSafeChalice(LocalChalice, app.__class__):
        pass

    app.__class__ = ThreadSafeChalice
    return app
