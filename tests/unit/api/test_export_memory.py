"""The export function's memory does not grow with the number of photos: the archive is streamed
into S3 a part at a time (chalicelib/accounts/export_archive.py)."""

import os
import tracemalloc

import boto3

from chalicelib.accounts import export_archive
from chalicelib.accounts.export_contents import PhotoFile
from tests.support.fake_aws import REGION

PHOTOS = 1_000
# Incompressible bytes, as a WebP is: 40 MB of photos in all, more than the peak allowed below.
RENDITION_BYTES = 40 * 1024
PEAK_ALLOWED = 32 * 1024 * 1024


class PartsCounted:
    """S3 as the archive writer sees it, but keeping only the size of each uploaded part: what
    the test measures is the writer's memory, not moto's copy of the archive."""

    def __init__(self, s3) -> None:
        self._s3 = s3
        self.part_sizes: list[int] = []
        self.exceptions = s3.exceptions

    def get_object(self, **arguments):
        return self._s3.get_object(**arguments)

    def create_multipart_upload(self, **_):
        return {"UploadId": "counted"}

    def upload_part(self, **arguments):
        self.part_sizes.append(len(arguments["Body"]))
        return {"ETag": f'"{arguments["PartNumber"]}"'}

    def complete_multipart_upload(self, **_):
        return {}

    def abort_multipart_upload(self, **_):
        raise AssertionError("the archive should have been written")


def test_given_1000_photos_when_the_archive_is_written_then_memory_stays_within_a_part_or_two(
    local_resources,
):
    s3 = boto3.client("s3", region_name=REGION)
    media = local_resources.names.media_bucket
    photo_files = []
    for number in range(PHOTOS):
        key = f"media/photo-{number:04}/full.webp"
        s3.put_object(Bucket=media, Key=key, Body=os.urandom(RENDITION_BYTES))
        photo_files.append(PhotoFile(key, f"photos/photo-{number:04}.webp"))
    counted = PartsCounted(s3)
    json_files = {"photos.json": [{"file": photo.name_in_archive} for photo in photo_files]}

    tracemalloc.start()
    try:
        size = export_archive.write_archive(
            counted, media, "exports", "exports/u/e.zip", json_files, photo_files
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert size > PHOTOS * RENDITION_BYTES > PEAK_ALLOWED
    assert peak < PEAK_ALLOWED, f"peak {peak / 2**20:.1f} MiB"
    assert all(part >= export_archive.PART_SIZE for part in counted.part_sizes[:-1])
    assert sum(counted.part_sizes) == size
    assert len(counted.part_sizes) >= 4
    print(f"peak {peak / 2**20:.1f} MiB for a {size / 2**20:.1f} MiB archive")
