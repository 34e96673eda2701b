"""Waiting: for what a stack does in the background, after a request has answered (the worker,
the table's stream), and for a clock minute with time left in it."""

import time
from datetime import UTC, datetime


def eventually(check, timeout: float = 20.0) -> bool:
    """Whether `check()` comes true within `timeout` seconds, asking every 0.1 s: for work the
    stack does after a request has answered."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return check()


def well_inside_a_minute(margin_seconds: float = 15.0) -> None:
    """Wait, if need be, for a clock minute with at least `margin_seconds` left: for a test of a
    per-minute limit, whose count starts again when the minute turns."""
    now = datetime.now(UTC)
    left = 60 - now.second - now.microsecond / 1_000_000
    if left < margin_seconds:
        time.sleep(left + 0.05)
