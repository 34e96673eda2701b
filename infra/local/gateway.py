"""The local stand-in for CloudFront: one HTTP server, one origin, five kinds of path.

    /api/*       -> the Chalice app, through Chalice's local API Gateway with verified tokens,
                    with the origin's secret header added as CloudFront adds it
    /p/*         -> a photo's page: the Chalice app too, as the stage's /api/p/* (CloudFront's
                    /p/* behaviour, whose origin path is /api), GET and HEAD only; the site's
                    page it is made of is published to the local site bucket first if it has
                    changed (infra/local/site_page.py)
    /config.json -> the page's runtime settings (in AWS a file in the site bucket)
    /media/*     -> objects of the media bucket (renditions only; uploads are never served)
    /*           -> the static frontend/ folder; or, with `--built-site`, the deploy's build of it
                    (infra/deploy/site_build.py: hashed names), from memory, each file with the
                    deploy's Content-Type and Cache-Control, as CloudFront serves the site bucket.
                    GET and HEAD only: a POST to the web manifest's share target (/share-target)
                    is answered by the installed app's service worker, and reaches the gateway
                    only without one, which refuses it (405; CloudFront refuses it with 403)

What it serves itself, and a photo's page, is compressed as CloudFront's `Compress: true`
compresses it: Brotli or gzip, as the browser's `Accept-Encoding` allows
(infra/local/compression.py). The API's answers under /api/ are not, as CloudFront's /api/*
behaviour caches nothing and so cannot compress.

Being one origin is what lets the page call the API without CORS, as it does behind CloudFront.
Like CloudFront, which serves a distribution only under its own domain names, the gateway answers
only requests addressed to it: a `Host` that is not a loopback name gets 403, so a web page that
points its own domain name at this machine (DNS rebinding) cannot read the site or the API as if
they were its own (infra/local/loopback_hosts.py).

AWS WAF stands in front of it as in AWS: its rate limit per address on /api/ and /p/ is played
(infra/local/waf_like_aws.py), AWS's managed rule set is not.

A second server plays API Gateway's own address (`execute-api`), /api/* only and nothing added:
what anyone reaches who goes around CloudFront, and what the API refuses
(chalicelib/edge/origin_check.py).
"""

import functools
import json
import mimetypes
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import unquote, urlsplit

from botocore.exceptions import ClientError, ParamValidationError
from chalice.local import ChaliceRequestHandler

from chalicelib.edge.origin_check import ORIGIN_SECRET_HEADER
from infra import api_gateway
from infra.deploy.site import SiteFile
from infra.local.compression import compressed
from infra.local.logs import local_logger
from infra.local.loopback_hosts import is_loopback_host
from infra.local.site_page import LocalSitePage
from infra.local.token_authorizer import VerifyingLocalGateway
from infra.local.waf_like_aws import RateLimitPerAddress

API_PREFIX = "/api"
# A photo's own address on the site, which CloudFront sends to the API's stage as /api/p/*.
PHOTO_PAGE_PREFIX = "/p/"
MEDIA_PREFIX = "/media/"
RENDITION_TYPE = "image/webp"
API_PAYLOAD_LIMIT_BYTES = 10 * 1024 * 1024
# The page and its settings must be fetched fresh; everything else may be cached briefly.
NO_CACHE = "no-cache"
mimetypes.add_type("text/javascript", ".js")
# The web manifest's own type, as the deploy gives it (infra/deploy/site.py).
mimetypes.add_type("application/manifest+json", ".webmanifest")


class SiteContent:
    """What the gateway serves besides the API: the frontend folder (or the deploy's build of
    it, `built_files`, by key), config.json, media; the site's page the photo pages are made
    of; and the security headers every response carries."""

    def __init__(
        self,
        frontend_dir: Path,
        config: dict,
        media_bucket: str,
        site_page: LocalSitePage,
        s3_client,
        headers: dict,
        web_acl: RateLimitPerAddress,
        built_files: dict[str, SiteFile] | None = None,
    ) -> None:
        self.frontend_dir = frontend_dir.resolve()
        self.built_files = built_files
        self.config_json = json.dumps(config).encode()
        self.media_bucket = media_bucket
        self.site_page = site_page
        self.s3_client = s3_client
        self.security_headers = headers
        # AWS WAF in front of CloudFront: its rate limit per address (infra/local/waf_like_aws.py).
        self.web_acl = web_acl


class CloudFrontLikeHandler(ChaliceRequestHandler):
    # http.server writes the headers and the body separately; with Nagle's algorithm on, the
    # body then waits for the client's delayed ACK, about 40 ms on every response.
    disable_nagle_algorithm = True

    def __init__(
        self, request, client_address, server, app_object, config, site, verifier, origin_secret
    ):
        self.site = site
        self.origin_secret = origin_secret
        self.local_gateway = VerifyingLocalGateway(app_object, config, verifier)
        # Set for each request of the connection by `route`.
        self._compress_the_answer = False
        # Skip ChaliceRequestHandler.__init__, which would build a non-verifying LocalGateway;
        # BaseHTTPRequestHandler.__init__ handles the request straight away.
        BaseHTTPRequestHandler.__init__(self, request, client_address, server)

    def route(self) -> None:
        path = urlsplit(self.path).path
        self._compress_the_answer = False
        if not is_loopback_host(self.headers.get("Host")):
            self._send_plain(
                HTTPStatus.FORBIDDEN,
                "CloudGram's local site answers only requests addressed to localhost or a "
                "loopback address.",
            )
        elif not _valid_content_length(self.headers.get("Content-Length")):
            self._send_plain(HTTPStatus.BAD_REQUEST, "Content-Length must be a whole number.")
        elif int(self.headers.get("Content-Length") or 0) > API_PAYLOAD_LIMIT_BYTES:
            # API Gateway's limit: larger bodies never reach the API (photos go to S3).
            self._send_plain(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "The request is too large.")
        elif "\x00" in unquote(path):
            self._send_plain(HTTPStatus.NOT_FOUND, "Not found.")
        elif self._refused_by_the_web_acl(path):
            web_acl = self.site.web_acl
            self._send(web_acl.status, web_acl.body.encode(), "application/json", NO_CACHE)
        elif path == API_PREFIX or path.startswith(API_PREFIX + "/"):
            # API Gateway's stage `api` sits behind CloudFront's /api/*: the app sees the rest.
            self._send_to_the_api(self.path[len(API_PREFIX) :] or "/")
        elif self.command not in ("GET", "HEAD"):
            self._send_plain(HTTPStatus.METHOD_NOT_ALLOWED, "Only GET and HEAD are allowed here.")
        elif path.startswith(PHOTO_PAGE_PREFIX):
            # CloudFront's /p/* behaviour reaches the same stage with the origin path /api
            # before it: the app sees the path as it came. Its cache policy lets CloudFront
            # compress the page (PhotoPageCachePolicy); /api/*'s, which caches nothing, does not.
            self._compress_the_answer = True
            self._send_to_the_api(self.path)
        elif path == "/config.json":
            self._send(HTTPStatus.OK, self.site.config_json, "application/json", NO_CACHE)
        elif path.startswith(MEDIA_PREFIX):
            self._send_media(unquote(path.lstrip("/")))
        else:
            self._send_static(unquote(path))

    # http.server dispatches on these names.
    do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = do_PATCH = do_OPTIONS = route  # noqa: N815

    def _refused_by_the_web_acl(self, path: str) -> bool:
        """AWS WAF sees every request before CloudFront serves it."""
        return self.site.web_acl.refuses(self.client_address[0], path)

    def _send_to_the_api(self, path_in_stage: str) -> None:
        """What API Gateway's stage does with a request CloudFront passes on: the app's route
        for `path_in_stage` (the path and query below the stage's /api) answers it."""
        if urlsplit(path_in_stage).path.startswith(PHOTO_PAGE_PREFIX):
            self.site.site_page.publish_if_changed()
        self._add_origin_secret()
        self.path = path_in_stage
        self._generic_handle()

    def _send_http_response_with_body(self, code: int, headers: dict, body) -> None:
        """Chalice's local handler writes the app's answer here; a photo's page is compressed on
        its way, as CloudFront compresses it (infra/local/compression.py)."""
        if not self._compress_the_answer:
            super()._send_http_response_with_body(code, headers, body)
            return
        body = body if isinstance(body, bytes) else body.encode("utf-8")
        body, encoding_headers = self._compressed(
            body, headers.get("Content-Type", "application/json")
        )
        super()._send_http_response_with_body(code, {**headers, **encoding_headers}, body)

    def _add_origin_secret(self) -> None:
        """CloudFront's `OriginCustomHeaders`: the secret goes with every request to the API,
        replacing any value the browser sent under the same name."""
        del self.headers[ORIGIN_SECRET_HEADER]
        self.headers[ORIGIN_SECRET_HEADER] = self.origin_secret

    def _send_media(self, key: str) -> None:
        try:
            media = self.site.s3_client.get_object(Bucket=self.site.media_bucket, Key=key)
        except (ClientError, ParamValidationError):
            self._send_plain(HTTPStatus.NOT_FOUND, "No such media.")
            return
        # Renditions are WebP, and only WebP is served: nothing else put in the bucket by
        # mistake (or malice) can be served from the site's origin as a page or a script.
        if media.get("ContentType") != RENDITION_TYPE:
            self._send_plain(HTTPStatus.NOT_FOUND, "No such media.")
            return
        cache = media.get("CacheControl", NO_CACHE)
        self._send(HTTPStatus.OK, media["Body"].read(), RENDITION_TYPE, cache)

    def _send_static(self, path: str) -> None:
        relative = "index.html" if path in ("", "/") else path.lstrip("/")
        if self.site.built_files is not None:
            self._send_built(relative)
            return
        file = (self.site.frontend_dir / relative).resolve()
        # Refuse anything outside frontend/ (`/../app.py` and the like).
        if not file.is_relative_to(self.site.frontend_dir) or not file.is_file():
            self._send_plain(HTTPStatus.NOT_FOUND, "Not found.")
            return
        content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        self._send(HTTPStatus.OK, file.read_bytes(), content_type, NO_CACHE)

    def _send_built(self, key: str) -> None:
        """A file of the deploy's build, as CloudFront serves it from the site bucket."""
        file = self.site.built_files.get(key)
        if file is None:
            self._send_plain(HTTPStatus.NOT_FOUND, "Not found.")
            return
        self._send(HTTPStatus.OK, file.body, file.content_type, file.cache_control)

    def _compressed(self, body: bytes, content_type: str) -> tuple[bytes, dict[str, str]]:
        """The body as CloudFront sends it, compressed as the browser allows
        (infra/local/compression.py), and the headers that say how."""
        body, encoding = compressed(body, content_type, self.headers.get("Accept-Encoding"))
        headers = {"Vary": "Accept-Encoding"}
        if encoding:
            headers["Content-Encoding"] = encoding
        return body, headers

    def _send_plain(self, status: HTTPStatus, message: str) -> None:
        self._send(status, message.encode(), "text/plain; charset=utf-8", NO_CACHE)

    def _send(self, status: HTTPStatus, body: bytes, content_type: str, cache: str) -> None:
        body, encoding_headers = self._compressed(body, content_type)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache)
        for name, value in encoding_headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        """What http.server answers by itself (a method it has no handler for, a malformed
        request line) comes as a JSON error, like everything else the site answers; and a
        method CloudFront does not forward (TRACE, anything unknown) is refused with 403, as
        CloudFront refuses it, not 501."""
        if code == HTTPStatus.NOT_IMPLEMENTED:
            code, message = HTTPStatus.FORBIDDEN, f"The method {self.command} is not allowed."
        body = json.dumps({"Code": HTTPStatus(code).phrase.replace(" ", ""), "Message": message})
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD" and code >= HTTPStatus.OK:
            self.wfile.write(body.encode())

    def end_headers(self) -> None:
        # Every response, the API's included, carries the site's security headers, as
        # CloudFront's response headers policy adds them in AWS.
        for name, value in self.site.security_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format, *args):
        # Request lines go to the JSON log at debug level instead of raw text on stderr.
        local_logger.debug("HTTP", extra={"line": format % args})


class ApiGatewayLikeHandler(CloudFrontLikeHandler):
    """API Gateway's own address: the stage's /api/* as anyone reaches it without CloudFront, so
    without the origin's secret header and the site's security headers. Tokens are still
    verified before the API runs, as API Gateway's Cognito authorizer verifies them."""

    def route(self) -> None:
        path = urlsplit(self.path).path
        if path == API_PREFIX or path.startswith(API_PREFIX + "/"):
            super().route()
        else:
            # Outside its stage, API Gateway finds no route, and says so in its own words.
            body = api_gateway.local_response(
                "MISSING_AUTHENTICATION_TOKEN", "Missing Authentication Token"
            )
            self._send(HTTPStatus.FORBIDDEN, body, "application/json", NO_CACHE)

    do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = do_PATCH = do_OPTIONS = route  # noqa: N815

    def _refused_by_the_web_acl(self, path: str) -> bool:
        """The web ACL is CloudFront's: API Gateway's own address is not behind it."""
        return False

    def _add_origin_secret(self) -> None:
        """Nothing stands between the caller and API Gateway here: headers arrive as sent."""

    def end_headers(self) -> None:
        # CloudFront's response headers policy does not cover API Gateway's own address.
        BaseHTTPRequestHandler.end_headers(self)


def gateway_handler(
    handler_class, app_object, chalice_config, site: SiteContent, verifier, origin_secret: str
):
    """The request handler class for one of the local stack's HTTP servers (CloudFrontLikeHandler
    for the site, ApiGatewayLikeHandler for API Gateway's own address), bound to its parts."""
    return functools.partial(
        handler_class,
        app_object=app_object,
        config=chalice_config,
        site=site,
        verifier=verifier,
        origin_secret=origin_secret,
    )


def _valid_content_length(value: str | None) -> bool:
    return value is None or (value.isascii() and value.isdigit())
