"""AWS in the benchmark's own process: moto, with the local stack's resources, for the benchmarks
that count or time what the code does against it (request_counts, export, erasure) rather than
what a local stack's processes do."""

import os


def fake_aws_environment(extra: dict[str, str] | None = None) -> None:
    """Credentials and a region moto accepts, quiet logs, and no local stack's endpoints, so
    every client this process makes talks to moto in the process."""
    os.environ.update(
        {
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_REGION": "us-east-1",
            # The services log each request; the figures are what a benchmark prints.
            "POWERTOOLS_LOG_LEVEL": "WARNING",
            **(extra or {}),
        }
    )
    from infra.local.stack import ENDPOINT_VARIABLES

    for name in ENDPOINT_VARIABLES:
        os.environ.pop(name, None)


def create_resources():
    """The local stack's resources, made in moto (within `mock_aws()`), and their names in the
    environment, as the functions have them in AWS; returns them."""
    from infra.local import dynamodb_like_aws
    from infra.local.resource_definitions import ResourceNames
    from infra.local.resources import create_resources as create_local_resources

    dynamodb_like_aws.install()
    resources = create_local_resources(None, "us-east-1", ResourceNames(), ["http://localhost"])
    os.environ.update(resources.function_environment())
    return resources
