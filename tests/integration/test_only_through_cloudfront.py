"""The API answers only through the site (CloudFront's stand-in), never on API Gateway's own
address: requests that go around the gateway, and with it around AWS WAF in AWS, lack the
origin's secret header and are refused, whatever token they carry."""

import requests

from chalicelib.edge.origin_check import NOT_THROUGH_THE_SITE_MESSAGE, ORIGIN_SECRET_HEADER

REFUSAL = {"Code": "ForbiddenError", "Message": NOT_THROUGH_THE_SITE_MESSAGE}


def straight_to_api_gateway(local_stack, method: str, path: str, headers=None, **kwargs):
    return requests.request(
        method, f"{local_stack.api_url}/api{path}", headers=headers or {}, timeout=10, **kwargs
    )


def test_given_the_same_request_then_the_site_answers_and_api_gateways_address_refuses(
    client, local_stack
):
    through_the_site = client.api("GET", "/feed")
    around_it = straight_to_api_gateway(local_stack, "GET", "/feed")

    assert through_the_site.status_code == 200
    assert around_it.status_code == 403
    assert around_it.json() == REFUSAL
    # API Gateway's address is not the site: CloudFront's security headers are not there.
    assert "Content-Security-Policy" not in around_it.headers


def test_given_a_guessed_origin_header_then_api_gateways_address_still_refuses(local_stack):
    response = straight_to_api_gateway(
        local_stack, "GET", "/feed", headers={ORIGIN_SECRET_HEADER: "a guess"}
    )

    assert response.status_code == 403


def test_given_a_signed_in_route_without_a_token_then_the_authorizer_refuses_first(local_stack):
    # As in AWS, the Cognito authorizer runs before the API: a request without a token never
    # reaches the API, so it is refused as unauthenticated, not as having gone around CloudFront.
    response = straight_to_api_gateway(local_stack, "GET", "/me")

    assert response.status_code == 401
    assert response.json()["Code"] == "UnauthorizedError"


def test_given_a_valid_token_then_api_gateways_address_still_refuses(local_stack, user):
    response = straight_to_api_gateway(
        local_stack, "POST", "/photos", {"Authorization": user.id_token}, json={}
    )

    assert response.status_code == 403
    assert response.json() == REFUSAL


def test_given_a_browser_sending_the_header_itself_then_the_site_replaces_it(client, user):
    response = client.http.get(
        f"{client.site_url}/api/me",
        headers={"Authorization": user.id_token, ORIGIN_SECRET_HEADER: "made up"},
        timeout=10,
    )

    assert response.status_code == 200


def test_given_a_path_outside_the_stage_then_api_gateways_address_finds_no_route(local_stack):
    response = requests.get(f"{local_stack.api_url}/index.html", timeout=10)

    assert response.status_code == 403
    assert response.json()["Code"] == "MISSING_AUTHENTICATION_TOKEN"
