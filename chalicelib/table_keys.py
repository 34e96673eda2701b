"""The table's key layout, as the API writes and reads it: the only module of the API that spells
a key or an index name.

One table holds every kind of item (DESIGN.md, "Data model"):

    item            PK                          SK
    photo           PHOTO#<photo id>            PHOTO
    like            PHOTO#<photo id>            LIKE#<user id>
    profile         USER#<user id>              PROFILE
    username claim  USERNAME#<username, lower>  USERNAME

A like shares its photo's partition, so one Query finds every like of a photo and the like and
the count it moves can be written in one transaction. The username claim maps a name to its user
id, and its uniqueness condition is what makes a username belong to one profile.

The worker is packaged on its own and keeps its copy of the keys it uses in
image_worker/table_keys.py; tests/unit/test_key_layouts.py holds the two copies together.
"""

FEED_INDEX = "FeedIndex"
OWNER_INDEX = "OwnerIndex"
PHOTO_PREFIX = "PHOTO#"
LIKE_PREFIX = "LIKE#"


def photo_key(photo_id: str) -> dict:
    return {"PK": f"{PHOTO_PREFIX}{photo_id}", "SK": "PHOTO"}


def like_key(photo_id: str, user_id: str) -> dict:
    return {"PK": f"{PHOTO_PREFIX}{photo_id}", "SK": f"{LIKE_PREFIX}{user_id}"}


def photo_id_of(key: dict) -> str:
    """The photo id in the key of a photo or of one of its likes."""
    return key["PK"].removeprefix(PHOTO_PREFIX)


def profile_key(user_id: str) -> dict:
    return {"PK": f"USER#{user_id}", "SK": "PROFILE"}


def username_claim_key(username: str) -> dict:
    return {"PK": f"USERNAME#{username_key(username)}", "SK": "USERNAME"}


def username_key(username: str) -> str:
    """The spelling a username is stored and looked up under. The user pool ignores case when
    people sign in (`CaseSensitive: false`), so "Alice" and "alice" are one person here too."""
    return username.lower()


def feed_shard_key(shard: int) -> str:
    """The global feed's partition for shard number `shard` (FeedIndex's partition key)."""
    return f"FEED#{shard}"


def owner_index_partition(username: str) -> str:
    """OwnerIndex's partition key for one owner's photos. It is the owner's username, not their
    id, because a profile page is addressed by username: its photos are then one Query, with no
    look-up of the id first. Cognito usernames never change, so the key is stable."""
    return username_key(username)


def is_photo(key: dict) -> bool:
    return key["PK"].startswith(PHOTO_PREFIX) and key["SK"] == "PHOTO"
