"""Steps of the account-erasure tests, through Chalice's test client (`api`): a person with a
bit of everything, deleting their account, and what the whole table still says about them."""

import json
import time

import boto3

from chalicelib.shared import aws_clients, table_keys
from tests.support.api_steps import auth, ready_photo, user_id
from tests.support.comment_steps import commented


def fresh_token(make_token, username: str) -> str:
    """An ID token of someone who has just typed their password (`auth_time` now, as a string,
    as API Gateway hands claims over)."""
    return make_token(username, auth_time=str(int(time.time())))


def delete_account(api, token):
    return api.http.delete("/me", headers=auth(token))


def put(api, token, path: str):
    response = api.http.put(path, headers=auth(token))
    assert response.status_code == 200, response.body


def lived_a_little(api, tokens: dict) -> dict:
    """alice (who will leave), bob and carol, each with a profile: alice shares a photo, which
    bob likes and comments on and carol answers; alice likes bob's photo, comments on it and
    answers bob's comment there, follows bob and is followed by both, and writes a display name.
    Returns the ids of what each made."""
    for token in tokens.values():
        assert api.http.get("/me", headers=auth(token)).status_code == 200
    alices_photo = ready_photo(api, tokens["alice"], "Sunset #beach")
    bobs_photo = ready_photo(api, tokens["bob"], "Harbour")
    put(api, tokens["bob"], f"/photos/{alices_photo}/like")
    put(api, tokens["alice"], f"/photos/{bobs_photo}/like")
    bobs_comment = commented(api, tokens["bob"], alices_photo, "Lovely")["id"]
    commented(api, tokens["carol"], alices_photo, "Agreed", reply_to=bobs_comment)
    bobs_own = commented(api, tokens["bob"], bobs_photo, "My harbour")["id"]
    alices_comment = commented(api, tokens["alice"], bobs_photo, "Nice one @bob")["id"]
    alices_reply = commented(api, tokens["alice"], bobs_photo, "Yes", reply_to=bobs_own)["id"]
    commented(api, tokens["carol"], bobs_photo, "Indeed", reply_to=alices_comment)
    put(api, tokens["alice"], "/users/bob/follow")
    put(api, tokens["bob"], "/users/alice/follow")
    put(api, tokens["carol"], "/users/alice/follow")
    edit = json.dumps({"displayName": "Alice Liddell"})
    assert (
        api.http.patch("/me/profile", headers=auth(tokens["alice"]), body=edit).status_code == 200
    )
    return {
        "alices_photo": alices_photo,
        "bobs_photo": bobs_photo,
        "bobs_own_comment": bobs_own,
        "alices_comment": alices_comment,
        "alices_reply": alices_reply,
    }


def every_item() -> list[dict]:
    """The whole table, scanned consistently."""
    table = aws_clients.dynamodb_table()
    scan = {"ConsistentRead": True}
    items = []
    while True:
        response = table.scan(**scan)
        items += response["Items"]
        if "LastEvaluatedKey" not in response:
            return items
        scan["ExclusiveStartKey"] = response["LastEvaluatedKey"]


def items_naming(username: str) -> list[dict]:
    """Every item whose keys or values hold the account's id or its username (any case),
    leaving out words of other people's texts that mention "@username" (their content)."""
    needles = (user_id(username), username.lower())
    naming = []
    for item in every_item():
        text = json.dumps(item, default=str).lower()
        text = text.replace(f"@{username.lower()}", "")
        if any(needle in text for needle in needles):
            naming.append(item)
    return naming


def profile_counts(username: str) -> dict:
    profile = aws_clients.dynamodb_table().get_item(
        Key=table_keys.profile_key(user_id(username)), ConsistentRead=True
    )["Item"]
    return {name: int(profile.get(name, 0)) for name in ("followerCount", "followingCount")}


def photo_counts(photo_id: str) -> dict:
    photo = aws_clients.dynamodb_table().get_item(
        Key=table_keys.photo_key(photo_id), ConsistentRead=True
    )["Item"]
    return {name: int(photo.get(name, 0)) for name in ("likeCount", "commentCount")}


def cognito_user_exists(user_pool_id: str, username: str) -> bool:
    cognito = boto3.client("cognito-idp")
    try:
        cognito.admin_get_user(UserPoolId=user_pool_id, Username=username)
    except cognito.exceptions.UserNotFoundException:
        return False
    return True
