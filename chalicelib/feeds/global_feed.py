"""GET /feed: everyone's READY photos, newest first.

A photo enters FeedIndex, a sparse index, only when the worker marks it READY, so a page never
sees a pending or failed photo and never needs a Scan: one Query per feed shard, merged here.
"""

from chalicelib.photos import store
from chalicelib.photos.shown import shown_to
from chalicelib.shared.paging import Page, PageRequest
from chalicelib.shared.settings import load_settings
from chalicelib.shared.users import User


def feed_page(page: PageRequest, viewer: User | None) -> Page:
    """One page of the global feed and where the next starts (or None): one Query per feed
    shard, plus one BatchGetItem for `likedByMe` when signed in."""
    photos = store.newest_ready_photos(load_settings().feed_shards, page.after, page.limit)
    has_more = len(photos) > page.limit
    photos = photos[: page.limit]
    return Page(
        items=shown_to(viewer, photos),
        continue_after=photos[-1]["feedSort"] if has_more else None,
    )
