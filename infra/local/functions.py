"""The local stack's event-driven functions, in processes of their own: the image worker on the
uploads queue, the stream function on the table's stream and the export function on the exports
queue, each fed as Lambda's event source mapping feeds it (worker_loop.py, stream_loop.py).

In AWS every Lambda function runs in processes of its own. Locally, sharing one process (and so
one interpreter lock) with the site meant that a burst of page requests, twenty people polling
their uploads, left the worker a sliver of time: a 320x240 photo took over a second to process.
Here the functions keep their own interpreters, as in AWS, and the worker runs as several
instances at once, as Lambda runs several invocations on a busy queue: with one, a photo waited
behind every photo received before it (`make load`: p95 upload-to-READY 12.3 s with one, 5.8 s
with five). The children are forked after the environment is set (stack.py), so the handlers read
the same settings Lambda would give them.
"""

import importlib
import multiprocessing
import signal
import threading
from collections.abc import Callable

import boto3

from infra.local.resource_definitions import (
    EXPORT_FUNCTION_TIMEOUT_SECONDS,
    STREAM_MAX_RETRY_ATTEMPTS,
)
from infra.local.resources import LocalResources
from infra.local.stream_loop import StreamLoop
from infra.local.worker_loop import FunctionSettings, WorkerLoop

STOP_TIMEOUT_SECONDS = 15
# Lambda starts on a busy queue with five concurrent invocations (and may grow to the trigger's
# MaximumConcurrency, 10), each in an execution environment of its own: here, a process each.
# More than five only added contention on a two-core machine.
WORKER_INSTANCES = 5
# As .chalice/config.json gives app.py's write_export: one message at a time, 1,024 MB, 15 minutes.
EXPORT_FUNCTION = FunctionSettings(
    name="cloudgram-write_export",
    memory_mb=1024,
    timeout_ms=EXPORT_FUNCTION_TIMEOUT_SECONDS * 1000,
    batch_size=1,
)


def start_functions_process(resources: LocalResources, region: str) -> Callable[[], None]:
    """Start the functions in child processes: the stream function, the export function and the
    first worker instance in one, each further worker instance in its own. Returns what stops
    them (and waits for them)."""
    context = multiprocessing.get_context("fork")
    children = [
        context.Process(
            target=_run,
            args=(resources, region, instance == 0),
            name=f"local-functions-{instance}",
            daemon=True,
        )
        for instance in range(WORKER_INSTANCES)
    ]
    for child in children:
        child.start()

    def stop() -> None:
        for child in children:
            child.terminate()  # SIGTERM: the loops finish their current batch, then stop
        for child in children:
            child.join(STOP_TIMEOUT_SECONDS)
            if child.is_alive():
                child.kill()
                child.join()

    return stop


def _run(resources: LocalResources, region: str, with_stream: bool) -> None:
    stopping = threading.Event()
    # Ctrl-C reaches the whole process group; the parent stops this process in its own time.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    loops = [
        WorkerLoop(
            sqs_client=boto3.client("sqs", region_name=region),
            queue_url=resources.uploads_queue_url,
            queue_arn=resources.uploads_queue_arn,
            region=region,
            handler=importlib.import_module("image_worker.handler").lambda_handler,
        )
    ]
    if with_stream:
        loops.append(
            StreamLoop(
                streams_client=boto3.client("dynamodbstreams", region_name=region),
                sqs_client=boto3.client("sqs", region_name=region),
                stream_arn=resources.table_stream_arn,
                dead_letter_queue_url=resources.table_stream_dead_letter_queue_url,
                handler=importlib.import_module("app").on_table_change,
                max_retries=STREAM_MAX_RETRY_ATTEMPTS,
            )
        )
        loops.append(
            WorkerLoop(
                sqs_client=boto3.client("sqs", region_name=region),
                queue_url=resources.exports_queue_url,
                queue_arn=resources.exports_queue_arn,
                region=region,
                handler=importlib.import_module("app").write_export,
                function=EXPORT_FUNCTION,
            )
        )
    for loop in loops:
        loop.start()
    stopping.wait()
    for loop in reversed(loops):
        loop.stop()
