"""Every route that needs a user refuses missing, malformed, forged, expired-looking and
`alg: none` tokens with API Gateway's 401, and the stack keeps serving afterwards."""

import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

ROUTES_NEEDING_A_USER = [("GET", "/me"), ("POST", "/photos")]
ROUTES_WITH_OPTIONAL_USER = [("GET", "/feed"), ("GET", "/photos/01JCNY0000000000000000000Z")]


def forged_tokens(real_token: str) -> dict[str, str]:
    claims = jwt.decode(real_token, options={"verify_signature": False})
    header = jwt.get_unverified_header(real_token)
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return {
        "garbage": "garbage",
        "three-junk-parts": "a.b.c",
        "bearer-junk": "Bearer x.y.z",
        "alg-none": jwt.encode(claims, None, algorithm="none", headers={"kid": header["kid"]}),
        "signed-by-another-key": jwt.encode(
            claims, other_key, algorithm="RS256", headers={"kid": header["kid"]}
        ),
        "expired-and-re-signed": jwt.encode(
            {**claims, "exp": int(time.time()) - 60},
            other_key,
            algorithm="RS256",
            headers={"kid": header["kid"]},
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
def test_given_no_token_then_401(browser, method, path):
    response = browser.api(method, path, json={})

    assert response.status_code == 401
    assert response.json() == {"message": "Unauthorized"}


@pytest.mark.parametrize(("method", "path"), ROUTES_NEEDING_A_USER + ROUTES_WITH_OPTIONAL_USER)
def test_given_a_bad_token_then_401_on_every_route(browser, user, method, path):
    for name, token in forged_tokens(user.id_token).items():
        response = browser.api(method, path, token, json={})
        assert response.status_code == 401, f"{name} on {method} {path}: {response.text}"


def test_given_a_real_token_then_the_user_is_known(browser, user):
    response = browser.api("GET", "/me", user.id_token)

    assert response.status_code == 200
    assert response.json()["username"] == user.username
