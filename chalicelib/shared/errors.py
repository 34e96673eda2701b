"""The domain errors the API's services raise: what went wrong, in words a person can act on,
and nothing about HTTP.

A service says "there is no such photo" or "only the owner may change it"; the edge
(chalicelib/edge/errors.py) decides that these are a 404 and a 403, and writes the
`{"Code", "Message"}` body. So a service can be read, and tested, without the web framework in
mind, and a new kind of error is one class here and one line there.
"""

TRY_AGAIN_MESSAGE = "CloudGram is busy right now. Please try again in a few seconds."
ACCOUNT_ERASED_MESSAGE = "This account has been deleted."
SIGN_IN_AGAIN_MESSAGE = (
    "To delete your account, sign in again: enter your password and try within 5 minutes."
)


class CloudGramError(Exception):
    """A request that cannot be done as asked; `str(error)` is the message a person reads."""


class InvalidInputError(CloudGramError):
    """The request itself is wrong: a field, a number, a name; the message says what to change."""


class NotSignedInError(CloudGramError):
    """No valid session where one is needed (or a token that does not check out)."""


class AccountErasedError(NotSignedInError):
    """The signed-in account is being deleted, or is gone: its old ID token may still be valid
    for up to 15 minutes (the app client's lifetime), but the account may no longer do anything
    (chalicelib/accounts/)."""

    def __init__(self) -> None:
        super().__init__(ACCOUNT_ERASED_MESSAGE)


class NotYoursError(CloudGramError):
    """The thing exists and may be seen, but only its owner may change it."""


class NotFoundError(CloudGramError):
    """No such thing, or one the caller may not see (which must look exactly the same)."""


class SignInAgainError(CloudGramError):
    """Allowed, but only just after signing in again (deleting the account)."""


class ConflictError(CloudGramError):
    """The thing is not in a state that allows this (a photo not ready yet, a name taken)."""


class LimitReachedError(CloudGramError):
    """The caller has done this too often for now; the message says when to come back, and
    `retry_after_seconds`, when known, says it to programs (the edge's Retry-After header)."""

    def __init__(self, message: str, retry_after_seconds: int | None = None) -> None:
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds


class TryAgainLaterError(CloudGramError):
    """AWS is busy or out of reach, or writes kept colliding: the same request may work soon."""

    def __init__(self, message: str = TRY_AGAIN_MESSAGE) -> None:
        super().__init__(message)
