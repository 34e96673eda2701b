"""The API answers only requests that carry CloudFront's secret header: anything sent straight to
API Gateway's own address is refused with a 403 in the API's error shape, before a route runs."""

import pytest
from chalice.test import Client

from chalicelib.edge.origin_check import (
    NOT_THROUGH_THE_SITE_MESSAGE,
    ORIGIN_SECRET_HEADER,
    came_through_cloudfront,
    secret_digest,
)
from chalicelib.shared import settings as api_settings
from tests.support.api_steps import TEST_ORIGIN_SECRET, auth

REFUSAL = {"Code": "ForbiddenError", "Message": NOT_THROUGH_THE_SITE_MESSAGE}


@pytest.fixture
def straight_to_api_gateway(api_environment, tmp_path):
    """Chalice's test client with nothing added: a caller on API Gateway's own address."""
    from app import app

    with Client(app, project_dir=str(tmp_path)) as client:
        yield client.http


@pytest.mark.parametrize(
    "path",
    [
        "/feed",
        "/photos/01JCNY0000000000000000000Z",
        "/p/01JCNY0000000000000000000Z",
        "/openapi.json",
    ],
)
def test_given_no_origin_header_then_every_route_answers_403_in_the_apis_shape(
    straight_to_api_gateway, path
):
    response = straight_to_api_gateway.get(path)

    assert response.status_code == 403
    assert response.json_body == REFUSAL


def test_given_a_guessed_origin_header_then_403(straight_to_api_gateway):
    response = straight_to_api_gateway.get("/feed", headers={ORIGIN_SECRET_HEADER: "guess"})

    assert response.status_code == 403


def test_given_a_valid_token_but_no_origin_header_then_the_route_does_not_run(
    straight_to_api_gateway, make_token, dynamodb_requests
):
    response = straight_to_api_gateway.post("/photos", headers=auth(make_token()), body="{}")

    assert response.status_code == 403
    assert dynamodb_requests == {}


def test_given_cloudfronts_header_then_the_route_answers(straight_to_api_gateway):
    response = straight_to_api_gateway.get(
        "/feed", headers={ORIGIN_SECRET_HEADER: TEST_ORIGIN_SECRET}
    )

    assert response.status_code == 200


def test_given_a_stage_deployed_without_a_digest_then_even_the_secret_is_refused(
    straight_to_api_gateway, monkeypatch
):
    monkeypatch.setenv("ORIGIN_SECRET_SHA256", "")
    api_settings.load_settings.cache_clear()

    response = straight_to_api_gateway.get(
        "/feed", headers={ORIGIN_SECRET_HEADER: TEST_ORIGIN_SECRET}
    )

    assert response.status_code == 403


def test_given_the_secret_then_only_its_own_digest_admits_it():
    digest = secret_digest("the secret")

    assert came_through_cloudfront("the secret", digest)
    assert not came_through_cloudfront("the secret ", digest)
    assert not came_through_cloudfront(digest, digest)  # the digest itself is no password
    assert not came_through_cloudfront(None, digest)
    assert not came_through_cloudfront("", secret_digest(""))
