"""A comment as the API contract shows it (docs/data-model.md has the stored item), its author
as they look now (people.presenter.present_looks)."""

from chalicelib.people.presenter import present_looks

REPLY_ID_SEPARATOR = "."


def public_id(item: dict) -> str:
    """The id clients use: a reply's is `<comment id>.<reply id>`, so it names where it is."""
    if "replyTo" in item:
        return f"{item['replyTo']}{REPLY_ID_SEPARATOR}{item['id']}"
    return item["id"]


def present(shown) -> dict:
    """A comments.service.ShownComment as JSON."""
    item = shown.item
    comment = {
        "id": public_id(item),
        "photoId": item["photoId"],
        "author": {
            "id": item["authorId"],
            "username": item["authorUsername"],
            **present_looks(shown.author),
        },
        "text": item["text"],
        "createdAt": item["createdAt"],
        # DynamoDB returns numbers as Decimal; JSON wants int. Replies have none of their own.
        "replyCount": max(int(item.get("replyCount", 0)), 0),
    }
    if "replyTo" in item:
        comment["replyTo"] = item["replyTo"]
    return comment
