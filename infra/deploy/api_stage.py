"""The API Gateway stage, finished after `chalice deploy`: throttling and gateway responses
(infra/api_gateway.py says what and why), which chalice has no setting for.

Gateway responses belong to the REST API but take effect only in a new deployment of the stage,
so this step makes one before it sets the stage's throttling. It runs on every deploy: each call
sets a value, so running it again changes nothing.
"""

from infra import api_gateway
from infra.deploy import aws

STAGE_NAME = "api"


def configure(rest_api_id: str) -> None:
    client = aws.client("apigateway")
    for response_type, (status, body) in api_gateway.GATEWAY_RESPONSES.items():
        response = {
            "restApiId": rest_api_id,
            "responseType": response_type,
            "responseTemplates": {"application/json": api_gateway.response_template(body)},
        }
        if status is not None:
            response["statusCode"] = str(status)
        client.put_gateway_response(**response)
    client.create_deployment(
        restApiId=rest_api_id, stageName=STAGE_NAME, description="Gateway responses"
    )
    client.update_stage(
        restApiId=rest_api_id,
        stageName=STAGE_NAME,
        patchOperations=[
            {
                "op": "replace",
                "path": "/*/*/throttling/rateLimit",
                "value": str(api_gateway.THROTTLING_RATE),
            },
            {
                "op": "replace",
                "path": "/*/*/throttling/burstLimit",
                "value": str(api_gateway.THROTTLING_BURST),
            },
        ],
    )
