"""`make load`: twenty people using CloudGram at once on the local stack, then an audit that
nothing was lost or doubled.

Loopback only, bounded in count and in time, and it stops by itself. It starts its own local
stack (on free ports, so it can run beside `make dev`) and then:

1. signs up USERS people; each follows FOLLOWS_EACH others, and everyone follows the first
   person, who so becomes a celebrity (FANOUT_MAX_FOLLOWERS is CELEBRITY_THRESHOLD here): their
   photos are merged into home feeds when read rather than fanned out;
2. has every person choose PHOTOS_EACH photos at once and share them as the page does: its
   upload queue sends UPLOADS_AT_ONCE at a time, each one POST /api/photos, the presigned POST
   straight to S3, then GET /api/photos/{id} until READY; meanwhile every person also reads
   the global and home feeds and likes a photo every READING_PAUSE_SECONDS, and follows
   someone new;
3. audits: every upload READY exactly once (its owner's photo count agrees), in the global feed
   exactly once, and in the home feed of each of its owner's followers exactly once.

Upload-to-READY runs from the start of the presigned POST to the photo's `readyAt`, the moment
the worker marked it READY (one machine, one clock). Its last line is, exactly:
`load: N uploads, R ready, L lost, D duplicated, p50 X s, p95 Y s`
"""

import os
import random
import statistics
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

from tests.support.browser_like_client import BrowserLikeClient
from tests.support.images import phone_photo
from tests.support.local_stack import running_local_stack

USERS = 20
PHOTOS_EACH = 10
UPLOADS_AT_ONCE = 3
FOLLOWS_EACH = 3
CELEBRITY_THRESHOLD = USERS // 2
# How often a waiting upload asks whether it is READY. The time to READY itself comes from the
# photo's readyAt, so polling slowly costs the measurement nothing and spares the stack.
POLL_SECONDS = 1.0
READY_TIMEOUT_SECONDS = 120
SETTLE_TIMEOUT_SECONDS = 60
READING_PAUSE_SECONDS = 5.0
GOAL_P95_SECONDS = 5.0
SEED = 20261130


def main() -> int:
    # LOAD_STACK_LOG keeps the stack's own log, to read after a failed run.
    kept_log = os.environ.get("LOAD_STACK_LOG")
    settings = {"FANOUT_MAX_FOLLOWERS": str(CELEBRITY_THRESHOLD)}
    with running_local_stack(settings, Path(kept_log) if kept_log else None) as stack:
        summary = run(stack)
    print(summary, flush=True)
    return 0


def run(stack) -> str:
    random.seed(SEED)
    client = BrowserLikeClient(stack.site_url, stack.config)
    print(f"Signing up {USERS} people...", flush=True)
    with ThreadPoolExecutor(max_workers=USERS) as pool:
        people = list(pool.map(lambda _: client.sign_up_and_in(), range(USERS)))
    # Each person has their own HTTP connections, as each has their own browser.
    browsers = {
        person.username: BrowserLikeClient(stack.site_url, stack.config) for person in people
    }
    followers = follow_each_other(client, people)

    print(f"{USERS} people share {PHOTOS_EACH} photos each, reading and liking meanwhile...")
    stop_reading = threading.Event()
    readers = [
        threading.Thread(
            target=keep_reading, args=(browsers[person.username], person, people, stop_reading)
        )
        for person in people
    ]
    for reader in readers:
        reader.start()
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=USERS) as pool:
        shares = [
            entry
            for entries in pool.map(
                lambda person: share_all(browsers[person.username], person), people
            )
            for entry in entries
        ]
    stop_reading.set()
    for reader in readers:
        reader.join()
    print(f"  all shared in {time.monotonic() - started:.1f} s; auditing...", flush=True)

    ready = [entry for entry in shares if entry["status"] == "READY"]
    lost, duplicated = audit(client, people, followers, ready)
    lost += len(shares) - len(ready)
    seconds = sorted(entry["seconds"] for entry in ready)
    p50 = statistics.median(seconds) if seconds else float("nan")
    p95 = seconds[max(0, round(0.95 * len(seconds)) - 1)] if seconds else float("nan")
    print(f"  goal: 0 lost, 0 duplicated, p95 at most {GOAL_P95_SECONDS:.0f} s", flush=True)
    return (
        f"load: {len(shares)} uploads, {len(ready)} ready, {lost} lost, {duplicated} duplicated, "
        f"p50 {p50:.2f} s, p95 {p95:.2f} s"
    )


def follow_each_other(client, people) -> dict[str, set[str]]:
    """Everyone follows the first person and FOLLOWS_EACH others; returns each person's
    followers by username."""
    followers = {person.username: set() for person in people}
    for person in people:
        others = [other.username for other in people[1:] if other is not person]
        followees = {people[0].username, *random.sample(others, FOLLOWS_EACH)} - {person.username}
        for followee in sorted(followees):
            response = client.api("PUT", f"/users/{followee}/follow", person.id_token)
            assert response.status_code == 200, response.text
            followers[followee].add(person.username)
    return followers


def share_all(client, person) -> list[dict]:
    """What the page does with PHOTOS_EACH files chosen at once: its upload queue sends them
    UPLOADS_AT_ONCE at a time (frontend/js/uploads/upload-queue.js)."""
    with ThreadPoolExecutor(max_workers=UPLOADS_AT_ONCE) as uploads:
        return list(uploads.map(lambda number: share(client, person, number), range(PHOTOS_EACH)))


def share(client, person, number: int) -> dict:
    data = phone_photo(320, 240, quality=80 + number)
    created = client.request_upload(person, data)
    photo_id = created["photo"]["id"]
    started = time.time()
    posted = client.post_file(created["upload"], data, "image/jpeg")
    assert posted.status_code == 204, posted.text
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        photo = client.api("GET", f"/photos/{photo_id}", person.id_token).json()
        if photo["status"] != "PENDING":
            ready_at = photo.get("readyAt")
            return {
                "id": photo_id,
                "owner": person.username,
                "status": photo["status"],
                # The worker's own clock says when it was READY: the same machine's clock.
                "seconds": _epoch(ready_at) - started if ready_at else None,
            }
    return {"id": photo_id, "owner": person.username, "status": "PENDING", "seconds": None}


def _epoch(iso_time: str) -> float:
    return datetime.fromisoformat(iso_time.replace("Z", "+00:00")).timestamp()


def keep_reading(client, person, people, stop: threading.Event) -> None:
    """What a person does while their photos upload: scroll, like, follow someone new."""
    followed_someone = False
    while not stop.is_set():
        feed = client.api("GET", "/feed?limit=12", person.id_token).json()["items"]
        client.api("GET", "/feed/home?limit=12", person.id_token)
        if feed:
            photo = random.choice(feed)
            client.api("PUT", f"/photos/{photo['id']}/like", person.id_token)
        if not followed_someone:
            stranger = random.choice(people[1:])
            if stranger is not person:
                client.api("PUT", f"/users/{stranger.username}/follow", person.id_token)
            followed_someone = True
        stop.wait(READING_PAUSE_SECONDS)


def audit(client, people, followers, ready) -> tuple[int, int]:
    """(lost, duplicated) across the global feed, photo counts and home feeds."""
    global_feed = Counter(photo["id"] for photo in every_page(client, "/feed", None))
    lost = sum(1 for entry in ready if global_feed[entry["id"]] == 0)
    duplicated = sum(count - 1 for count in global_feed.values() if count > 1)
    for person in people:
        profile = client.api("GET", f"/users/{person.username}").json()
        shared = sum(1 for entry in ready if entry["owner"] == person.username)
        lost += max(shared - profile["photoCount"], 0)
        duplicated += max(profile["photoCount"] - shared, 0)
    # Follows made while reading count too: ask each person whom they follow now.
    following = {
        person.username: {
            followed["username"]
            for followed in every_page(client, f"/users/{person.username}/following", None)
        }
        for person in people
    }
    for person in people:
        expected = {
            entry["id"]
            for entry in ready
            if entry["owner"] in following[person.username] | {person.username}
        }
        home = settled_home_feed(client, person, expected)
        lost += len(expected - set(home))
        duplicated += sum(count - 1 for count in home.values() if count > 1)
    return lost, duplicated


def settled_home_feed(client, person, expected: set[str]) -> Counter:
    """The person's whole home feed, once the fan-out has caught up (or the time is up)."""
    deadline = time.monotonic() + SETTLE_TIMEOUT_SECONDS
    while True:
        home = Counter(photo["id"] for photo in every_page(client, "/feed/home", person))
        if expected <= set(home) or time.monotonic() > deadline:
            return home
        time.sleep(0.5)


def every_page(client, path: str, person) -> list[dict]:
    items, cursor = [], None
    token = person.id_token if person else None
    while True:
        query = "?limit=50" + (f"&cursor={cursor}" if cursor else "")
        page = client.api("GET", f"{path}{query}", token).json()
        items += page["items"]
        cursor = page["nextCursor"]
        if cursor is None:
            return items


if __name__ == "__main__":
    sys.exit(main())
