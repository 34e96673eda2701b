"""CloudGram's HTTP API: routes and wiring only. The logic lives in chalicelib/.

Request path: CloudFront `/api/*` -> API Gateway (stage `api`, Cognito authorizer on routes that
need a user) -> this Lambda -> chalicelib service -> DynamoDB / S3. Locally the local stack's
gateway stands in for CloudFront and API Gateway (see infra/local/).
"""

from chalice import Chalice, CognitoUserPoolAuthorizer, Response

from chalicelib import identity, photos_service, request_parsing
from chalicelib.observability import register_middleware
from chalicelib.settings import load_settings, user_pool_arn_for_deployment

app = Chalice(app_name="cloudgram")
register_middleware(app)

signed_in = CognitoUserPoolAuthorizer(
    "CloudGramUsers", provider_arns=[user_pool_arn_for_deployment()]
)


@app.route("/me", methods=["GET"], authorizer=signed_in)
def get_me():
    return identity.signed_in_user(app.current_request).to_json()


@app.route("/photos", methods=["POST"], authorizer=signed_in)
def create_photo():
    request = app.current_request
    new_photo = request_parsing.parse_new_photo(request.raw_body, load_settings().max_upload_bytes)
    body = photos_service.request_upload(identity.signed_in_user(request), new_photo)
    return Response(body=body, status_code=201)


@app.route("/photos/{photo_id}", methods=["GET"])
def get_photo(photo_id):
    viewer = identity.optional_user(app.current_request)
    return photos_service.get_photo(photo_id, viewer)


@app.route("/feed", methods=["GET"])
def get_feed():
    request = app.current_request
    # Validate the token if one is sent, so an expired session is reported, not ignored.
    identity.optional_user(request)
    return photos_service.feed_page(request_parsing.parse_page(request.query_params))
