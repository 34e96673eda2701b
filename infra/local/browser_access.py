"""What a web page may ask of the local AWS endpoint: only what CloudGram's own page needs.

Request path: browser -> this guard -> the S3 POST policy guard -> moto. boto3 in the API and
the worker sends no `Origin` header and passes untouched.

moto answers every origin's CORS preflight and adds `Access-Control-Allow-Origin: *` to its
answers, so without this guard any web page open in the developer's browser could, through the
local endpoint, write to the media bucket or list every user with their e-mail. In AWS those
calls need credentials a page never has; locally they need none. So a request carrying an
`Origin` is let through only when it comes from the site's own origin and is one of the calls
the page makes:

- Cognito's JSON API for the person's own account: SignUp, ConfirmSignUp,
  ResendConfirmationCode, InitiateAuth, RevokeToken; ForgotPassword and ConfirmForgotPassword
  ("Forgot password?" on the sign-in form); ChangePassword and GlobalSignOut (the account
  settings, with the person's access token) (POST / as `application/x-amz-json-1.1`, told apart
  by `X-Amz-Target`);
- the presigned POST of a photo to the uploads bucket (POST /<uploads bucket> as
  `multipart/form-data`, the form S3's POST policy guards);
- and the CORS preflights of those two.

None of them has a query string. That matters: S3 tells many operations apart by theirs alone,
and some need no preflight. A page may send a plain-text POST to `/<uploads bucket>?delete`
without asking first, and S3 reads it as DeleteObjects, so letting every POST to the bucket's
path through would let a page delete uploads. What a page may send is therefore matched by method,
path, content type and the absence of a query, not by path alone.

Everything else from a browser gets 403, and so does every browser request to the local DynamoDB
endpoint, which the page never calls. Before any of that, a request whose `Host` is not a
loopback name gets 403 whether it has an `Origin` or not: it comes from a page that pointed its
own domain name at this machine (infra/local/loopback_hosts.py). The guard also plays Cognito's
RevokeToken, which moto lacks (see `TokenRevocations`).
"""

import io
import json
from collections.abc import Callable, Iterable

from werkzeug.wrappers import Request, Response

from infra.local.loopback_hosts import is_loopback_host

COGNITO_TARGET_PREFIX = "AWSCognitoIdentityProviderService."
PAGE_COGNITO_OPERATIONS = {
    "SignUp",
    "ConfirmSignUp",
    "ResendConfirmationCode",
    "InitiateAuth",
    "RevokeToken",
    "ForgotPassword",
    "ConfirmForgotPassword",
    "ChangePassword",
    "GlobalSignOut",
}
# What the page's requests carry beyond CORS-safe headers.
PAGE_REQUEST_HEADERS = {"content-type", "x-amz-target", "x-amz-user-agent"}
COGNITO_JSON = "application/x-amz-json-1.1"
# How a browser sends a presigned POST (the page's FormData).
UPLOAD_FORM = "multipart/form-data"


class TokenRevocations:
    """Cognito's RevokeToken, locally: a revoked refresh token can no longer buy new tokens.

    The user pool client has token revocation on (infra/template.yaml), so in AWS signing out
    revokes the refresh token and a copy stolen earlier dies with the session. moto has no
    RevokeToken; this keeps the revoked tokens and refuses them in InitiateAuth's refresh flow.
    As in AWS, ID tokens already issued stay valid until they expire: API Gateway checks their
    signature and expiry, not revocation.
    """

    def __init__(self) -> None:
        self._revoked: set[str] = set()

    def revoke(self, body: dict) -> Response:
        token = body.get("Token")
        if not isinstance(token, str) or not token or not body.get("ClientId"):
            return _cognito_error("InvalidParameterException", "Token and ClientId are required.")
        self._revoked.add(token)
        return Response("{}", status=200, content_type=COGNITO_JSON)

    def refused_refresh(self, body: dict) -> Response | None:
        parameters = body.get("AuthParameters") or {}
        if body.get("AuthFlow") == "REFRESH_TOKEN_AUTH" and (
            parameters.get("REFRESH_TOKEN") in self._revoked
        ):
            return _cognito_error("NotAuthorizedException", "Refresh Token has been revoked")
        return None


class BrowserAccessGuard:
    """WSGI middleware in front of the local AWS endpoint; see the module's docstring."""

    def __init__(self, app, site_origins: list[str], uploads_bucket: str | None) -> None:
        self.app = app
        self.site_origins = set(site_origins)
        # No uploads bucket (the DynamoDB endpoint): no path takes the page's uploads.
        self.uploads_path = f"/{uploads_bucket}" if uploads_bucket else None
        self.revocations = TokenRevocations()

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        request = Request(environ)
        if not is_loopback_host(environ.get("HTTP_HOST")):
            return _refusal(
                "The local AWS endpoint answers only requests addressed to localhost or a "
                "loopback address."
            )(environ, start_response)
        cognito_call = self._cognito_call(request)
        if cognito_call is not None:
            operation, body = cognito_call
            if operation == "RevokeToken":
                return self._with_cors(self.revocations.revoke(body), request)(
                    environ, start_response
                )
            if operation == "InitiateAuth":
                refused = self.revocations.refused_refresh(body)
                if refused is not None:
                    return self._with_cors(refused, request)(environ, start_response)
        origin = request.headers.get("Origin")
        if origin is None or self._page_may(request, origin, cognito_call):
            return self.app(environ, start_response)
        refusal = _refusal(
            "Only CloudGram's own page may call the local AWS endpoint from a browser, and only "
            "for the person's own account and photo uploads."
        )
        return refusal(environ, start_response)

    def _page_may(self, request: Request, origin: str, cognito_call) -> bool:
        if origin not in self.site_origins or request.query_string:
            return False
        path = request.path.rstrip("/") or "/"
        if request.method == "OPTIONS":
            return self._allowed_preflight(request, path)
        if request.method != "POST":
            return False
        if path == self.uploads_path:
            return request.mimetype == UPLOAD_FORM
        return (
            path == "/"
            and request.mimetype == COGNITO_JSON
            and cognito_call is not None
            and cognito_call[0] in PAGE_COGNITO_OPERATIONS
        )

    def _allowed_preflight(self, request: Request, path: str) -> bool:
        method = request.headers.get("Access-Control-Request-Method", "")
        asked = request.headers.get("Access-Control-Request-Headers", "")
        headers = {name.strip().lower() for name in asked.split(",") if name.strip()}
        return (
            path in ("/", self.uploads_path)
            and method == "POST"
            and headers <= PAGE_REQUEST_HEADERS
        )

    def _cognito_call(self, request: Request) -> tuple[str, dict] | None:
        """(operation, JSON body) of a Cognito JSON API call, or None for anything else."""
        target = request.headers.get("X-Amz-Target", "")
        if request.method != "POST" or not target.startswith(COGNITO_TARGET_PREFIX):
            return None
        try:
            body = json.loads(request.get_data(cache=True) or b"{}")
        except (ValueError, RecursionError):
            body = {}
        # moto reads the body again: hand it the bytes already read.
        request.environ["wsgi.input"] = io.BytesIO(request.get_data(cache=True))
        return target.removeprefix(COGNITO_TARGET_PREFIX), body if isinstance(body, dict) else {}

    def _with_cors(self, response: Response, request: Request) -> Response:
        origin = request.headers.get("Origin")
        if origin in self.site_origins:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Vary"] = "Origin"
        return response


def _refusal(message: str) -> Response:
    return Response(message, status=403, content_type="text/plain; charset=utf-8")


def _cognito_error(error_type: str, message: str) -> Response:
    body = json.dumps({"__type": error_type, "message": message})
    response = Response(body, status=400, content_type=COGNITO_JSON)
    response.headers["x-amzn-ErrorType"] = error_type
    return response
