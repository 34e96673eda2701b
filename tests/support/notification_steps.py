"""Steps of the notification tests, through Chalice's test client (`api`): read an inbox, mark
it read, and what the table holds of one."""

from boto3.dynamodb.conditions import Key

from chalicelib.shared import aws_clients, table_keys
from tests.support.api_steps import auth


def inbox(api, token, query="") -> dict:
    response = api.http.get(f"/notifications{query}", headers=auth(token))
    assert response.status_code == 200, response.body
    return response.json_body


def told(api, token) -> list[tuple]:
    """The inbox as (kind, actor's name, photo id, comment id), newest first."""
    return [
        (
            item["kind"],
            item["actor"]["username"],
            item.get("photo", {}).get("id"),
            item.get("comment", {}).get("id"),
        )
        for item in inbox(api, token, "?limit=50")["items"]
    ]


def mark_read(api, token):
    return api.http.post("/notifications/read", headers=auth(token))


def stored_notifications(user_id: str) -> list[dict]:
    """Every notification item in the person's inbox, as stored."""
    response = aws_clients.dynamodb_table().query(
        KeyConditionExpression=Key("PK").eq(table_keys.inbox_partition(user_id))
        & Key("SK").begins_with(table_keys.NOTE_PREFIX),
        ConsistentRead=True,
    )
    return response["Items"]
