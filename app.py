"""CloudGram's HTTP API and its table-stream function: routes and wiring only. The logic lives in
chalicelib/, one package a feature.

Request path: CloudFront `/api/*` -> API Gateway (stage `api`, Cognito authorizer on routes that
need a user) -> this Lambda -> a route here: chalicelib.edge parses the request, a feature's
service does the work (DynamoDB, S3), its presenter makes the JSON, and `answers_in_http` turns
a domain error into its status code. CloudFront's `/p/*` (a photo's page) comes to the same
stage as `/api/p/*`, and is answered with HTML. Locally the local stack's gateway stands in for
CloudFront and API Gateway (see infra/local/).

After a write: DynamoDB Streams -> `on_table_change` (a second Lambda that Chalice creates) ->
chalicelib.shared.table_stream, which hands each change to its reactions: photos.cleanup (likes,
comments and files of deleted photos), comments.cleanup (replies of deleted comments),
photos.upload_limits (the upload slot of a photo that stopped waiting), feeds.fanout (home
feeds: fan-out on write), notifications.reaction (inboxes: who liked, commented, answered,
followed or mentioned whom), avatars.cleanup (the files of a replaced or deleted profile
picture), accounts.export_queue (a new data export, sent to the exports queue) and
accounts.erasure_chain (a deleted account's things removed, a bounded step at a time).

"Download your data": POST /me/export stores a PENDING export; the stream sends it to the exports
queue -> `write_export` (a third Lambda, made by Chalice, with its own role, memory and timeout
in .chalice/config.json) -> chalicelib.accounts.export_job writes the zip to the exports bucket.
"""

from chalice import Chalice, CognitoUserPoolAuthorizer, Response

from chalicelib.accounts import export_presenter, exports
from chalicelib.avatars import presenter as avatar_presenter
from chalicelib.avatars import service as avatars
from chalicelib.comments import presenter as comment_presenter
from chalicelib.comments import service as comments
from chalicelib.edge import caller, photo_page, request_parsing
from chalicelib.edge.errors import answers_in_http
from chalicelib.edge.middleware import register_middleware
from chalicelib.edge.page_cursor import (
    LIKE_POSITION_PATTERN,
    NOTIFICATION_POSITION_PATTERN,
    ULID_PATTERN,
    USER_ID_PATTERN,
    page_json,
)
from chalicelib.feeds import global_feed, home_feed, person_photos, suggestions
from chalicelib.notifications import presenter as notification_presenter
from chalicelib.notifications import service as notifications
from chalicelib.people import follows, profile_edits, profiles, search
from chalicelib.people import presenter as people_presenter
from chalicelib.photos import likers, likes
from chalicelib.photos import presenter as photo_presenter
from chalicelib.photos import service as photos
from chalicelib.shared.settings import (
    api_name_for_deployment,
    exports_queue_arn_for_deployment,
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
@answers_in_http
def get_me():
    user = caller.signed_in_user(app.current_request)
    # The page asks who is signed in on every visit: the moment to give newcomers a profile.
    profiles.ensure_profile(user)
    return people_presenter.present_me(user)


@app.route("/me", methods=["DELETE"], authorizer=signed_in)
@answers_in_http
def delete_me():
    # Imported here: no other route's cold start pays for the erasure's modules.
    from chalicelib.accounts import erasure

    request = app.current_request
    user = caller.signed_in_user(request)
    erasure.erase_account(user, caller.signed_in_at(request))
    return Response(body={"status": "ERASING", "message": erasure.ERASING_MESSAGE}, status_code=202)


@app.route("/me/profile", methods=["PATCH"], authorizer=signed_in)
@answers_in_http
def edit_my_profile():
    request = app.current_request
    edit = request_parsing.parse_profile_edit(request.raw_body)
    profile = profile_edits.edit_profile(caller.signed_in_user(request), edit)
    return people_presenter.present_profile(profile)


@app.route("/me/avatar", methods=["POST"], authorizer=signed_in)
@answers_in_http
def request_avatar_upload():
    request = app.current_request
    new_avatar = request_parsing.parse_new_avatar(request.raw_body)
    post = avatars.request_upload(caller.signed_in_user(request), new_avatar)
    return Response(body=avatar_presenter.present_new_upload(post), status_code=201)


@app.route("/me/avatar", methods=["DELETE"], authorizer=signed_in)
@answers_in_http
def delete_avatar():
    avatars.delete_avatar(caller.signed_in_user(app.current_request))
    return Response(body="", status_code=204)


@app.route("/me/export", methods=["POST"], authorizer=signed_in)
@answers_in_http
def request_export():
    # Any body is ignored: an export holds everything, there is nothing to choose.
    export = exports.request_export(caller.signed_in_user(app.current_request))
    return Response(body=export_presenter.present(export), status_code=202)


@app.route("/me/exports", methods=["GET"], authorizer=signed_in)
@answers_in_http
def get_my_exports():
    found = exports.recent_exports(caller.signed_in_user(app.current_request))
    return export_presenter.present_list(found)


@app.route("/me/exports/{export_id}", methods=["GET"], authorizer=signed_in)
@answers_in_http
def get_my_export(export_id):
    user = caller.signed_in_user(app.current_request)
    export = exports.get_export(user, request_parsing.export_id_or_404(export_id))
    return export_presenter.present(export)


@app.route("/photos", methods=["POST"], authorizer=signed_in)
@answers_in_http
def create_photo():
    request = app.current_request
    new_photo = request_parsing.parse_new_photo(request.raw_body, load_settings().max_upload_bytes)
    new_upload = photos.request_upload(caller.signed_in_user(request), new_photo)
    return Response(body=photo_presenter.present_new_upload(new_upload), status_code=201)


@app.route("/photos/{photo_id}", methods=["GET"])
@answers_in_http
def get_photo(photo_id):
    viewer = caller.optional_user(app.current_request)
    photo = photos.get_photo(request_parsing.photo_id_or_404(photo_id), viewer)
    return photo_presenter.present(photo)


@app.route("/photos/{photo_id}", methods=["PATCH"], authorizer=signed_in)
@answers_in_http
def edit_photo(photo_id):
    request = app.current_request
    change = request_parsing.parse_photo_edit(request.raw_body)
    user = caller.signed_in_user(request)
    photo = photos.edit_photo(request_parsing.photo_id_or_404(photo_id), user, change)
    return photo_presenter.present(photo)


@app.route("/photos/{photo_id}", methods=["DELETE"], authorizer=signed_in)
@answers_in_http
def delete_photo(photo_id):
    user = caller.signed_in_user(app.current_request)
    photos.delete_photo(request_parsing.photo_id_or_404(photo_id), user)
    return Response(body="", status_code=204)


@app.route("/photos/{photo_id}/like", methods=["PUT"], authorizer=signed_in)
@answers_in_http
def like_photo(photo_id):
    user = caller.signed_in_user(app.current_request)
    state = likes.like(request_parsing.photo_id_or_404(photo_id), user)
    return photo_presenter.present_like_state(state)


@app.route("/photos/{photo_id}/like", methods=["DELETE"], authorizer=signed_in)
@answers_in_http
def unlike_photo(photo_id):
    user = caller.signed_in_user(app.current_request)
    state = likes.unlike(request_parsing.photo_id_or_404(photo_id), user)
    return photo_presenter.present_like_state(state)


@app.route("/photos/{photo_id}/likes", methods=["GET"])
@answers_in_http
def get_photo_likers(photo_id):
    request = app.current_request
    viewer = caller.optional_user(request)
    wanted = request_parsing.parse_page(request.query_params, LIKE_POSITION_PATTERN)
    page = likers.likers_page(request_parsing.photo_id_or_404(photo_id), wanted, viewer)
    return page_json(page, people_presenter.present_person)


@app.route("/photos/{photo_id}/comments", methods=["POST"], authorizer=signed_in)
@answers_in_http
def comment_on_photo(photo_id):
    request = app.current_request
    new_comment = request_parsing.parse_new_comment(request.raw_body)
    user = caller.signed_in_user(request)
    comment = comments.post_comment(request_parsing.photo_id_or_404(photo_id), user, new_comment)
    return Response(body=comment_presenter.present(comment), status_code=201)


@app.route("/photos/{photo_id}/comments", methods=["GET"])
@answers_in_http
def get_comments(photo_id):
    request = app.current_request
    viewer = caller.optional_user(request)
    wanted = request_parsing.parse_page(request.query_params, ULID_PATTERN)
    page = comments.comments_page(request_parsing.photo_id_or_404(photo_id), wanted, viewer)
    return page_json(page, comment_presenter.present)


@app.route("/photos/{photo_id}/comments/{comment_id}/replies", methods=["GET"])
@answers_in_http
def get_replies(photo_id, comment_id):
    request = app.current_request
    viewer = caller.optional_user(request)
    wanted = request_parsing.parse_page(request.query_params, ULID_PATTERN)
    photo_id = request_parsing.photo_id_or_404(photo_id)
    comment_id = request_parsing.comment_id_or_404(comment_id)
    page = comments.replies_page(photo_id, comment_id, wanted, viewer)
    return page_json(page, comment_presenter.present)


@app.route("/photos/{photo_id}/comments/{comment_id}", methods=["DELETE"], authorizer=signed_in)
@answers_in_http
def delete_comment(photo_id, comment_id):
    user = caller.signed_in_user(app.current_request)
    photo_id = request_parsing.photo_id_or_404(photo_id)
    comments.delete_comment(photo_id, request_parsing.comment_id_or_404(comment_id), user)
    return Response(body="", status_code=204)


@app.route("/feed", methods=["GET"])
@answers_in_http
def get_feed():
    request = app.current_request
    # Validate the token if one is sent, so an expired session is reported, not ignored.
    viewer = caller.optional_user(request)
    page = global_feed.feed_page(request_parsing.parse_page(request.query_params), viewer)
    return page_json(page, photo_presenter.present)


@app.route("/feed/home", methods=["GET"], authorizer=signed_in)
@answers_in_http
def get_home_feed():
    request = app.current_request
    wanted = request_parsing.parse_page(request.query_params)
    page = home_feed.home_feed_page(wanted, caller.signed_in_user(request))
    return page_json(page, photo_presenter.present)


@app.route("/users", methods=["GET"])
@answers_in_http
def find_people():
    request = app.current_request
    viewer = caller.optional_user(request)
    wanted = request_parsing.parse_search(request.query_params)
    found = search.find_people(wanted.prefix, wanted.limit, viewer)
    return {"items": [people_presenter.present_found(person) for person in found]}


@app.route("/users/suggestions", methods=["GET"], authorizer=signed_in)
@answers_in_http
def get_suggestions():
    # A fixed address among /users/{username}: API Gateway, like Chalice, prefers it, so an
    # account named "suggestions" (which the sign-up rule still allows) has no profile address.
    found = suggestions.suggestions_for(caller.signed_in_user(app.current_request))
    return {"items": [people_presenter.present_found(person) for person in found]}


@app.route("/users/{username}", methods=["GET"])
@answers_in_http
def get_user(username):
    viewer = caller.optional_user(app.current_request)
    profile = profiles.get_profile(request_parsing.username_from_path(username), viewer)
    return people_presenter.present_profile(profile) | avatar_presenter.present_upload_state(
        profile, viewer
    )


@app.route("/users/{username}/follow", methods=["PUT"], authorizer=signed_in)
@answers_in_http
def follow_user(username):
    user = caller.signed_in_user(app.current_request)
    state = follows.follow(request_parsing.username_from_path(username), user)
    return people_presenter.present_follow_state(state)


@app.route("/users/{username}/follow", methods=["DELETE"], authorizer=signed_in)
@answers_in_http
def unfollow_user(username):
    user = caller.signed_in_user(app.current_request)
    state = follows.unfollow(request_parsing.username_from_path(username), user)
    return people_presenter.present_follow_state(state)


@app.route("/users/{username}/followers", methods=["GET"])
@answers_in_http
def get_followers(username):
    return _people_page(username, "followers")


@app.route("/users/{username}/following", methods=["GET"])
@answers_in_http
def get_following(username):
    return _people_page(username, "following")


def _people_page(username: str, direction: str) -> dict:
    request = app.current_request
    viewer = caller.optional_user(request)
    wanted = request_parsing.parse_page(request.query_params, USER_ID_PATTERN)
    username = request_parsing.username_from_path(username)
    page = follows.people_page(username, direction, wanted, viewer)
    return page_json(page, people_presenter.present_person)


@app.route("/users/{username}/photos", methods=["GET"])
@answers_in_http
def get_user_photos(username):
    request = app.current_request
    viewer = caller.optional_user(request)
    wanted = request_parsing.parse_page(request.query_params)
    username = request_parsing.username_from_path(username)
    page = person_photos.photos_page(username, wanted, viewer)
    return page_json(page, photo_presenter.present)


@app.route("/notifications", methods=["GET"], authorizer=signed_in)
@answers_in_http
def get_notifications():
    request = app.current_request
    wanted = request_parsing.parse_page(request.query_params, NOTIFICATION_POSITION_PATTERN)
    inbox = notifications.inbox_page(caller.signed_in_user(request), wanted)
    return page_json(inbox.page, notification_presenter.present) | {
        "unreadCount": inbox.unread_count
    }


@app.route("/notifications/read", methods=["POST"], authorizer=signed_in)
@answers_in_http
def mark_notifications_read():
    # Any body is ignored: there is nothing to choose, everything up to now is read.
    unread_count = notifications.mark_all_read(caller.signed_in_user(app.current_request))
    return {"unreadCount": unread_count}


@app.route("/p/{photo_id}", methods=["GET"])
@answers_in_http
def get_photo_page(photo_id):
    # A photo's own address on the site, /p/<id>, which CloudFront sends here: a web page with
    # the photo's link preview, not JSON, so that chat apps and crawlers can show the photo.
    page = photo_page.photo_page(photo_id)
    return Response(body=page.html, status_code=page.status, headers=page.headers)


@app.route("/openapi.json", methods=["GET"])
@answers_in_http
def get_openapi_document():
    # Imported on first request: no other route's cold start pays for describing the API.
    from chalicelib.edge import openapi

    return openapi.openapi_document()


@app.on_dynamodb_record(
    stream_arn=table_stream_arn_for_deployment(), batch_size=100, starting_position="TRIM_HORIZON"
)
def on_table_change(event):
    # Imported here: this module is the API's Lambda too, and the API never runs these, so its
    # cold start does not load them.
    from chalicelib.accounts import erasure_chain, export_queue
    from chalicelib.avatars import cleanup as avatar_cleanup
    from chalicelib.comments import cleanup as comment_cleanup
    from chalicelib.feeds import fanout
    from chalicelib.notifications import reaction as notification_reaction
    from chalicelib.photos import cleanup, upload_limits
    from chalicelib.shared import table_stream

    reactions = (
        cleanup.on_change,
        comment_cleanup.on_change,
        upload_limits.on_change,
        fanout.on_change,
        notification_reaction.on_change,
        avatar_cleanup.on_change,
        export_queue.on_change,
        erasure_chain.on_change,
    )
    return table_stream.handle_batch(event.to_dict(), event.context, reactions)


@app.on_sqs_message(queue_arn=exports_queue_arn_for_deployment(), batch_size=1)
def write_export(event):
    # One export a message, in a Lambda of its own: an archive may take minutes and memory the
    # API must never spend. A raised error returns the message to the queue for another try.
    from chalicelib.accounts import export_job

    for record in event:
        export_job.handle_message(record.to_dict())
