"""After chalice deploy, the driver gives the API's stage its throttling and gateway responses in
the API's error shape; the packaged template checked offline carries the same."""

import json

import boto3
import pytest

from chalicelib.edge.caller import SESSION_INVALID_MESSAGE
from infra import api_gateway
from infra.check import API_PACKAGE_OVERRIDES
from infra.deploy import api_stage
from infra.template_file import load_template


@pytest.fixture
def chalice_deployed_api(deploy_aws):
    """What chalice deploy leaves: a REST API with stage "api"."""
    client = boto3.client("apigateway")
    rest_api_id = client.create_rest_api(name="cloudgram")["id"]
    root_id = client.get_resources(restApiId=rest_api_id)["items"][0]["id"]
    client.put_method(
        restApiId=rest_api_id, resourceId=root_id, httpMethod="GET", authorizationType="NONE"
    )
    client.put_integration(restApiId=rest_api_id, resourceId=root_id, httpMethod="GET", type="MOCK")
    client.create_deployment(restApiId=rest_api_id, stageName=api_stage.STAGE_NAME)
    return rest_api_id


def test_given_the_stage_then_it_is_throttled_and_refusals_use_the_apis_error_shape(
    chalice_deployed_api,
):
    api_stage.configure(chalice_deployed_api)

    client = boto3.client("apigateway")
    stage = client.get_stage(restApiId=chalice_deployed_api, stageName=api_stage.STAGE_NAME)
    throttling = stage["methodSettings"]["*/*"]
    assert throttling["throttlingRateLimit"] == api_gateway.THROTTLING_RATE
    assert throttling["throttlingBurstLimit"] == api_gateway.THROTTLING_BURST
    unauthorized = client.get_gateway_response(
        restApiId=chalice_deployed_api, responseType="UNAUTHORIZED"
    )
    assert unauthorized["statusCode"] == "401"
    body = json.loads(unauthorized["responseTemplates"]["application/json"])
    assert body == {"Code": "UnauthorizedError", "Message": api_gateway.SESSION_MESSAGE}


def test_given_a_default_refusal_then_its_template_passes_api_gateways_message_through():
    template = api_gateway.response_template(api_gateway.GATEWAY_RESPONSES["DEFAULT_4XX"][1])

    assert template == (
        '{"Code":"$context.error.responseType","Message":$context.error.messageString}'
    )


def test_given_the_packaged_template_then_it_carries_the_same_throttling_and_responses():
    api = load_template(API_PACKAGE_OVERRIDES)["Resources"]["RestAPI"]["Properties"]

    (settings,) = api["MethodSettings"]
    assert settings["ThrottlingRateLimit"] == api_gateway.THROTTLING_RATE
    assert settings["ThrottlingBurstLimit"] == api_gateway.THROTTLING_BURST
    responses = api["GatewayResponses"]
    assert set(responses) == set(api_gateway.GATEWAY_RESPONSES)
    for response_type, (status, body) in api_gateway.GATEWAY_RESPONSES.items():
        response = responses[response_type]
        assert response.get("StatusCode") == (str(status) if status else None)
        assert response["ResponseTemplates"]["application/json"] == (
            api_gateway.response_template(body)
        )


def test_given_an_expired_session_then_api_gateway_and_the_api_say_the_same_words():
    # API Gateway answers a bad token on a signed-in route; the API answers one on a route
    # where signing in is optional. The page shows either to the person.
    assert api_gateway.SESSION_MESSAGE == SESSION_INVALID_MESSAGE


def test_given_a_refusal_type_without_its_own_response_then_locally_it_falls_under_default_4xx():
    body = json.loads(api_gateway.local_response("MISSING_AUTHENTICATION_TOKEN", "Missing token"))

    assert body == {"Code": "MISSING_AUTHENTICATION_TOKEN", "Message": "Missing token"}
