"""Where moto's Cognito falls short of Cognito, for the user pool CloudGram defines, the local
stack makes up the difference: who may sign up under which username, how long tokens live and
when their sign-in happened, sending a new confirmation code, the profile made when an account is
confirmed, and a forgotten password. `install()` puts them all in place, in this process.

**Sign-up.** moto accepts a user pool's `LambdaConfig` and `UsernameConfiguration` and acts on
neither (FACTS: triggers "accepted and never run", `CaseSensitive: false` "ignored"). Both matter
to who may have which username, so SignUp is played here, in this order:

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

**Token lifetimes.** moto signs every ID and access token for an hour, whatever the app client
says. CloudGram's app client gives them 15 minutes (infra/template.yaml; docs/design-decisions.md,
record 11, says why) and the page refreshes them before they expire
(frontend/js/services/session.js). Here each token is signed for as long as its app client says
(`IdTokenValidity`, `AccessTokenValidity`, in `TokenValidityUnits`), as Cognito does: the
token's `exp` claim and the sign-in's `ExpiresIn` follow from it, so the local gateway refuses an
expired token as API Gateway would (infra/local/token_authorizer.py).

**When the person signed in.** Every ID and access token carries `auth_time`, the time the
person last proved who they are. Cognito keeps it at the password sign-in when tokens are
refreshed (REFRESH_TOKEN_AUTH); moto sets it to "now" on every token, so locally a page that had
refreshed its tokens would look freshly signed in. The API's DELETE /me trusts `auth_time` to
ask for a recent sign-in, so here every token made from a refresh token carries the time of the
sign-in that created that refresh token (moto names that sign-in by the `origin_jti` it gives
all its tokens); a password sign-in starts a new one, at now.

**An unknown username at sign-in.** moto answers a password sign-in for a username that does not
exist (never made, or an account deleted) with `UserNotFoundException`; Cognito, for an app
client like CloudGram's, answers it exactly as a wrong password (`NotAuthorizedException`,
"Incorrect username or password."), and so does the local pool.

**A forgotten password.** moto's ForgotPassword answers an unknown username with a made-up
address of another shape than a real one's, and its ConfirmForgotPassword answers an unknown
username with `ResourceNotFoundException` and takes a weak new password. Cognito, for an app
client with `PreventUserExistenceErrors: ENABLED` as CloudGram's is, answers ForgotPassword for
anyone as if a code was sent ("a***@e***", made up from the username for an unknown one), refuses
ConfirmForgotPassword for an unknown username as for a wrong code (`CodeMismatchException`), and
holds a new password to the pool's policy (`InvalidPasswordException`). Locally no e-mail is
sent and any code works for a real account, as on sign-up; moto's own code (which it hands out
in an `x-moto-...` header, for known users only, so the header alone would tell who exists) is
not handed out.

**A new confirmation code.** The page's confirmation step offers "Send a new code", which calls
ResendConfirmationCode; moto has no such operation (it answers that it is not implemented). Here
it answers as Cognito does for an app client like CloudGram's (`PreventUserExistenceErrors:
ENABLED`, infra/template.yaml), without sending anything, since locally no e-mail is sent and any
code confirms an account (moto's ConfirmSignUp checks none):

- an account waiting for confirmation: 200 with `CodeDeliveryDetails`, the e-mail address masked
  as Cognito masks it ("a***@e***");
- no such account: the same answer with a made-up address, as the API reference says of
  `PreventUserExistenceErrors: ENABLED` ("a response indicating a code was sent to a simulated
  destination"), so the answer tells nobody which usernames exist; an app client without that
  setting gets `UserNotFoundException`;
- an account already confirmed: 400 `InvalidParameterException`, "User is already confirmed.",
  the answer commonly seen from Cognito. It was not checked against AWS here, and some report
  that a client preventing user existence errors answers as if a code was sent instead; the page
  reads only the exception's type, and either answer leaves the person at a sensible step.

Cognito's limit on how often a code may be sent again (`LimitExceededException`) is not played.

**Confirmation.** In a pool whose `LambdaConfig` names a Post Confirmation trigger, as
CloudGram's does, ConfirmSignUp and AdminConfirmSignUp call
`cognito_triggers.post_confirmation.lambda_handler`, the very function the template's
PostConfirmationFunction runs, with Cognito's event (`PostConfirmation_ConfirmSignUp`, the
account's attributes, its `sub` among them) once moto has confirmed the account. The function
writes the profile to the table through boto3, so the process that plays Cognito must know where
the local table is (`AWS_ENDPOINT_URL_DYNAMODB` and `TABLE_NAME`, set before it starts:
infra/local/stack.py). It never refuses (see its docstring), so its answer is not read.

Request path: browser or boto3 -> the local AWS endpoint (infra/local/aws_endpoint.py) -> moto's
SignUp and its token signing, which `install()` replaces in this process, and the
ResendConfirmationCode it adds.

Not played, because CloudGram does not need them: signing in under another case of the name
(moto still matches exactly), the trigger on AdminCreateUser (nothing local makes accounts that
way), the trigger's `response` (CloudGram's trigger never auto-confirms or auto-verifies),
`validationData` and `clientMetadata` (the page sends neither), the trigger's five-second limit;
a refresh token's expiry (Cognito's lasts RefreshTokenValidity, 30 days; a local stack lives for
hours), and calls that take an access token (GetUser, ChangePassword, GlobalSignOut) accept an
expired one; the page renews its tokens before it makes them. Cognito's limits on how often a
code is sent or a password tried (`LimitExceededException`) are not played either. moto's
GlobalSignOut already ends every refresh token of the person, as Cognito does
(tests/unit/local_stack/test_cognito_passwords.py checks it).
"""

import time

from moto.cognitoidp.exceptions import (
    CodeMismatchException,
    InvalidParameterException,
    NotAuthorizedError,
    ResourceNotFoundError,
    UsernameExistsException,
    UserNotFoundError,
)
from moto.cognitoidp.models import (
    CognitoIdpBackend,
    CognitoIdpUserPool,
    UserStatus,
    cognitoidp_backends,
    find_account_region_by_value,
)
from moto.cognitoidp.responses import CognitoIdpResponse
from moto.core.exceptions import JsonRESTError
from moto.core.responses import ActionResult

from cognito_triggers import post_confirmation, pre_sign_up

# moto's own, called once the sign-up has passed the checks above.
ORIGINAL_SIGN_UP = CognitoIdpBackend.sign_up
ORIGINAL_CONFIRM_SIGN_UP = CognitoIdpBackend.confirm_sign_up
ORIGINAL_ADMIN_CONFIRM_SIGN_UP = CognitoIdpBackend.admin_confirm_sign_up
ORIGINAL_FORGOT_PASSWORD = CognitoIdpBackend.forgot_password
ORIGINAL_CONFIRM_FORGOT_PASSWORD = CognitoIdpBackend.confirm_forgot_password
ORIGINAL_INITIATE_AUTH = CognitoIdpBackend.initiate_auth
WRONG_SIGN_IN_MESSAGE = "Incorrect username or password."
# Locally there is one Pre Sign-up function, CloudGram's: a pool that names a trigger runs it.
PRE_SIGN_UP_TRIGGER = pre_sign_up.lambda_handler
USERNAME_EXISTS_MESSAGE = "User already exists"


class UserLambdaValidationException(JsonRESTError):  # noqa: N818 - Cognito's name for it
    """What Cognito answers when a trigger refuses: 400, with the trigger's message."""

    def __init__(self, message: str) -> None:
        super().__init__("UserLambdaValidationException", message)


def install() -> None:
    """Put `sign_up_like_cognito` in place of moto's SignUp, `create_jwt_as_the_client_says` in
    place of its token signing, the confirmations and the forgotten password's two steps in place
    of moto's own, and give moto the ResendConfirmationCode it lacks, in this process. moto
    answers an operation when its response class has a method of that name."""
    CognitoIdpBackend.sign_up = sign_up_like_cognito
    CognitoIdpBackend.confirm_sign_up = confirm_sign_up_like_cognito
    CognitoIdpBackend.admin_confirm_sign_up = admin_confirm_sign_up_like_cognito
    CognitoIdpBackend.forgot_password = forgot_password_like_cognito
    CognitoIdpBackend.confirm_forgot_password = confirm_forgot_password_like_cognito
    CognitoIdpBackend.initiate_auth = initiate_auth_like_cognito
    CognitoIdpUserPool.create_jwt = create_jwt_as_the_client_says
    CognitoIdpResponse.resend_confirmation_code = _resend_confirmation_code_response


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


def confirm_sign_up_like_cognito(self, client_id: str, username: str) -> str:
    answer = ORIGINAL_CONFIRM_SIGN_UP(self, client_id, username)
    pool = next(pool for pool in self.user_pools.values() if client_id in pool.clients)
    _run_post_confirmation_trigger(pool, username, client_id)
    return answer


def admin_confirm_sign_up_like_cognito(self, user_pool_id: str, username: str) -> str:
    answer = ORIGINAL_ADMIN_CONFIRM_SIGN_UP(self, user_pool_id, username)
    _run_post_confirmation_trigger(self.describe_user_pool(user_pool_id), username, None)
    return answer


def post_confirmation_event(pool, user, client_id: str | None) -> dict:
    """Cognito's event once an account is confirmed, in the shape the Cognito developer guide
    documents ("Post confirmation Lambda trigger")."""
    return {
        "version": "1",
        "region": pool.region,
        "userPoolId": pool.id,
        "userName": user.username,
        "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": client_id},
        "triggerSource": post_confirmation.CONFIRMED_SIGN_UP,
        "request": {
            "userAttributes": {
                **{item["Name"]: item["Value"] for item in user.attributes},
                "cognito:user_status": "CONFIRMED",
            }
        },
        "response": {},
    }


def _run_post_confirmation_trigger(pool, username: str, client_id: str | None) -> None:
    if "PostConfirmation" not in (pool.extended_config.get("LambdaConfig") or {}):
        return
    user = pool._get_user(username)
    # Lambda's context object is not made up here: CloudGram's trigger never reads it.
    post_confirmation.lambda_handler(post_confirmation_event(pool, user, client_id), None)


def _ignores_case(pool) -> bool:
    configuration = pool.extended_config.get("UsernameConfiguration") or {}
    return configuration.get("CaseSensitive") is False


# Token lifetimes, as the app client says.
# moto's own, which the replacement calls with the lifetime worked out.
ORIGINAL_CREATE_JWT = CognitoIdpUserPool.create_jwt

SECONDS_PER_UNIT = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}
# The app client's settings for each kind of token: (its lifetime, its key in TokenValidityUnits).
VALIDITY_SETTINGS = {
    "id": ("IdTokenValidity", "IdToken"),
    "access": ("AccessTokenValidity", "AccessToken"),
}
# Cognito's defaults: an hour when the client names no lifetime; hours when it names no unit.
DEFAULT_LIFETIME_SECONDS = 3600
DEFAULT_UNIT = "hours"


def token_lifetime_seconds(client_settings: dict, token_use: str) -> int:
    """How long Cognito makes a token of `token_use` ("id" or "access") live for an app client
    created with `client_settings`."""
    validity_setting, unit_key = VALIDITY_SETTINGS[token_use]
    validity = client_settings.get(validity_setting)
    if validity is None:
        return DEFAULT_LIFETIME_SECONDS
    unit = (client_settings.get("TokenValidityUnits") or {}).get(unit_key, DEFAULT_UNIT)
    return int(validity) * SECONDS_PER_UNIT[unit]


def create_jwt_as_the_client_says(
    pool: CognitoIdpUserPool,
    client_id: str,
    username: str,
    token_use: str,
    expires_in: int | None = None,
    extra_data: dict | None = None,
) -> tuple[str, int]:
    """moto's create_jwt, for the lifetime the app client gives this kind of token (moto's
    callers name none, and moto would use an hour), with the time of the sign-in the token comes
    from as its `auth_time`."""
    extra_data = with_sign_in_time(extra_data)
    client = pool.clients.get(client_id)
    if expires_in is None and client is not None and token_use in VALIDITY_SETTINGS:
        expires_in = token_lifetime_seconds(client.extended_config, token_use)
    if expires_in is None:
        return ORIGINAL_CREATE_JWT(pool, client_id, username, token_use, extra_data=extra_data)
    return ORIGINAL_CREATE_JWT(pool, client_id, username, token_use, expires_in, extra_data)


# When each sign-in happened (seconds since the epoch), by the `origin_jti` moto gives the
# refresh token a password sign-in creates and every token made from it.
SIGN_IN_TIMES: dict[str, int] = {}


def with_sign_in_time(extra_data: dict | None) -> dict | None:
    """A token's extra claims with `auth_time` set to the time of the sign-in it comes from: the
    first token of a sign-in records that time, the ones its refresh token buys later reuse it."""
    sign_in = (extra_data or {}).get("origin_jti")
    if sign_in is None:
        return extra_data
    return {**extra_data, "auth_time": SIGN_IN_TIMES.setdefault(sign_in, int(time.time()))}


# A forgotten password, as Cognito answers it.
WRONG_CODE_MESSAGE = "Invalid verification code provided, please try again."


def forgot_password_like_cognito(self, client_id: str, username: str) -> tuple[None, dict]:
    """ForgotPassword: a code "sent" for anyone, the same answer whether the account exists."""
    pool = _pool_of_client(self, client_id)
    unknown = pool is not None and pool._get_user(username) is None
    if unknown and _prevents_user_existence_errors(pool, client_id):
        return None, _code_sent_to(f"{username}@example.com")
    _, answer = ORIGINAL_FORGOT_PASSWORD(self, client_id, username)
    return None, answer


def confirm_forgot_password_like_cognito(
    self, client_id: str, username: str, password: str, confirmation_code: str
) -> None:
    """ConfirmForgotPassword: an unknown username is a wrong code, a weak password is refused."""
    pool = _pool_of_client(self, client_id)
    if pool is not None:
        if pool._get_user(username) is None and _prevents_user_existence_errors(pool, client_id):
            raise CodeMismatchException(WRONG_CODE_MESSAGE)
        self._validate_password(pool.id, password)
    ORIGINAL_CONFIRM_FORGOT_PASSWORD(self, client_id, username, password, confirmation_code)


def initiate_auth_like_cognito(
    self, client_id: str, auth_flow: str, auth_parameters: dict[str, str]
) -> dict:
    """InitiateAuth. moto answers a password sign-in for an unknown username (one never made,
    or an account deleted) with `UserNotFoundException`; an app client with
    `PreventUserExistenceErrors: ENABLED`, as CloudGram's is, answers it as a wrong password,
    `NotAuthorizedException`, so that signing in tells nobody which usernames exist."""
    try:
        return ORIGINAL_INITIATE_AUTH(self, client_id, auth_flow, auth_parameters)
    except UserNotFoundError:
        pool = _pool_of_client(self, client_id)
        if pool is not None and _prevents_user_existence_errors(pool, client_id):
            raise NotAuthorizedError(WRONG_SIGN_IN_MESSAGE) from None
        raise


def _pool_of_client(backend: CognitoIdpBackend, client_id: str) -> CognitoIdpUserPool | None:
    return next((pool for pool in backend.user_pools.values() if client_id in pool.clients), None)


def _prevents_user_existence_errors(pool: CognitoIdpUserPool, client_id: str) -> bool:
    client_settings = pool.clients[client_id].extended_config
    return client_settings.get("PreventUserExistenceErrors") == "ENABLED"


# A new confirmation code, as Cognito answers it.
ALREADY_CONFIRMED_MESSAGE = "User is already confirmed."
UNKNOWN_USER_MESSAGE = "Username/client id combination not found."


def _resend_confirmation_code_response(response: CognitoIdpResponse) -> ActionResult:
    """moto's request handling for ResendConfirmationCode: finds the backend that holds the app
    client, as moto's own unauthenticated operations do (ForgotPassword)."""
    client_id = response._get_param("ClientId")
    account, region = find_account_region_by_value(
        "client_id", client_id, fallback=(response.current_account, response.region)
    )
    backend = cognitoidp_backends[account][region]
    return ActionResult(
        resend_confirmation_code(backend, client_id, response._get_param("Username"))
    )


def resend_confirmation_code(backend: CognitoIdpBackend, client_id: str, username: str) -> dict:
    """ResendConfirmationCode's answer for `username` through the app client `client_id`."""
    pool = next((pool for pool in backend.user_pools.values() if client_id in pool.clients), None)
    if pool is None:
        raise ResourceNotFoundError(client_id)
    user = pool._get_user(username)
    if user is None:
        client_settings = pool.clients[client_id].extended_config
        if client_settings.get("PreventUserExistenceErrors") != "ENABLED":
            raise UserNotFoundError(UNKNOWN_USER_MESSAGE)
        return _code_sent_to(f"{username}@example.com")
    if user.status == UserStatus.CONFIRMED:
        raise InvalidParameterException(ALREADY_CONFIRMED_MESSAGE)
    return _code_sent_to(user.attribute_lookup.get("email", ""))


def _code_sent_to(email: str) -> dict:
    return {
        "CodeDeliveryDetails": {
            "Destination": masked_email(email),
            "DeliveryMedium": "EMAIL",
            "AttributeName": "email",
        }
    }


def masked_email(email: str) -> str:
    """An address as Cognito shows where it sent a code: the first character of each side of
    the "@", then "***" ("ana@example.com" -> "a***@e***")."""
    local_part, _, domain = email.partition("@")
    return f"{local_part[:1]}***@{domain[:1]}***"
