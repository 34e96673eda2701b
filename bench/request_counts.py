"""DynamoDB requests per page, against named baselines: what one page of a list costs the API.

DynamoDB bills by request and by item read, and every request adds a round trip to the page's
latency, so the count per page is the number to keep small as lists grow. The API's services run
here in-process against moto (`python -m bench.request_counts`), with a botocore hook counting
every DynamoDB call; each baseline is the obvious way to build the same page, run the same way:

- feed page of 20, signed in: the API asks each feed shard once and the viewer's likes of the
  whole page in one BatchGetItem; the baseline asks for the viewer's like of each photo on its
  own (one GetItem per photo).
  Every page shows each person with their current display name and picture: the API reads their
  profiles in the BatchGetItem it makes anyway (or in one of its own); each baseline reads each
  person's profile on its own (one GetItem per card), as it does their likes and follows.
- profile page of 20, signed in: the API queries OwnerIndex, keyed by username, then one
  BatchGetItem; the baseline looks the username up first (it would key the index by user id),
  then asks for each like on its own.
- home page of 20, following 50 accounts: the API reads the viewer's timeline, written ahead of
  time by the fan-out, in one Query, then one BatchGetItem; the baseline is fan-out on read, one
  Query of each followed account's photos, then one BatchGetItem for the likes. With two
  celebrities followed as well, each adds one Query, merged at read time.
- followers page of 20, signed in: the API looks the username up, queries the follower edges,
  and asks whether the viewer follows each person in one BatchGetItem; the baseline asks for
  each of those follows on its own (one GetItem per person).
- likes page of 20 (who liked a photo), signed in: the API queries LikesIndex, then reads the
  photo and whether the viewer follows each liker in one BatchGetItem; the baseline reads the
  photo, queries its likes, and asks for each follow on its own (one GetItem per liker).
- comments page of 20, each with replies: the API reads the photo (may the viewer see it?) and
  queries the comments, whose `replyCount` is kept in the same transaction as each reply; the
  baseline reads the photo, queries the comments, and counts each one's replies with a Query.
- notifications page of 20 (likes of two photos), with the unread count: the API reads the
  last-read mark, queries the page, reads the photos it shows in one BatchGetItem and counts the
  unread (one Query of at most 100); the baseline does the same but reads each notification's
  photo on its own (one GetItem per notification).
- search for 20 people (the fans of the followers page, all named "fan..."), signed in: the API
  queries the name items, then reads the people's profiles (their looks now) and the viewer's
  follow edges to them in one BatchGetItem; the baseline reads each person's profile and edge
  with a request of their own (one BatchGetItem per person).
- suggestions, signed in: the API reads the viewer's follow edges, the follow edges of the three
  they followed last and the global feed's newest photos, then every candidate's profile and the
  viewer's edge to them in one BatchGetItem; the baseline gathers the same candidates, then asks
  about each with a request of its own.
"""

import json
import sys
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

from moto import mock_aws

from bench.in_process_aws import create_resources, fake_aws_environment

PAGE = 20
FOLLOWED = 50
CELEBRITIES = 2
VIEWER_NAME = "bench-viewer"
OWNER_NAME = "bench-owner"


def main() -> dict[str, int]:
    # It shares its photos faster than a person can, and runs no stream to free the upload
    # slots of photos made READY: the per-person limits would stop it.
    fake_aws_environment({"MAX_PENDING_UPLOADS": "1000", "MAX_PHOTOS_PER_HOUR": "1000"})
    with mock_aws():
        create_resources()
        return _measure()


def _measure() -> dict[str, int]:
    from chalicelib.feeds import global_feed, person_photos
    from chalicelib.people import profile_store
    from chalicelib.photos import store as photo_store
    from chalicelib.shared.paging import PageRequest
    from chalicelib.shared.settings import load_settings
    from chalicelib.shared.users import User

    owner = User(id="owner-id", username=OWNER_NAME, email=None)
    viewer = User(id="viewer-id", username=VIEWER_NAME, email=None)
    _ready_photos(owner, PAGE + 1)
    page = PageRequest(limit=PAGE, after=None)
    shards = load_settings().feed_shards

    with counting() as feed:
        global_feed.feed_page(page, viewer)
    with counting() as feed_baseline:
        photos = photo_store.newest_ready_photos(shards, None, PAGE)[:PAGE]
        _likes_one_by_one(photos, viewer)
        _profiles_one_by_one(photo["ownerId"] for photo in photos)
    with counting() as profile:
        person_photos.photos_page(OWNER_NAME, page, viewer)
    with counting() as profile_baseline:
        profile_store.user_id_for(OWNER_NAME)
        photos, _ = photo_store.owner_photos(OWNER_NAME, None, PAGE, ready_only=True)
        _likes_one_by_one(photos, viewer)
        _profiles_one_by_one(photo["ownerId"] for photo in photos)

    home, home_baseline, home_with_celebrities = _home_feed_pages(viewer, page)
    followers, followers_baseline = _followers_pages(owner, viewer, page)
    likes, likes_baseline = _likes_pages(viewer, page)
    comments, comments_baseline = _comments_pages(viewer, page)
    notifications, notifications_baseline = _notifications_pages(owner, page)
    search, search_baseline = _search_pages(viewer)
    suggestions, suggestions_baseline = _suggestions_pages(viewer)

    print(f"DynamoDB requests per page of {PAGE} photos, signed in (likedByMe on each):")
    _report(f"feed page ({shards} shard)", feed, "a GetItem per photo and per owner", feed_baseline)
    _report(
        "profile page", profile, "name look-up + a GetItem per photo and owner", profile_baseline
    )
    _report(
        f"home page, {FOLLOWED} followed",
        home,
        "fan-out on read, a Query per account followed, a GetItem per owner",
        home_baseline,
    )
    _report(
        f"home page, +{CELEBRITIES} celebrities",
        home_with_celebrities,
        "fan-out on read, a Query per account followed, a GetItem per owner",
        home_baseline,
    )
    print(f"DynamoDB requests per page of {PAGE} people, signed in (followedByMe on each):")
    _report("followers page", followers, "two GetItems per person", followers_baseline)
    _report("likes page", likes, "two GetItems per liker", likes_baseline)
    print(f"DynamoDB requests per page of {PAGE} comments, and of {PAGE} notifications:")
    _report(
        "comments page",
        comments,
        "a Query per comment's replies, a GetItem per author",
        comments_baseline,
    )
    _report(
        "notifications page",
        notifications,
        "a GetItem per photo and per actor",
        notifications_baseline,
    )
    print(f"DynamoDB requests per search for {PAGE} people, and per suggestions call, signed in:")
    _report("search", search, "one request per person", search_baseline)
    _report("suggestions", suggestions, "one request per person", suggestions_baseline)
    return {
        "feed_page": sum(feed.values()),
        "profile_page": sum(profile.values()),
        "home_page": sum(home.values()),
        "home_page_with_celebrities": sum(home_with_celebrities.values()),
        "followers_page": sum(followers.values()),
        "likes_page": sum(likes.values()),
        "comments_page": sum(comments.values()),
        "notifications_page": sum(notifications.values()),
        "search": sum(search.values()),
        "suggestions": sum(suggestions.values()),
    }


def _search_pages(viewer) -> tuple[Counter, Counter]:
    """The PAGE fans of _followers_pages, each with a name item since their profile was made."""
    from chalicelib.people import name_store, search
    from chalicelib.shared import batches, table_keys

    with counting() as found:
        people = search.find_people("fan", PAGE, viewer)
    assert len(people) == PAGE
    with counting() as found_baseline:
        for item in name_store.names_starting_with(table_keys.searchable_name("fan"), 2 * PAGE):
            person = item["userId"]
            batches.get_items(
                [table_keys.profile_key(person), table_keys.follow_key(viewer.id, person)]
            )
    return found, found_baseline


def _suggestions_pages(viewer) -> tuple[Counter, Counter]:
    """The viewer follows every other fan of _followers_pages, who all follow the owner; the
    feed holds the photos of every account made so far."""
    from chalicelib.feeds import suggestions
    from chalicelib.people import follow_store
    from chalicelib.photos import store as photo_store
    from chalicelib.shared import batches, table_keys
    from chalicelib.shared.settings import load_settings

    with counting() as suggested:
        suggestions.suggestions_for(viewer)
    with counting() as suggested_baseline:
        edges, _ = follow_store.edges_page(
            viewer.id, table_keys.FOLLOWS_PREFIX, None, suggestions.FOLLOWS_READ
        )
        candidates = set()
        for edge in edges[: suggestions.FRIENDS_ASKED]:
            theirs, _ = follow_store.edges_page(
                edge["followeeId"], table_keys.FOLLOWS_PREFIX, None, suggestions.THEIR_FOLLOWS_READ
            )
            candidates |= {their["followeeId"] for their in theirs}
        shards = load_settings().feed_shards
        photos = photo_store.newest_ready_photos(shards, None, suggestions.RECENT_PHOTOS_READ)
        candidates |= {photo["ownerId"] for photo in photos}
        for person in candidates:
            batches.get_items(
                [table_keys.profile_key(person), table_keys.follow_key(viewer.id, person)]
            )
    return suggested, suggested_baseline


def _followers_pages(owner, viewer, page) -> tuple[Counter, Counter]:
    """PAGE fans follow the owner, and the viewer follows every other fan."""
    from chalicelib.people import follow_store, follows, profile_store, profiles
    from chalicelib.shared import table_keys
    from chalicelib.shared.users import User

    profiles.ensure_profile(owner)
    profiles.ensure_profile(viewer)
    for number in range(PAGE):
        fan = User(f"fan-{number}", f"fan{number}", None)
        profiles.ensure_profile(fan)
        follows.follow(OWNER_NAME, fan)
        if number % 2 == 0:
            follows.follow(fan.username, viewer)
    with counting() as followers:
        follows.people_page(OWNER_NAME, "followers", page, viewer)
    with counting() as followers_baseline:
        owner_id = profile_store.user_id_for(OWNER_NAME)
        edges, _ = follow_store.edges_page(owner_id, table_keys.FOLLOWER_PREFIX, None, PAGE)
        for edge in edges:
            _follow_and_profile(viewer, edge["followerId"])
    return followers, followers_baseline


def _likes_pages(viewer, page) -> tuple[Counter, Counter]:
    """The PAGE fans of _followers_pages (the viewer follows every other one) like a photo."""
    from chalicelib.photos import likers, likes
    from chalicelib.photos import store as photo_store
    from chalicelib.shared import table_keys
    from chalicelib.shared.users import User

    (photo,), _ = photo_store.owner_photos(OWNER_NAME, None, 1, ready_only=True)
    for number in range(PAGE):
        likes.like(photo["id"], User(f"fan-{number}", f"fan{number}", None))
    with counting() as likes_page:
        likers.likers_page(photo["id"], page, viewer)
    with counting() as likes_baseline:
        for like in _photo_and_its_items(photo["id"], table_keys.LIKE_PREFIX):
            _follow_and_profile(viewer, like["userId"])
    return likes_page, likes_baseline


def _comments_pages(viewer, page) -> tuple[Counter, Counter]:
    """The PAGE fans of _followers_pages comment on a photo, and each comment gets a reply."""
    from boto3.dynamodb.conditions import Key

    from chalicelib.comments import service as comments
    from chalicelib.photos import store as photo_store
    from chalicelib.shared import aws_clients, table_keys
    from chalicelib.shared.users import User

    (photo,), _ = photo_store.owner_photos(OWNER_NAME, None, 1, ready_only=True)
    for number in range(PAGE):
        fan = User(f"fan-{number}", f"fan{number}", None)
        said = comments.post_comment(photo["id"], fan, comments.NewComment("Lovely", None)).item
        answer = comments.NewComment("Thanks", comments.CommentId(said["id"]))
        comments.post_comment(photo["id"], viewer, answer)
    with counting() as comments_page:
        comments.comments_page(photo["id"], page, viewer)
    with counting() as comments_baseline:
        partition = Key("PK").eq(table_keys.photo_key(photo["id"])["PK"])
        for comment in _photo_and_its_items(photo["id"], table_keys.COMMENT_PREFIX):
            replies = partition & Key("SK").begins_with(table_keys.replies_prefix(comment["id"]))
            aws_clients.dynamodb_table().query(KeyConditionExpression=replies, Select="COUNT")
            _profiles_one_by_one([comment["authorId"]])
    return comments_page, comments_baseline


def _photo_and_its_items(photo_id: str, prefix: str) -> list[dict]:
    """How a baseline starts a list of a photo's items: it reads the photo (may the viewer see
    it?) and Queries a page of the items under `prefix` in its partition."""
    from boto3.dynamodb.conditions import Key

    from chalicelib.shared import aws_clients, table_keys

    table = aws_clients.dynamodb_table()
    table.get_item(Key=table_keys.photo_key(photo_id))
    query = Key("PK").eq(table_keys.photo_key(photo_id)["PK"]) & Key("SK").begins_with(prefix)
    return table.query(KeyConditionExpression=query, Limit=PAGE)["Items"]


def _notifications_pages(owner, page) -> tuple[Counter, Counter]:
    """The owner's inbox, as the stream writes it, holds the likes of _likes_pages and of a
    second photo: PAGE notifications about two photos."""
    from boto3.dynamodb.conditions import Key

    from chalicelib.notifications import deeds, inbox_store
    from chalicelib.notifications import service as notifications
    from chalicelib.photos import likes
    from chalicelib.photos import store as photo_store
    from chalicelib.shared import aws_clients, table_keys
    from chalicelib.shared.users import User

    photos, _ = photo_store.owner_photos(OWNER_NAME, None, 2, ready_only=True)
    for number in range(PAGE // 2):
        likes.like(photos[1]["id"], User(f"fan-{number}", f"fan{number}", None))
    for photo in photos:
        partition = Key("PK").eq(table_keys.photo_key(photo["id"])["PK"])
        query = partition & Key("SK").begins_with(table_keys.LIKE_PREFIX)
        for like in aws_clients.dynamodb_table().query(KeyConditionExpression=query)["Items"]:
            told = deeds.notifications_of(like, lambda names: {})
            inbox_store.write(puts=[notification.item for notification in told], deletes=[])
    with counting() as notifications_page:
        notifications.inbox_page(owner, page)
    with counting() as notifications_baseline:
        mark = inbox_store.last_read(owner.id)
        items, _ = inbox_store.notifications_page(owner.id, None, PAGE)
        for item in items:
            photo_store.get_photo(item["photoId"])
            _profiles_one_by_one([item["actorId"]])
        inbox_store.unread_count(owner.id, mark)
    return notifications_page, notifications_baseline


def _home_feed_pages(viewer, page) -> tuple[Counter, Counter, Counter]:
    """The viewer follows FOLLOWED ordinary accounts, each with one photo in the viewer's
    timeline (written here as the fan-out writes it); then also CELEBRITIES accounts, whose
    photos are merged in when the feed is read."""
    from chalicelib.feeds import home_feed, timeline_store
    from chalicelib.photos import store as photo_store
    from chalicelib.shared.users import User

    followed = [User(f"friend-{n}", f"friend{n}", None) for n in range(FOLLOWED)]
    for friend in followed:
        _ready_photos(friend, 1)
        (photo,), _ = photo_store.owner_photos(friend.username, None, 1, ready_only=True)
        timeline_store.add_photo([viewer.id], photo)
    with counting() as home:
        home_feed.home_feed_page(page, viewer)
    with counting() as home_baseline:
        photos = []
        for friend in followed:
            photos += photo_store.owner_photos(friend.username, None, PAGE, ready_only=True)[0]
        photos = sorted(photos, key=lambda photo: photo["ownerSort"], reverse=True)[:PAGE]
        _likes_in_one_batch(photos, viewer)
        _profiles_one_by_one(photo["ownerId"] for photo in photos)
    for number in range(CELEBRITIES):
        celebrity = User(f"celebrity-{number}", f"celebrity{number}", None)
        _ready_photos(celebrity, 1)
        timeline_store.mark_celebrity([viewer.id], celebrity.username)
    with counting() as home_with_celebrities:
        home_feed.home_feed_page(page, viewer)
    return home, home_baseline, home_with_celebrities


def _report(name: str, ours: Counter, baseline_name: str, baseline: Counter) -> None:
    ours_total, baseline_total = sum(ours.values()), sum(baseline.values())
    detail = ", ".join(f"{operation} {count}" for operation, count in sorted(ours.items()))
    print(
        f"  {name:26} {ours_total:3} requests ({detail}); baseline, {baseline_name}: "
        f"{baseline_total} ({baseline_total / ours_total:.1f}x as many)"
    )


def _likes_in_one_batch(photos: list[dict], viewer) -> None:
    from chalicelib.photos import like_store

    like_store.liked_photo_ids([photo["id"] for photo in photos], viewer.id)


def _follow_and_profile(viewer, person_id: str) -> None:
    """How a baseline shows one person in a list: does the viewer follow them (a GetItem), and
    how do they look (another)."""
    from chalicelib.shared import aws_clients, table_keys

    follow = table_keys.follow_key(viewer.id, person_id)
    aws_clients.dynamodb_table().get_item(Key=follow, ProjectionExpression="PK")
    _profiles_one_by_one([person_id])


def _profiles_one_by_one(user_ids) -> None:
    from chalicelib.people import profile_store

    for user_id in user_ids:
        profile_store.get_profile(user_id)


def _likes_one_by_one(photos: list[dict], viewer) -> None:
    from chalicelib.shared import aws_clients, table_keys

    for photo in photos:
        aws_clients.dynamodb_table().get_item(Key=table_keys.like_key(photo["id"], viewer.id))


@contextmanager
def counting():
    """Counts the DynamoDB calls made inside the block, by operation."""
    from chalicelib.shared import aws_clients

    counts: Counter = Counter()

    def count(event_name, **_):
        counts[event_name.rsplit(".", 1)[-1]] += 1

    events = aws_clients.dynamodb_table().meta.client.meta.events
    events.register("before-call.dynamodb", count)
    try:
        yield counts
    finally:
        events.unregister("before-call.dynamodb", count)


def _ready_photos(owner, count: int) -> None:
    """Photos as the API and the worker leave them: requested, then made READY."""
    from chalicelib.photos import service as photos
    from image_worker import photo_records
    from image_worker.imaging import Rendition, RenditionSet

    renditions = RenditionSet(1, 1, (Rendition("feed", 1, 1, b""),), "data:image/webp;base64,")
    for _ in range(count):
        new_photo = photos.NewPhotoRequest("image/jpeg", 1, "")
        photo = photos.request_upload(owner, new_photo).photo
        stored = photo_records.get_photo(photo["id"])
        photo_records.mark_ready(stored, renditions, {"feed": "media/x/feed.webp"}, 1)


if __name__ == "__main__":
    counts = main()
    if len(sys.argv) > 1:  # where bench/__main__.py collects the figures
        Path(sys.argv[1]).write_text(json.dumps(counts))
