"""Waiting for what a stack does in the background, after a request has answered: the worker, the
table's stream."""

import time


def eventually(check, timeout: float = 20.0) -> bool:
    """Whether `check()` comes true within `timeout` seconds, asking every 0.1 s: for work the
    stack does after a request has answered."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return check()
