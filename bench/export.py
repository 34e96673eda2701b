"""How long the export function takes to write the archive of an account with 1,000 photos, and
how much memory it needs, against the function's 15-minute timeout and 1,024 MB.

Run in its own process (`python -m bench.export [figures.json] [--photos N] [--runs N]`)
against in-process moto, as the unit tests run: the account's photos are written straight to the
table as the worker leaves them (READY, with `grid`, `feed` and `full` renditions), each `full`
rendition a small WebP made here with Pillow and stored in the media bucket; the person also
follows and is followed by 20 people, and liked and commented on 50 photos of others. Then
chalicelib/accounts/export_job.py writes the archive, as the exports queue's message would have
it do, `--runs` times (median reported).

Memory is measured two ways: tracemalloc's peak over one more run (what Python allocated during
the export, moto's own copy of the uploaded parts included, since moto runs in this process) and
the process's peak resident size at the end (Python, boto3, moto and all its stored objects: an
upper bound on what the function itself would hold in Lambda). In AWS the archive's bytes leave
the function part by part; S3 keeps them, not the function.
"""

import io
import json
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from moto import mock_aws

from bench.against_goal import report_median
from bench.in_process_aws import create_resources, fake_aws_environment

PHOTOS = 1_000
RUNS = 3
PEOPLE = 20
WRITTEN_ON = 50
# The export function's limits (.chalice/config.json): time well inside the timeout is the goal.
TIMEOUT_SECONDS = 900
GOAL_SECONDS = TIMEOUT_SECONDS / 10
MEMORY_MB = 1024
USER_ID = "bench-exporter-id"
USERNAME = "bench-exporter"


def main(photos: int = PHOTOS, runs: int = RUNS) -> dict:
    fake_aws_environment()
    with mock_aws():
        create_resources()
        _account_with_photos(photos)
        seconds = [_timed_export(number) for number in range(runs)]
        tracemalloc.start()
        _timed_export(runs)
        _, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    median = report_median(f"Export of an account with {photos} photos", seconds, GOAL_SECONDS)
    print(
        f"  memory: tracemalloc peak {traced_peak / 2**20:.1f} MiB, process peak RSS "
        f"{peak_rss_mb:.0f} MB (moto included); the function has {MEMORY_MB} MB"
    )
    return {
        "photos": photos,
        "median_seconds": round(median, 3),
        "runs_seconds": [round(value, 3) for value in seconds],
        "tracemalloc_peak_mib": round(traced_peak / 2**20, 1),
        "peak_rss_mb": round(peak_rss_mb),
        "goal_seconds": GOAL_SECONDS,
        "memory_mb": MEMORY_MB,
    }


def _timed_export(number: int) -> float:
    from chalicelib.accounts import export_job

    export_id = _pending_export(number)
    started = time.perf_counter()
    status = export_job.write_export(USER_ID, export_id)
    elapsed = time.perf_counter() - started
    assert status == "READY", status
    return elapsed


def _pending_export(number: int) -> str:
    from chalicelib.shared import aws_clients, table_keys

    export_id = f"01JF{number:022d}"
    aws_clients.dynamodb_table().put_item(
        Item={
            **table_keys.export_key(USER_ID, export_id),
            "id": export_id,
            "userId": USER_ID,
            "username": USERNAME,
            "status": "PENDING",
            "requestedAt": "2026-12-06T10:00:00.000Z",
        }
    )
    return export_id


def _account_with_photos(photos: int) -> None:
    from chalicelib.shared import aws_clients, batches, table_keys

    table = aws_clients.dynamodb_table()
    s3 = aws_clients.s3_client()
    media = os.environ["MEDIA_BUCKET"]
    table.put_item(
        Item={
            **table_keys.profile_key(USER_ID),
            "userId": USER_ID,
            "username": USERNAME,
            "joinedAt": "2026-01-01T00:00:00.000Z",
            "photoCount": photos,
        }
    )
    items = []
    for number in range(photos):
        photo_id = f"01JE{number:022d}"
        keys = {name: f"media/{photo_id}/{name}.webp" for name in ("grid", "feed", "full")}
        s3.put_object(Bucket=media, Key=keys["full"], Body=_small_webp(number))
        created = f"2026-11-{1 + number % 28:02d}T10:00:00.000Z"
        items.append(
            {
                **table_keys.photo_key(photo_id),
                "id": photo_id,
                "ownerId": USER_ID,
                "ownerUsername": USERNAME,
                "ownerName": table_keys.owner_index_partition(USERNAME),
                "ownerSort": f"{created}#{photo_id}",
                "status": "READY",
                "caption": f"Photo number {number}",
                "createdAt": created,
                "readyAt": created,
                "likeCount": 0,
                "renditions": {
                    "grid": {"key": keys["grid"], "width": 320, "height": 320},
                    "feed": {"key": keys["feed"], "width": 1080, "height": 810},
                    "full": {"key": keys["full"], "width": 2048, "height": 1536},
                },
            }
        )
    items += _follows_likes_and_comments()
    batches.write_items(puts=items)


def _follows_likes_and_comments() -> list[dict]:
    from chalicelib.shared import table_keys

    items = []
    for number in range(PEOPLE):
        other_id, other_name = f"person-{number}", f"person{number}"
        edge = {"followedAt": "2026-11-01T00:00:00.000Z"}
        items.append(
            {
                **table_keys.follow_key(USER_ID, other_id),
                **edge,
                "followeeUsername": other_name,
                "followerUsername": USERNAME,
            }
        )
        items.append(
            {
                **table_keys.follower_key(USER_ID, other_id),
                **edge,
                "followerUsername": other_name,
                "followeeUsername": USERNAME,
            }
        )
    for number in range(WRITTEN_ON):
        photo_id = f"01JD{number:022d}"
        items.append(
            {
                **table_keys.like_key(photo_id, USER_ID),
                "authorId": USER_ID,
                "likedAt": "2026-11-02T00:00:00.000Z",
            }
        )
        comment_id = f"01JC{number:022d}"
        items.append(
            {
                **table_keys.comment_key(photo_id, comment_id),
                "id": comment_id,
                "photoId": photo_id,
                "authorId": USER_ID,
                "text": "Lovely light",
                "createdAt": "2026-11-02T00:00:00.000Z",
            }
        )
    return items


def _small_webp(number: int) -> bytes:
    """A 160x120 WebP of its own colour: a few kilobytes, as small renditions are."""
    from PIL import Image

    image = Image.new("RGB", (160, 120), ((number * 37) % 256, (number * 91) % 256, 128))
    for x in range(0, 160, 8):
        image.putpixel((x, (x + number) % 120), (255, 255, 255))
    out = io.BytesIO()
    image.save(out, format="WEBP", quality=80)
    return out.getvalue()


def _option(name: str, default: int) -> int:
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


if __name__ == "__main__":
    figures = main(photos=_option("--photos", PHOTOS), runs=_option("--runs", RUNS))
    paths = [argument for argument in sys.argv[1:] if argument.endswith(".json")]
    if paths:  # where bench/__main__.py collects the figures
        Path(paths[0]).write_text(json.dumps(figures))
    median_seconds = statistics.median(figures["runs_seconds"])
    if median_seconds > GOAL_SECONDS or figures["peak_rss_mb"] > MEMORY_MB:
        sys.exit(1)
