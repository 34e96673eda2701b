"""The triggers' copy of the table's key layout: only the keys the Post Confirmation trigger
writes (a profile, its username claim and the name item search finds it by).

The API's copy is chalicelib/shared/table_keys.py (each Lambda is packaged on its own and the
triggers may not import the API's code); tests/unit/test_key_layouts.py holds the two together.
"""

import unicodedata

SEARCHABLE_LENGTH = 40


def profile_key(user_id: str) -> dict:
    return {"PK": f"USER#{user_id}", "SK": "PROFILE"}


def username_claim_key(username: str) -> dict:
    # The user pool ignores case in usernames, so a claim is kept under the lower-case spelling.
    return {"PK": f"USERNAME#{username.lower()}", "SK": "USERNAME"}


def name_key(name: str, user_id: str) -> dict | None:
    """The name item search finds the account by (chalicelib/shared/table_keys.py:name_key, where
    the searchable form is explained); None for a name with no letter or digit."""
    decomposed = unicodedata.normalize("NFKD", name)
    without_marks = "".join(c for c in decomposed if not unicodedata.combining(c))
    searchable = "".join(c for c in without_marks.casefold() if c.isalnum())[:SEARCHABLE_LENGTH]
    if not searchable:
        return None
    return {"PK": f"NAMES#{searchable[0]}", "SK": f"{searchable}#{user_id}"}
