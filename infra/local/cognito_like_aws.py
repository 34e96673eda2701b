"""Where moto's Cognito falls short of Cognito, for the user pool CloudGram defines, the local
stack makes up the difference.

moto accepts a user pool's `LambdaConfig` and `UsernameConfiguration` and acts on neither
(FACTS: triggers "accepted and never run", `CaseSensitive: false` "ignored"). Both matter to
who may have which username, so SignUp is played here, in this order:

1. **Usernames ignore case.** In a pool with `CaseSensitive: false`, as CloudGram's is, a
   username that differs from an existing one only in case ("Karl" beside "karl") is refused as
   Cognito refuses a taken name: 400 `UsernameExistsException`, "User already exists".
2. **The password policy**, as moto checks it.
3. **The Pre Sign-up trigger runs.** In a pool whose `LambdaConfig` names one, SignUp calls
   `cognito_triggers.pre_sign_up.lambda_handler`, the very function the template's
   PreSignUpFunction runs (a test holds the two together), with Cognito's event, before the
   account is made. When it raises, the sign-up is refused as Cognito refuses it: 400
   `UserLambdaValidationException`, "PreSignUp failed with error <its message>.". That wording is
   what Cognito is commonly seen to answer; it was not checked against AWS here, which is why
   the page shows the trigger's own words and not Cognito's sentence.

Cheap checks come first and the trigger last, so that it sees only sign-ups that would otherwise
succeed; in which order Cognito itself checks was not measured.

Request path: browser or boto3 -> the local AWS endpoint (infra/local/aws_endpoint.py) -> moto's
SignUp, which `install()` replaces in this process with `sign_up_like_cognito`.

Not played, because CloudGram does not need them: signing in under another case of the name
(moto still matches exactly), the trigger on AdminCreateUser (nothing local makes accounts that
way), the trigger's `response` (CloudGram's trigger never auto-confirms or auto-verifies),
`validationData` and `clientMetadata` (the page sends neither), and the five-second limit.
"""

from moto.cognitoidp.exceptions import UsernameExistsException
from moto.cognitoidp.models import CognitoIdpBackend
from moto.core.exceptions import JsonRESTError

from cognito_triggers import pre_sign_up

# moto's own, called once the sign-up has passed the checks above.
ORIGINAL_SIGN_UP = CognitoIdpBackend.sign_up
# Locally there is one Pre Sign-up function, CloudGram's: a pool that names a trigger runs it.
PRE_SIGN_UP_TRIGGER = pre_sign_up.lambda_handler
USERNAME_EXISTS_MESSAGE = "User already exists"


class UserLambdaValidationException(JsonRESTError):  # noqa: N818 - Cognito's name for it
    """What Cognito answers when a trigger refuses: 400, with the trigger's message."""

    def __init__(self, message: str) -> None:
        super().__init__("UserLambdaValidationException", message)


def install() -> None:
    """Put `sign_up_like_cognito` in place of moto's SignUp, in this process."""
    CognitoIdpBackend.sign_up = sign_up_like_cognito


def sign_up_like_cognito(self, client_id: str, username: str, password: str, attributes):
    pool = next((pool for pool in self.user_pools.values() if client_id in pool.clients), None)
    if pool is not None:
        if _ignores_case(pool) and any(
            existing.casefold() == username.casefold() for existing in pool.users
        ):
            raise UsernameExistsException(USERNAME_EXISTS_MESSAGE)
        self._validate_password(pool.id, password)
        if "PreSignUp" in (pool.extended_config.get("LambdaConfig") or {}):
            _run_pre_sign_up_trigger(pre_sign_up_event(pool, client_id, username, attributes))
    return ORIGINAL_SIGN_UP(self, client_id, username, password, attributes)


def pre_sign_up_event(pool, client_id: str, username: str, attributes: list[dict]) -> dict:
    """Cognito's event for a sign-up through the public API, in the shape the Cognito developer
    guide documents ("Pre sign-up Lambda trigger")."""
    return {
        "version": "1",
        "region": pool.region,
        "userPoolId": pool.id,
        "userName": username,
        "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": client_id},
        "triggerSource": "PreSignUp_SignUp",
        "request": {
            "userAttributes": {item["Name"]: item["Value"] for item in attributes or []},
            "validationData": None,
        },
        "response": {"autoConfirmUser": False, "autoVerifyEmail": False, "autoVerifyPhone": False},
    }


def _run_pre_sign_up_trigger(event: dict) -> None:
    try:
        # Lambda's context object is not made up here: CloudGram's trigger never reads it.
        PRE_SIGN_UP_TRIGGER(event, None)
    except Exception as refusal:
        # Whatever the function raises, Cognito refuses the sign-up with its message.
        raise UserLambdaValidationException(f"PreSignUp failed with error {refusal}.") from None


def _ignores_case(pool) -> bool:
    configuration = pool.extended_config.get("UsernameConfiguration") or {}
    return configuration.get("CaseSensitive") is False
