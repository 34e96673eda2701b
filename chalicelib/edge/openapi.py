"""The API described as an OpenAPI 3.1 document, served at GET /api/openapi.json.

It is what a client (or a student) reads to know every route, what it takes and what it
answers; tests/unit/api/test_openapi.py holds it to app.py's routes, so a route cannot be added
without being described, and tests/integration/test_api_fuzzing.py sends each route requests
generated from it, with all of schemathesis' checks: never a 500, every error as {"Code",
"Message"}, every request the document calls valid accepted and every answer one it lists.

So the document cannot drift from the code, it states no rule of its own: patterns, lengths and
defaults are imported from the code that enforces them (request_parsing, page_cursor, settings,
usernames). This module holds the routes, their parameters and their answers; the shapes of the
bodies they take and give are in chalicelib/edge/openapi_schemas.py.
"""

import functools

from chalicelib.edge import page_cursor
from chalicelib.edge.openapi_schemas import ref, schemas
from chalicelib.edge.request_parsing import (
    COMMENT_ID_PATTERN,
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    PHOTO_ID_PATTERN,
)
from chalicelib.people.profiles import USERNAME_TAKEN_MESSAGE
from chalicelib.shared.settings import load_settings
from chalicelib.shared.usernames import USERNAME_MAX_LENGTH, USERNAME_PATTERN

SIGNED_IN = [{"cognitoIdToken": []}]
SIGNED_IN_OR_NOT = [{}, {"cognitoIdToken": []}]


def _json(schema: dict) -> dict:
    return {"content": {"application/json": {"schema": schema}}}


def _answer(description: str, schema_name: str | None = None) -> dict:
    return {"description": description, **(_json(ref(schema_name)) if schema_name else {})}


def _html(description: str) -> dict:
    """An answer that is a web page, whatever its status (chalicelib/edge/photo_page.py)."""
    return {"description": description, "content": {"text/html": {"schema": {"type": "string"}}}}


ERROR_MEANINGS = {
    400: "The request is not valid; the message says what to change.",
    401: "No valid ID token where one is needed, or a token that is no longer valid.",
    403: "Not yours to change.",
    404: "No such thing, or not visible to you.",
    409: "Not in a state that allows this yet.",
    415: "The body is not sent as application/json.",
    # API Gateway throttles the whole stage (infra/api_gateway.py), so any route may answer 429.
    429: "Too many requests right now; wait a moment, then try again.",
    503: "AWS is busy or out of reach; try again shortly.",
}
FOLLOW_REFUSED = "The name breaks the username rule, or it is your own: you cannot follow yourself."
# Whoever signs up first keeps a username in any spelling (table_keys.username_key); the
# profile is made on a person's first call that needs it, which may find the name taken.
USERNAME_TAKEN = USERNAME_TAKEN_MESSAGE
FOLLOW_CONFLICT = (
    "You follow as many accounts as anyone may (the message says how many); unfollow someone "
    f"first. Or: {USERNAME_TAKEN_MESSAGE}"
)


def _errors(*statuses: int, reasons: dict[int, str] | None = None) -> dict:
    """The error answers of a route: `statuses`, plus the 429 and 503 any route may give;
    `reasons` replaces the general meaning of a status where the route has a specific one."""
    meanings = ERROR_MEANINGS | (reasons or {})
    return {
        str(status): _answer(meanings[status], "Error") for status in sorted({*statuses, 429, 503})
    }


PHOTO_ID = {
    "name": "photo_id",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "pattern": PHOTO_ID_PATTERN.pattern},
    "description": "A ULID; any other text names no photo (404).",
}
COMMENT_ID = {
    "name": "comment_id",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "pattern": COMMENT_ID_PATTERN.pattern},
    "description": "A comment's id as the comments list gives it (a reply's holds a dot); any "
    "other text names no comment (404).",
}
USERNAME = {
    "name": "username",
    "in": "path",
    "required": True,
    "schema": {
        "type": "string",
        "minLength": 1,
        "maxLength": USERNAME_MAX_LENGTH,
        "pattern": USERNAME_PATTERN.pattern,
    },
    "description": "No control characters or white space; any other name is refused (400).",
}


def _page(cursor_format: str) -> list[dict]:
    """`?limit=&cursor=` of a list.

    A cursor is opaque: only the nextCursor of the previous page of the same kind of list is
    accepted. No JSON Schema keyword can say that, so the schema names the kind with `format`
    and nothing else; a pattern would call any base64url text valid (the fuzzing test teaches
    schemathesis to make real cursors of each format instead), and the description states the
    alphabet and that an empty cursor is refused."""
    return [
        {
            "name": "limit",
            "in": "query",
            "schema": {
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_PAGE_SIZE,
                "default": DEFAULT_PAGE_SIZE,
            },
        },
        {
            "name": "cursor",
            "in": "query",
            "schema": {"type": "string", "format": cursor_format},
            "description": "The nextCursor of the previous page, as it came (base64url text, "
            f"{page_cursor.CURSOR_PATTERN.pattern}); leave it out for the first page. Any other "
            "value, an empty one included, is refused (400).",
        },
    ]


# Photo lists continue from a photo's sort key, people lists from a user id, who-liked lists from
# a like's time and liker: the cursors differ.
PHOTO_PAGE = _page("photo-page-cursor")
PEOPLE_PAGE = _page("people-page-cursor")
LIKERS_PAGE = _page("likers-page-cursor")
COMMENT_PAGE = _page("comment-page-cursor")
COMMENT_REFUSED = "The text is empty or too long, or replyTo is not a comment's id."
COMMENT_CONFLICT = (
    "The photo is yours and not READY yet; it can be commented on once it is. "
    f"Or: {USERNAME_TAKEN_MESSAGE}"
)


def _operation(summary, security, answers, parameters=(), body=None) -> dict:
    operation = {"summary": summary, "security": security, "responses": answers}
    if parameters:
        operation["parameters"] = list(parameters)
    if body:
        operation["requestBody"] = {"required": True, **_json(ref(body))}
    return operation


def _paths() -> dict:
    return {
        "/me": {
            "get": _operation(
                "Who is signed in",
                SIGNED_IN,
                {"200": _answer("You", "Me")} | _errors(401, 409, reasons={409: USERNAME_TAKEN}),
            )
        },
        "/photos": {
            "post": _operation(
                "Share a photo: a PENDING photo and the presigned POST for its file",
                SIGNED_IN,
                {"201": _answer("The photo and its upload", "Upload")}
                | _errors(
                    400,
                    401,
                    409,
                    415,
                    429,
                    reasons={
                        409: USERNAME_TAKEN,
                        429: "Too many photos at once or this hour, or too many requests; "
                        "the message says when to come back.",
                    },
                ),
                body="NewPhoto",
            )
        },
        "/photos/{photo_id}": {
            "get": _operation(
                "One photo",
                SIGNED_IN_OR_NOT,
                {"200": _answer("The photo", "Photo")} | _errors(401, 404),
                [PHOTO_ID],
            ),
            "patch": _operation(
                "Change the caption (owner only)",
                SIGNED_IN,
                {"200": _answer("The photo", "Photo")} | _errors(400, 401, 403, 404, 415),
                [PHOTO_ID],
                body="CaptionEdit",
            ),
            "delete": _operation(
                "Delete the photo (owner only); its likes and files follow shortly",
                SIGNED_IN,
                {"204": _answer("Deleted")} | _errors(401, 403, 404),
                [PHOTO_ID],
            ),
        },
        "/photos/{photo_id}/like": {
            method: _operation(
                summary,
                SIGNED_IN,
                {"200": _answer("The like count", "LikeState")} | _errors(401, 404, 409),
                [PHOTO_ID],
            )
            for method, summary in (("put", "Like the photo"), ("delete", "Take the like back"))
        },
        "/photos/{photo_id}/likes": {
            "get": _operation(
                "Who liked the photo, newest like first",
                SIGNED_IN_OR_NOT,
                {"200": _answer("A page", "PeoplePage")} | _errors(400, 401, 404),
                [PHOTO_ID, *LIKERS_PAGE],
            ),
        },
        "/photos/{photo_id}/comments": {
            "post": _operation(
                "Comment on a READY photo, or reply to one of its comments (replyTo)",
                SIGNED_IN,
                {"201": _answer("The comment", "Comment")}
                | _errors(
                    400,
                    401,
                    404,
                    409,
                    415,
                    reasons={400: COMMENT_REFUSED, 409: COMMENT_CONFLICT},
                ),
                [PHOTO_ID],
                body="NewComment",
            ),
            "get": _operation(
                "A photo's comments, oldest first, each with its reply count",
                SIGNED_IN_OR_NOT,
                {"200": _answer("A page", "CommentPage")} | _errors(400, 401, 404),
                [PHOTO_ID, *COMMENT_PAGE],
            ),
        },
        "/photos/{photo_id}/comments/{comment_id}": {
            "delete": _operation(
                "Delete a comment (its author or the photo's owner), with its replies",
                SIGNED_IN,
                {"204": _answer("Deleted")} | _errors(401, 403, 404),
                [PHOTO_ID, COMMENT_ID],
            )
        },
        "/photos/{photo_id}/comments/{comment_id}/replies": {
            "get": _operation(
                "The replies to a comment, oldest first",
                SIGNED_IN_OR_NOT,
                {"200": _answer("A page", "CommentPage")} | _errors(400, 401, 404),
                [PHOTO_ID, COMMENT_ID, *COMMENT_PAGE],
            )
        },
        "/feed": {
            "get": _operation(
                "Everyone's READY photos, newest first",
                SIGNED_IN_OR_NOT,
                {"200": _answer("A page", "PhotoPage")} | _errors(400, 401),
                PHOTO_PAGE,
            )
        },
        "/feed/home": {
            "get": _operation(
                "Your photos and those of the people you follow, newest first",
                SIGNED_IN,
                {"200": _answer("A page", "PhotoPage")} | _errors(400, 401),
                PHOTO_PAGE,
            )
        },
        "/users/{username}": {
            "get": _operation(
                "A profile",
                SIGNED_IN_OR_NOT,
                {"200": _answer("The profile", "Profile")} | _errors(400, 401, 404),
                [USERNAME],
            )
        },
        "/users/{username}/photos": {
            "get": _operation(
                "Someone's photos, newest first",
                SIGNED_IN_OR_NOT,
                {"200": _answer("A page", "PhotoPage")} | _errors(400, 401, 404),
                [USERNAME, *PHOTO_PAGE],
            )
        },
        "/users/{username}/follow": {
            method: _operation(
                summary,
                SIGNED_IN,
                {"200": _answer("The follower count", "FollowState")}
                | _errors(*statuses, reasons={400: FOLLOW_REFUSED, 409: FOLLOW_CONFLICT}),
                [USERNAME],
            )
            for method, summary, statuses in (
                # Following makes the follower's profile if they have none yet, and is refused
                # to someone who follows as many accounts as anyone may: 409 either way.
                ("put", "Follow someone", (400, 401, 404, 409)),
                ("delete", "Stop following someone", (400, 401, 404)),
            )
        },
        "/users/{username}/followers": {
            "get": _operation(
                "Who follows someone",
                SIGNED_IN_OR_NOT,
                {"200": _answer("A page", "PeoplePage")} | _errors(400, 401, 404),
                [USERNAME, *PEOPLE_PAGE],
            )
        },
        "/users/{username}/following": {
            "get": _operation(
                "Whom someone follows",
                SIGNED_IN_OR_NOT,
                {"200": _answer("A page", "PeoplePage")} | _errors(400, 401, 404),
                [USERNAME, *PEOPLE_PAGE],
            )
        },
        "/p/{photo_id}": {
            "get": _operation(
                "A photo's page: the site's page with the photo's link preview (Open Graph and "
                "Twitter card tags), as the site serves it at /p/<id>",
                [{}],
                {
                    "200": _html("The page, previewing a READY photo"),
                    "404": _html("The page without a preview: no READY photo has this id"),
                    "429": _answer(ERROR_MEANINGS[429], "Error"),
                    "503": _html(ERROR_MEANINGS[503]),
                },
                [PHOTO_ID],
            )
        },
        "/openapi.json": {
            "get": _operation(
                "This document",
                [{}],
                {
                    "200": {"description": "The OpenAPI 3.1 document"},
                    "429": _answer(ERROR_MEANINGS[429], "Error"),
                },
            )
        },
    }


@functools.cache
def openapi_document() -> dict:
    """Built on first request (and kept); app.py imports this module only then. It needs the
    API's settings (the largest upload is one), so it is built where the API runs."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "CloudGram API",
            "version": "1",
            "description": "Share photos, like them, comment on them, follow people. Errors are "
            '{"Code", "Message"}; the Message says what to change.',
        },
        "servers": [{"url": "/api"}],
        "paths": _paths(),
        "components": {
            "schemas": schemas(load_settings().max_upload_bytes),
            "securitySchemes": {
                "cognitoIdToken": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "Authorization",
                    "description": "The Cognito ID token, as it is (no 'Bearer ').",
                }
            },
        },
    }
