"""The rule for a new account's username, decided here once: the Pre Sign-up trigger
(cognito_triggers/pre_sign_up.py) refuses every sign-up that breaks it.

Why a rule at all. Cognito takes almost any Unicode as a username and, with the pool's
`CaseSensitive: false`, ignores case and nothing else. So "ｋarl" (a fullwidth k), "Karl" spelt
with the Kelvin sign (U+212A), "karı" (a dotless ı) and " karl" could each become an account of
its own that reads as "karl" next to a photo. Unicode says when two names are the same to a
reader: after compatibility normalisation (NFKC, which turns the fullwidth k and the Kelvin sign
into a plain K or k) and case folding. A username must have one such canonical form, and the
simplest way to be sure of it is an alphabet in which that form is plain ASCII lower case:

- the letters A to Z in either case, the digits 0 to 9, and `.`, `-` and `_`, which is what the
  sign-up form has always asked for;
- starting with a letter or a digit: "." and ".." would be path segments, not a person, in
  `/users/<username>`, and a name that starts with punctuation is easily misread;
- 1 to 30 characters: room for a first and a last name with a dot between, and short enough to
  stay on one line of a photo card on a phone.

Every name this rule accepts is its own NFKC form, and its canonical form is its lower case. So
two accepted names are one person exactly when they differ only in case, which the user pool
already refuses at sign-up ("User already exists") and the API's keys already fold
(chalicelib/shared/table_keys.py:username_key); and every look-alike is refused outright,
because no character outside ASCII is in the alphabet. Nothing is rewritten: a trigger cannot
change the username, and Cognito keeps it as it was sent, capitals included.

Names of accounts made before this rule keep working: the API's rule for a name in an address is
wider (chalicelib/shared/usernames.py). The page checks this rule before it sends a sign-up
(frontend/index.html, frontend/js/views/auth-view.js); tests/unit/test_username_rules.py holds
the copies together.
"""

import string
import unicodedata

USERNAME_MAX_LENGTH = 30
FIRST_CHARACTERS = frozenset(string.ascii_letters + string.digits)
USERNAME_CHARACTERS = FIRST_CHARACTERS | {".", "-", "_"}


def username_problem(name: str) -> str | None:
    """None when `name` may be a new account's username; otherwise what is wrong, in words for
    the person choosing it. Cognito wraps them in a sentence of its own ("PreSignUp failed with
    error <words>."), so they end without a full stop."""
    if not name:
        return "Choose a username"
    stray = next((character for character in name if character not in USERNAME_CHARACTERS), None)
    if stray is not None and stray.isspace():
        return "A username cannot contain spaces"
    if stray is not None:
        return (
            "A username may use only the letters A to Z, digits, dots, dashes and underscores; "
            f"{_shown(stray)} is not one of them"
        )
    if name[0] not in FIRST_CHARACTERS:
        return "A username starts with a letter or a digit"
    if len(name) > USERNAME_MAX_LENGTH:
        return f"A username has at most {USERNAME_MAX_LENGTH} characters; this one has {len(name)}"
    return None


def _shown(character: str) -> str:
    """A character as a person can tell it from its look-alikes: itself (when it can be shown),
    its code point and its Unicode name, e.g. “ｋ” (U+FF4B FULLWIDTH LATIN SMALL LETTER K)."""
    code_point = f"U+{ord(character):04X}"
    name = unicodedata.name(character, "")
    described = f"{code_point} {name}" if name else code_point
    # A combining mark alone would sit on the opening quote; a control character shows nothing.
    shown_alone = character.isprintable() and not unicodedata.combining(character)
    return f"“{character}” ({described})" if shown_alone else described
