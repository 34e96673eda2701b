"""Steps of the comment tests, through Chalice's test client (`api`): comment on a photo,
answer a comment, list, delete; and what the table holds of a photo's comments."""

import json

from boto3.dynamodb.conditions import Key

from chalicelib.shared import aws_clients, table_keys
from tests.support.api_steps import auth


def comment(api, token, photo_id, text="Lovely light", reply_to=None):
    body = {"text": text, **({"replyTo": reply_to} if reply_to else {})}
    return api.http.post(f"/photos/{photo_id}/comments", headers=auth(token), body=json.dumps(body))


def commented(api, token, photo_id, text="Lovely light", reply_to=None) -> dict:
    response = comment(api, token, photo_id, text, reply_to)
    assert response.status_code == 201, response.body
    return response.json_body


def comments_page(api, photo_id, query="", token=None):
    headers = auth(token) if token else {}
    return api.http.get(f"/photos/{photo_id}/comments{query}", headers=headers)


def replies_page(api, photo_id, comment_id, query="", token=None):
    headers = auth(token) if token else {}
    return api.http.get(f"/photos/{photo_id}/comments/{comment_id}/replies{query}", headers=headers)


def delete(api, token, photo_id, comment_id):
    return api.http.delete(f"/photos/{photo_id}/comments/{comment_id}", headers=auth(token))


def comment_count(api, photo_id, token=None) -> int:
    headers = auth(token) if token else {}
    return api.http.get(f"/photos/{photo_id}", headers=headers).json_body["commentCount"]


def stored_comments(photo_id: str) -> list[dict]:
    """Every comment and reply item in the photo's partition, as stored."""
    partition = Key("PK").eq(table_keys.photo_key(photo_id)["PK"])
    found = []
    for prefix in (table_keys.COMMENT_PREFIX, table_keys.REPLY_PREFIX):
        response = aws_clients.dynamodb_table().query(
            KeyConditionExpression=partition & Key("SK").begins_with(prefix), ConsistentRead=True
        )
        found += response["Items"]
    return found


def stored_count(photo_id: str) -> int:
    """The photo's commentCount as stored (read consistently)."""
    photo = aws_clients.dynamodb_table().get_item(
        Key=table_keys.photo_key(photo_id), ConsistentRead=True
    )["Item"]
    return int(photo.get("commentCount", 0))
