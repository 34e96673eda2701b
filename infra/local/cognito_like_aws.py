"""Where moto's Cognito falls short of Cognito: how long its tokens live.

moto signs every ID and access token for an hour, whatever the app client says. CloudGram's app
client gives them 15 minutes (infra/template.yaml; docs/design-decisions.md, record 11, says
why) and the page refreshes them before they expire (frontend/js/services/session.js). Locally,
with moto's hour, a token that Cognito would have let expire would go on working, and the page
would plan its refreshes by a lifetime that AWS never gives it.

`install()` makes moto's user pools sign each token for as long as its app client says
(`IdTokenValidity`, `AccessTokenValidity`, in `TokenValidityUnits`), as Cognito does. The token's
`exp` claim and the sign-in's `ExpiresIn` (the access token's lifetime, in Cognito as here)
follow from it, so the local gateway refuses an expired token as API Gateway would
(infra/local/token_authorizer.py).

What stays as moto has it: a refresh token never expires (Cognito's lasts RefreshTokenValidity,
30 days; a local stack lives for hours), and calls that take an access token (GetUser,
GlobalSignOut) accept an expired one; the page makes none of them.
"""

from moto.cognitoidp.models import CognitoIdpUserPool

# moto's own, which the replacement calls with the lifetime worked out.
ORIGINAL_CREATE_JWT = CognitoIdpUserPool.create_jwt

SECONDS_PER_UNIT = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}
# The app client's settings for each kind of token: (its lifetime, its key in TokenValidityUnits).
VALIDITY_SETTINGS = {
    "id": ("IdTokenValidity", "IdToken"),
    "access": ("AccessTokenValidity", "AccessToken"),
}
# Cognito's defaults: an hour when the client names no lifetime; hours when it names no unit.
DEFAULT_LIFETIME_SECONDS = 3600
DEFAULT_UNIT = "hours"


def install() -> None:
    """Put `create_jwt_as_the_client_says` in place of moto's, in this process."""
    CognitoIdpUserPool.create_jwt = create_jwt_as_the_client_says


def token_lifetime_seconds(client_settings: dict, token_use: str) -> int:
    """How long Cognito makes a token of `token_use` ("id" or "access") live for an app client
    created with `client_settings`."""
    validity_setting, unit_key = VALIDITY_SETTINGS[token_use]
    validity = client_settings.get(validity_setting)
    if validity is None:
        return DEFAULT_LIFETIME_SECONDS
    unit = (client_settings.get("TokenValidityUnits") or {}).get(unit_key, DEFAULT_UNIT)
    return int(validity) * SECONDS_PER_UNIT[unit]


def create_jwt_as_the_client_says(
    pool: CognitoIdpUserPool,
    client_id: str,
    username: str,
    token_use: str,
    expires_in: int | None = None,
    extra_data: dict | None = None,
) -> tuple[str, int]:
    """moto's create_jwt, for the lifetime the app client gives this kind of token (moto's
    callers name none, and moto would use an hour)."""
    client = pool.clients.get(client_id)
    if expires_in is None and client is not None and token_use in VALIDITY_SETTINGS:
        expires_in = token_lifetime_seconds(client.extended_config, token_use)
    if expires_in is None:
        return ORIGINAL_CREATE_JWT(pool, client_id, username, token_use, extra_data=extra_data)
    return ORIGINAL_CREATE_JWT(pool, client_id, username, token_use, expires_in, extra_data)
