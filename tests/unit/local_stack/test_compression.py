"""The local gateway compresses what it serves as CloudFront's `Compress: true` does
(infra/local/compression.py)."""

import gzip

import brotli
import pytest

from infra.local.compression import accepted_encodings, compressed

SCRIPT = b"export function greet(name) { return `Hello, ${name}`; }\n" * 40


def test_given_a_browser_accepting_both_then_brotli_is_chosen_and_decodes_to_the_file():
    body, encoding = compressed(SCRIPT, "text/javascript", "gzip, deflate, br, zstd")

    assert encoding == "br"
    assert brotli.decompress(body) == SCRIPT
    assert len(body) < len(SCRIPT) / 10


def test_given_gzip_only_then_gzip_the_same_bytes_every_time():
    first, encoding = compressed(SCRIPT, "application/json", "gzip")
    second, _ = compressed(SCRIPT, "application/json", "gzip")

    assert encoding == "gzip"
    assert gzip.decompress(first) == SCRIPT
    assert first == second


@pytest.mark.parametrize(
    "accept_encoding", [None, "", "identity", "br;q=0, gzip;q=0", "deflate", "br;q=oops"]
)
def test_given_no_encoding_it_may_use_then_the_body_goes_as_it_is(accept_encoding):
    assert compressed(SCRIPT, "text/css", accept_encoding) == (SCRIPT, "")


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"x" * 999, "text/html"),  # below CloudFront's 1,000 bytes
        (SCRIPT, "image/webp"),  # compressed already
        (SCRIPT, "application/octet-stream"),
    ],
)
def test_given_a_small_body_or_a_type_cloudfront_leaves_then_it_is_not_compressed(
    body, content_type
):
    assert compressed(body, content_type, "br, gzip") == (body, "")


def test_given_a_wildcard_then_both_encodings_are_allowed_but_refused_ones_stay_refused():
    assert accepted_encodings("*") == {"br", "gzip"}
    assert accepted_encodings("gzip;q=0.5, BR ;q=1") == {"gzip", "br"}
    assert accepted_encodings("br;q=0, gzip") == {"gzip"}
