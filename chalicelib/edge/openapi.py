"""The API described as an OpenAPI 3.1 document, served at GET /api/openapi.json.

It is what a client (or a student) reads to know every route, what it takes and what it
answers; tests/unit/api/test_openapi.py holds it to app.py's routes, so a route cannot be added
without being described, and tests/integration/test_api_fuzzing.py sends each route requests
generated from it, expecting never a 500 and every error as {"Code", "Message"}.
"""

import functools

from chalicelib.edge.request_parsing import MAX_PAGE_SIZE
from chalicelib.shared.settings import ALLOWED_CONTENT_TYPES, CAPTION_MAX_LENGTH
from chalicelib.shared.usernames import USERNAME_MAX_LENGTH

SIGNED_IN = [{"cognitoIdToken": []}]
SIGNED_IN_OR_NOT = [{}, {"cognitoIdToken": []}]


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict) -> dict:
    return {"content": {"application/json": {"schema": schema}}}


def _answer(description: str, schema_name: str | None = None) -> dict:
    return {"description": description, **(_json(_ref(schema_name)) if schema_name else {})}


def _errors(*statuses: int) -> dict:
    meanings = {
        400: "The request is not valid; the message says what to change.",
        401: "No valid ID token where one is needed.",
        403: "Not yours to change.",
        404: "No such thing, or not visible to you.",
        409: "Not in a state that allows this yet.",
        429: "Too many photos at once or this hour; the message says when to come back.",
        503: "AWS is busy or out of reach; try again shortly.",
    }
    return {str(status): _answer(meanings[status], "Error") for status in (*statuses, 503)}


PHOTO_ID = {
    "name": "photo_id",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "pattern": "^[0-9A-HJKMNP-TV-Z]{26}$"},
}
USERNAME = {
    "name": "username",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "minLength": 1, "maxLength": USERNAME_MAX_LENGTH},
}
PAGE = [
    {
        "name": "limit",
        "in": "query",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": 12},
    },
    {
        "name": "cursor",
        "in": "query",
        "schema": {"type": "string"},
        "description": "nextCursor of the previous page.",
    },
]


def _schemas() -> dict:
    return {
        "Error": {
            "type": "object",
            "required": ["Code", "Message"],
            "properties": {"Code": {"type": "string"}, "Message": {"type": "string"}},
        },
        "Rendition": {
            "type": "object",
            "required": ["url", "width", "height"],
            "properties": {
                "url": {"type": "string"},
                "width": {"type": "integer"},
                "height": {"type": "integer"},
            },
        },
        "Photo": {
            "type": "object",
            "required": ["id", "owner", "caption", "status", "createdAt", "likeCount"],
            "properties": {
                "id": {"type": "string"},
                "owner": {
                    "type": "object",
                    "properties": {"id": {"type": "string"}, "username": {"type": "string"}},
                },
                "caption": {"type": "string"},
                "status": {"enum": ["PENDING", "READY", "FAILED"]},
                "failureReason": {"type": "string"},
                "createdAt": {"type": "string", "format": "date-time"},
                "readyAt": {"type": "string", "format": "date-time"},
                "width": {"type": "integer"},
                "height": {"type": "integer"},
                "renditions": {"type": "object", "additionalProperties": _ref("Rendition")},
                "placeholder": {"type": "string"},
                "likeCount": {"type": "integer"},
                "likedByMe": {"type": "boolean"},
            },
        },
        "PhotoPage": {
            "type": "object",
            "required": ["items", "nextCursor"],
            "properties": {
                "items": {"type": "array", "items": _ref("Photo")},
                "nextCursor": {"type": ["string", "null"]},
            },
        },
        "NewPhoto": {
            "type": "object",
            "required": ["contentType", "size"],
            "additionalProperties": False,
            "properties": {
                "contentType": {"enum": list(ALLOWED_CONTENT_TYPES)},
                "size": {"type": "integer", "minimum": 1},
                "caption": {"type": "string", "maxLength": CAPTION_MAX_LENGTH},
            },
        },
        "CaptionEdit": {
            "type": "object",
            "required": ["caption"],
            "additionalProperties": False,
            "properties": {"caption": {"type": "string", "maxLength": CAPTION_MAX_LENGTH}},
        },
        "Upload": {
            "type": "object",
            "required": ["photo", "upload"],
            "properties": {
                "photo": _ref("Photo"),
                "upload": {
                    "type": "object",
                    "description": "A presigned S3 POST: post `fields`, then the file, to `url`.",
                    "properties": {
                        "url": {"type": "string"},
                        "fields": {"type": "object", "additionalProperties": {"type": "string"}},
                        "expiresAt": {"type": "string", "format": "date-time"},
                    },
                },
            },
        },
        "LikeState": {
            "type": "object",
            "required": ["likeCount", "likedByMe"],
            "properties": {"likeCount": {"type": "integer"}, "likedByMe": {"type": "boolean"}},
        },
        "FollowState": {
            "type": "object",
            "required": ["followerCount", "followedByMe"],
            "properties": {
                "followerCount": {"type": "integer"},
                "followedByMe": {"type": "boolean"},
            },
        },
        "Profile": {
            "type": "object",
            "required": [
                "id",
                "username",
                "joinedAt",
                "photoCount",
                "followerCount",
                "followingCount",
            ],
            "properties": {
                "id": {"type": "string"},
                "username": {"type": "string"},
                "joinedAt": {"type": "string", "format": "date-time"},
                "photoCount": {"type": "integer"},
                "followerCount": {"type": "integer"},
                "followingCount": {"type": "integer"},
                "followedByMe": {"type": "boolean"},
            },
        },
        "PeoplePage": {
            "type": "object",
            "required": ["items", "nextCursor"],
            "properties": {
                "items": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["id", "username"],
                        "properties": {
                            "id": {"type": "string"},
                            "username": {"type": "string"},
                            "followedByMe": {"type": "boolean"},
                        },
                    },
                },
                "nextCursor": {"type": ["string", "null"]},
            },
        },
        "Me": {
            "type": "object",
            "required": ["id", "username"],
            "properties": {
                "id": {"type": "string"},
                "username": {"type": "string"},
                "email": {"type": ["string", "null"]},
            },
        },
    }


def _operation(summary, security, answers, parameters=(), body=None) -> dict:
    operation = {"summary": summary, "security": security, "responses": answers}
    if parameters:
        operation["parameters"] = list(parameters)
    if body:
        operation["requestBody"] = {"required": True, **_json(_ref(body))}
    return operation


def _paths() -> dict:
    return {
        "/me": {
            "get": _operation(
                "Who is signed in", SIGNED_IN, {"200": _answer("You", "Me")} | _errors(401)
            )
        },
        "/photos": {
            "post": _operation(
                "Share a photo: a PENDING photo and the presigned POST for its file",
                SIGNED_IN,
                {"201": _answer("The photo and its upload", "Upload")} | _errors(400, 401, 429),
                body="NewPhoto",
            )
        },
        "/photos/{photo_id}": {
            "get": _operation(
                "One photo",
                SIGNED_IN_OR_NOT,
                {"200": _answer("The photo", "Photo")} | _errors(404),
                [PHOTO_ID],
            ),
            "patch": _operation(
                "Change the caption (owner only)",
                SIGNED_IN,
                {"200": _answer("The photo", "Photo")} | _errors(400, 401, 403, 404),
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
        "/feed": {
            "get": _operation(
                "Everyone's READY photos, newest first",
                SIGNED_IN_OR_NOT,
                {"200": _answer("A page", "PhotoPage")} | _errors(400, 401),
                PAGE,
            )
        },
        "/feed/home": {
            "get": _operation(
                "Your photos and those of the people you follow, newest first",
                SIGNED_IN,
                {"200": _answer("A page", "PhotoPage")} | _errors(400, 401),
                PAGE,
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
                [USERNAME, *PAGE],
            )
        },
        "/users/{username}/follow": {
            method: _operation(
                summary,
                SIGNED_IN,
                {"200": _answer("The follower count", "FollowState")} | _errors(400, 401, 404),
                [USERNAME],
            )
            for method, summary in (("put", "Follow someone"), ("delete", "Stop following someone"))
        },
        "/users/{username}/followers": {
            "get": _operation(
                "Who follows someone",
                SIGNED_IN_OR_NOT,
                {"200": _answer("A page", "PeoplePage")} | _errors(400, 401, 404),
                [USERNAME, *PAGE],
            )
        },
        "/users/{username}/following": {
            "get": _operation(
                "Whom someone follows",
                SIGNED_IN_OR_NOT,
                {"200": _answer("A page", "PeoplePage")} | _errors(400, 401, 404),
                [USERNAME, *PAGE],
            )
        },
        "/openapi.json": {
            "get": _operation(
                "This document", [{}], {"200": {"description": "The OpenAPI 3.1 document"}}
            )
        },
    }


@functools.cache
def openapi_document() -> dict:
    """Built on first request (and kept); app.py imports this module only then."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "CloudGram API",
            "version": "1",
            "description": "Share photos, like them, follow people. Errors are "
            '{"Code", "Message"}; the Message says what to change.',
        },
        "servers": [{"url": "/api"}],
        "paths": _paths(),
        "components": {
            "schemas": _schemas(),
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
