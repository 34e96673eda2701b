"""Verifies Cognito ID tokens: signature against the pool's JWKS, issuer, audience, expiry, use.

Who calls it: in AWS, API Gateway's Cognito authorizer verifies tokens on routes that require a
user, and the API calls this module only for routes where signing in is optional (so an owner can
see their own pending photo). Locally, the local stack's gateway calls it for every route, doing
what API Gateway would. Anything that is not a valid, current ID token from our pool and app
client raises `InvalidTokenError`, never anything else.
"""

import functools

import jwt

# Cognito signs with RS256 only. Naming the algorithm refuses `alg: none` and HMAC tricks.
ACCEPTED_ALGORITHMS = ["RS256"]
REQUIRED_CLAIMS = ["exp", "iat", "iss", "sub", "aud", "token_use", "cognito:username"]
JWKS_CACHE_SECONDS = 3600


class InvalidTokenError(Exception):
    """The token must not be trusted; the message says why, for logs (never for the client)."""


class CognitoTokenVerifier:
    def __init__(self, jwks_url: str, issuer: str, client_id: str) -> None:
        self._issuer = issuer
        self._client_id = client_id
        # PyJWKClient caches the key set, so only a new key id costs a fetch.
        self._jwks_client = jwt.PyJWKClient(jwks_url, lifespan=JWKS_CACHE_SECONDS)

    def verify(self, token: str) -> dict:
        """Return the token's claims, or raise InvalidTokenError."""
        try:
            signing_key = self._jwks_client.get_signing_key_from_jwt(token)
            claims = jwt.decode(
                token,
                signing_key.key,
                algorithms=ACCEPTED_ALGORITHMS,
                audience=self._client_id,
                issuer=self._issuer,
                options={"require": REQUIRED_CLAIMS},
            )
        except (jwt.PyJWTError, ValueError, TypeError) as error:
            raise InvalidTokenError(str(error)) from error
        if claims.get("token_use") != "id":
            raise InvalidTokenError("not an ID token")
        return claims


@functools.cache
def verifier_for(jwks_url: str, issuer: str, client_id: str) -> CognitoTokenVerifier:
    """One verifier (and so one key cache) per pool and client, for the process's lifetime."""
    return CognitoTokenVerifier(jwks_url, issuer, client_id)
