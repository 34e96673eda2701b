"""The local stack answers only requests addressed to a loopback name: DNS rebinding, refused.

Request path: browser -> a local server's first check (the gateway, infra/local/gateway.py, and
the local AWS endpoints' BrowserAccessGuard, infra/local/browser_access.py) -> the rest.

Listening on 127.0.0.1 keeps other machines out, but not web pages open on this one. A page on
any site can point its own domain name at 127.0.0.1 once it has loaded (DNS rebinding: the name
first resolves to the attacker's server, which serves the page, then, when the browser asks
again, to 127.0.0.1). From then on the page's requests to its own name reach the local server as
requests to the page's own origin: no CORS, no `Origin` header on a GET, every answer readable
by the page, so the origin checks never see them. What still gives them away is the `Host`
header, which names the attacker's domain. So the local servers answer 403 to any `Host` that is
not `localhost` or a loopback address (127.0.0.0/8, `[::1]`), with or without a port.

boto3 in the API, the worker and the tests addresses the local endpoints as `127.0.0.1:<port>`
or `localhost:<port>`, and the page as the address `make dev` prints, so all of them pass. A
request with no `Host` at all passes too: only an HTTP/1.0 client leaves it out, never a browser.
"""

import ipaddress

LOOPBACK_NAME = "localhost"


def is_loopback_host(host: str | None) -> bool:
    """True when a `Host` header (`name`, `name:port`, `[v6 address]:port`) names this machine
    by a loopback name or address, or is missing."""
    if not host:
        return True
    if host.startswith("["):
        name, _, port = host[1:].partition("]")
        port = port.removeprefix(":")
    else:
        name, _, port = host.partition(":")
    if port and not (port.isascii() and port.isdigit()):
        return False
    if name.lower() == LOOPBACK_NAME:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False
