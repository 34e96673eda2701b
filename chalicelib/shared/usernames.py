"""The one rule for what a username may be, wherever one arrives: in an address
(`/users/<username>`) or inside a page cursor (the home feed's merged accounts).

It is Cognito's: 1 to 128 visible characters, none of them a space. Checking a name before it
goes near a key means a request for an impossible name is a clear 400, not a DynamoDB error.
"""

# Cognito's own limit on a username's length.
USERNAME_MAX_LENGTH = 128


def is_username(name: object) -> bool:
    return (
        isinstance(name, str)
        and 1 <= len(name) <= USERNAME_MAX_LENGTH
        and name.isprintable()
        and not any(character.isspace() for character in name)
    )
