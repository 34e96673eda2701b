"""The local web ACL plays the deployed one's rate limit, read from infra/waf.yaml itself: per
address, requests that reach the API only (its own, and photo pages), over a sliding window."""

from infra.local.waf_like_aws import (
    WAF_TEMPLATE_PATH,
    RateLimitPerAddress,
    rate_limit_from_template,
)
from infra.template_file import load_template


def a_limit(limit=3, window_seconds=60) -> RateLimitPerAddress:
    return RateLimitPerAddress(
        limit, window_seconds, ("/api/", "/p/"), 429, '{"Code":"x","Message":"y"}'
    )


def test_given_the_template_then_the_local_rule_is_its_rule():
    rule = rate_limit_from_template()
    web_acl = load_template(WAF_TEMPLATE_PATH)["Resources"]["WebAcl"]["Properties"]

    assert (rule.limit, rule.window_seconds, rule.path_prefixes, rule.status) == (
        300,
        60,
        ("/api/", "/p/"),
        429,
    )
    assert rule.body == web_acl["CustomResponseBodies"]["TooManyRequests"]["Content"]
    assert rate_limit_from_template(limit_override=5).limit == 5


def test_given_more_api_requests_than_the_limit_from_one_address_then_the_next_is_refused():
    rule = a_limit(limit=3)

    paths = ["/api/feed", "/p/01JCNY0000000000000000000Z", "/api/me", "/api/feed"]
    answers = [rule.refuses("10.0.0.1", path, now=second) for second, path in enumerate(paths)]

    # Photo pages count with the API's requests: the API answers them.
    assert answers == [False, False, False, True]
    assert not rule.refuses("10.0.0.2", "/api/feed", now=4)  # another address has its own count
    assert not rule.refuses("10.0.0.1", "/js/main.js", now=4)  # the site's files are not counted


def test_given_a_window_that_has_passed_then_its_requests_no_longer_count():
    rule = a_limit(limit=2, window_seconds=60)
    rule.refuses("10.0.0.1", "/api/feed", now=0)
    rule.refuses("10.0.0.1", "/api/feed", now=30)

    assert rule.refuses("10.0.0.1", "/api/feed", now=59)  # refused, and counted, as WAF counts
    # At 91 s the window holds the requests of 59 s and 91 s: two, within the limit.
    assert not rule.refuses("10.0.0.1", "/api/feed", now=91)
