"""API unit-test fixtures: Chalice's test client over in-process moto, and real RS256 ID tokens
signed by a test key whose JWKS is served over loopback HTTP, as Cognito serves the pool's keys."""

import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from chalice.test import Client
from cryptography.hazmat.primitives.asymmetric import rsa

from chalicelib import token_verifier

KEY_ID = "test-key-1"


class SigningKeys:
    """A private key for signing tokens and its public half as a JWKS document."""

    def __init__(self) -> None:
        self.private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        public_jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.private_key.public_key()))
        self.jwks = {"keys": [{**public_jwk, "kid": KEY_ID, "alg": "RS256", "use": "sig"}]}


@pytest.fixture(scope="session")
def signing_keys():
    return SigningKeys()


@pytest.fixture(scope="session")
def jwks_url(signing_keys):
    body = json.dumps(signing_keys.jwks).encode()

    class JwksHandler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), JwksHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/.well-known/jwks.json"
    server.shutdown()
    server.server_close()


@pytest.fixture
def api_environment(local_resources, jwks_url, monkeypatch):
    monkeypatch.setenv("COGNITO_JWKS_URL", jwks_url)
    token_verifier.verifier_for.cache_clear()
    yield local_resources
    token_verifier.verifier_for.cache_clear()


@pytest.fixture
def make_token(api_environment, signing_keys):
    """Build an ID token for a user; keyword arguments override claims or the signing."""
    resources = api_environment

    def build(username="alice", sub=None, key=None, algorithm="RS256", headers=None, **claims):
        now = int(time.time())
        payload = {
            "sub": sub or str(uuid.uuid5(uuid.NAMESPACE_DNS, username)),
            "cognito:username": username,
            "email": f"{username}@example.com",
            "aud": resources.user_pool_client_id,
            "iss": f"https://cognito-idp.us-east-1.amazonaws.com/{resources.user_pool_id}",
            "token_use": "id",
            "iat": now,
            "exp": now + 3600,
            **claims,
        }
        payload = {name: value for name, value in payload.items() if value is not None}
        return jwt.encode(
            payload,
            key or signing_keys.private_key,
            algorithm=algorithm,
            headers={"kid": KEY_ID, **(headers or {})},
        )

    return build


@pytest.fixture
def api(api_environment, tmp_path):
    """Chalice's in-process test client for app.py.

    Pointed at an empty project folder: otherwise it would load .chalice/config.json and replace
    the test environment with the deployed stage's resource names.
    """
    from app import app

    with Client(app, project_dir=str(tmp_path)) as client:
        yield client


def auth(token: str) -> dict:
    return {"Authorization": token, "Content-Type": "application/json"}
