"""The local stack's CloudFront has AWS WAF's rate limit in front of it, as the deployed one has:
one address's requests that reach the API (its own, and photo pages) past the limit get the web
ACL's 429 in the API's error shape, while the site's files and API Gateway's own address (not
behind the web ACL) are untouched. On a stack
of its own with a limit of a few requests, so a test reaches it."""

import requests

from tests.support.local_stack import TEST_SETTINGS, running_local_stack

LIMIT = 5
PHOTO_PAGE = "/p/01JCNY0000000000000000000Z"


def test_given_more_api_requests_than_the_web_acls_limit_then_the_next_gets_its_429():
    with running_local_stack({**TEST_SETTINGS, "LOCAL_WAF_API_LIMIT": str(LIMIT)}) as stack:
        paths = ["/api/feed"] * (LIMIT - 1) + [PHOTO_PAGE]
        allowed = [requests.get(f"{stack.site_url}{path}", timeout=10) for path in paths]
        refused = requests.get(f"{stack.site_url}/api/feed", timeout=10)
        refused_page = requests.get(f"{stack.site_url}{PHOTO_PAGE}", timeout=10)
        site_file = requests.get(f"{stack.site_url}/js/main.js", timeout=10)
        around_cloudfront = requests.get(f"{stack.api_url}/api/feed", timeout=10)

        # A photo page that names no photo is answered (404, the plain page), and counted.
        assert [answer.status_code for answer in allowed] == [200] * (LIMIT - 1) + [404]
        assert refused.status_code == refused_page.status_code == 429
        assert refused.json()["Code"] == "TooManyRequestsError"
        assert "Wait a minute" in refused.json()["Message"]
        assert site_file.status_code == 200
        # API Gateway's own address is not behind the web ACL; the API refuses it by itself.
        assert around_cloudfront.status_code == 403
        assert around_cloudfront.json()["Code"] == "ForbiddenError"
