"""What goes into a person's archive, read from the table: the JSON files of the export, and
the list of photo files to copy in.

Request path: the export function (chalicelib/accounts/export_job.py) -> here -> DynamoDB;
export_archive.py then writes what this returns into the zip. Uses the photos' OwnerIndex, the
comments' public ids, and accounts/written_by.py for what the person wrote on others' photos.

Every value is the person's own: their profile, their photos (whatever their status), what they
wrote, whom they follow and who follows them (names and since when: the followers' own data
stays theirs). Times are the table's ISO 8601 UTC strings.
"""

from collections.abc import Iterator
from typing import NamedTuple

from boto3.dynamodb.conditions import Key

from chalicelib.accounts import written_by
from chalicelib.comments import presenter as comment_presenter
from chalicelib.shared import aws_clients, table_keys


class PhotoFile(NamedTuple):
    """A photo's largest rendition, and its name inside the archive."""

    object_key: str
    name_in_archive: str


def profile_file(profile: dict, email: str | None) -> dict:
    avatar = profile.get("avatar")
    return {
        "username": profile["username"],
        "displayName": profile.get("displayName", ""),
        "bio": profile.get("bio", ""),
        "email": email,
        "createdAt": profile.get("joinedAt"),
        "avatar": _avatar(avatar) if avatar else None,
        "photoCount": int(profile.get("photoCount", 0)),
        "followerCount": int(profile.get("followerCount", 0)),
        "followingCount": int(profile.get("followingCount", 0)),
    }


def _avatar(avatar: dict) -> dict:
    return {
        name: {"width": int(rendition["width"]), "height": int(rendition["height"])}
        for name, rendition in avatar.items()
        if isinstance(rendition, dict) and "width" in rendition
    }


def photos_of(user_id: str, username: str) -> Iterator[dict]:
    """Every photo the person shared, oldest first, from OwnerIndex (which holds PENDING and
    FAILED photos too), a page at a time."""
    query = {
        "IndexName": table_keys.OWNER_INDEX,
        "KeyConditionExpression": Key("ownerName").eq(table_keys.owner_index_partition(username)),
    }
    table = aws_clients.dynamodb_table()
    while True:
        response = table.query(**query)
        for item in response["Items"]:
            if item.get("ownerId") == user_id and table_keys.is_photo(item):
                yield item
        if "LastEvaluatedKey" not in response:
            return
        query["ExclusiveStartKey"] = response["LastEvaluatedKey"]


def largest_rendition(photo: dict) -> PhotoFile | None:
    renditions = photo.get("renditions") or {}
    if not renditions:
        return None
    largest = max(renditions.values(), key=_pixels)
    extension = largest["key"].rsplit(".", 1)[-1]
    return PhotoFile(largest["key"], f"photos/{photo['id']}.{extension}")


def _pixels(rendition: dict) -> int:
    return int(rendition["width"]) * int(rendition["height"])


def photo_entry(photo: dict) -> dict:
    photo_file = largest_rendition(photo)
    return {
        "id": photo["id"],
        "caption": photo.get("caption", ""),
        "altText": photo.get("altText", ""),
        "createdAt": photo.get("createdAt"),
        "readyAt": photo.get("readyAt"),
        "status": photo["status"],
        "failureReason": photo.get("failureReason"),
        "likeCount": int(photo.get("likeCount", 0)),
        "commentCount": max(int(photo.get("commentCount", 0)), 0),
        "renditions": sorted(photo.get("renditions") or {}),
        "file": photo_file.name_in_archive if photo_file else None,
    }


def comments_file(user_id: str) -> list[dict]:
    entries = [
        {
            # As the API names it: a reply's id is `<comment id>.<reply id>`.
            "id": comment_presenter.public_id(item),
            "photoId": item["photoId"],
            "text": item.get("text", ""),
            "createdAt": item.get("createdAt"),
            "replyTo": item.get("replyTo"),
        }
        for item in written_by.comments_and_replies_by(user_id)
    ]
    return sorted(entries, key=lambda entry: (entry["createdAt"] or "", entry["id"]))


def likes_file(user_id: str) -> list[dict]:
    entries = [
        {"photoId": table_keys.photo_id_of(item), "likedAt": item.get("likedAt")}
        for item in written_by.likes_by(user_id)
    ]
    return sorted(entries, key=lambda entry: (entry["likedAt"] or "", entry["photoId"]))


def following_file(user_id: str) -> list[dict]:
    return [
        {"username": edge["followeeUsername"], "since": edge.get("followedAt")}
        for edge in _edges(user_id, table_keys.FOLLOWS_PREFIX)
    ]


def followers_file(user_id: str) -> list[dict]:
    return [
        {"username": edge["followerUsername"], "since": edge.get("followedAt")}
        for edge in _edges(user_id, table_keys.FOLLOWER_PREFIX)
    ]


def _edges(user_id: str, prefix: str) -> Iterator[dict]:
    query = {
        "KeyConditionExpression": Key("PK").eq(table_keys.user_partition(user_id))
        & Key("SK").begins_with(prefix),
    }
    table = aws_clients.dynamodb_table()
    while True:
        response = table.query(**query)
        yield from response["Items"]
        if "LastEvaluatedKey" not in response:
            return
        query["ExclusiveStartKey"] = response["LastEvaluatedKey"]
