"""The JSON lines a Powertools logger writes, as CloudWatch would receive them.

A Powertools logger's handler keeps the stdout it found when the module was imported, before
pytest's capture starts, so `capsys` never sees them; `captured(logger)` points the handler at a
buffer for the length of a test.
"""

import contextlib
import io
import json
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def captured(logger) -> Iterator[Callable[[], list[dict]]]:
    handler = logger.registered_handler
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    try:
        yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    finally:
        handler.setStream(previous)
