"""The API answers only requests that came through CloudFront, so nobody can go around AWS WAF
(in front of CloudFront, infra/waf.yaml) by calling API Gateway's own `execute-api` address.

CloudFront adds a secret header, ORIGIN_SECRET_HEADER, to every request it sends to the API
(`OriginCustomHeaders` in infra/template.yaml); the deploy driver makes the secret once and keeps
it in SSM Parameter Store (infra/deploy/origin_secret.py). The API is given not the secret but its
SHA-256 (`ORIGIN_SECRET_SHA256`, written into .chalice/config.json by the deploy): a digest in a
file reveals nothing a caller could send, and checking a request costs one hash, no AWS call.
chalicelib/edge/middleware.py refuses, with a 403, every request whose header does not hash to it.

Locally the gateway plays CloudFront and adds the header (infra/local/gateway.py), and API
Gateway's own address is played too, without it, so the refusal can be seen and tested.
"""

import hashlib
import hmac

ORIGIN_SECRET_HEADER = "x-origin-verify"
NOT_THROUGH_THE_SITE_MESSAGE = (
    "CloudGram's API answers only through the site's own address, not API Gateway's."
)


def secret_digest(secret: str) -> str:
    """The SHA-256 of the secret, in hex: what the API is given to check the header against."""
    return hashlib.sha256(secret.encode()).hexdigest()


def came_through_cloudfront(header_value: str | None, expected_digest: str) -> bool:
    """Whether the header holds the secret whose digest the API was given. Without a digest
    nothing passes: a stage deployed without one refuses everything rather than nothing."""
    if not header_value or not expected_digest:
        return False
    # A comparison that takes as long however early the digests differ.
    return hmac.compare_digest(secret_digest(header_value), expected_digest)
