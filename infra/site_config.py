"""The page's runtime settings, `/config.json`: everything a client needs to find the API, the
media and Cognito, and the user pool's password rules, which the page checks as a new password
is typed (frontend/js/helpers/password-rules.js). The deploy driver writes it to the site bucket;
the local stack serves it.
"""

from chalicelib.people.profile_edits import BIO_MAX_LENGTH, DISPLAY_NAME_MAX_LENGTH
from chalicelib.shared.settings import (
    ALLOWED_CONTENT_TYPES,
    ALT_TEXT_MAX_LENGTH,
    CAPTION_MAX_LENGTH,
)
from infra.local.resource_definitions import PASSWORD_POLICY


def site_config(
    *,
    region: str,
    user_pool_id: str,
    user_pool_client_id: str,
    cognito_endpoint: str,
    max_upload_bytes: int,
    local: bool,
) -> dict:
    return {
        "apiBase": "/api",
        "mediaBase": "/media",
        "region": region,
        "cognito": {
            "userPoolId": user_pool_id,
            "clientId": user_pool_client_id,
            "endpoint": cognito_endpoint,
            "passwordPolicy": page_password_policy(PASSWORD_POLICY),
        },
        "limits": {
            "maxUploadBytes": max_upload_bytes,
            "contentTypes": list(ALLOWED_CONTENT_TYPES),
            "captionMaxLength": CAPTION_MAX_LENGTH,
            "altTextMaxLength": ALT_TEXT_MAX_LENGTH,
            "displayNameMaxLength": DISPLAY_NAME_MAX_LENGTH,
            "bioMaxLength": BIO_MAX_LENGTH,
        },
        "local": local,
    }


def page_password_policy(pool_policy: dict) -> dict:
    """The rules of a user pool's PasswordPolicy that a new password must meet, named as the page
    names its settings. (TemporaryPasswordValidityDays concerns passwords an administrator sets,
    which CloudGram never does.) A test holds them to infra/template.yaml's pool."""
    return {
        "minimumLength": pool_policy["MinimumLength"],
        "requireLowercase": pool_policy["RequireLowercase"],
        "requireUppercase": pool_policy["RequireUppercase"],
        "requireNumbers": pool_policy["RequireNumbers"],
        "requireSymbols": pool_policy["RequireSymbols"],
    }
