"""The rule for a new account's username (cognito_triggers/usernames.py): one canonical form per
name, so no two accounts read alike. Before it, Cognito took every one of the refused names
below as an account of its own."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cognito_triggers.usernames import USERNAME_MAX_LENGTH, username_problem

LOOK_ALIKES_OF_KARL = {
    "fullwidth k": "\uff4barl",
    "Kelvin sign": "\u212aarl",
    "dotless i in place of l": "kar\u0131",
    "Cyrillic a": "k\u0430rl",
    "combining accent": "ka\u0301rl",
    "leading space": " karl",
    "trailing space": "karl ",
    "no-break space": "karl\u00a0",
    "zero-width space": "ka\u200brl",
}


def canonical(name: str) -> str:
    """The form in which two names are the same to a reader: NFKC, then case folding."""
    return unicodedata.normalize("NFKC", name).casefold()


@pytest.mark.parametrize(
    "name", ["karl", "Karl", "KARL", "0", "e2e-3f9a_b.c", "a" * USERNAME_MAX_LENGTH]
)
def test_given_a_name_of_the_alphabet_then_it_is_accepted(name):
    assert username_problem(name) is None


@pytest.mark.parametrize("name", LOOK_ALIKES_OF_KARL.values(), ids=LOOK_ALIKES_OF_KARL.keys())
def test_given_a_look_alike_of_karl_then_it_is_refused(name):
    assert username_problem(name) is not None


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        (
            "\uff4barl",
            "A username may use only the letters A to Z, digits, dots, dashes and underscores; "
            "“ｋ” (U+FF4B FULLWIDTH LATIN SMALL LETTER K) is not one of them",
        ),
        (
            "\u212aarl",
            "A username may use only the letters A to Z, digits, dots, dashes and underscores; "
            "“\u212a” (U+212A KELVIN SIGN) is not one of them",
        ),
        (
            "kar\u0131",
            "A username may use only the letters A to Z, digits, dots, dashes and underscores; "
            "“ı” (U+0131 LATIN SMALL LETTER DOTLESS I) is not one of them",
        ),
        (
            "\U0001f4f7karl",
            "A username may use only the letters A to Z, digits, dots, dashes and underscores; "
            "“📷” (U+1F4F7 CAMERA) is not one of them",
        ),
        (
            "ka\u0301rl",
            "A username may use only the letters A to Z, digits, dots, dashes and underscores; "
            "U+0301 COMBINING ACUTE ACCENT is not one of them",
        ),
        (
            "ka\x00rl",
            "A username may use only the letters A to Z, digits, dots, dashes and underscores; "
            "U+0000 is not one of them",
        ),
        (" karl", "A username cannot contain spaces"),
        ("karl ", "A username cannot contain spaces"),
        ("", "Choose a username"),
        (".", "A username starts with a letter or a digit"),
        ("..", "A username starts with a letter or a digit"),
        ("_karl", "A username starts with a letter or a digit"),
        (
            "k" * (USERNAME_MAX_LENGTH + 1),
            f"A username has at most {USERNAME_MAX_LENGTH} characters; this one has "
            f"{USERNAME_MAX_LENGTH + 1}",
        ),
        ("k" * 129, f"A username has at most {USERNAME_MAX_LENGTH} characters; this one has 129"),
    ],
)
def test_given_a_refused_name_then_the_problem_says_what_to_change(name, problem):
    assert username_problem(name) == problem


@given(st.text(max_size=40))
def test_given_any_accepted_name_then_it_is_its_own_canonical_form_but_for_case(name):
    # What "one canonical form" means here: an accepted name is unchanged by NFKC, and folding
    # its case is all that canonicalising does to it, so "Karl" and "karl" are one person
    # (which the user pool refuses to make twice) and no other spelling reads as either.
    if username_problem(name) is None:
        assert unicodedata.normalize("NFKC", name) == name
        assert canonical(name) == name.lower()
        assert name.isascii()


# Names made of the alphabet and of characters that NFKC turns into it: fullwidth forms, the
# Kelvin and Ångström signs, mathematical bold letters and digits.
PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_"
COMPATIBLE = [chr(ord(character) + 0xFEE0) for character in PLAIN]
COMPATIBLE += ["\u212a", "\u212b", "\U0001d400", "\U0001d41a", "\U0001d7ce"]
mixed_names = st.text(
    st.sampled_from([*PLAIN, *COMPATIBLE]), min_size=1, max_size=USERNAME_MAX_LENGTH
)


@given(mixed_names)
def test_given_a_name_that_canonicalises_to_an_accepted_one_then_only_plain_ascii_passes(name):
    # A look-alike canonicalises to an accepted name without being one: every such name must be
    # refused, and a plain spelling in other capitals accepted.
    if username_problem(canonical(name)) is None:
        assert (username_problem(name) is None) == name.isascii()
