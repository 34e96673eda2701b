"""What one account may write: a budget of writes a minute shared by likes, follows and their
undoing (429 with Retry-After once it is spent, nothing written), and a cap on how many accounts
one may follow. Each is checked in the transaction of the write itself."""

import json

import pytest

from chalicelib.shared import settings as api_settings
from tests.support.api_steps import auth, ready_photo
from tests.support.waiting import well_inside_a_minute


@pytest.fixture
def write_budget(api_environment, monkeypatch):
    def set_budget(writes_per_minute: int, max_following: int = 7500) -> None:
        monkeypatch.setenv("MAX_WRITES_PER_MINUTE", str(writes_per_minute))
        monkeypatch.setenv("MAX_FOLLOWING", str(max_following))
        api_settings.load_settings.cache_clear()
        well_inside_a_minute()

    yield set_budget
    api_settings.load_settings.cache_clear()


def signed_in(api, make_token, *usernames) -> dict:
    """Tokens for people who have used the page once (so they have profiles)."""
    tokens = {name: make_token(name) for name in usernames}
    for token in tokens.values():
        assert api.http.get("/me", headers=auth(token)).status_code == 200
    return tokens


def like(api, token, photo_id, method="PUT"):
    return api.http.request(method, f"/photos/{photo_id}/like", headers=auth(token), body=b"")


def follow(api, token, username, method="PUT"):
    return api.http.request(method, f"/users/{username}/follow", headers=auth(token), body=b"")


def test_given_the_minutes_writes_spent_by_liking_and_unliking_then_429_and_nothing_changes(
    api, make_token, write_budget
):
    write_budget(writes_per_minute=3)
    tokens = signed_in(api, make_token, "alice", "bob", "carol")
    photo = ready_photo(api, tokens["alice"])
    for method in ("PUT", "DELETE", "PUT"):
        assert like(api, tokens["bob"], photo, method).status_code == 200

    refused = like(api, tokens["bob"], photo, "DELETE")

    assert refused.status_code == 429
    assert refused.json_body["Code"] == "TooManyRequestsError"
    assert "3 changes this minute" in refused.json_body["Message"]
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    shown = api.http.get(f"/photos/{photo}", headers=auth(tokens["bob"])).json_body
    assert (shown["likeCount"], shown["likedByMe"]) == (1, True)  # the unlike did not happen
    assert like(api, tokens["carol"], photo).status_code == 200  # the budget is per account


def test_given_likes_and_follows_then_they_share_one_budget(api, make_token, write_budget):
    write_budget(writes_per_minute=2)
    tokens = signed_in(api, make_token, "alice", "bob")
    photo = ready_photo(api, tokens["alice"])
    assert like(api, tokens["bob"], photo).status_code == 200
    assert follow(api, tokens["bob"], "alice").status_code == 200

    refused = follow(api, tokens["bob"], "alice", "DELETE")

    assert refused.status_code == 429
    assert api.http.get("/users/alice").json_body["followerCount"] == 1


def test_given_a_write_that_changes_nothing_then_it_spends_nothing(api, make_token, write_budget):
    write_budget(writes_per_minute=1)
    tokens = signed_in(api, make_token, "alice", "bob")
    photo = ready_photo(api, tokens["alice"])
    assert like(api, tokens["bob"], photo).status_code == 200

    again = [like(api, tokens["bob"], photo) for _ in range(3)]  # already liked: no-ops

    assert [answer.status_code for answer in again] == [200, 200, 200]
    assert like(api, tokens["bob"], photo, "DELETE").status_code == 429


def test_given_as_many_follows_as_anyone_may_then_one_more_is_409_until_one_is_undone(
    api, make_token, write_budget
):
    write_budget(writes_per_minute=60, max_following=2)
    tokens = signed_in(api, make_token, "alice", "bob", "carol", "dave")
    assert follow(api, tokens["alice"], "bob").status_code == 200
    assert follow(api, tokens["alice"], "carol").status_code == 200

    refused = follow(api, tokens["alice"], "dave")

    assert refused.status_code == 409
    assert "You follow 2 accounts" in refused.json_body["Message"]
    assert api.http.get("/users/dave").json_body["followerCount"] == 0
    assert follow(api, tokens["alice"], "bob").status_code == 200  # already followed: still fine
    assert follow(api, tokens["alice"], "bob", "DELETE").status_code == 200
    assert follow(api, tokens["alice"], "dave").status_code == 200


def test_given_a_limit_reached_then_the_refusal_is_counted_for_the_dashboard(
    api, make_token, write_budget, capsys
):
    write_budget(writes_per_minute=1)
    tokens = signed_in(api, make_token, "alice", "bob")
    assert follow(api, tokens["bob"], "alice").status_code == 200
    capsys.readouterr()

    assert follow(api, tokens["bob"], "alice", "DELETE").status_code == 429

    metric_lines = [
        json.loads(line) for line in capsys.readouterr().out.splitlines() if '"_aws"' in line
    ]
    assert any(line.get("AccountLimitRefusals") == [1.0] for line in metric_lines), metric_lines
