"""Cognito's events for the user pool's triggers, as AWS documents them ("Pre sign-up Lambda
trigger" and "Post confirmation Lambda trigger" in the Cognito developer guide), for the
triggers' tests and for holding the local stack's copies of the events
(infra/local/cognito_like_aws.py) to the same shape."""

import copy

PRE_SIGN_UP_EVENT = {
    "version": "1",
    "region": "us-east-1",
    "userPoolId": "us-east-1_EXAMPLE",
    "userName": "testuser",
    "callerContext": {
        "awsSdkVersion": "aws-sdk-unknown-unknown",
        "clientId": "1example23456789",
    },
    "triggerSource": "PreSignUp_SignUp",
    "request": {
        "userAttributes": {"email": "testuser@example.com"},
        "validationData": None,
    },
    "response": {
        "autoConfirmUser": False,
        "autoVerifyEmail": False,
        "autoVerifyPhone": False,
    },
}


def pre_sign_up_event(username: str, trigger_source: str = "PreSignUp_SignUp") -> dict:
    """The documented event for someone signing up as `username`."""
    event = copy.deepcopy(PRE_SIGN_UP_EVENT)
    event["userName"] = username
    event["triggerSource"] = trigger_source
    event["request"]["userAttributes"]["email"] = "someone@example.com"
    return event


POST_CONFIRMATION_EVENT = {
    "version": "1",
    "region": "us-east-1",
    "userPoolId": "us-east-1_EXAMPLE",
    "userName": "testuser",
    "callerContext": {
        "awsSdkVersion": "aws-sdk-unknown-unknown",
        "clientId": "1example23456789",
    },
    "triggerSource": "PostConfirmation_ConfirmSignUp",
    "request": {
        "userAttributes": {
            "sub": "4a709a36-7d63-4785-829d-4198b9b1f5c1",
            "cognito:user_status": "CONFIRMED",
            "email_verified": "true",
            "email": "testuser@example.com",
        }
    },
    "response": {},
}


def post_confirmation_event(
    username: str, user_id: str, trigger_source: str = "PostConfirmation_ConfirmSignUp"
) -> dict:
    """The documented event once `username` (whose `sub` is `user_id`) is confirmed."""
    event = copy.deepcopy(POST_CONFIRMATION_EVENT)
    event["userName"] = username
    event["triggerSource"] = trigger_source
    event["request"]["userAttributes"]["sub"] = user_id
    return event
