"""How much one account may write in a minute: likes, follows, comments and their undoing share
one budget of MAX_WRITES_PER_MINUTE; and no account that is being erased writes anything.

API Gateway's throttle is shared by everyone (infra/api_gateway.py): without a limit per account,
one script liking and unliking in a loop, or following and unfollowing (each follow backfills a
timeline, each unfollow cleans one), would take all of it. Each counted write carries the item of
`counted_write` in its own transaction, so the limit holds under any burst, and a write refused
for another reason (already liked, no such photo) spends nothing.
"""

from datetime import datetime

from chalicelib.shared import table_keys, window_counters
from chalicelib.shared.errors import LimitReachedError
from chalicelib.shared.settings import load_settings


class BudgetSpentError(Exception):
    """A store's transaction was refused by the counter: the account has used this minute's
    budget, and nothing was written."""


def account_not_erased(table_name: str, user_id: str) -> dict:
    """The transaction item that refuses the write if `user_id`'s account is being erased or is
    gone: an ID token stays valid for up to 15 minutes (its lifetime) after the account is
    deleted, and a like landing after the erasure has passed the likes would otherwise outlive
    it. Checked inside
    the write's own transaction, so no write can slip in between a check and the write;
    transactions.write turns its refusal into AccountErasedError."""
    return {
        "ConditionCheck": {
            "TableName": table_name,
            "Key": table_keys.erasure_key(user_id),
            "ConditionExpression": "attribute_not_exists(PK)",
        }
    }


def counted_write(table_name: str, user_id: str, now: datetime) -> dict:
    """The transaction item that counts one write of `user_id` in this minute, refused at the
    cap."""
    minute = window_counters.minute_of(now)
    key = table_keys.write_count_key(user_id, minute.label)
    cap = load_settings().max_writes_per_minute
    return window_counters.counted(table_name, key, "writes", cap, minute)


def limit_reached(now: datetime) -> LimitReachedError:
    """The refusal of a write over the cap: when the minute ends, the budget is whole again."""
    minute = window_counters.minute_of(now)
    cap = load_settings().max_writes_per_minute
    wait = window_counters.seconds_until(minute.ends, now)
    return LimitReachedError(
        f"You have made {cap} changes this minute (likes, follows and comments), the most "
        f"CloudGram takes in a minute. Try again in {wait} seconds.",
        retry_after_seconds=wait,
    )
