"""Does locally what API Gateway's Cognito authorizer does in AWS: no route that needs a user runs
unless the request carries a valid ID token from our pool.

Plain `chalice local` only base64-decodes the token's claims: it lets forged and `alg: none`
tokens through and crashes on malformed ones. Here Chalice's local authorizer hook is replaced by
one that verifies the signature against the local pool's JWKS
(chalicelib/edge/token_verifier.py), and answers 401 with the body of the deployed stage's
UNAUTHORIZED gateway response (infra/api_gateway.py).
"""

import json
import uuid

from chalice import CognitoUserPoolAuthorizer
from chalice.local import (
    ForbiddenError,
    LocalGateway,
    LocalGatewayAuthorizer,
    NotAuthorizedError,
)

from chalicelib.edge.token_verifier import CognitoTokenVerifier, InvalidTokenError
from infra import api_gateway
from infra.local.logs import local_logger

UNAUTHORIZED_BODY = api_gateway.local_response("UNAUTHORIZED")


class VerifyingCognitoAuthorizer(LocalGatewayAuthorizer):
    def __init__(self, app_object, token_verifier: CognitoTokenVerifier) -> None:
        super().__init__(app_object)
        self._token_verifier = token_verifier

    def authorize(self, raw_path, lambda_event, lambda_context):
        route = self._route_for_event(lambda_event)
        if route is None or not isinstance(route.authorizer, CognitoUserPoolAuthorizer):
            return super().authorize(raw_path, lambda_event, lambda_context)
        token = lambda_event["headers"].get("authorization", "")
        try:
            claims = self._token_verifier.verify(token)
        except InvalidTokenError as error:
            local_logger.info("Token refused", extra={"path": raw_path, "why": str(error)})
            raise NotAuthorizedError(
                {
                    "x-amzn-RequestId": lambda_context.aws_request_id,
                    "x-amzn-ErrorType": "UnauthorizedException",
                },
                UNAUTHORIZED_BODY,
            ) from error
        lambda_event["requestContext"]["authorizer"] = {
            "claims": _as_api_gateway_strings(claims),
            "principalId": claims["sub"],
        }
        return lambda_event, lambda_context


class VerifyingLocalGateway(LocalGateway):
    """Chalice's local API Gateway, with the verifying authorizer and API Gateway's request id."""

    def __init__(self, app_object, config, token_verifier: CognitoTokenVerifier) -> None:
        super().__init__(app_object, config)
        # LocalGateway has no public way to choose its authorizer; this is the documented hook.
        self._authorizer = VerifyingCognitoAuthorizer(app_object, token_verifier)

    def handle_request(self, method, path, headers, body):
        try:
            return super().handle_request(method, path, headers, body)
        except ForbiddenError as error:
            # No such route: API Gateway's MISSING_AUTHENTICATION_TOKEN, in the deployed
            # stage's DEFAULT_4XX shape rather than Chalice's bare {"message": ...}.
            raise ForbiddenError(
                error.headers,
                api_gateway.local_response(
                    "MISSING_AUTHENTICATION_TOKEN", "Missing Authentication Token"
                ),
            ) from error

    def _generate_lambda_event(self, method, path, headers, body):
        event = super()._generate_lambda_event(method, path, headers, body)
        # In AWS this is API Gateway's request id; Powertools logs it as the correlation id.
        event["requestContext"]["requestId"] = str(uuid.uuid4())
        event["requestContext"]["stage"] = "api"
        return event


def _as_api_gateway_strings(claims: dict) -> dict:
    """API Gateway hands claims to the Lambda as strings (numbers, lists, booleans included)."""
    return {
        name: value if isinstance(value, str) else json.dumps(value)
        for name, value in claims.items()
    }
