"""DynamoDB access for profiles: one item per person with their counts, and a username claim that
maps their name to their id.

Cognito knows who people are; the table knows what others may see of them (name, joined date,
counts). A profile is made the first time the API meets a signed-in person (people.profiles),
together with its username claim and the name item search finds it by (people.name_store) in one
transaction; the claim's condition is what guarantees that one username leads to one profile.
"""

from chalicelib.people import name_store
from chalicelib.shared import account_writes, aws_clients, batches, table_keys, transactions


class UsernameTakenError(Exception):
    """The username already belongs to another profile."""


def get_profile(user_id: str, consistent: bool = False) -> dict | None:
    response = aws_clients.dynamodb_table().get_item(
        Key=table_keys.profile_key(user_id), ConsistentRead=consistent
    )
    return response.get("Item")


def profile_seen_by(user_id: str, viewer_id: str | None) -> tuple[dict | None, bool]:
    """The profile, and whether the viewer follows its owner, in one BatchGetItem: the profile
    item and the viewer's follow edge, fetched together."""
    keys = [table_keys.profile_key(user_id)]
    if viewer_id is not None and viewer_id != user_id:
        keys.append(table_keys.follow_key(viewer_id, user_id))
    found = batches.get_items(keys)
    profile = next((item for item in found if item["SK"] == "PROFILE"), None)
    return profile, len(found) == 2


def user_id_for(username: str) -> str | None:
    response = aws_clients.dynamodb_table().get_item(
        Key=table_keys.username_claim_key(username), ProjectionExpression="userId"
    )
    return response.get("Item", {}).get("userId")


def user_ids_for(usernames: list[str]) -> dict[str, str]:
    """The user ids of those of `usernames` that are accounts, by lower-case name, in one
    BatchGetItem (at most 100 names)."""
    claims = batches.get_items(
        [table_keys.username_claim_key(name) for name in usernames], projection="PK, userId"
    )
    return {claim["PK"].removeprefix("USERNAME#"): claim["userId"] for claim in claims}


def create_profile(user_id: str, username: str, joined_at: str) -> dict:
    """Create the profile, claim its username and make it findable by name, all or nothing, and
    return the profile.
    Creating a profile that exists already changes nothing."""
    table_name = aws_clients.dynamodb_table().name
    profile = {
        **table_keys.profile_key(user_id),
        "userId": user_id,
        "username": username,
        "joinedAt": joined_at,
        "photoCount": 0,
        "followerCount": 0,
        "followingCount": 0,
    }
    claim = {**table_keys.username_claim_key(username), "userId": user_id, "username": username}
    items = [transactions.put_new(table_name, item) for item in (profile, claim)]
    name = name_store.put_name(table_name, username, user_id, username, name_store.USERNAME)
    # An erased account's old token must not bring its profile back (chalicelib/accounts/).
    alive = account_writes.account_not_erased(table_name, user_id)
    try:
        transactions.write(items + ([name] if name else []) + [alive])
    except transactions.TransactionRefusedError as refused:
        if refused.condition_failed(1) and user_id_for(username) != user_id:
            raise UsernameTakenError(username) from refused
    return profile
