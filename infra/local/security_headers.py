"""The security headers of every response the site sends, as the local gateway sends them.

In AWS they come from CloudFront's response headers policy (SecurityHeadersPolicy in
infra/template.yaml); a test holds the two together, directive by directive, so every browser
test runs the page under the very Content-Security-Policy it gets in production. The one
difference is where the page may connect: in AWS, Cognito's and the uploads bucket's addresses;
locally, the local AWS endpoint that stands in for both. HSTS is sent over HTTPS only, as
browsers ignore it on plain HTTP (and a local stack has no certificate).
"""

# The Content-Security-Policy, less `connect-src`, whose sources depend on where AWS is.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    # The installable app's web manifest and service worker (/sw.js): default-src already allows
    # them from the site alone, and these say so where it can be read.
    "manifest-src 'self'",
    "worker-src 'self'",
)
CONNECT_SOURCES_OF_THE_SITE = "'self'"
STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains"


def security_headers(aws_origin: str) -> dict[str, str]:
    """The headers for a plain-HTTP local site whose page talks to AWS at `aws_origin`."""
    policy = [*CONTENT_SECURITY_POLICY]
    policy.insert(4, f"connect-src {CONNECT_SOURCES_OF_THE_SITE} {aws_origin}")
    return {
        "Content-Security-Policy": "; ".join(policy),
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "strict-origin-when-cross-origin",
    }
