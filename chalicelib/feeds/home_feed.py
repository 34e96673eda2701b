"""GET /feed/home: the newest READY photos of the people you follow, and your own.

Fan-out on write did the expensive part ahead of time (feeds.fanout): every photo of an
ordinary account is already in each follower's timeline, so a page is one Query of your own
timeline partition, however many people you follow. Celebrities, accounts with more followers
than FANOUT_MAX_FOLLOWERS, are not fanned out (a photo would cost a million writes); the
first page's Query also returns which of them you follow, and each one costs one more Query, of
their photos on OwnerIndex, merged in here. At most MAX_CELEBRITIES_MERGED are merged, so a page
costs at most 1 + MAX_CELEBRITIES_MERGED Queries, and one BatchGetItem that fetches the
timeline's photos and your likes of the whole page together. The price of that bound: someone
who follows more celebrities than that sees the photos of the first ones by id only, and the
rest only on their profiles.

The merge is a k-way merge of lists sorted by the same key (`<created time>#<photo id>`). A list
that may go on below what it returned (its DynamoDB continuation key) sets a frontier: nothing
below the highest frontier is shown yet, because a photo from that list could still belong
above it. The next page's cursor is where this page stopped, and carries the celebrities of the
first page, so every page of one scroll merges the same accounts.
"""

from chalicelib.feeds import timeline_store
from chalicelib.people import looks
from chalicelib.photos import store
from chalicelib.photos.shown import ShownPhoto, shown_photo
from chalicelib.shared import batches, table_keys
from chalicelib.shared.paging import MAX_MERGED, Page, PageRequest
from chalicelib.shared.users import User

MAX_CELEBRITIES_MERGED = MAX_MERGED


def home_feed_page(page: PageRequest, viewer: User) -> Page:
    timeline = timeline_store.page(
        viewer.id, page.after, page.limit, max_marks=MAX_CELEBRITIES_MERGED
    )
    celebrities = sorted(timeline.celebrities if page.after is None else page.merge)
    celebrities = celebrities[:MAX_CELEBRITIES_MERGED]
    candidates = {entry["SK"]: entry for entry in timeline.entries}
    frontiers = [timeline.continue_below]
    for celebrity in celebrities:
        photos, continue_below = store.owner_photos(
            celebrity, page.after, page.limit, ready_only=True
        )
        candidates.update({photo["ownerSort"]: photo for photo in photos})
        frontiers.append(continue_below)
    frontier = max((key for key in frontiers if key is not None), default=None)
    shown = sorted((key for key in candidates if frontier is None or key >= frontier), reverse=True)
    page_keys = shown[: page.limit]
    more = len(shown) > page.limit or frontier is not None
    next_position = page_keys[-1] if page_keys else frontier
    return Page(
        items=_shown_photos(viewer, [candidates[key] for key in page_keys]),
        continue_after=next_position if more else None,
        merge=tuple(celebrities),
    )


def _shown_photos(viewer: User, entries_and_photos: list[dict]) -> list[ShownPhoto]:
    """The page's photos, newest first: the celebrities' came whole from their Query; the
        timeline's are fetched here, with the viewer's likes of all of them and their owners'
    profiles, in one BatchGetItem.
        A photo deleted since it was fanned out is simply left out."""
    wanted = [item["photoId"] for item in entries_and_photos if "photoId" in item]
    shown_ids = [item.get("photoId") or item["id"] for item in entries_and_photos]
    keys = [table_keys.photo_key(photo_id) for photo_id in wanted]
    keys += [table_keys.like_key(photo_id, viewer.id) for photo_id in shown_ids]
    # Timeline entries and the celebrities' photos alike name their owner.
    keys += looks.profile_keys(item["ownerId"] for item in entries_and_photos)
    fetched = batches.get_items(keys)
    photos = {item["id"]: item for item in fetched if item["SK"] == "PHOTO"}
    photos.update({item["id"]: item for item in entries_and_photos if "photoId" not in item})
    owners = looks.profiles_among(fetched)
    liked = {
        table_keys.photo_id_of(item)
        for item in fetched
        if item["SK"].startswith(table_keys.LIKE_PREFIX)
    }
    return [
        shown_photo(photos[photo_id], photo_id in liked, owners.get(photos[photo_id]["ownerId"]))
        for photo_id in shown_ids
        if photo_id in photos
        and photos[photo_id]["status"] == "READY"
        and not looks.is_gone(owners.get(photos[photo_id]["ownerId"]))
    ]
