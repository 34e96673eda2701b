"""The pieces every route of the OpenAPI document is made of (chalicelib/edge/openapi.py puts
them together): who may call, the error answers, the path parameters, the paging parameters of
a list, and one operation. Like the document, they state no rule of their own: patterns,
lengths and defaults come from the code that enforces them.
"""

from chalicelib.edge import page_cursor
from chalicelib.edge.openapi_schemas import ref
from chalicelib.edge.request_parsing import (
    COMMENT_ID_PATTERN,
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    PHOTO_ID_PATTERN,
    PLAIN_TEXT_PATTERN,
    SEARCH_PREFIX_MAX_LENGTH,
)
from chalicelib.people.profiles import USERNAME_TAKEN_MESSAGE
from chalicelib.people.search import DEFAULT_RESULTS, MAX_RESULTS
from chalicelib.shared.usernames import USERNAME_MAX_LENGTH, USERNAME_PATTERN

SIGNED_IN = [{"cognitoIdToken": []}]
SIGNED_IN_OR_NOT = [{}, {"cognitoIdToken": []}]


def json_content(schema: dict) -> dict:
    return {"content": {"application/json": {"schema": schema}}}


def answer(description: str, schema_name: str | None = None) -> dict:
    return {"description": description, **(json_content(ref(schema_name)) if schema_name else {})}


def html_answer(description: str) -> dict:
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


def errors(*statuses: int, reasons: dict[int, str] | None = None) -> dict:
    """The error answers of a route: `statuses`, plus the 429 and 503 any route may give;
    `reasons` replaces the general meaning of a status where the route has a specific one."""
    meanings = ERROR_MEANINGS | (reasons or {})
    return {
        str(status): answer(meanings[status], "Error") for status in sorted({*statuses, 429, 503})
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


def page_parameters(cursor_format: str) -> list[dict]:
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
# a like's time and liker, inboxes from a notification's id: the cursors differ.
PHOTO_PAGE = page_parameters("photo-page-cursor")
PEOPLE_PAGE = page_parameters("people-page-cursor")
LIKERS_PAGE = page_parameters("likers-page-cursor")
COMMENT_PAGE = page_parameters("comment-page-cursor")
NOTIFICATION_PAGE = page_parameters("notification-page-cursor")
COMMENT_REFUSED = "The text is empty or too long, or replyTo is not a comment's id."
COMMENT_CONFLICT = (
    "The photo is yours and not READY yet; it can be commented on once it is. "
    f"Or: {USERNAME_TAKEN_MESSAGE}"
)


# GET /users: what to look for, and how many people at most.
SEARCH_PARAMETERS = [
    {
        "name": "prefix",
        "in": "query",
        "required": True,
        "schema": {
            "type": "string",
            "minLength": 1,
            "maxLength": SEARCH_PREFIX_MAX_LENGTH,
            "pattern": PLAIN_TEXT_PATTERN.pattern,
        },
        "description": "The start of a username or a display name; case, accents, spaces and "
        "punctuation do not matter. No control characters.",
    },
    {
        "name": "limit",
        "in": "query",
        "schema": {
            "type": "integer",
            "minimum": 1,
            "maximum": MAX_RESULTS,
            "default": DEFAULT_RESULTS,
        },
    },
]


def operation(summary, security, answers, parameters=(), body=None) -> dict:
    operation = {"summary": summary, "security": security, "responses": answers}
    if parameters:
        operation["parameters"] = list(parameters)
    if body:
        operation["requestBody"] = {"required": True, **json_content(ref(body))}
    return operation
