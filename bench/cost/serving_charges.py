"""The bill's lines for serving people directly: CloudFront delivering the site, the images and
the API's responses to browsers (bytes out, HTTPS requests, invalidations of deleted photos),
AWS WAF inspecting every one of those requests, and Cognito signing people in. At scale these,
not the computing, are most of the bill.
"""

from bench.cost.assumptions import (
    FEED_JSON_BYTES_PER_PHOTO,
    FEED_RENDITION_BYTES,
    FULL_RENDITION_BYTES,
)
from bench.cost.charge import Charge, number
from bench.cost.month import Month
from bench.cost.prices import (
    CLOUDFRONT_PER_10000_HTTPS_REQUESTS,
    CLOUDFRONT_PER_GB_OUT,
    CLOUDFRONT_PER_INVALIDATION_PATH,
    COGNITO_PER_MONTHLY_ACTIVE_USER,
    WAF_PER_MILLION_REQUESTS,
    WAF_PER_RULE,
    WAF_PER_WEB_ACL,
)


def cloudfront_charges(month: Month) -> list[Charge]:
    code = month.code
    share_full = month.scenario.share_of_cards_loading_full
    card_bytes = share_full * FULL_RENDITION_BYTES + (1 - share_full) * FEED_RENDITION_BYTES
    page_bytes = code.page_size * FEED_JSON_BYTES_PER_PHOTO
    # A repeat visit's revalidations are answered 304, headers only: counted as nothing.
    site_bytes = code.site_bytes_first_visit
    out_bytes = (
        month.image_requests * card_bytes
        + month.pages * page_bytes
        + month.first_visits * site_bytes
    )
    return [
        Charge(
            "CloudFront, data out",
            out_bytes / 1e9,
            f"({number(month.image_requests)} images x {number(card_bytes)} B + "
            f"{number(month.pages)} pages x {page_bytes:,} B of JSON + "
            f"{number(month.first_visits)} first visits x {number(site_bytes)} B of site, "
            "compressed) / 10^9",
            "GB",
            CLOUDFRONT_PER_GB_OUT,
            allowance="CloudFront GB out",
        ),
        Charge(
            "CloudFront, HTTPS requests",
            month.cloudfront_requests,
            f"{number(month.site_requests)} site files ({number(month.first_visits)} first visits "
            f"x {code.site_files_first_visit} + {number(month.repeat_visits)} repeat visits x "
            f"{code.site_files_repeat_visit}) + {number(month.image_requests)} images "
            f"+ {number(month.api_requests)} API",
            "requests",
            CLOUDFRONT_PER_10000_HTTPS_REQUESTS,
            per=10_000,
            allowance="CloudFront requests",
        ),
        Charge(
            "CloudFront, invalidations",
            month.deletes,
            "one path per deleted photo (chalicelib/photos/cdn.py)",
            "paths",
            CLOUDFRONT_PER_INVALIDATION_PATH,
            price_unit="path",
            allowance="CloudFront invalidation paths",
        ),
    ]


def waf_charges(month: Month) -> list[Charge]:
    """The web ACL and its rules cost the same every month, used or not; and a web ACL is
    attached to a whole distribution, so it inspects every request CloudFront receives, the
    cached site files and photos as well as the API's, not only those its rules look at."""
    code = month.code
    return [
        Charge("AWS WAF, web ACL", code.web_acls, "", "web ACL", WAF_PER_WEB_ACL),
        Charge(
            "AWS WAF, rules",
            code.web_acl_rules,
            "the rules of infra/waf.yaml (a managed rule group bills as one)",
            "rules",
            WAF_PER_RULE,
            price_unit="rule",
        ),
        Charge(
            "AWS WAF, requests inspected",
            month.cloudfront_requests,
            "every request CloudFront receives",
            "requests",
            WAF_PER_MILLION_REQUESTS,
            per=1_000_000,
        ),
    ]


def cognito_charges(month: Month) -> list[Charge]:
    tier = month.cognito_tier
    return [
        Charge(
            f"Cognito, {tier.capitalize()}",
            month.scenario.monthly_active_people,
            "",
            "monthly active users",
            COGNITO_PER_MONTHLY_ACTIVE_USER[tier],
            price_unit="user",
            allowance="Cognito monthly active users",
        )
    ]
