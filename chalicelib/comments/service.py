"""What the comment routes do: comment on a photo or answer a comment, list comments and
replies, delete one.

Sits between the edge and comments.comment_store. Anyone who may see a photo may read its
comments; signed-in people may comment on READY photos (a photo someone may not see answers as
if it did not exist, as everywhere else). A comment may be deleted by its author or by the
photo's owner. Every answer is a domain value or a domain error; the edge makes them HTTP.
"""

from datetime import UTC, datetime
from typing import NamedTuple

from chalicelib.comments import comment_store
from chalicelib.people import looks, profiles
from chalicelib.photos import store as photo_store
from chalicelib.photos.visibility import PHOTO_NOT_FOUND_MESSAGE, visible_or_not_found
from chalicelib.shared import account_writes, clock
from chalicelib.shared.errors import (
    ConflictError,
    NotFoundError,
    NotYoursError,
    TryAgainLaterError,
)
from chalicelib.shared.observability import logger
from chalicelib.shared.paging import Page, PageRequest
from chalicelib.shared.users import User

NOT_READY_MESSAGE = "This photo is still being processed; it can be commented on once it is ready."
COMMENT_NOT_FOUND_MESSAGE = "This photo has no comment with this id; it may have been deleted."
NOT_YOUR_COMMENT_MESSAGE = (
    "Only the person who wrote this comment, or the photo's owner, can delete it."
)
# A delete is tried again when a reply arrives or leaves meanwhile; a few tries settle it.
DELETE_ATTEMPTS = 5


class CommentId(NamedTuple):
    """Where a comment is: a top-level comment's id, and a reply's own id if it is one. (The
    API's id of a reply is `<comment id>.<reply id>`, so the id alone finds it: edge's
    request_parsing reads it.)"""

    comment: str
    reply: str | None = None


class ShownComment(NamedTuple):
    """A comment as it is shown: the stored item, and its author's profile as it is now (what
    they look like: people.looks), read with the page."""

    item: dict
    author: dict | None


class NewComment(NamedTuple):
    text: str
    reply_to: CommentId | None


def post_comment(photo_id: str, user: User, new: NewComment) -> dict:
    """Store the comment (a reply, with `reply_to`) and return the stored item."""
    logger.append_keys(photo_id=photo_id)
    author = profiles.ensure_profile(user)
    # Imported here: only writing a comment makes ids (as only sharing a photo does).
    from ulid import ULID

    now = datetime.now(UTC)
    item = {
        "id": str(ULID.from_datetime(now)),  # sorts by time: comments list oldest first
        "photoId": photo_id,
        "authorId": user.id,
        "authorUsername": user.username,
        "text": new.text,
        "createdAt": clock.timestamp(now),
    }
    item |= _whom_it_tells(photo_id, new.reply_to, user)
    try:
        comment_store.add_comment(item, now)
    except comment_store.PhotoRefusedError as refused:
        _raise_why_not_commentable(photo_id, user, refused)
    except comment_store.CommentGoneError as gone:
        visible_or_not_found(photo_store.get_photo(photo_id), user)
        raise NotFoundError(COMMENT_NOT_FOUND_MESSAGE) from gone
    except account_writes.BudgetSpentError as refused:
        raise account_writes.limit_reached(now) from refused
    logger.info("Comment written", extra={"reply": "replyTo" in item})
    return ShownComment(item, author)


def _whom_it_tells(photo_id: str, reply_to: CommentId | None, user: User) -> dict:
    """A comment carries whom its notification tells (the photo's owner; for a reply, the
    author of the comment answered), so that notification can be found and removed from the
    comment alone, even after the photo is gone (notifications.deeds)."""
    photo = visible_or_not_found(photo_store.get_photo(photo_id), user)
    if reply_to is None:
        return {"replyCount": 0, "photoOwnerId": photo["ownerId"]}
    answered = comment_store.get_comment(photo_id, reply_to.comment)
    if answered is None:
        raise NotFoundError(COMMENT_NOT_FOUND_MESSAGE)
    # A reply to a reply answers its comment: replies are one level deep.
    return {
        "replyTo": reply_to.comment,
        "photoOwnerId": photo["ownerId"],
        "replyToAuthorId": answered["authorId"],
    }


def comments_page(photo_id: str, wanted: PageRequest, viewer: User | None) -> Page:
    """A page of the photo's top-level comments, oldest first, each with its reply count."""
    visible_or_not_found(photo_store.get_photo(photo_id), viewer)
    items, after = comment_store.comments_page(photo_id, wanted.after, wanted.limit)
    return Page(_with_authors(items), after)


def replies_page(
    photo_id: str, comment_id: CommentId, wanted: PageRequest, viewer: User | None
) -> Page:
    """A page of one comment's replies, oldest first."""
    visible_or_not_found(photo_store.get_photo(photo_id), viewer)
    if comment_id.reply is not None or not comment_store.get_comment(photo_id, comment_id.comment):
        raise NotFoundError(COMMENT_NOT_FOUND_MESSAGE)
    items, after = comment_store.comments_page(
        photo_id, wanted.after, wanted.limit, comment_id=comment_id.comment
    )
    return Page(_with_authors(items), after)


def _with_authors(items: list[dict]) -> list[ShownComment]:
    """The page's comments with their authors' profiles, in one BatchGetItem; those of an account
    being erased are left out (the page comes out shorter, its position still right)."""
    authors = looks.profiles_of(item["authorId"] for item in items)
    return [
        ShownComment(item, authors.get(item["authorId"]))
        for item in items
        if not looks.is_gone(authors.get(item["authorId"]))
    ]


def delete_comment(photo_id: str, comment_id: CommentId, user: User) -> None:
    """Delete the comment (with its replies, if it is a top-level one)."""
    logger.append_keys(photo_id=photo_id)
    now = datetime.now(UTC)
    for _ in range(DELETE_ATTEMPTS):
        photo = visible_or_not_found(photo_store.get_photo(photo_id, consistent=True), user)
        comment = comment_store.get_comment(photo_id, *comment_id)
        if comment is None:
            raise NotFoundError(COMMENT_NOT_FOUND_MESSAGE)
        if user.id not in (comment["authorId"], photo["ownerId"]):
            raise NotYoursError(NOT_YOUR_COMMENT_MESSAGE)
        try:
            if comment_id.reply is None:
                comment_store.delete_comment(comment, user.id, now)
            else:
                comment_store.delete_reply(comment, user.id, now)
        except comment_store.CommentChangedError:
            continue
        except (comment_store.CommentGoneError, comment_store.PhotoRefusedError) as gone:
            raise NotFoundError(COMMENT_NOT_FOUND_MESSAGE) from gone
        except account_writes.BudgetSpentError as refused:
            raise account_writes.limit_reached(now) from refused
        logger.info("Comment deleted", extra={"reply": comment_id.reply is not None})
        return
    logger.warning("Comment kept changing while being deleted", extra={"attempts": DELETE_ATTEMPTS})
    raise TryAgainLaterError()


def _raise_why_not_commentable(photo_id: str, user: User, refused: Exception) -> None:
    photo = visible_or_not_found(photo_store.get_photo(photo_id), user)
    if photo["status"] != "READY":
        raise ConflictError(NOT_READY_MESSAGE) from refused
    raise NotFoundError(PHOTO_NOT_FOUND_MESSAGE) from refused
