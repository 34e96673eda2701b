"""The per-photo time budget.

A decoder cannot be interrupted half way through a call, so the budget is enforced in two ways:
the pixel cap bounds how long any single step can take (the worst accepted upload, a 50 MP PNG,
decodes in about a second here), and `Deadline.check` runs between the steps, so a photo that is
somehow still slow is rejected instead of eating the rest of the Lambda invocation's time.
"""

import time

from image_worker.imaging import rejections
from image_worker.imaging.rejections import ImageRejected

PER_PHOTO_SECONDS = 20.0


class Deadline:
    def __init__(self, seconds: float | None = None) -> None:
        budget = PER_PHOTO_SECONDS if seconds is None else seconds
        self._expires_at = time.monotonic() + budget

    def check(self) -> None:
        if time.monotonic() > self._expires_at:
            raise ImageRejected(rejections.TOO_SLOW)
