"""GET /users/suggestions: people the signed-in person might follow, each with the reason the page
shows ("Followed by ana", "New on CloudGram", "Recently shared"), in one request to the API and a
fixed number of DynamoDB requests, whoever asks.

Where they come from, strongest first:
- people followed by those you followed most recently: one Query of your follow edges (a page
  of FOLLOWS_READ), then one Query of the follow edges of each of the FRIENDS_ASKED newest;
  someone several of them follow comes first;
- the people who shared the global feed's newest photos (one Query per feed shard), "New on
  CloudGram" if they joined in the last NEW_ACCOUNT_DAYS.
Then one BatchGetItem reads every candidate's profile (their looks, and whether they still
exist) together with your follow edges to each, so nobody you follow is suggested, even one
beyond the first page of your edges. Never yourself; at most MAX_SUGGESTIONS.
"""

from collections import Counter
from datetime import UTC, datetime, timedelta

from chalicelib.people import follow_store, search
from chalicelib.photos import store as photo_store
from chalicelib.shared import table_keys
from chalicelib.shared.settings import load_settings
from chalicelib.shared.users import User

MAX_SUGGESTIONS = 10
# Candidates whose profiles and follow edges are read: two keys each, within one BatchGetItem.
MAX_CANDIDATES = 40
FOLLOWS_READ = 50
FRIENDS_ASKED = 3
THEIR_FOLLOWS_READ = 20
RECENT_PHOTOS_READ = 30
NEW_ACCOUNT_DAYS = 14
RECENTLY_SHARED = "Recently shared"
NEW_ON_CLOUDGRAM = "New on CloudGram"


def suggestions_for(viewer: User) -> list[search.FoundPerson]:
    """Up to MAX_SUGGESTIONS people for `viewer` to follow, best first, each with its reason."""
    my_follows = _edges(viewer.id, FOLLOWS_READ)
    already = {viewer.id} | {edge["followeeId"] for edge in my_follows}
    reasons = _followed_by_friends(my_follows, already)
    for photo in _recent_photos():
        if photo["ownerId"] not in already:
            reasons.setdefault(photo["ownerId"], RECENTLY_SHARED)
    candidates = list(reasons)[:MAX_CANDIDATES]
    people = search.looked_up(candidates, viewer, reasons)
    return [_as_suggested(person) for person in people if not person.followed_by_me][
        :MAX_SUGGESTIONS
    ]


def _followed_by_friends(my_follows: list[dict], already: set[str]) -> dict[str, str]:
    """Whom the people you followed last follow, those followed by more of them first, each with
    the name of one who follows them."""
    newest = sorted(my_follows, key=lambda edge: edge["followedAt"], reverse=True)
    counts, followed_by = Counter(), {}
    for friend in newest[:FRIENDS_ASKED]:
        for edge in _edges(friend["followeeId"], THEIR_FOLLOWS_READ):
            if edge["followeeId"] in already:
                continue
            counts[edge["followeeId"]] += 1
            followed_by.setdefault(edge["followeeId"], friend["followeeUsername"])
    ranked = sorted(counts, key=lambda user_id: -counts[user_id])
    return {user_id: f"Followed by {followed_by[user_id]}" for user_id in ranked}


def _edges(user_id: str, count: int) -> list[dict]:
    edges, _ = follow_store.edges_page(user_id, table_keys.FOLLOWS_PREFIX, None, count)
    return edges


def _recent_photos() -> list[dict]:
    return photo_store.newest_ready_photos(load_settings().feed_shards, None, RECENT_PHOTOS_READ)


def _as_suggested(person: search.FoundPerson) -> search.FoundPerson:
    """Without `followedByMe`, which is always false here; a recent poster who joined lately is
    introduced as new."""
    joined = datetime.fromisoformat(person.profile["joinedAt"].replace("Z", "+00:00"))
    is_new = datetime.now(UTC) - joined < timedelta(days=NEW_ACCOUNT_DAYS)
    reason = NEW_ON_CLOUDGRAM if person.reason == RECENTLY_SHARED and is_new else person.reason
    return person._replace(followed_by_me=None, reason=reason)
