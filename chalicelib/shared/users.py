"""Who is acting: the signed-in person as every service sees them.

The edge makes a `User` from the verified claims of a Cognito ID token
(chalicelib/edge/caller.py); services decide what that person may see and change by `id` (the
token's `sub`, which never changes and is never reused).
"""

from typing import NamedTuple


class User(NamedTuple):
    id: str
    username: str
    email: str | None
