"""A username is checked in three places, each with its own copy of a rule because each runs
somewhere else: the user pool's Pre Sign-up trigger decides what a new account may be called
(cognito_triggers/usernames.py), and the API decides what an address may name
(chalicelib/shared/usernames.py), more widely, so that accounts made before the trigger still
resolve. These tests hold the copies together: whatever name an account can get, the API can
address."""

from hypothesis import given
from hypothesis import strategies as st

from chalicelib.shared.usernames import USERNAME_MAX_LENGTH as ADDRESS_MAX_LENGTH
from chalicelib.shared.usernames import is_username
from cognito_triggers.usernames import (
    FIRST_CHARACTERS,
    USERNAME_CHARACTERS,
    USERNAME_MAX_LENGTH,
    username_problem,
)

new_account_names = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from(sorted(FIRST_CHARACTERS)),
    st.text(st.sampled_from(sorted(USERNAME_CHARACTERS)), max_size=USERNAME_MAX_LENGTH - 1),
)


@given(new_account_names)
def test_given_any_name_a_new_account_may_have_then_the_api_can_address_it(name):
    assert username_problem(name) is None
    assert is_username(name)


def test_given_both_rules_then_the_new_accounts_limit_fits_inside_the_addresses():
    assert USERNAME_MAX_LENGTH <= ADDRESS_MAX_LENGTH
