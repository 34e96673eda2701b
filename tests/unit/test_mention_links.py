"""The page turns "@name" in captions, comments and replies into a link to that profile
(frontend/js/helpers/mentions.js). Which names it links is a copy of the sign-up rule
(cognito_triggers/usernames.py), kept in the script as a regular expression; these tests read
that expression from the script and hold it to the rule: every name an account may have is
linked whole, nothing an account may not have is, and an e-mail address mentions nobody.

The expression is written in the syntax JavaScript and Python read alike (a fixed-width
look-behind, character classes), so Python can run the script's own copy."""

import re
import string
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from cognito_triggers.usernames import (
    FIRST_CHARACTERS,
    USERNAME_CHARACTERS,
    USERNAME_MAX_LENGTH,
    username_problem,
)

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = (PROJECT_ROOT / "frontend" / "js" / "helpers" / "mentions.js").read_text(encoding="utf-8")


def script_pattern(constant: str) -> re.Pattern:
    return re.compile(re.search(rf"const {constant} = /(.+)/g?;", SCRIPT).group(1))


MENTION = script_pattern("MENTION")
SENTENCE_DOTS = script_pattern("SENTENCE_DOTS")
SCRIPT_MAX_LENGTH = int(re.search(r"const USERNAME_MAX_LENGTH = (\d+);", SCRIPT).group(1))

# Names an account may have, but not ending with a dot (which the page reads as a full stop).
names_without_a_final_dot = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from(sorted(FIRST_CHARACTERS)),
    st.text(st.sampled_from(sorted(USERNAME_CHARACTERS)), max_size=USERNAME_MAX_LENGTH - 1),
).filter(lambda name: not name.endswith("."))


def mentioned(text: str) -> list[str]:
    """The names the page links in `text`, as showTextWithMentions finds them."""
    names = [SENTENCE_DOTS.sub("", found.group(1)) for found in MENTION.finditer(text)]
    return [name for name in names if len(name) <= SCRIPT_MAX_LENGTH]


def test_given_the_scripts_longest_name_then_it_is_the_sign_up_rules():
    assert SCRIPT_MAX_LENGTH == USERNAME_MAX_LENGTH


@given(names_without_a_final_dot)
def test_given_any_name_an_account_may_have_when_mentioned_in_a_sentence_then_it_is_linked_whole(
    name,
):
    assert username_problem(name) is None
    assert mentioned(f"Look, @{name}, here") == [name]
    assert mentioned(f"@{name}") == [name]
    assert mentioned(f"Thanks @{name}.") == [name]
    assert mentioned(f"(@{name})\n@{name}!") == [name, name]


def test_given_characters_no_username_has_when_they_follow_the_at_sign_then_nobody_is_named():
    strays = set(string.printable) - USERNAME_CHARACTERS
    for character in [*sorted(strays), "\uff4b", "\u212a"]:
        assert mentioned(f"hi @{character}arl") == [], repr(character)
    assert mentioned("hi @-bob and @.bob and @_bob") == []


def test_given_a_run_longer_than_any_username_when_mentioned_then_no_shorter_name_is_linked():
    too_long = "a" * (USERNAME_MAX_LENGTH + 1)

    assert mentioned(f"hi @{too_long}") == []
    assert mentioned(f"hi @{too_long[:-1]}") == [too_long[:-1]]


def test_given_an_email_address_or_an_at_sign_inside_a_word_then_nobody_is_named():
    assert mentioned("write to alice@example.com or bob.smith@example.org") == []
    assert mentioned("a@b, an @ alone, x@carol and @@dave") == []


def test_given_names_and_punctuation_around_them_then_each_name_is_linked_without_it():
    text = "@alice, @bob! @carol? @dave... and @erin.smith: bye"

    assert mentioned(text) == ["alice", "bob", "carol", "dave", "erin.smith"]
