"""Running the image worker as Lambda runs it, for the worker's tests."""

from chalice.local import LambdaContext

from image_worker.handler import lambda_handler


def run_worker(event: dict) -> dict:
    """One invocation, with the template's memory and 60 s timeout; its partial-batch answer."""
    return lambda_handler(event, LambdaContext("cloudgram-worker", 1769, max_runtime_ms=60_000))
