"""A username is checked in three places, each with its own copy of a rule because each runs
somewhere else: the user pool's Pre Sign-up trigger decides what a new account may be called
(cognito_triggers/usernames.py); the sign-up form checks the same before it sends
(frontend/index.html's pattern and maxlength, frontend/js/views/auth-view.js's explanation); and
the API decides what an address may name (chalicelib/shared/usernames.py), more widely, so that
accounts made before the trigger still resolve. These tests hold the copies together: the page
refuses exactly what the trigger refuses, and whatever name an account can get, the API can
address."""

import re
from pathlib import Path

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


PROJECT_ROOT = Path(__file__).resolve().parents[2]
PAGE = (PROJECT_ROOT / "frontend" / "index.html").read_text(encoding="utf-8")
AUTH_VIEW = (PROJECT_ROOT / "frontend" / "js" / "views" / "auth-view.js").read_text(
    encoding="utf-8"
)
SIGN_UP_INPUT = re.search(r'<input id="sign-up-username"[^>]*>', PAGE).group(0)
# Every character up to the end of Latin Extended-B, and the look-alikes the rule is about.
SAMPLE_CHARACTERS = [chr(code) for code in range(0x250)] + [
    "\uff4b",  # fullwidth k
    "\u212a",  # Kelvin sign
    "\u0131",  # dotless i
    "\u0430",  # Cyrillic a
    "\u00a0",  # no-break space
    "\u200b",  # zero-width space
    "\U0001f4f7",  # camera
]


def page_attribute(name: str) -> str:
    return re.search(rf'{name}="([^"]*)"', SIGN_UP_INPUT).group(1)


def script_pattern(constant: str) -> re.Pattern:
    return re.compile(re.search(rf"const {constant} = /(.+)/;", AUTH_VIEW).group(1))


def test_given_any_character_then_the_forms_pattern_decides_as_the_trigger():
    # HTML reads `pattern` as a whole-value match; `\-` is a dash in both syntaxes.
    pattern = re.compile(page_attribute("pattern"))
    names = [
        name
        for character in SAMPLE_CHARACTERS
        for name in (character, character + "a", "a" + character, "a" + character + "a")
    ]

    disagreements = [
        name
        for name in names
        if (pattern.fullmatch(name) is not None) != (username_problem(name) is None)
    ]

    assert disagreements == []


def test_given_the_forms_limits_then_they_are_the_triggers():
    assert page_attribute("maxlength") == str(USERNAME_MAX_LENGTH)
    hint = re.search(r'id="sign-up-username-hint">([^<]*)<', PAGE).group(1)
    assert hint.startswith(
        f"Up to {USERNAME_MAX_LENGTH} letters A to Z, digits, dots, dashes and underscores, "
        "starting with a letter or a digit."
    )


def test_given_the_pages_explanation_then_its_characters_are_the_triggers():
    anywhere, first = (
        script_pattern("USERNAME_CHARACTER"),
        script_pattern("USERNAME_FIRST_CHARACTER"),
    )

    for character in SAMPLE_CHARACTERS:
        assert (anywhere.fullmatch(character) is not None) == (character in USERNAME_CHARACTERS)
        assert (first.fullmatch(character) is not None) == (character in FIRST_CHARACTERS)
