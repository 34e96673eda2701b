"""The people part of the OpenAPI document's schemas (chalicelib/edge/openapi_schemas.py puts
them with the rest): a person as every answer shows one, a profile and its edits, lists of
people, search and suggestions, the signed-in user, and a profile picture's upload. Limits come
from the code that enforces them.
"""

from chalicelib.edge.request_parsing import PLAIN_TEXT_PATTERN
from chalicelib.people.profile_edits import BIO_MAX_LENGTH, DISPLAY_NAME_MAX_LENGTH
from chalicelib.shared.settings import ALLOWED_CONTENT_TYPES, AVATAR_MAX_BYTES

# A person wherever an answer shows one (a photo's owner, a comment's author, who liked,
# followers, search, suggestions): their name and how they look now (the small picture).
PERSON = {
    "type": "object",
    "required": ["id", "username"],
    "properties": {
        "id": {"type": "string"},
        "username": {"type": "string"},
        "displayName": {"type": "string"},
        "avatar": {
            "type": "object",
            "required": ["url", "width", "height", "placeholder"],
            "properties": {
                "url": {"type": "string"},
                "width": {"type": "integer"},
                "height": {"type": "integer"},
                "placeholder": {"type": "string"},
            },
        },
    },
}
# Where and how a browser uploads a file, a photo's or a profile picture's.
PRESIGNED_POST = {
    "type": "object",
    "required": ["url", "fields", "expiresAt"],
    "description": "A presigned S3 POST: post `fields`, then the file, to `url`.",
    "properties": {
        "url": {"type": "string"},
        "fields": {"type": "object", "additionalProperties": {"type": "string"}},
        "expiresAt": {"type": "string", "format": "date-time"},
    },
}


def file_to_upload(max_bytes: int, size_description: str, **other_fields: dict) -> dict:
    """A body that announces a file before it is uploaded, a photo or a profile picture, as
    edge/request_parsing.py:_file_to_upload checks it: its type, its size, and `other_fields`."""
    return {
        "type": "object",
        "required": ["contentType", "size"],
        "additionalProperties": False,
        "properties": {
            "contentType": {"enum": list(ALLOWED_CONTENT_TYPES)},
            "size": {
                "type": "integer",
                "minimum": 1,
                "maximum": max_bytes,
                "description": size_description,
            },
            **other_fields,
        },
    }


# The same, with whether the signed-in reader follows them.
FOLLOWABLE_PERSON = PERSON | {
    "properties": PERSON["properties"] | {"followedByMe": {"type": "boolean"}}
}


def ref(name: str) -> dict:
    """A reference to one of the document's schemas, by name."""
    return {"$ref": f"#/components/schemas/{name}"}


def people_schemas() -> dict:
    """The people's schemas, by name."""
    return {
        "NewAvatar": file_to_upload(
            AVATAR_MAX_BYTES, "The picture's size in bytes, a whole number as for a photo."
        ),
        "AvatarUpload": {
            "type": "object",
            "required": ["upload"],
            "properties": {
                "upload": PRESIGNED_POST
                | {
                    "description": PRESIGNED_POST["description"]
                    + " A moment after the file arrives, the profile shows the new avatar."
                },
            },
        },
        "AvatarUploadState": {
            "type": "object",
            "required": ["id", "status"],
            "description": "Shown to the profile's owner alone: the newest picture they chose, "
            "while it is on its way (PENDING) or if it was refused (FAILED, with the reason to "
            "show). Absent once it is the avatar.",
            "properties": {
                "id": {"type": "string"},
                "status": {"enum": ["PENDING", "FAILED"]},
                "failureReason": {"type": "string"},
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
                "displayName": {"type": "string", "maxLength": DISPLAY_NAME_MAX_LENGTH},
                "bio": {"type": "string", "maxLength": BIO_MAX_LENGTH},
                "avatar": PERSON["properties"]["avatar"],
                "avatarUpload": ref("AvatarUploadState"),
            },
        },
        "PeoplePage": {
            "type": "object",
            "required": ["items", "nextCursor"],
            "properties": {
                "items": {"type": "array", "items": FOLLOWABLE_PERSON},
                "nextCursor": {"type": ["string", "null"]},
            },
        },
        "ProfileEdit": {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": False,
            "properties": {
                field: {
                    "type": "string",
                    "maxLength": limit,
                    "pattern": PLAIN_TEXT_PATTERN.pattern,
                    "description": "One line of text, taken off the white space around it; an "
                    "empty one removes it.",
                }
                for field, limit in (
                    ("displayName", DISPLAY_NAME_MAX_LENGTH),
                    ("bio", BIO_MAX_LENGTH),
                )
            },
        },
        "FoundPeople": {
            "type": "object",
            "required": ["items"],
            "properties": {
                "items": {
                    "type": "array",
                    "items": FOLLOWABLE_PERSON,
                }
            },
        },
        "SuggestedPeople": {
            "type": "object",
            "required": ["items"],
            "properties": {
                "items": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": [*PERSON["required"], "reason"],
                        "properties": PERSON["properties"]
                        | {
                            "reason": {
                                "type": "string",
                                "description": 'Why: "Followed by <username>", "New on '
                                'CloudGram" or "Recently shared".',
                            }
                        },
                    },
                }
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
