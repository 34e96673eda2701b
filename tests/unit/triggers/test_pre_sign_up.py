"""The Pre Sign-up trigger (cognito_triggers/pre_sign_up.py) with Cognito's own event: it lets a
good name through unchanged and refuses a look-alike by raising, which is how a trigger makes
Cognito refuse a sign-up."""

import pytest

from cognito_triggers.pre_sign_up import UsernameRefused, lambda_handler
from tests.support.cognito_events import pre_sign_up_event


@pytest.mark.parametrize("source", ["PreSignUp_SignUp", "PreSignUp_AdminCreateUser"])
def test_given_a_good_name_then_the_event_comes_back_as_it_came(source):
    event = pre_sign_up_event("Karl", source)

    answer = lambda_handler(pre_sign_up_event("Karl", source), None)

    # Nothing auto-confirmed or auto-verified: the account is still confirmed by e-mail.
    assert answer == event


@pytest.mark.parametrize("source", ["PreSignUp_SignUp", "PreSignUp_AdminCreateUser"])
@pytest.mark.parametrize("name", ["\uff4barl", "\u212aarl", "kar\u0131", " karl", "karl "])
def test_given_a_look_alike_then_the_trigger_raises_the_rules_words(name, source):
    with pytest.raises(UsernameRefused) as refusal:
        lambda_handler(pre_sign_up_event(name, source), None)

    assert str(refusal.value).startswith("A username ")
