"""The triggers' copy of the table's key layout: only the keys the Post Confirmation trigger
writes (a profile and its username claim).

The API's copy is chalicelib/shared/table_keys.py (each Lambda is packaged on its own and the
triggers may not import the API's code); tests/unit/test_key_layouts.py holds the two together.
"""


def profile_key(user_id: str) -> dict:
    return {"PK": f"USER#{user_id}", "SK": "PROFILE"}


def username_claim_key(username: str) -> dict:
    # The user pool ignores case in usernames, so a claim is kept under the lower-case spelling.
    return {"PK": f"USERNAME#{username.lower()}", "SK": "USERNAME"}
