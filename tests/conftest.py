"""Fixtures shared by the integration and browser tests: a real local stack in a subprocess, one
for the whole run (tests/support/local_stack.py starts and stops it)."""

import pytest

from tests.support.local_stack import TEST_SETTINGS, start_local_stack, stop_local_stack


@pytest.fixture(scope="session")
def local_stack(tmp_path_factory):
    log_path = tmp_path_factory.mktemp("local-stack") / "stack.log"
    stack = start_local_stack(log_path, TEST_SETTINGS)
    yield stack
    exit_code = stop_local_stack(stack)
    assert exit_code == 0, log_path.read_text()
