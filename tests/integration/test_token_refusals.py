"""Every route that needs a user refuses missing, malformed, forged, expired, wrong-audience and
`alg: none` tokens with API Gateway's 401, and the stack keeps serving afterwards."""

import gzip
import json
import time
from importlib import resources

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

ROUTES_NEEDING_A_USER = [("GET", "/me"), ("POST", "/photos")]
ROUTES_WITH_OPTIONAL_USER = [("GET", "/feed"), ("GET", "/photos/01JCNY0000000000000000000Z")]


def local_pool_signing_key():
    """The private key every local (moto) pool signs with: it ships inside moto. Holding it lets
    these tests make tokens whose signature is genuine but whose claims are wrong, so that the
    gateway's expiry, audience and token-use checks are tested, not only its signature check."""
    packed = resources.files("moto.cognitoidp").joinpath("resources/jwks-private.json.gz")
    key = json.loads(gzip.decompress(packed.read_bytes()))  # one JWK
    return jwt.algorithms.RSAAlgorithm.from_jwk(json.dumps(key)), key["kid"]


def validly_signed(claims: dict) -> str:
    key, key_id = local_pool_signing_key()
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": key_id})


def forged_tokens(real_token: str) -> dict[str, str]:
    claims = jwt.decode(real_token, options={"verify_signature": False})
    header = jwt.get_unverified_header(real_token)
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return {
        "expired": validly_signed({**claims, "exp": int(time.time()) - 60}),
        "other-audience": validly_signed({**claims, "aud": "another-app-client"}),
        "other-issuer": validly_signed({**claims, "iss": "https://cognito-idp.example/x"}),
        "access-token-use": validly_signed({**claims, "token_use": "access"}),
        "garbage": "garbage",
        "three-junk-parts": "a.b.c",
        "bearer-junk": "Bearer x.y.z",
        "alg-none": jwt.encode(claims, None, algorithm="none", headers={"kid": header["kid"]}),
        "signed-by-another-key": jwt.encode(
            claims, other_key, algorithm="RS256", headers={"kid": header["kid"]}
        ),
        "tampered-claims": ".".join(
            [
                real_token.split(".")[0],
                jwt.utils.base64url_encode(b'{"sub":"someone-else"}').decode(),
                real_token.split(".")[2],
            ]
        ),
    }


@pytest.mark.parametrize(("method", "path"), ROUTES_NEEDING_A_USER)
def test_given_no_token_then_401(client, method, path):
    response = client.api(method, path, json={})

    assert response.status_code == 401
    # The deployed stage's UNAUTHORIZED gateway response: the API's own error shape.
    assert response.json() == {
        "Code": "UnauthorizedError",
        "Message": "Your session has expired or is not valid. Please sign in again.",
    }


@pytest.mark.parametrize(("method", "path"), ROUTES_NEEDING_A_USER + ROUTES_WITH_OPTIONAL_USER)
def test_given_a_bad_token_then_401_on_every_route(client, user, method, path):
    for name, token in forged_tokens(user.id_token).items():
        response = client.api(method, path, token, json={})
        assert response.status_code == 401, f"{name} on {method} {path}: {response.text}"


def test_given_the_local_pool_key_then_a_correct_token_it_signs_is_accepted(client, user):
    # Guards the tests above: their refusals must come from the claims, not from a wrong key.
    claims = jwt.decode(user.id_token, options={"verify_signature": False})

    response = client.api("GET", "/me", validly_signed(claims))

    assert response.status_code == 200


def test_given_a_real_token_then_the_user_is_known(client, user):
    response = client.api("GET", "/me", user.id_token)

    assert response.status_code == 200
    assert response.json()["username"] == user.username
