"""`make dev`: run CloudGram locally until Ctrl-C. No AWS account, no Docker, no internet.

python -m infra.local [--port 8000] [--aws-port 0] [--dynamodb-port 0] [--api-port 0]
                      [--built-site]
"""

import argparse
import os
import signal
import threading

from infra.local.stack import start_stack


def main() -> None:
    parser = argparse.ArgumentParser(description="Run CloudGram locally, with moto playing AWS.")
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to listen on")
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("PORT", "8000")), help="the site's port"
    )
    parser.add_argument(
        "--aws-port", type=int, default=0, help="the local AWS endpoint's port (0: any free one)"
    )
    parser.add_argument(
        "--dynamodb-port", type=int, default=0, help="the local DynamoDB's port (0: any free one)"
    )
    parser.add_argument(
        "--api-port",
        type=int,
        default=0,
        help="the port of API Gateway's own address, around the gateway (0: any free one)",
    )
    parser.add_argument(
        "--built-site",
        action="store_true",
        help="serve the deploy's build of frontend/ (hashed names, cached for a year), "
        "not the folder as it is",
    )
    arguments = parser.parse_args()

    stack = start_stack(
        host=arguments.host,
        port=arguments.port,
        aws_port=arguments.aws_port,
        dynamodb_port=arguments.dynamodb_port,
        api_port=arguments.api_port,
        built_site=arguments.built_site,
    )
    stopping = threading.Event()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signal_number, lambda *_: stopping.set())
    print(
        f"CloudGram is running at {stack.site_url}  (local AWS: {stack.aws_endpoint_url}, "
        f"local DynamoDB: {stack.dynamodb_endpoint_url}, "
        f"API Gateway's own address, which refuses: {stack.api_url}/api)"
    )
    print("Press Ctrl-C to stop.", flush=True)
    stopping.wait()
    print("Stopping...", flush=True)
    stack.stop()


if __name__ == "__main__":
    main()
