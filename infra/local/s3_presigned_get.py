"""Where moto's S3 hands out private objects to anyone, the local stack refuses as S3 does: an
archive of a person's data is downloaded only through the link the API signed, and only until it
expires.

S3 answers a GET of a private object only when it is signed: by an `Authorization` header (boto3
in the API and the functions) or by a presigned URL's query (`X-Amz-Signature`, with
`X-Amz-Date` and `X-Amz-Expires`: the link a person's browser follows). moto serves the object to
an unsigned GET, and to a link whose signature is wrong or whose time is up. For the exports
bucket this guard checks what S3 checks: a presigned GET must carry a SigV4 signature made with
the local credentials over the request as sent, and must not have expired; an unsigned GET is
refused. Requests with an `Authorization` header pass untouched (moto accepts any credentials,
and only the stack's own code holds them).

Request path: browser -> the local AWS endpoint (infra/local/aws_endpoint.py) -> the browser
guard (a link followed by the browser sends no Origin, so it passes there) -> this guard -> moto.
"""

import hashlib
import hmac
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, quote

from werkzeug.wrappers import Request, Response

from infra.local.s3_post_policy import sigv4_signature

# S3's own longest presigned link: seven days.
MAX_EXPIRES_SECONDS = 7 * 24 * 3600
SecretLookup = Callable[[str], str | None]


class PresignedGetGuard:
    """WSGI middleware in front of moto; see the module's docstring."""

    def __init__(self, app: Callable, secret_for_access_key: SecretLookup, bucket: str) -> None:
        self.app = app
        self.secret_for_access_key = secret_for_access_key
        self.bucket_path = f"/{bucket}/"

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        request = Request(environ)
        guarded = request.method in ("GET", "HEAD") and request.path.startswith(self.bucket_path)
        if not guarded or "authorization" in request.headers:
            return self.app(environ, start_response)
        refusal = self.refusal_of(request, datetime.now(UTC))
        if refusal is not None:
            return _s3_error(*refusal)(environ, start_response)
        return self.app(environ, start_response)

    def refusal_of(self, request: Request, now: datetime) -> tuple[str, str] | None:
        """(S3 error code, message) for a GET S3 would refuse; None for one it would answer."""
        query = dict(parse_qsl(request.query_string.decode(), keep_blank_values=True))
        if "X-Amz-Signature" not in query:
            return "AccessDenied", "Access Denied"
        try:
            signed_at = datetime.strptime(query["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
            lifetime = int(query["X-Amz-Expires"])
            access_key, date, region, service, _ = query["X-Amz-Credential"].split("/")
            signed_headers = query["X-Amz-SignedHeaders"].split(";")
        except (KeyError, ValueError):
            return "AuthorizationQueryParametersError", "The presigned query is malformed."
        if not 1 <= lifetime <= MAX_EXPIRES_SECONDS:
            return "AuthorizationQueryParametersError", "X-Amz-Expires is out of range."
        secret = self.secret_for_access_key(access_key)
        if secret is None:
            return "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist."
        string_to_sign = _string_to_sign(request, query, signed_headers, date, region, service)
        expected = sigv4_signature(secret, date, region, service, string_to_sign)
        if not hmac.compare_digest(expected, query["X-Amz-Signature"]):
            return "SignatureDoesNotMatch", "The request signature we calculated does not match."
        if now > signed_at + timedelta(seconds=lifetime):
            return "AccessDenied", "Request has expired"
        return None


def _string_to_sign(
    request: Request, query: dict, signed_headers: list[str], date: str, region: str, service: str
) -> str:
    """SigV4's string to sign for a presigned request: its canonical request (the path as sent,
    the query but the signature, the signed headers, an unsigned payload), hashed, under its
    time and scope."""
    raw_path = request.environ.get("RAW_URI", request.path).split("?", 1)[0]
    canonical_query = "&".join(
        f"{_encoded(name)}={_encoded(value)}"
        for name, value in sorted(query.items())
        if name != "X-Amz-Signature"
    )
    headers = "".join(
        f"{name}:{request.headers.get(name, '').strip()}\n" for name in signed_headers
    )
    canonical_request = "\n".join(
        [
            request.method,
            raw_path,
            canonical_query,
            headers,
            ";".join(signed_headers),
            "UNSIGNED-PAYLOAD",
        ]
    )
    scope = f"{date}/{region}/{service}/aws4_request"
    digest = hashlib.sha256(canonical_request.encode()).hexdigest()
    return f"AWS4-HMAC-SHA256\n{query['X-Amz-Date']}\n{scope}\n{digest}"


def _encoded(text: str) -> str:
    return quote(text, safe="-_.~")


def _s3_error(code: str, message: str) -> Response:
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<Error><Code>{code}</Code><Message>{message}</Message></Error>"
    )
    return Response(body, status=403, content_type="application/xml")
