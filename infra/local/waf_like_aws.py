"""AWS WAF in front of the local CloudFront: the web ACL's rate limit per address, played from
infra/waf.yaml itself, so the local stack refuses what the deployed web ACL would refuse.

The rule played is `api-requests-per-address`: at most `Limit` requests whose path starts with
one of its prefixes (`/api/`, and `/p/` for photo pages, which the API answers) from one client
address in any `EvaluationWindowSec` seconds; beyond that, the rule's custom response (429, with
the TooManyRequests body in the API's `{Code, Message}` shape).
AWS counts approximately and applies the limit near it rather than exactly; here the count is
exact, over a sliding window.

Not played: AWS's common rule set (AWSManagedRulesCommonRuleSet). Its rules are AWS's own and not
published as code, so a local copy would be a guess; the local stack lets through what they
would refuse (a caption holding `<script>`, say), and docs/deploying.md says so.

Locally every browser tab, test and benchmark shares one address, 127.0.0.1, as many people
behind one office's network share one in AWS: the test suite and the benchmarks, which send far
more than a person does, raise the limit with LOCAL_WAF_API_LIMIT.

Request path: browser -> the local CloudFront (infra/local/gateway.py) -> here -> /api/* and /p/*
to the API. API Gateway's own address is not behind the web ACL, in AWS or here.
"""

import threading
import time
from collections import defaultdict, deque
from pathlib import Path

from infra.template_file import load_template

WAF_TEMPLATE_PATH = Path(__file__).resolve().parents[1] / "waf.yaml"
RATE_RULE_NAME = "api-requests-per-address"


class RateLimitPerAddress:
    """One rate-based rule: requests under any of `path_prefixes`, counted per client address
    over the last `window_seconds`; the one past `limit` is refused."""

    def __init__(
        self,
        limit: int,
        window_seconds: int,
        path_prefixes: tuple[str, ...],
        status: int,
        body: str,
    ) -> None:
        self.limit = limit
        self.window_seconds = window_seconds
        self.path_prefixes = path_prefixes
        self.status = status
        self.body = body
        self._seen: dict[str, deque] = defaultdict(deque)
        # The gateway serves requests on many threads at once.
        self._lock = threading.Lock()

    def refuses(self, address: str, path: str, now: float | None = None) -> bool:
        """Whether this request is refused; every request under a prefix counts, refused or
        not, as WAF counts what it sees."""
        if not path.startswith(self.path_prefixes):
            return False
        now = time.monotonic() if now is None else now
        with self._lock:
            seen = self._seen[address]
            while seen and seen[0] <= now - self.window_seconds:
                seen.popleft()
            seen.append(now)
            return len(seen) > self.limit


def rate_limit_from_template(
    limit_override: int | None = None, template_path: Path = WAF_TEMPLATE_PATH
) -> RateLimitPerAddress:
    """The web ACL's rate rule as infra/waf.yaml writes it; `limit_override` replaces only its
    limit (LOCAL_WAF_API_LIMIT)."""
    web_acl = load_template(template_path)["Resources"]["WebAcl"]["Properties"]
    rule = next(rule for rule in web_acl["Rules"] if rule["Name"] == RATE_RULE_NAME)
    rate = rule["Statement"]["RateBasedStatement"]
    scope = rate["ScopeDownStatement"]["OrStatement"]["Statements"]
    response = rule["Action"]["Block"]["CustomResponse"]
    body = web_acl["CustomResponseBodies"][response["CustomResponseBodyKey"]]["Content"]
    return RateLimitPerAddress(
        limit=limit_override or rate["Limit"],
        window_seconds=rate["EvaluationWindowSec"],
        path_prefixes=tuple(match["ByteMatchStatement"]["SearchString"] for match in scope),
        status=response["ResponseCode"],
        body=body,
    )
