"""S3's POST policy rules, enforced in front of moto for browser uploads on the local stack.

Request path: browser -> (multipart/form-data POST to the uploads bucket) -> this guard -> moto.

The API never sees the photo: it signs a POST policy and the browser posts the file straight to S3.
Real S3 then refuses any upload the policy does not allow. moto stores whatever it is sent, so
without this guard the local stack would accept uploads that AWS refuses. The guard checks what
S3 checks, in this order, and passes the request on to moto unchanged when everything holds:

1. The form parses and carries exactly one `file`, a `key` and the SigV4 fields
   (`policy`, `x-amz-algorithm`, `x-amz-credential`, `x-amz-date`, `x-amz-signature`).
2. The signature: HMAC-SHA256 of the base64 policy text, with the signing key derived from the
   secret of the access key named in `x-amz-credential` (and that credential's date and region).
3. The policy decodes (base64, then JSON) and has an `expiration` that is still in the future.
4. Every condition holds: exact matches (`{"key": "..."}` or `["eq", "$key", "..."]`),
   `["starts-with", "$key", "prefix"]`, and `["content-length-range", min, max]` against the size
   of the file itself. `bucket` is compared with the bucket the form is posted to.
5. Every form field is covered by some condition, except `x-amz-signature`, `file`, `policy` and
   fields whose names start with `x-ignore-`. Field names compare case-insensitively, values
   exactly.

Refusals use S3's status codes, error codes and messages. A page on another origin can only read
a refusal if it carries `Access-Control-Allow-Origin`; S3 adds it when the bucket's CORS rules
allow that origin to POST. The guard asks the bucket the same question a browser preflight
would (an OPTIONS request to moto), so the bucket's CORS configuration stays the single truth.

Not covered, because CloudGram does not use them: SigV2 forms, anonymous POSTs to public-write
buckets (refused here), `${filename}` in keys, and dotted bucket names in virtual-host style.
"""

import base64
import binascii
import hashlib
import hmac
import io
import ipaddress
import json
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from xml.etree import ElementTree

from werkzeug.formparser import parse_form_data
from werkzeug.test import EnvironBuilder, run_wsgi_app
from werkzeug.wrappers import Response

SIGNATURE_ALGORITHM = "AWS4-HMAC-SHA256"
REQUIRED_FIELDS = (
    "key",
    "policy",
    "x-amz-algorithm",
    "x-amz-credential",
    "x-amz-date",
    "x-amz-signature",
)
FIELDS_EXEMPT_FROM_POLICY = {"x-amz-signature", "file", "policy"}
IGNORED_FIELD_PREFIX = "x-ignore-"

SecretLookup = Callable[[str], str | None]


class PostRefused(Exception):  # noqa: N818 - a refusal, not a bug: S3 answers it to the client
    """An upload S3 would refuse; `details` become extra elements of the XML error."""

    def __init__(self, status: int, code: str, message: str, **details: object) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details


@dataclass(frozen=True)
class BrowserUpload:
    """What a browser form POST sends: the bucket it targets, its fields and its file's size."""

    bucket: str
    fields: dict[str, str]  # lower-cased field name -> value; the file is not among them
    file_size: int


class S3PostPolicyGuard:
    """WSGI middleware: refuses browser-form uploads that break their POST policy."""

    def __init__(self, app: Callable, secret_for_access_key: SecretLookup) -> None:
        self.app = app
        self.secret_for_access_key = secret_for_access_key

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        bucket = bucket_of_browser_upload(environ)
        if bucket is None:
            return self.app(environ, start_response)
        try:
            body = read_body(environ)
            check_upload(parse_upload(bucket, environ, body), self.secret_for_access_key)
        except PostRefused as refusal:
            response = s3_error_response(refusal, self.cors_headers_for(environ))
            return response(environ, start_response)
        # The body was read to check it; moto gets an identical copy to read again.
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        return self.app(environ, start_response)

    def cors_headers_for(self, environ: dict) -> dict[str, str]:
        """The CORS headers S3 would put on a response to this POST: those that the bucket's
        answer to a preflight for the same origin and method allows."""
        origin = environ.get("HTTP_ORIGIN")
        if not origin:
            return {}
        preflight = EnvironBuilder(
            method="OPTIONS",
            path=environ.get("PATH_INFO", "/"),
            base_url=f"{environ.get('wsgi.url_scheme', 'http')}://{environ.get('HTTP_HOST', '')}",
            headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
        ).get_environ()
        _, status, headers = run_wsgi_app(self.app, preflight, buffered=True)
        allowed_origin = headers.get("Access-Control-Allow-Origin")
        if status.startswith("200") and allowed_origin in (origin, "*"):
            return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}
        return {}


def bucket_of_browser_upload(environ: dict) -> str | None:
    """The bucket a browser form POST targets, or None for any other request.

    Path style (`/<bucket>`) is what boto3 signs for a custom endpoint; virtual-host style
    (`<bucket>.<host>/`) is recognised as moto recognises it: a dotted host name that is not an IP.
    """
    if environ.get("REQUEST_METHOD") != "POST":
        return None
    if not environ.get("CONTENT_TYPE", "").startswith("multipart/form-data"):
        return None
    path_segments = [segment for segment in environ.get("PATH_INFO", "").split("/") if segment]
    if path_segments:
        return path_segments[0]
    host_name = environ.get("HTTP_HOST", "").rsplit(":", 1)[0]
    if "." in host_name and not _is_ip_address(host_name):
        return host_name.split(".", 1)[0]
    return None


def _is_ip_address(host_name: str) -> bool:
    try:
        ipaddress.ip_address(host_name.strip("[]"))
    except ValueError:
        return False
    return True


def read_body(environ: dict) -> bytes:
    try:
        length = int(environ.get("CONTENT_LENGTH") or "")
    except ValueError:
        raise PostRefused(
            411, "MissingContentLength", "You must provide the Content-Length HTTP header."
        ) from None
    return environ["wsgi.input"].read(length)


def parse_upload(bucket: str, environ: dict, body: bytes) -> BrowserUpload:
    """Parse the multipart form with werkzeug, from a copy of the body."""
    parse_environ = {**environ, "wsgi.input": io.BytesIO(body), "CONTENT_LENGTH": str(len(body))}
    try:
        _, form, files = parse_form_data(parse_environ, silent=False)
    except ValueError:
        raise PostRefused(
            400,
            "MalformedPOSTRequest",
            "The body of your POST request is not well-formed multipart/form-data.",
        ) from None
    try:
        uploaded_files = files.getlist("file")
        if len(uploaded_files) != 1:
            raise PostRefused(
                400, "InvalidArgument", "POST requires exactly one file upload per request."
            )
        file_size = _size_of(uploaded_files[0].stream)
        # Any other file part is just another field the policy has to cover.
        other_file_parts = {name: "" for name in files if name != "file"}
    finally:
        for uploaded in files.values():
            uploaded.close()
    fields = {name.lower(): value for name, value in {**other_file_parts, **form}.items()}
    return BrowserUpload(bucket=bucket, fields=fields, file_size=file_size)


def _size_of(stream: io.IOBase) -> int:
    stream.seek(0, io.SEEK_END)
    return stream.tell()


def check_upload(upload: BrowserUpload, secret_for_access_key: SecretLookup) -> None:
    _check_required_fields(upload)
    _check_signature(upload, secret_for_access_key)
    policy = decode_policy(upload.fields["policy"])
    _check_not_expired(policy)
    for condition in policy["conditions"]:
        _check_condition(condition, upload)
    _check_every_field_covered(policy, upload)


def _check_required_fields(upload: BrowserUpload) -> None:
    if "policy" not in upload.fields and "x-amz-signature" not in upload.fields:
        # An unsigned POST is only allowed into a public-write bucket; ours are private.
        raise PostRefused(403, "AccessDenied", "Access Denied")
    for name in REQUIRED_FIELDS:
        if name not in upload.fields:
            raise PostRefused(
                400,
                "InvalidArgument",
                f"Bucket POST must contain a field named '{name}'. "
                "If it is specified, please check the order of the fields.",
            )
    if upload.fields["x-amz-algorithm"] != SIGNATURE_ALGORITHM:
        raise PostRefused(
            400, "InvalidArgument", f"Only {SIGNATURE_ALGORITHM} is supported as x-amz-algorithm."
        )


def _check_signature(upload: BrowserUpload, secret_for_access_key: SecretLookup) -> None:
    # x-amz-credential is "<access key>/<yyyymmdd>/<region>/<service>/aws4_request".
    credential_parts = upload.fields["x-amz-credential"].split("/")
    if len(credential_parts) != 5 or credential_parts[4] != "aws4_request":
        raise PostRefused(400, "InvalidArgument", "Error parsing the X-Amz-Credential parameter.")
    access_key, date, region, service, _ = credential_parts
    secret = secret_for_access_key(access_key)
    if secret is None:
        raise PostRefused(
            403,
            "InvalidAccessKeyId",
            "The AWS Access Key Id you provided does not exist in our records.",
        )
    expected = sigv4_signature(secret, date, region, service, upload.fields["policy"])
    if not hmac.compare_digest(expected, upload.fields["x-amz-signature"]):
        raise PostRefused(
            403,
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided. "
            "Check your key and signing method.",
        )


def sigv4_signature(secret: str, date: str, region: str, service: str, policy: str) -> str:
    """SigV4 for POST: the string to sign is the base64 policy itself."""
    signing_key = f"AWS4{secret}".encode()
    for scope_part in (date, region, service, "aws4_request"):
        signing_key = hmac.new(signing_key, scope_part.encode(), hashlib.sha256).digest()
    return hmac.new(signing_key, policy.encode(), hashlib.sha256).hexdigest()


def decode_policy(policy_base64: str) -> dict:
    try:
        policy = json.loads(base64.b64decode(policy_base64, validate=True))
    except (binascii.Error, ValueError):
        raise _invalid_policy("Invalid JSON.") from None
    if not isinstance(policy, dict):
        raise _invalid_policy("Invalid JSON.")
    if "expiration" not in policy:
        raise _invalid_policy("Policy missing expiration.")
    if not isinstance(policy.get("conditions"), list):
        raise _invalid_policy("Policy missing conditions.")
    return policy


def _invalid_policy(reason: str) -> PostRefused:
    return PostRefused(400, "InvalidPolicyDocument", f"Invalid Policy: {reason}")


def _check_not_expired(policy: dict) -> None:
    try:
        expiration = datetime.fromisoformat(policy["expiration"])
    except (TypeError, ValueError):
        raise _invalid_policy(f"Invalid 'expiration' value: '{policy['expiration']}'") from None
    if expiration.tzinfo is None:
        expiration = expiration.replace(tzinfo=UTC)
    if expiration <= datetime.now(UTC):
        raise _policy_violation("Policy expired.")


def _policy_violation(reason: str) -> PostRefused:
    return PostRefused(403, "AccessDenied", f"Invalid according to Policy: {reason}")


def _is_length_range(condition: object) -> bool:
    return isinstance(condition, list) and condition[:1] == ["content-length-range"]


def _check_condition(condition: object, upload: BrowserUpload) -> None:
    if _is_length_range(condition):
        _check_content_length(condition, upload.file_size)
        return
    operator, field_name, expected = _field_condition(condition)
    actual = _value_of(field_name, upload)
    holds = actual is not None and (
        actual == expected if operator == "eq" else actual.startswith(expected)
    )
    if not holds:
        # S3 quotes the condition in its array form, whichever form the policy used.
        failed = json.dumps([operator, f"${field_name}", expected])
        raise _policy_violation(f"Policy Condition failed: {failed}")


def _value_of(field_name: str, upload: BrowserUpload) -> str | None:
    """A field's value; `bucket` is not sent as a field but is the bucket posted to."""
    if field_name.lower() == "bucket":
        return upload.bucket
    return upload.fields.get(field_name.lower())


def _field_condition(condition: object) -> tuple[str, str, str]:
    """(operator, field name, value) of an exact-match or starts-with condition."""
    if isinstance(condition, dict) and len(condition) == 1:
        [(field_name, expected)] = condition.items()
        return "eq", field_name, str(expected)
    if (
        isinstance(condition, list)
        and len(condition) == 3
        and condition[0] in ("eq", "starts-with")
        and isinstance(condition[1], str)
        and condition[1].startswith("$")
    ):
        operator, variable, expected = condition
        return operator, variable[1:], str(expected)
    raise _invalid_policy(f"Invalid Condition: {json.dumps(condition)}")


def _check_content_length(condition: list, file_size: int) -> None:
    try:
        _, minimum, maximum = condition
        minimum, maximum = int(minimum), int(maximum)
    except (TypeError, ValueError):
        raise _invalid_policy(f"Invalid Condition: {json.dumps(condition)}") from None
    if file_size > maximum:
        raise PostRefused(
            400,
            "EntityTooLarge",
            "Your proposed upload exceeds the maximum allowed size",
            ProposedSize=file_size,
            MaxSizeAllowed=maximum,
        )
    if file_size < minimum:
        raise PostRefused(
            400,
            "EntityTooSmall",
            "Your proposed upload is smaller than the minimum allowed size",
            ProposedSize=file_size,
            MinSizeAllowed=minimum,
        )


def _check_every_field_covered(policy: dict, upload: BrowserUpload) -> None:
    covered = {
        _field_condition(condition)[1].lower()
        for condition in policy["conditions"]
        if not _is_length_range(condition)
    }
    extra = [
        name
        for name in upload.fields
        if name not in covered
        and name not in FIELDS_EXEMPT_FROM_POLICY
        and not name.startswith(IGNORED_FIELD_PREFIX)
    ]
    if extra:
        raise _policy_violation(f"Extra input fields: {', '.join(extra)}")


def s3_error_response(refusal: PostRefused, cors_headers: dict[str, str]) -> Response:
    """S3's XML error document: <Error><Code/><Message/>...<RequestId/></Error>."""
    request_id = secrets.token_hex(8).upper()
    error = ElementTree.Element("Error")
    elements = {"Code": refusal.code, "Message": refusal.message, **refusal.details}
    for tag, text in {**elements, "RequestId": request_id}.items():
        ElementTree.SubElement(error, tag).text = str(text)
    return Response(
        ElementTree.tostring(error, encoding="UTF-8", xml_declaration=True),
        status=refusal.status,
        mimetype="application/xml",
        headers={"x-amz-request-id": request_id, **cors_headers},
    )
