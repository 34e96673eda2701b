"""Cognito's JSON API called as the page calls it: unsigned, from the site's origin, through the
local stack's endpoint and its browser guard (infra/local/browser_access.py)."""

import json

import requests

from tests.support.fake_aws import SITE_ORIGIN


def from_the_page(site_endpoint, operation, body) -> requests.Response:
    """A Cognito call as the page sends it: unsigned JSON from the site's origin."""
    return requests.post(
        site_endpoint + "/",
        data=json.dumps(body),
        headers={
            "Origin": SITE_ORIGIN,
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": f"AWSCognitoIdentityProviderService.{operation}",
        },
        timeout=5,
    )
