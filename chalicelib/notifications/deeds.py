"""Which notifications an item of the table stands for: a like tells the photo's owner, a comment
the photo's owner, a reply the author of the comment it answers, a follow the person followed,
and an @name in a READY photo's caption, a comment or a reply tells that person.

Pure functions of the item (and of who its @names are), so the same item always gives the same
notifications under the same keys: writing them twice writes nothing new, and when the item goes
(an unlike, an unfollow, a deleted comment or photo) the very same keys are deleted
(notifications.reaction). That is why the items carry whom they notify (a like its photo's
`photoOwnerId`, a reply its comment's `replyToAuthorId`): a like removed together with its photo
must still find the note it made, after the photo is gone.
"""

import re
from collections.abc import Callable
from datetime import timedelta
from typing import NamedTuple

from chalicelib.shared import clock, table_keys

KINDS = ("like", "comment", "reply", "follow", "mention")
# At most this many people are told of one text; more @names than this are ignored.
MAX_MENTIONS = 10
# A notification quotes the start of the comment it tells of.
QUOTED_CHARACTERS = 200
# How long a notification is kept: the table's time-to-live removes it then.
KEPT_DAYS = 90
# An @name as the sign-up rule makes names (ASCII letters, digits, ".", "-", "_", at most 30,
# starting with a letter or digit), glued neither to a word before it ("me@example.com" is no
# mention) nor to more name characters after it (a run longer than any name names nobody). A
# final "." ends the sentence, not the name. The page links @names by the same rule
# (frontend/js/helpers/mentions.js; tests/unit/test_mention_links.py).
MENTION = re.compile(r"(?<![A-Za-z0-9._@-])@([A-Za-z0-9][A-Za-z0-9._-]{0,29})\.*(?![A-Za-z0-9._-])")

UserIdsOf = Callable[[list[str]], dict[str, str]]  # lower-case usernames -> user ids


class Notification(NamedTuple):
    recipient_id: str
    id: str  # `<time of the deed>#<kind>#<subject>`: the key's sort part, and the API's id
    item: dict  # what is stored, keys included


def mentioned_names(text: str) -> list[str]:
    """The distinct @names in `text`, lower-cased, in order, at most MAX_MENTIONS."""
    names: list[str] = []
    for match in MENTION.finditer(text or ""):
        name = match.group(1).rstrip(".").lower()
        if name and name not in names:
            names.append(name)
    return names[:MAX_MENTIONS]


def notifications_of(item: dict, user_ids_of: UserIdsOf) -> list[Notification]:
    """Every notification `item` stands for; none for items that notify nobody."""
    sort_key = item["SK"]
    if sort_key.startswith(table_keys.LIKE_PREFIX):
        return _of_like(item)
    if sort_key.startswith((table_keys.COMMENT_PREFIX, table_keys.REPLY_PREFIX)):
        return _of_comment(item, user_ids_of)
    if sort_key.startswith(table_keys.FOLLOWS_PREFIX):
        return _of_follow(item)
    if table_keys.is_photo(item) and item.get("status") == "READY":
        return _of_caption(item, user_ids_of)
    return []


def _of_like(like: dict) -> list[Notification]:
    if "photoOwnerId" not in like:
        return []  # a like from before notifications told no one, so there is nothing to undo
    photo_id = table_keys.photo_id_of(like)
    deed = {"kind": "like", "actorId": like["userId"], "actorUsername": like["username"]}
    return _told(
        like["photoOwnerId"],
        like["likedAt"],
        f"{photo_id}#{like['userId']}",
        deed | {"photoId": photo_id},
    )


def _of_comment(comment: dict, user_ids_of: UserIdsOf) -> list[Notification]:
    if "photoOwnerId" not in comment:
        return []  # a comment from before notifications told no one either
    photo_id = comment["photoId"]
    comment_id = f"{comment['replyTo']}.{comment['id']}" if "replyTo" in comment else comment["id"]
    deed = {
        "actorId": comment["authorId"],
        "actorUsername": comment["authorUsername"],
        "photoId": photo_id,
        "commentId": comment_id,
        "commentText": _quoted(comment["text"]),
    }
    if "replyTo" in comment:
        recipient, kind = comment["replyToAuthorId"], "reply"
    else:
        recipient, kind = comment["photoOwnerId"], "comment"
    subject = f"{photo_id}#{comment_id}"
    told = _told(recipient, comment["createdAt"], subject, deed | {"kind": kind})
    already_told = {recipient, comment["authorId"]}
    mentioned = _mentioned(comment["text"], user_ids_of, already_told)
    return told + [
        _notification(someone, comment["createdAt"], subject, deed | {"kind": "mention"})
        for someone in mentioned
    ]


def _of_follow(edge: dict) -> list[Notification]:
    deed = {
        "kind": "follow",
        "actorId": edge["followerId"],
        "actorUsername": edge["followerUsername"],
    }
    return _told(edge["followeeId"], edge["followedAt"], edge["followerId"], deed)


def _of_caption(photo: dict, user_ids_of: UserIdsOf) -> list[Notification]:
    deed = {
        "kind": "mention",
        "actorId": photo["ownerId"],
        "actorUsername": photo["ownerUsername"],
        "photoId": photo["id"],
    }
    mentioned = _mentioned(photo.get("caption", ""), user_ids_of, {photo["ownerId"]})
    return [_notification(someone, photo["createdAt"], photo["id"], deed) for someone in mentioned]


def _mentioned(text: str, user_ids_of: UserIdsOf, already_told: set) -> list[str]:
    """The accounts @named in `text`, but for those told already (and the author)."""
    names = mentioned_names(text)
    if not names:
        return []
    user_ids = user_ids_of(names)
    return [
        user_ids[name] for name in names if name in user_ids and user_ids[name] not in already_told
    ]


def _told(recipient_id: str, happened_at: str, subject: str, deed: dict) -> list[Notification]:
    """The one notification of a deed, unless it tells its own actor."""
    if recipient_id == deed["actorId"]:
        return []
    return [_notification(recipient_id, happened_at, subject, deed)]


def _notification(recipient_id: str, happened_at: str, subject: str, deed: dict) -> Notification:
    notification_id = f"{happened_at}#{deed['kind']}#{subject}"
    expires = clock.moment(happened_at) + timedelta(days=KEPT_DAYS)
    item = {
        **table_keys.notification_key(recipient_id, notification_id),
        **deed,
        "createdAt": happened_at,
        "deleteAfter": int(expires.timestamp()),  # the table's time-to-live attribute
    }
    return Notification(recipient_id, notification_id, item)


def _quoted(text: str) -> str:
    if len(text) <= QUOTED_CHARACTERS:
        return text
    return text[: QUOTED_CHARACTERS - 1] + "…"
