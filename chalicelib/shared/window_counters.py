"""Fixed-window counters: how many times one person did something in one clock hour or minute,
capped, as an item a transaction raises together with the write it counts.

The counter is raised by an Update whose condition refuses to pass the cap, inside the same
TransactWriteItems as the like, the follow or the photo it counts: DynamoDB checks every
condition before it writes anything, so however many requests arrive at once, no more than the
cap get through, and a write that is refused for another reason counts nothing. A window is a
clock hour or minute: simple and exact, at the price of letting up to twice the cap through
around the turn of a window (the end of one and the start of the next). Counters expire with the
table's time-to-live.
"""

from datetime import datetime, timedelta
from typing import NamedTuple

# Kept a day past its window, then removed by the table's time-to-live.
COUNTER_LIFETIME = timedelta(days=1)


class Window(NamedTuple):
    label: str  # how the window is written in its key: `2026-11-30T14` or `2026-11-30T14:05`
    ends: datetime


def hour_of(moment: datetime) -> Window:
    start = moment.replace(minute=0, second=0, microsecond=0)
    return Window(start.strftime("%Y-%m-%dT%H"), start + timedelta(hours=1))


def minute_of(moment: datetime) -> Window:
    start = moment.replace(second=0, microsecond=0)
    return Window(start.strftime("%Y-%m-%dT%H:%M"), start + timedelta(minutes=1))


def counted(table_name: str, key: dict, attribute: str, cap: int, window: Window) -> dict:
    """A transaction item that adds one to `attribute` of the counter at `key`, and fails its
    condition if the count has reached `cap` already."""
    return {
        "Update": {
            "TableName": table_name,
            "Key": key,
            "UpdateExpression": "ADD #count :one SET deleteAfter = :expires",
            "ConditionExpression": "attribute_not_exists(#count) OR #count < :cap",
            "ExpressionAttributeNames": {"#count": attribute},
            "ExpressionAttributeValues": {
                ":one": 1,
                ":cap": cap,
                ":expires": int((window.ends + COUNTER_LIFETIME).timestamp()),
            },
        }
    }


def seconds_until(moment: datetime, now: datetime) -> int:
    """Whole seconds from `now` until `moment`, at least 1: what a Retry-After header says."""
    return max(1, int((moment - now).total_seconds() + 0.999))
