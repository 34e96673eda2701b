"""The API described as an OpenAPI 3.1 document, served at GET /api/openapi.json.

It is what a client (or a student) reads to know every route, what it takes and what it
answers; tests/unit/api/test_openapi.py holds it to app.py's routes, so a route cannot be added
without being described, and tests/integration/test_api_fuzzing.py sends each route requests
generated from it, with all of schemathesis' checks: never a 500, every error as {"Code",
"Message"}, every request the document calls valid accepted and every answer one it lists.

So the document cannot drift from the code, it states no rule of its own: patterns, lengths and
defaults are imported from the code that enforces them (request_parsing, page_cursor, settings,
usernames). This module holds the routes and their answers; the pieces they are made of (who
may call, errors, parameters) are in chalicelib/edge/openapi_parts.py, and the shapes of the
bodies they take and give in chalicelib/edge/openapi_schemas.py.
"""

import functools

from chalicelib.edge.openapi_accounts import accounts_paths, accounts_schemas
from chalicelib.edge.openapi_parts import (
    COMMENT_CONFLICT,
    COMMENT_ID,
    COMMENT_PAGE,
    COMMENT_REFUSED,
    ERROR_MEANINGS,
    FOLLOW_CONFLICT,
    FOLLOW_REFUSED,
    LIKERS_PAGE,
    NOTIFICATION_PAGE,
    PEOPLE_PAGE,
    PHOTO_ID,
    PHOTO_PAGE,
    SEARCH_PARAMETERS,
    SIGNED_IN,
    SIGNED_IN_OR_NOT,
    USERNAME,
    USERNAME_TAKEN,
    answer,
    errors,
    html_answer,
    operation,
)
from chalicelib.edge.openapi_schemas import schemas
from chalicelib.shared.errors import SIGN_IN_AGAIN_MESSAGE
from chalicelib.shared.settings import load_settings

# DELETE /me's answer: the erasure has started (and the sign-in is gone already).
ERASING_ANSWER = {
    "description": "Your account is being deleted; you can no longer sign in.",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["status", "message"],
                "properties": {
                    "status": {"const": "ERASING"},
                    "message": {"type": "string"},
                },
            }
        }
    },
}


def _paths() -> dict:
    return {
        "/me": {
            "get": operation(
                "Who is signed in",
                SIGNED_IN,
                {"200": answer("You", "Me")} | errors(401, 409, reasons={409: USERNAME_TAKEN}),
            ),
            "delete": operation(
                "Delete your account and everything in it (sign in again first: the ID token's "
                "auth_time must be at most 5 minutes old)",
                SIGNED_IN,
                {"202": ERASING_ANSWER}
                | errors(
                    401,
                    403,
                    reasons={
                        401: ERROR_MEANINGS[401] + " Or the account has been deleted already.",
                        403: SIGN_IN_AGAIN_MESSAGE,
                    },
                ),
            ),
        },
        "/me/profile": {
            "patch": operation(
                "Change your display name and bio (an empty text removes one)",
                SIGNED_IN,
                {"200": answer("Your profile", "Profile")}
                | errors(
                    400,
                    401,
                    409,
                    415,
                    reasons={
                        409: USERNAME_TAKEN,
                        429: "You have made as many changes this minute as anyone may, or too "
                        "many requests; the message says when to come back.",
                    },
                ),
                body="ProfileEdit",
            )
        },
        "/me/avatar": {
            "post": operation(
                "Choose a profile picture: the presigned POST for its file",
                SIGNED_IN,
                {"201": answer("The picture's upload", "AvatarUpload")}
                | errors(
                    400,
                    401,
                    409,
                    415,
                    429,
                    reasons={
                        409: USERNAME_TAKEN,
                        429: "Too many pictures chosen this hour, or too many requests; the "
                        "message says when to come back.",
                    },
                ),
                body="NewAvatar",
            ),
            "delete": operation(
                "Go back to the letter: no profile picture (its files follow shortly)",
                SIGNED_IN,
                {"204": answer("Removed, or there was none")} | errors(401),
            ),
        },
        "/photos": {
            "post": operation(
                "Share a photo: a PENDING photo and the presigned POST for its file",
                SIGNED_IN,
                {"201": answer("The photo and its upload", "Upload")}
                | errors(
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
            "get": operation(
                "One photo",
                SIGNED_IN_OR_NOT,
                {"200": answer("The photo", "Photo")} | errors(401, 404),
                [PHOTO_ID],
            ),
            "patch": operation(
                "Change the caption, the alt text or both (owner only)",
                SIGNED_IN,
                {"200": answer("The photo", "Photo")} | errors(400, 401, 403, 404, 415),
                [PHOTO_ID],
                body="PhotoEdit",
            ),
            "delete": operation(
                "Delete the photo (owner only); its likes and files follow shortly",
                SIGNED_IN,
                {"204": answer("Deleted")} | errors(401, 403, 404),
                [PHOTO_ID],
            ),
        },
        "/photos/{photo_id}/like": {
            method: operation(
                summary,
                SIGNED_IN,
                {"200": answer("The like count", "LikeState")} | errors(401, 404, 409),
                [PHOTO_ID],
            )
            for method, summary in (("put", "Like the photo"), ("delete", "Take the like back"))
        },
        "/photos/{photo_id}/likes": {
            "get": operation(
                "Who liked the photo, newest like first",
                SIGNED_IN_OR_NOT,
                {"200": answer("A page", "PeoplePage")} | errors(400, 401, 404),
                [PHOTO_ID, *LIKERS_PAGE],
            ),
        },
        "/photos/{photo_id}/comments": {
            "post": operation(
                "Comment on a READY photo, or reply to one of its comments (replyTo)",
                SIGNED_IN,
                {"201": answer("The comment", "Comment")}
                | errors(
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
            "get": operation(
                "A photo's comments, oldest first, each with its reply count",
                SIGNED_IN_OR_NOT,
                {"200": answer("A page", "CommentPage")} | errors(400, 401, 404),
                [PHOTO_ID, *COMMENT_PAGE],
            ),
        },
        "/photos/{photo_id}/comments/{comment_id}": {
            "delete": operation(
                "Delete a comment (its author or the photo's owner), with its replies",
                SIGNED_IN,
                {"204": answer("Deleted")} | errors(401, 403, 404),
                [PHOTO_ID, COMMENT_ID],
            )
        },
        "/photos/{photo_id}/comments/{comment_id}/replies": {
            "get": operation(
                "The replies to a comment, oldest first",
                SIGNED_IN_OR_NOT,
                {"200": answer("A page", "CommentPage")} | errors(400, 401, 404),
                [PHOTO_ID, COMMENT_ID, *COMMENT_PAGE],
            )
        },
        "/feed": {
            "get": operation(
                "Everyone's READY photos, newest first",
                SIGNED_IN_OR_NOT,
                {"200": answer("A page", "PhotoPage")} | errors(400, 401),
                PHOTO_PAGE,
            )
        },
        "/feed/home": {
            "get": operation(
                "Your photos and those of the people you follow, newest first",
                SIGNED_IN,
                {"200": answer("A page", "PhotoPage")} | errors(400, 401),
                PHOTO_PAGE,
            )
        },
        "/users": {
            "get": operation(
                "People whose username or display name starts with the prefix, in any case "
                "and with or without accents: an exact username first, then alphabetically",
                SIGNED_IN_OR_NOT,
                {
                    "200": answer(
                        "The people found (none when the prefix has no letter or digit)",
                        "FoundPeople",
                    )
                }
                | errors(400, 401),
                SEARCH_PARAMETERS,
            )
        },
        "/users/suggestions": {
            "get": operation(
                "People you might follow, each with the reason why; never yourself or anyone "
                "you follow",
                SIGNED_IN,
                {"200": answer("Up to 10 people", "SuggestedPeople")} | errors(401),
            )
        },
        "/users/{username}": {
            "get": operation(
                "A profile",
                SIGNED_IN_OR_NOT,
                {"200": answer("The profile", "Profile")} | errors(400, 401, 404),
                [USERNAME],
            )
        },
        "/users/{username}/photos": {
            "get": operation(
                "Someone's photos, newest first",
                SIGNED_IN_OR_NOT,
                {"200": answer("A page", "PhotoPage")} | errors(400, 401, 404),
                [USERNAME, *PHOTO_PAGE],
            )
        },
        "/users/{username}/follow": {
            method: operation(
                summary,
                SIGNED_IN,
                {"200": answer("The follower count", "FollowState")}
                | errors(*statuses, reasons={400: FOLLOW_REFUSED, 409: FOLLOW_CONFLICT}),
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
            "get": operation(
                "Who follows someone",
                SIGNED_IN_OR_NOT,
                {"200": answer("A page", "PeoplePage")} | errors(400, 401, 404),
                [USERNAME, *PEOPLE_PAGE],
            )
        },
        "/users/{username}/following": {
            "get": operation(
                "Whom someone follows",
                SIGNED_IN_OR_NOT,
                {"200": answer("A page", "PeoplePage")} | errors(400, 401, 404),
                [USERNAME, *PEOPLE_PAGE],
            )
        },
        "/notifications": {
            "get": operation(
                "Your notifications, newest first, with how many are unread",
                SIGNED_IN,
                {"200": answer("A page", "NotificationPage")} | errors(400, 401),
                NOTIFICATION_PAGE,
            )
        },
        "/notifications/read": {
            "post": operation(
                "Mark every notification read (any body is ignored)",
                SIGNED_IN,
                {"200": answer("Nothing is unread", "UnreadCount")} | errors(401),
            )
        },
        "/p/{photo_id}": {
            "get": operation(
                "A photo's page: the site's page with the photo's link preview (Open Graph and "
                "Twitter card tags), as the site serves it at /p/<id>",
                [{}],
                {
                    "200": html_answer("The page, previewing a READY photo"),
                    "404": html_answer("The page without a preview: no READY photo has this id"),
                    "429": answer(ERROR_MEANINGS[429], "Error"),
                    "503": html_answer(ERROR_MEANINGS[503]),
                },
                [PHOTO_ID],
            )
        },
        "/openapi.json": {
            "get": operation(
                "This document",
                [{}],
                {
                    "200": {"description": "The OpenAPI 3.1 document"},
                    "429": answer(ERROR_MEANINGS[429], "Error"),
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
            "description": "Share photos, like them, comment on them, follow people, hear "
            "of it. Errors are "
            '{"Code", "Message"}; the Message says what to change.',
        },
        "servers": [{"url": "/api"}],
        "paths": _paths() | accounts_paths(),
        "components": {
            "schemas": schemas(load_settings().max_upload_bytes) | accounts_schemas(),
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
