"""The token verifier believes only current ID tokens signed by the pool's key for our client."""

import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from chalicelib.edge.token_verifier import CognitoTokenVerifier, InvalidTokenError
from chalicelib.shared.settings import load_settings


@pytest.fixture
def verifier(api_environment):
    settings = load_settings()
    return CognitoTokenVerifier(
        settings.jwks_url, settings.token_issuer, settings.user_pool_client_id
    )


def test_given_a_valid_id_token_then_its_claims_are_returned(verifier, make_token):
    claims = verifier.verify(make_token("alice"))

    assert claims["cognito:username"] == "alice"


def unsigned_token(claims: dict) -> str:
    return jwt.encode(claims, key=None, algorithm="none", headers={"kid": "test-key-1"})


@pytest.mark.parametrize(
    "forge",
    [
        pytest.param(lambda make: make(exp=int(time.time()) - 10), id="expired"),
        pytest.param(lambda make: make(aud="another-client"), id="other-audience"),
        pytest.param(lambda make: make(iss="https://evil.example/pool"), id="other-issuer"),
        pytest.param(lambda make: make(token_use="access"), id="access-token"),
        pytest.param(lambda make: make(sub=None, exp=None), id="missing-claims"),
        pytest.param(
            lambda make: make(key=rsa.generate_private_key(public_exponent=65537, key_size=2048)),
            id="signed-by-another-key",
        ),
        pytest.param(
            lambda make: make(headers={"kid": "unknown-key"}),
            id="unknown-key-id",
        ),
        pytest.param(
            lambda make: unsigned_token(jwt.decode(make(), options={"verify_signature": False})),
            id="alg-none",
        ),
        pytest.param(lambda make: "garbage", id="garbage"),
        pytest.param(lambda make: "", id="empty"),
        pytest.param(lambda make: "a.b.c", id="three-junk-parts"),
        pytest.param(lambda make: make() + "x", id="tampered-signature"),
    ],
)
def test_given_a_bad_token_then_it_is_refused_with_invalid_token_error(verifier, make_token, forge):
    with pytest.raises(InvalidTokenError):
        verifier.verify(forge(make_token))
