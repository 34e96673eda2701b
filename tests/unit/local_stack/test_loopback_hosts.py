"""Which `Host` headers the local stack answers: loopback names and addresses, with or without a
port, and nothing a web page could have pointed at this machine by DNS rebinding."""

import pytest

from infra.local.loopback_hosts import is_loopback_host


@pytest.mark.parametrize(
    "host",
    [
        "localhost",
        "localhost:8000",
        "LocalHost:8000",
        "127.0.0.1",
        "127.0.0.1:54321",
        "127.1.2.3:80",
        "[::1]",
        "[::1]:8000",
        None,  # HTTP/1.0 without a Host: never a browser
    ],
)
def test_given_a_loopback_name_or_address_then_it_is_answered(host):
    assert is_loopback_host(host)


@pytest.mark.parametrize(
    "host",
    [
        "rebound.example",
        "rebound.example:8000",
        "localhost.rebound.example:8000",
        "127.0.0.1.rebound.example",
        "0.0.0.0:8000",
        "10.0.0.7:8000",
        "[::ffff:7f00:1]:8000",  # 127.0.0.1 mapped into IPv6: no loopback name a page uses
        "[::]:8000",
        "::1",  # a bare IPv6 address is no valid Host header
        "localhost:8000@rebound.example",
    ],
)
def test_given_any_other_host_then_it_is_refused(host):
    assert not is_loopback_host(host)
