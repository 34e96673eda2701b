"""Cognito's Pre Sign-up trigger: the user pool calls this function before it makes an account,
and makes none when it raises.

Request path: page -> Cognito SignUp -> this function -> accepted: Cognito stores the account
and e-mails the confirmation code; refused: Cognito answers the page 400,
`UserLambdaValidationException`, with the message raised here inside a sentence of its own
("PreSignUp failed with error <message>."), and the page shows it next to the username field
(frontend/js/views/auth-view.js).

The trigger is what makes the username rule (cognito_triggers/usernames.py) hold for every
account, however it is made: from the page, from any other client of Cognito's public SignUp
(the rule must not depend on the page), or by an administrator (AdminCreateUser runs the trigger
too, as `PreSignUp_AdminCreateUser`). Cognito waits at most five seconds for a trigger; this one
only looks at a string. It answers with the event as it came, so the account still has to be
confirmed by e-mail: it never sets `autoConfirmUser` or `autoVerifyEmail`.

Locally moto never runs triggers, so the local stack calls this same function with the same
event (infra/local/cognito_like_aws.py).
"""

from cognito_triggers.usernames import username_problem


class UsernameRefused(Exception):  # noqa: N818 - a refusal, not a bug: Cognito shows it
    """Refuses the sign-up; Cognito passes the message on to the person signing up."""


def lambda_handler(event: dict, context) -> dict:
    problem = username_problem(event["userName"])
    if problem is not None:
        raise UsernameRefused(problem)
    return event
