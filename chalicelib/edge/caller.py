"""Who is calling: the signed-in user, taken from verified Cognito claims.

On routes guarded by Chalice's CognitoUserPoolAuthorizer, API Gateway (or the local gateway) has
verified the token and put its claims in the request context. Routes where signing in is optional
have no authorizer, so a token there is verified here before it is believed.
"""

from chalicelib.shared.errors import NotSignedInError
from chalicelib.shared.settings import load_settings
from chalicelib.shared.users import User

SESSION_INVALID_MESSAGE = "Your session has expired or is not valid. Please sign in again."


def user_from_claims(claims: dict) -> User:
    """The user the verified claims name; NotSignedInError if they name no one (a token without
    `sub` or `cognito:username` is no ID token of our pool)."""
    user_id, username = claims.get("sub"), claims.get("cognito:username")
    if not isinstance(user_id, str) or not isinstance(username, str) or not username:
        raise NotSignedInError(SESSION_INVALID_MESSAGE)
    return User(id=user_id, username=username, email=claims.get("email"))


def signed_in_user(request) -> User:
    """The user on a route that requires one; the authorizer has already verified the token."""
    return user_from_claims(request.context.get("authorizer", {}).get("claims") or {})


def signed_in_at(request) -> str | int | None:
    """When the caller last typed their password: the verified ID token's `auth_time` claim
    (seconds since 1970; API Gateway hands every claim over as a string). A refreshed token
    keeps the first sign-in's time, so only signing in again makes it recent."""
    return (request.context.get("authorizer", {}).get("claims") or {}).get("auth_time")


def optional_user(request) -> User | None:
    """The user if the request carries a valid token, None if it carries none.

    A token that is present but invalid is refused (401) rather than ignored, so the page learns
    that its session expired instead of silently seeing less.
    """
    claims = request.context.get("authorizer", {}).get("claims")
    if claims:
        return user_from_claims(claims)
    token = request.headers.get("authorization")
    if not token:
        return None
    # Imported here so routes that never see a token do not pay for PyJWT and cryptography.
    from chalicelib.edge.token_verifier import InvalidTokenError, verifier_for

    settings = load_settings()
    verifier = verifier_for(settings.jwks_url, settings.token_issuer, settings.user_pool_client_id)
    try:
        return user_from_claims(verifier.verify(token))
    except InvalidTokenError as error:
        raise NotSignedInError(SESSION_INVALID_MESSAGE) from error
