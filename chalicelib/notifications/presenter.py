"""A notification as the API contract shows it (GET /notifications; /api/openapi.json has the
schema): who did what, to which photo or comment, when, and whether it is new to its reader."""

from chalicelib.notifications.service import ShownNotification
from chalicelib.people.presenter import present_looks
from chalicelib.photos.presenter import present_renditions
from chalicelib.shared import table_keys


def present(shown: ShownNotification) -> dict:
    item = shown.item
    body = {
        "id": table_keys.notification_id_of(item),
        "kind": item["kind"],
        "actor": {
            "id": item["actorId"],
            "username": item["actorUsername"],
            **present_looks(shown.actor),
        },
        "createdAt": item["createdAt"],
        "unread": shown.unread,
    }
    if shown.photo is not None:
        body["photo"] = {"id": item["photoId"]}
        if "renditions" in shown.photo:
            body["photo"]["renditions"] = present_renditions(shown.photo["renditions"])
    if "commentId" in item:
        body["comment"] = {"id": item["commentId"], "text": item["commentText"]}
    return body
