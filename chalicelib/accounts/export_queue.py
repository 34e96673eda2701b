"""The table-stream reaction that hands a new export to the export function.

Request path: POST /me/export writes a PENDING export item -> DynamoDB Streams ->
`on_table_change` (app.py) -> `on_change` here -> one SQS message `{userId, exportId}` on the
exports queue -> `write_export` (app.py) -> chalicelib/accounts/export_job.py.

Why not send the message from the request itself: the item and the message would be two writes
that can part (the message sent, the item not written, or the reverse), and the request would
wait on SQS. The stream delivers every written item, at least once: a replayed record sends the
message again, and the job leaves an export that is no longer PENDING alone.
"""

import json

from chalicelib.shared import aws_clients, table_keys
from chalicelib.shared.settings import load_settings
from chalicelib.shared.table_stream import TableChange


def on_change(change: TableChange) -> None:
    if change.old is not None or change.new is None:
        return  # only a new item starts a job; its later updates are the job's own
    if not change.keys["SK"].startswith(table_keys.EXPORT_PREFIX):
        return
    export = change.new
    if export.get("status") != "PENDING":
        return
    message = {"userId": export["userId"], "exportId": export["id"]}
    aws_clients.sqs_client().send_message(
        QueueUrl=load_settings().exports_queue_url, MessageBody=json.dumps(message)
    )
