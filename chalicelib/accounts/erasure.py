"""What DELETE /me does: check that the person signed in a moment ago, start erasing their
account, and delete their sign-in at once.

Sits between the edge and accounts.erasure_store. The request itself is quick and small, the
same for every account: one transaction marks the account (its writes are refused and every
list hides it from then on) and Cognito forgets the user, so nobody signs in as them again.
Removing everything the account made happens afterwards, step by step, from the table's stream
(accounts.erasure_chain).
"""

from datetime import UTC, datetime

from botocore.exceptions import ClientError

from chalicelib.accounts import erasure_steps, erasure_store
from chalicelib.shared import aws_clients
from chalicelib.shared.errors import SIGN_IN_AGAIN_MESSAGE, SignInAgainError, TryAgainLaterError
from chalicelib.shared.observability import logger
from chalicelib.shared.settings import load_settings
from chalicelib.shared.users import User

# How recent a sign-in must be for the account to be deleted: a session left open on a shared
# computer must not be enough to delete somebody's account.
RECENT_SIGN_IN_SECONDS = 5 * 60
# Clocks differ a little between Cognito and the API: a sign-in a few seconds "in the future"
# is a sign-in just now.
CLOCK_SKEW_SECONDS = 60
ERASING_MESSAGE = (
    "Your account is being deleted. You have been signed out, and nobody sees your photos, "
    "comments or likes any more; removing everything takes a few minutes."
)


def erase_account(user: User, signed_in_at: str | int | None) -> None:
    """Start erasing `user`'s account if they signed in at most RECENT_SIGN_IN_SECONDS ago
    (`signed_in_at`: the ID token's `auth_time` claim, as the gateway gives it); asking again
    changes nothing but deletes the sign-in again."""
    now = datetime.now(UTC)
    require_recent_sign_in(signed_in_at, now)
    if erasure_store.start(user.id, user.username, erasure_steps.FIRST_STEP, now):
        logger.info("Account erasure started")
    delete_sign_in(user)


def require_recent_sign_in(signed_in_at: str | int | None, now: datetime) -> None:
    """SignInAgainError unless `signed_in_at` (seconds since 1970, a number or its digits) is
    a moment ago; a missing or garbled value is no proof of a recent sign-in."""
    text = str(signed_in_at) if isinstance(signed_in_at, str | int) else ""
    if not text.isascii() or not text.isdigit() or len(text) > 12:
        raise SignInAgainError(SIGN_IN_AGAIN_MESSAGE)
    age = now.timestamp() - int(text)
    if not -CLOCK_SKEW_SECONDS <= age <= RECENT_SIGN_IN_SECONDS:
        raise SignInAgainError(SIGN_IN_AGAIN_MESSAGE)


def delete_sign_in(user: User) -> None:
    """Delete the Cognito user (already gone is fine). If Cognito is busy, the person hears to
    try again; the erasure's first step deletes the user anyway, so it is never left behind."""
    try:
        aws_clients.cognito_client().admin_delete_user(
            UserPoolId=load_settings().user_pool_id, Username=user.username
        )
    except ClientError as error:
        if error.response["Error"]["Code"] == "UserNotFoundException":
            return
        logger.warning("Cognito did not delete the user", extra={"error": str(error)})
        raise TryAgainLaterError() from error
