"""Fan-out on write: home feeds are written when something happens, so that reading one is a single
Query (feeds.home_feed). A table-stream reaction, wired in app.py.

    photo READY ──► its owner's timeline + every follower's (BatchWriteItem, 25 a request)
    photo removed ─► out of those timelines again
    follow ────────► the follower's timeline gets the followee's latest photos (backfill)
    unfollow ──────► the followee's recent photos leave the follower's timeline

Celebrities, accounts with more followers than FANOUT_MAX_FOLLOWERS, are the exception: one of
their photos would cost a write per follower, millions for the biggest accounts. Their photos go
to their own timeline only, and each follower's timeline holds a celebrity mark instead, which
tells the home feed to merge that account's photos in when it is read. An account gets its marks
when it crosses the threshold (one write per follower, once) and anyone following it afterwards
gets one on following. The mark stays if the account drops back below: its photos are then both
fanned out and merged, and the merge drops duplicates.

Every write puts or deletes a whole item under a key fixed by the change, so a change handled
twice leaves the same timelines.
"""

from datetime import UTC, datetime, timedelta

from aws_lambda_powertools.metrics import MetricUnit

from chalicelib.feeds import timeline_store
from chalicelib.people import follow_store, profile_store
from chalicelib.photos import store
from chalicelib.shared import clock, table_keys
from chalicelib.shared.observability import logger, metrics
from chalicelib.shared.settings import load_settings
from chalicelib.shared.table_stream import TableChange

# How many of someone's latest photos a new follower's timeline receives.
BACKFILL_PHOTOS = 20
# How many of someone's latest photos an unfollow takes out of the timeline at most.
UNFOLLOW_CLEANUP_PHOTOS = 1000


def on_change(change: TableChange) -> None:
    """A table-stream reaction: routes photo, follow and profile changes; ignores the rest."""
    sort_key = change.keys["SK"]
    if table_keys.is_photo(change.keys):
        _photo_changed(change)
    elif sort_key.startswith(table_keys.FOLLOWS_PREFIX):
        _follow_changed(change)
    elif sort_key == "PROFILE" and change.old is not None and change.new is not None:
        _profile_changed(change.old, change.new)


def fan_out(photo: dict) -> None:
    """A photo has just become READY: into its owner's timeline and their followers'."""
    recipients = _timelines_of(photo["ownerId"])
    write_units = timeline_store.add_photo(recipients, photo)
    logger.info(
        "Photo fanned out",
        extra={"photo_id": photo["id"], "timelines": len(recipients), "write_units": write_units},
    )
    metrics.add_metric(name="TimelineEntriesWritten", unit=MetricUnit.Count, value=len(recipients))
    metrics.add_metric(name="FanOutWriteUnits", unit=MetricUnit.Count, value=write_units)


def withdraw(photo: dict) -> None:
    """A READY photo was deleted: out of the timelines it went to. (The home feed never shows
    a deleted photo anyway, and entries also expire: this keeps timelines tidy.)"""
    recipients = _timelines_of(photo["ownerId"])
    timeline_store.remove_photo(recipients, photo)
    logger.info("Photo withdrawn", extra={"photo_id": photo["id"], "timelines": len(recipients)})


def _photo_changed(change: TableChange) -> None:
    was_ready = change.old is not None and change.old["status"] == "READY"
    is_ready = change.new is not None and change.new["status"] == "READY"
    if is_ready and not was_ready:
        fan_out(change.new)
    elif was_ready and change.new is None:
        withdraw(change.old)


def _follow_changed(change: TableChange) -> None:
    edge = change.item
    follower_id, followee_id = edge["followerId"], edge["followeeId"]
    followee_name = edge["followeeUsername"]
    if change.old is None:  # a new follow
        if _is_celebrity(profile_store.get_profile(followee_id)):
            timeline_store.mark_celebrity([follower_id], followee_name)
        else:
            latest, _ = store.owner_photos(followee_name, None, BACKFILL_PHOTOS, True)
            timeline_store.add_photos(follower_id, latest)
    elif change.new is None:  # an unfollow
        timeline_store.unmark_celebrity([follower_id], followee_name)
        timeline_store.remove_photos(follower_id, _photos_a_timeline_may_hold(followee_name))


def _profile_changed(old: dict, new: dict) -> None:
    """An account that crosses the threshold becomes a celebrity: its followers get its mark."""
    if not _is_celebrity(old) and _is_celebrity(new):
        followers = list(follow_store.all_follower_ids(new["userId"]))
        timeline_store.mark_celebrity(followers, new["username"])
        logger.info(
            "Account became a celebrity", extra={"user": new["username"], "marks": len(followers)}
        )


def _photos_a_timeline_may_hold(owner_name: str) -> list[dict]:
    """The owner's photos that may still be in a follower's timeline: READY, shared within the
    timelines' lifetime, and the newest UNFOLLOW_CLEANUP_PHOTOS of those at most.

    Reading these, one Query of the owner's own photos, bounds an unfollow's work by what the
    followee shared, not by the follower's whole timeline (which holds the photos of everyone they
    follow, up to MAX_FOLLOWING accounts' worth). The price of the bound: an account that shared
    more than UNFOLLOW_CLEANUP_PHOTOS in a month leaves its older entries to the time-to-live."""
    newest, _ = store.owner_photos(owner_name, None, UNFOLLOW_CLEANUP_PHOTOS, ready_only=True)
    oldest_kept = datetime.now(UTC) - timedelta(days=timeline_store.TIMELINE_DAYS)
    return [photo for photo in newest if clock.moment(photo["createdAt"]) >= oldest_kept]


def _timelines_of(owner_id: str) -> list[str]:
    """Whose timelines the owner's photos go to: their own, and their followers' unless the
    owner is a celebrity."""
    if _is_celebrity(profile_store.get_profile(owner_id)):
        return [owner_id]
    return [owner_id, *follow_store.all_follower_ids(owner_id)]


def _is_celebrity(profile: dict | None) -> bool:
    followers = int((profile or {}).get("followerCount", 0))
    return followers > load_settings().fanout_max_followers
