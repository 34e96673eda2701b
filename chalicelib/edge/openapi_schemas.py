"""The shapes of what the API takes and answers, as the `components/schemas` of its OpenAPI
document (chalicelib/edge/openapi.py): a photo, a comment, a page, a notification, an error, and
(from chalicelib/edge/openapi_people.py) people. Limits come from the code that enforces them,
as in the rest of the document.
"""

from chalicelib.edge.openapi_people import (
    PERSON,
    PRESIGNED_POST,
    file_to_upload,
    people_schemas,
    ref,
)
from chalicelib.edge.request_parsing import COMMENT_ID_PATTERN, COMMENT_TEXT_PATTERN
from chalicelib.notifications.deeds import KINDS as NOTIFICATION_KINDS
from chalicelib.notifications.deeds import QUOTED_CHARACTERS
from chalicelib.notifications.inbox_store import UNREAD_COUNTED
from chalicelib.shared.settings import (
    ALT_TEXT_MAX_LENGTH,
    CAPTION_MAX_LENGTH,
    COMMENT_MAX_LENGTH,
)

# 0 to 99 exactly; UNREAD_COUNTED (100) stands for "more than 99".
UNREAD_COUNT = {"unreadCount": {"type": "integer", "minimum": 0, "maximum": UNREAD_COUNTED}}


def schemas(max_upload_bytes: int) -> dict:
    """Every body the API takes or gives, by name; `max_upload_bytes` is the largest photo."""
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
            "required": [
                "id",
                "owner",
                "caption",
                "altText",
                "status",
                "createdAt",
                "likeCount",
                "commentCount",
            ],
            "properties": {
                "id": {"type": "string"},
                "owner": PERSON,
                "caption": {"type": "string"},
                "altText": {"type": "string"},
                "status": {"enum": ["PENDING", "READY", "FAILED"]},
                "failureReason": {"type": "string"},
                "uploadArrived": {
                    "type": "boolean",
                    "description": "On PENDING and FAILED photos, which only their owner sees: "
                    "whether the photo's file reached CloudGram. PENDING without it: the upload "
                    "was interrupted (or is still under way in the page sending it). FAILED "
                    "without it: the file never came, so sharing the same file again can work.",
                },
                "createdAt": {"type": "string", "format": "date-time"},
                "readyAt": {"type": "string", "format": "date-time"},
                "width": {"type": "integer"},
                "height": {"type": "integer"},
                "renditions": {"type": "object", "additionalProperties": ref("Rendition")},
                "placeholder": {"type": "string"},
                "likeCount": {"type": "integer"},
                "likedByMe": {"type": "boolean"},
                "commentCount": {"type": "integer", "description": "Comments and replies."},
            },
        },
        "PhotoPage": {
            "type": "object",
            "required": ["items", "nextCursor"],
            "properties": {
                "items": {"type": "array", "items": ref("Photo")},
                "nextCursor": {"type": ["string", "null"]},
            },
        },
        "NewPhoto": file_to_upload(
            max_upload_bytes,
            "The file's size in bytes. A whole number in any JSON spelling (4665, 4665.0, "
            "4.665e3), as JSON Schema counts integers.",
            caption={"type": "string", "maxLength": CAPTION_MAX_LENGTH},
            altText={"type": "string", "maxLength": ALT_TEXT_MAX_LENGTH},
        ),
        "PhotoEdit": {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": False,
            "properties": {
                "caption": {"type": "string", "maxLength": CAPTION_MAX_LENGTH},
                "altText": {"type": "string", "maxLength": ALT_TEXT_MAX_LENGTH},
            },
        },
        "Upload": {
            "type": "object",
            "required": ["photo", "upload"],
            "properties": {
                "photo": ref("Photo"),
                "upload": PRESIGNED_POST,
            },
        },
        "NewComment": {
            "type": "object",
            "required": ["text"],
            "additionalProperties": False,
            "properties": {
                "text": {
                    "type": "string",
                    "maxLength": COMMENT_MAX_LENGTH,
                    "pattern": COMMENT_TEXT_PATTERN.pattern,
                    "description": "Something besides white space, which is taken off around "
                    "it; stored and shown as plain text.",
                },
                "replyTo": {
                    "type": "string",
                    "pattern": COMMENT_ID_PATTERN.pattern,
                    "description": "The id of a comment of this photo, to answer it. A reply to "
                    "a reply answers the comment it is under.",
                },
            },
        },
        "Comment": {
            "type": "object",
            "required": ["id", "photoId", "author", "text", "createdAt", "replyCount"],
            "properties": {
                "id": {"type": "string"},
                "photoId": {"type": "string"},
                "author": PERSON,
                "text": {"type": "string"},
                "createdAt": {"type": "string", "format": "date-time"},
                "replyTo": {"type": "string", "description": "On a reply: its comment's id."},
                "replyCount": {"type": "integer", "description": "0 on a reply."},
            },
        },
        "CommentPage": {
            "type": "object",
            "required": ["items", "nextCursor"],
            "properties": {
                "items": {"type": "array", "items": ref("Comment")},
                "nextCursor": {"type": ["string", "null"]},
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
        "Notification": {
            "type": "object",
            "required": ["id", "kind", "actor", "createdAt", "unread"],
            "properties": {
                "id": {"type": "string"},
                "kind": {"enum": list(NOTIFICATION_KINDS)},
                "actor": PERSON,
                # Absent for a follow, and for a photo that is being removed.
                "photo": {
                    "type": "object",
                    "required": ["id"],
                    "properties": {
                        "id": {"type": "string"},
                        "renditions": {"type": "object", "additionalProperties": ref("Rendition")},
                    },
                },
                "comment": {
                    "type": "object",
                    "required": ["id", "text"],
                    "properties": {
                        "id": {"type": "string"},
                        "text": {"type": "string", "maxLength": QUOTED_CHARACTERS},
                    },
                },
                "createdAt": {"type": "string", "format": "date-time"},
                "unread": {"type": "boolean"},
            },
        },
        "NotificationPage": {
            "type": "object",
            "required": ["items", "nextCursor", "unreadCount"],
            "properties": {
                "items": {"type": "array", "items": ref("Notification")},
                "nextCursor": {"type": ["string", "null"]},
                **UNREAD_COUNT,
            },
        },
        "UnreadCount": {
            "type": "object",
            "required": ["unreadCount"],
            "properties": UNREAD_COUNT,
        },
        **people_schemas(),
    }
