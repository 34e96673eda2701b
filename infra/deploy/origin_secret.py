"""The secret CloudFront adds to every request it sends the API, so that the API can refuse the
requests that went around CloudFront, and around AWS WAF with it (chalicelib/edge/origin_check.py).

The driver makes it once per stage, at random, and keeps it in SSM Parameter Store as a
SecureString: a standard parameter costs nothing, and every later deploy, from any machine, finds
the same value there. It reaches CloudFront as the stack's NoEcho parameter `OriginSecret`, which
CloudFormation never shows, and the API only as its SHA-256, in .chalice/config.json
(infra/deploy/chalice_stage.py). `make destroy` deletes it; deleting it by hand and deploying
again makes a new one (docs/deploying.md).
"""

import secrets

from infra.deploy import aws

# 32 random bytes, 43 characters of [A-Za-z0-9_-]: all of them allowed in an HTTP header.
SECRET_BYTES = 32


def parameter_name(stage: str) -> str:
    return f"/cloudgram/{stage}/origin-secret"


def ensure_origin_secret(stage: str) -> str:
    """The stage's secret: the one kept in Parameter Store, or a new one kept there now."""
    ssm = aws.client("ssm")
    name = parameter_name(stage)
    try:
        return ssm.get_parameter(Name=name, WithDecryption=True)["Parameter"]["Value"]
    except ssm.exceptions.ParameterNotFound:
        pass
    try:
        secret = secrets.token_urlsafe(SECRET_BYTES)
        ssm.put_parameter(
            Name=name,
            Value=secret,
            Type="SecureString",
            Description=f"CloudFront's X-Origin-Verify header for CloudGram's API ({stage})",
        )
        return secret
    except ssm.exceptions.ParameterAlreadyExists:
        # Another deploy of this stage made it a moment ago: both must send the same value.
        return ssm.get_parameter(Name=name, WithDecryption=True)["Parameter"]["Value"]


def delete_origin_secret(stage: str) -> bool:
    """Delete the stage's secret; False when there was none."""
    ssm = aws.client("ssm")
    try:
        ssm.delete_parameter(Name=parameter_name(stage))
        return True
    except ssm.exceptions.ParameterNotFound:
        return False
