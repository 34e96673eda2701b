"""The page's runtime settings, `/config.json`: everything a client needs to find the API, the
media and Cognito. The deploy driver writes it to the site bucket; the local stack serves it.
"""

from chalicelib.shared.settings import ALLOWED_CONTENT_TYPES, CAPTION_MAX_LENGTH


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
        },
        "limits": {
            "maxUploadBytes": max_upload_bytes,
            "contentTypes": list(ALLOWED_CONTENT_TYPES),
            "captionMaxLength": CAPTION_MAX_LENGTH,
        },
        "local": local,
    }
