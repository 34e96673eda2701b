"""CloudGram's HTTP API and its table-stream function: routes and wiring only. The logic lives in
chalicelib/.

Request path: CloudFront `/api/*` -> API Gateway (stage `api`, Cognito authorizer on routes that
need a user) -> this Lambda -> chalicelib service -> DynamoDB / S3. Locally the local stack's
gateway stands in for CloudFront and API Gateway (see infra/local/).

After a write: DynamoDB Streams -> `on_table_change` (a second Lambda that Chalice creates) ->
chalicelib.table_stream, which hands each change to its reactions: photo_cleanup (likes and
files of deleted photos) and timeline_fanout (home feeds: fan-out on write).
"""

from chalice import Chalice, CognitoUserPoolAuthorizer, Response

from chalicelib import (
    follows_service,
    home_feed_service,
    identity,
    likes_service,
    page_cursor,
    photos_service,
    profiles_service,
    request_parsing,
)
from chalicelib.errors import answers_503_when_aws_fails
from chalicelib.observability import register_middleware
from chalicelib.settings import (
    api_name_for_deployment,
    load_settings,
    table_stream_arn_for_deployment,
    user_pool_arn_for_deployment,
)

app = Chalice(app_name=api_name_for_deployment())
register_middleware(app)

signed_in = CognitoUserPoolAuthorizer(
    "CloudGramUsers", provider_arns=[user_pool_arn_for_deployment()]
)


@app.route("/me", methods=["GET"], authorizer=signed_in)
@answers_503_when_aws_fails
def get_me():
    user = identity.signed_in_user(app.current_request)
    # The page asks who is signed in on every visit: the moment to give newcomers a profile.
    profiles_service.ensure_profile(user)
    return user.to_json()


@app.route("/photos", methods=["POST"], authorizer=signed_in)
@answers_503_when_aws_fails
def create_photo():
    request = app.current_request
    new_photo = request_parsing.parse_new_photo(request.raw_body, load_settings().max_upload_bytes)
    body = photos_service.request_upload(identity.signed_in_user(request), new_photo)
    return Response(body=body, status_code=201)


@app.route("/photos/{photo_id}", methods=["GET"])
@answers_503_when_aws_fails
def get_photo(photo_id):
    viewer = identity.optional_user(app.current_request)
    return photos_service.get_photo(request_parsing.photo_id_or_404(photo_id), viewer)


@app.route("/photos/{photo_id}", methods=["PATCH"], authorizer=signed_in)
@answers_503_when_aws_fails
def edit_photo(photo_id):
    request = app.current_request
    caption = request_parsing.parse_caption_edit(request.raw_body)
    user = identity.signed_in_user(request)
    return photos_service.edit_caption(request_parsing.photo_id_or_404(photo_id), user, caption)


@app.route("/photos/{photo_id}", methods=["DELETE"], authorizer=signed_in)
@answers_503_when_aws_fails
def delete_photo(photo_id):
    user = identity.signed_in_user(app.current_request)
    photos_service.delete_photo(request_parsing.photo_id_or_404(photo_id), user)
    return Response(body="", status_code=204)


@app.route("/photos/{photo_id}/like", methods=["PUT"], authorizer=signed_in)
@answers_503_when_aws_fails
def like_photo(photo_id):
    user = identity.signed_in_user(app.current_request)
    return likes_service.like(request_parsing.photo_id_or_404(photo_id), user)


@app.route("/photos/{photo_id}/like", methods=["DELETE"], authorizer=signed_in)
@answers_503_when_aws_fails
def unlike_photo(photo_id):
    user = identity.signed_in_user(app.current_request)
    return likes_service.unlike(request_parsing.photo_id_or_404(photo_id), user)


@app.route("/feed", methods=["GET"])
@answers_503_when_aws_fails
def get_feed():
    request = app.current_request
    # Validate the token if one is sent, so an expired session is reported, not ignored.
    viewer = identity.optional_user(request)
    return photos_service.feed_page(request_parsing.parse_page(request.query_params), viewer)


@app.route("/feed/home", methods=["GET"], authorizer=signed_in)
@answers_503_when_aws_fails
def get_home_feed():
    request = app.current_request
    page = request_parsing.parse_page(request.query_params)
    return home_feed_service.home_feed_page(page, identity.signed_in_user(request))


@app.route("/users/{username}", methods=["GET"])
@answers_503_when_aws_fails
def get_user(username):
    viewer = identity.optional_user(app.current_request)
    return profiles_service.get_profile(request_parsing.username_from_path(username), viewer)


@app.route("/users/{username}/follow", methods=["PUT"], authorizer=signed_in)
@answers_503_when_aws_fails
def follow_user(username):
    user = identity.signed_in_user(app.current_request)
    return follows_service.follow(request_parsing.username_from_path(username), user)


@app.route("/users/{username}/follow", methods=["DELETE"], authorizer=signed_in)
@answers_503_when_aws_fails
def unfollow_user(username):
    user = identity.signed_in_user(app.current_request)
    return follows_service.unfollow(request_parsing.username_from_path(username), user)


@app.route("/users/{username}/followers", methods=["GET"])
@answers_503_when_aws_fails
def get_followers(username):
    return _people_page(username, "followers")


@app.route("/users/{username}/following", methods=["GET"])
@answers_503_when_aws_fails
def get_following(username):
    return _people_page(username, "following")


def _people_page(username: str, direction: str) -> dict:
    request = app.current_request
    viewer = identity.optional_user(request)
    page = request_parsing.parse_page(request.query_params, page_cursor.USER_ID_PATTERN)
    username = request_parsing.username_from_path(username)
    return follows_service.people_page(username, direction, page, viewer)


@app.route("/users/{username}/photos", methods=["GET"])
@answers_503_when_aws_fails
def get_user_photos(username):
    request = app.current_request
    viewer = identity.optional_user(request)
    page = request_parsing.parse_page(request.query_params)
    username = request_parsing.username_from_path(username)
    return profiles_service.profile_photos(username, page, viewer)


@app.route("/openapi.json", methods=["GET"])
@answers_503_when_aws_fails
def get_openapi_document():
    # Imported on first request: no other route's cold start pays for describing the API.
    from chalicelib import openapi

    return openapi.openapi_document()


@app.on_dynamodb_record(
    stream_arn=table_stream_arn_for_deployment(), batch_size=100, starting_position="TRIM_HORIZON"
)
def on_table_change(event):
    # Imported here: this module is the API's Lambda too, and the API never runs these, so its
    # cold start does not load them.
    from chalicelib import photo_cleanup, table_stream, timeline_fanout

    reactions = (photo_cleanup.on_change, timeline_fanout.on_change)
    return table_stream.handle_batch(event.to_dict(), event.context, reactions)
