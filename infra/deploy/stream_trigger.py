"""The stream function's trigger, finished after `chalice deploy`.

Chalice creates the event source mapping from the table's stream to on_table_change (app.py), with
the batch size and starting position given there, but has no setting for what Lambda does with a
batch that fails. This step sets it on every deploy, as the image worker's queue trigger has it:
the function reports partial batch failures (`batchItemFailures`), a failing batch is split in
two to corner the bad record and retried a few times, then a note of it goes to the stream's
dead-letter queue and the stream moves on. The local stack's stream loop does the same
(infra/local/stream_loop.py) with the same number of retries.
"""

from infra.deploy import aws
from infra.local.resource_definitions import STREAM_MAX_RETRY_ATTEMPTS

FAILURE_HANDLING = {
    "FunctionResponseTypes": ["ReportBatchItemFailures"],
    "BisectBatchOnFunctionError": True,
    "MaximumRetryAttempts": STREAM_MAX_RETRY_ATTEMPTS,
}


def configure_failure_handling(
    function_name: str, stream_arn: str, dead_letter_queue_arn: str
) -> str:
    """Apply FAILURE_HANDLING to the function's trigger on the stream; returns its id."""
    lambda_client = aws.client("lambda")
    mappings = lambda_client.list_event_source_mappings(
        FunctionName=function_name, EventSourceArn=stream_arn
    )["EventSourceMappings"]
    if len(mappings) != 1:
        raise SystemExit(
            f"Expected one trigger from {stream_arn} to {function_name}, found {len(mappings)}."
        )
    mapping_id = mappings[0]["UUID"]
    lambda_client.update_event_source_mapping(
        UUID=mapping_id,
        DestinationConfig={"OnFailure": {"Destination": dead_letter_queue_arn}},
        **FAILURE_HANDLING,
    )
    return mapping_id
