"""The API (chalicelib/shared/table_keys.py), the worker (image_worker/table_keys.py) and the user
pool's triggers (cognito_triggers/table_keys.py) each keep their copy of the table's key layout,
because each Lambda is packaged on its own; these tests hold the copies together, so the worker
marks READY the very item the API created and counts it on the profile the API reads, and the
profile made at confirmation is the one the API finds; and they hold docs/data-model.md to the
keys the code spells."""

from pathlib import Path

import pytest

from chalicelib.shared import table_keys as api_keys
from cognito_triggers import table_keys as trigger_keys
from image_worker import table_keys as worker_keys

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("photo_id", ["01JCNY8ZQ0V5G1Y0WJ6X7C9B2K", "01M8MWS2ZHC9HW6WFGAS3J6PBT"])
def test_given_a_photo_then_both_lambdas_key_it_alike(photo_id):
    assert worker_keys.photo_key(photo_id) == api_keys.photo_key(photo_id)


def test_given_a_user_then_both_lambdas_key_the_profile_alike():
    user_id = "0f8fad5b-d9cb-469f-a165-70867728950e"

    assert worker_keys.profile_key(user_id) == api_keys.profile_key(user_id)


@pytest.mark.parametrize("username", ["ana", "Ana", "KARL.x_1"])
def test_given_a_confirmed_account_then_the_trigger_keys_its_profile_and_claim_as_the_api(username):
    user_id = "4a709a36-7d63-4785-829d-4198b9b1f5c1"

    assert trigger_keys.profile_key(user_id) == api_keys.profile_key(user_id)
    assert trigger_keys.username_claim_key(username) == api_keys.username_claim_key(username)


@pytest.mark.parametrize("name", ["ana", "Ana", "KARL.x_1", "0zero", "...", "Ána Lima", "ＫＡＲＬ"])
def test_given_a_confirmed_account_then_the_trigger_keys_its_name_item_as_the_api(name):
    user_id = "4a709a36-7d63-4785-829d-4198b9b1f5c1"

    assert trigger_keys.name_key(name, user_id) == api_keys.name_key(name, user_id)


@pytest.mark.parametrize(
    ("name", "searchable"),
    [
        ("Ána", "ana"),
        ("ANA", "ana"),
        ("a.n-a_", "ana"),
        ("Zoë Ørsted", "zoeørsted"),  # ø is a letter of its own, not an o with a mark
        ("ＫＡＲＬ", "karl"),  # fullwidth letters: compatibility decomposition
        ("Straße", "strasse"),  # case folding, not lower case
        ("🌸 Flor 🌸", "flor"),
        ("...", ""),
        ("x" * 60, "x" * api_keys.SEARCHABLE_LENGTH),
    ],
)
def test_given_a_name_then_search_compares_it_without_case_accents_or_punctuation(name, searchable):
    assert api_keys.searchable_name(name) == searchable


def test_given_names_then_each_is_in_its_first_characters_partition_exact_ones_first():
    user_id = "4a709a36-7d63-4785-829d-4198b9b1f5c1"
    keys = [api_keys.name_key(name, user_id) for name in ("Ana", "Anabela", "ana b")]

    assert keys[0] == {"PK": api_keys.names_partition("a"), "SK": f"ana#{user_id}"}
    assert {key["PK"] for key in keys} == {api_keys.names_partition("a")}
    assert sorted(key["SK"] for key in keys)[0] == f"ana#{user_id}"
    assert api_keys.name_key("...", user_id) is None


@pytest.mark.parametrize("shard_count", [1, 2, 7])
def test_given_any_shard_count_then_the_worker_writes_partitions_the_api_queries(shard_count):
    queried = {api_keys.feed_shard_key(shard) for shard in range(shard_count)}

    written = {worker_keys.feed_shard_key(f"photo-{n}", shard_count) for n in range(200)}

    assert written == queried


def test_given_the_data_model_page_then_it_shows_every_key_and_index_as_the_api_spells_them():
    """docs/data-model.md is where students learn the key layout: it must not drift from it."""
    page = (PROJECT_ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    keys = [
        api_keys.photo_key("<photo id>"),
        api_keys.like_key("<photo id>", "<user id>"),
        api_keys.comment_key("<photo id>", "<comment id>"),
        api_keys.reply_key("<photo id>", "<comment id>", "<reply id>"),
        api_keys.profile_key("<user id>"),
        api_keys.follow_key("<follower id>", "<followee id>"),
        api_keys.follower_key("<followee id>", "<follower id>"),
        api_keys.upload_count_key("<user id>", "<hour, UTC>"),
        api_keys.avatar_upload_count_key("<user id>", "<hour, UTC>"),
        api_keys.upload_slot_key("<user id>", "<slot number>"),
        api_keys.write_count_key("<user id>", "<minute, UTC>"),
        api_keys.username_claim_key("<username, lower case>"),
        api_keys.timeline_entry_key("<user id>", "<photo createdAt>#<photo id>"),
        api_keys.celebrity_mark_key("<user id>", "<username, lower case>"),
        api_keys.notification_key("<user id>", "<time of the deed>#<kind>#<subject>"),
        api_keys.last_read_key("<user id>"),
        {
            "PK": api_keys.names_partition("<first character>"),
            "SK": "<searchable name>#<user id>",
        },
    ]

    for key in keys:
        assert f"| `{key['PK']}` | `{key['SK']}`" in page, key
    assert f"`{api_keys.feed_shard_key('<n>')}`" in page
    indexes = (
        api_keys.FEED_INDEX,
        api_keys.OWNER_INDEX,
        api_keys.LIKES_INDEX,
        api_keys.AUTHOR_INDEX,
    )
    for index in indexes:
        assert f"| {index} |" in page
