"""What a test does when something from outside the project is missing (Chromium, axe-core, the
shared test images): skip on a developer's machine, fail in CI."""

import os

import pytest


def fail_in_ci_else_skip(message: str) -> None:
    """A test that cannot run here (a missing browser or file): skipped on a developer's
    machine, failed in CI (CI=true), where everything must be present."""
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)
