"""The table-stream reaction that carries an erasure through its steps, one step a record,
until nothing names the account.

DELETE /me writes the erasure item (accounts.erasure_store); its arrival on the stream runs
the first step. Each step does a bounded amount of work (accounts.erasure_steps) and then
writes the next step onto the item, on the condition that nobody moved it meanwhile: that
write is itself the next stream record, so the chain moves on by itself, one small Lambda call
a step, whatever the size of the account. A step that fails makes its record fail, and Lambda
retries it (table_stream); a record seen twice, or an old record replayed, finds the item moved
on already (`stepNumber`) and does nothing. The last step removes the profile and leaves the
item as the mark that the account's old tokens may not write.
"""

from datetime import UTC, datetime

from chalicelib.accounts import erasure_steps, erasure_store
from chalicelib.shared import table_keys
from chalicelib.shared.observability import logger
from chalicelib.shared.table_stream import TableChange

STEP_NAMES = list(erasure_steps.STEPS)


def on_change(change: TableChange) -> None:
    """A table-stream reaction: an erasure item that has just arrived at a step runs it."""
    if not table_keys.is_erasure(change.keys) or change.new is None:
        return
    arrived = change.new
    if arrived.get("step") == erasure_store.DONE:
        return
    if change.old is not None and change.old.get("stepNumber") == arrived.get("stepNumber"):
        return  # not a move of the chain (nothing else changes the item, but be sure)
    # The item as it is now: if it has moved past this record, another record carries on.
    erasure = erasure_store.get(change.keys)
    if erasure is None or erasure.get("stepNumber") != arrived["stepNumber"]:
        return
    run_step(erasure)


def run_step(erasure: dict) -> None:
    """Run the erasure's current step once, and write where the chain goes next."""
    step = erasure["step"]
    cursor = erasure_steps.STEPS[step](erasure, erasure.get("cursor"))
    logger.info(
        "Erasure step done",
        extra={"step": step, "step_number": int(erasure["stepNumber"]), "more": bool(cursor)},
    )
    if cursor is not None:
        erasure_store.advance(erasure, step, cursor)
        return
    following = STEP_NAMES.index(step) + 1
    if following < len(STEP_NAMES):
        erasure_store.advance(erasure, STEP_NAMES[following], None)
        return
    if erasure_store.finish(erasure, datetime.now(UTC)):
        logger.info("Account erased", extra={"steps": int(erasure["stepNumber"]) + 1})
