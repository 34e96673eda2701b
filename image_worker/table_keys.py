"""The worker's copy of the table's key layout: only the keys the worker touches.

The API's copy is chalicelib/shared/table_keys.py (each Lambda is packaged on its own and the
worker may not import the API's code); tests/unit/test_key_layouts.py holds the two together.
"""

import hashlib


def photo_key(photo_id: str) -> dict:
    return {"PK": f"PHOTO#{photo_id}", "SK": "PHOTO"}


def profile_key(user_id: str) -> dict:
    return {"PK": f"USER#{user_id}", "SK": "PROFILE"}


def feed_shard_key(photo_id: str, shard_count: int) -> str:
    """The feed partition of a photo: a stable hash of its id spreads photos over N shards
    (N=1 puts every photo in FEED#0)."""
    digest = hashlib.sha256(photo_id.encode()).digest()
    return f"FEED#{int.from_bytes(digest[:8], 'big') % shard_count}"
