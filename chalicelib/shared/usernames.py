"""The one rule for what a username may be, wherever one arrives: in an address
(`/users/<username>`), inside a page cursor (the home feed's merged accounts), and in the OpenAPI
document, which publishes USERNAME_PATTERN and USERNAME_MAX_LENGTH as they are.

Checking a name before it goes near a key means a request for an impossible name is a clear 400,
not a DynamoDB error.

This rule is wider than the one for a new account's name, on purpose. The user pool's Pre
Sign-up trigger accepts only ASCII letters, digits, `.`, `-` and `_`, 1 to 30 of them and
starting with a letter or a digit (cognito_triggers/usernames.py), so that no two accounts read
alike. Accounts made before the trigger keep the names they have, and their profiles must still
resolve; so an address may name anyone Cognito could ever have accepted, and a name no account
has is simply not found (404). Every name the sign-up rule accepts, this one accepts too
(tests/unit/test_username_rules.py).
"""

import re

from chalicelib.shared.text import is_unicode_text

# Cognito's own limit on a username's length.
USERNAME_MAX_LENGTH = 128
# A username's characters: anything but control characters (C0, DEL, C1) and Unicode's white
# space. Cognito allows letters, marks, numbers, punctuation and symbols; those classes are not
# spelled here as `\p{L}` and the like because Python's `re` cannot read them, and because each
# reader of the document (Python, JSON Schema validators and generators, Cognito) bundles its own
# Unicode version, so they would disagree about newly assigned characters. These code points
# mean the same to all of them; a name that passes here but that Cognito would refuse names no
# one (404). The length is checked apart, as JSON Schema's maxLength counts it: in characters.
# Written in the syntax Python's `re` and JSON Schema (ECMA-262) read alike, and anchored, since
# a JSON Schema pattern may match anywhere in the value otherwise.
USERNAME_PATTERN = re.compile(
    r"^[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$"
)


def is_username(name: object) -> bool:
    """1 to USERNAME_MAX_LENGTH characters, none of them a control character or white space.

    fullmatch, not match: Python's `$` also matches before a final newline. And a Python string
    may hold half of a surrogate pair (a cursor's JSON can spell one), which is no character at
    all, so no pattern over characters needs to mention it; it is refused here."""
    return (
        isinstance(name, str)
        and len(name) <= USERNAME_MAX_LENGTH
        and USERNAME_PATTERN.fullmatch(name) is not None
        and is_unicode_text(name)
    )
