"""The archive itself: a zip written straight into an S3 multipart upload, part by part, so the
export function's memory stays the same whether a person has ten photos or ten thousand.

Request path: the export function (chalicelib/accounts/export_job.py) -> `write_archive` here
-> S3 (each photo's largest rendition read from the media bucket, the zip written to the
exports bucket).

How it stays small: Python's `zipfile` writes into `MultipartUploadWriter`, a file-like object
that keeps one part in memory and uploads it as soon as it holds PART_SIZE bytes (S3 wants every
part but the last to be at least 5 MiB). A photo is copied from its GetObject stream in chunks
of COPY_CHUNK_SIZE. So at any moment the function holds one part and one chunk, whatever the
number of photos. The writer cannot seek back, so zipfile writes each entry's sizes and CRC
after its data (a "data descriptor"), which every unzip tool reads. If anything fails, the
multipart upload is aborted, so no half-written archive lingers (the bucket's lifecycle rule
removes any that an abort missed, after a day).
"""

import io
import json
import shutil
import zipfile
from collections.abc import Iterable

from chalicelib.accounts.export_contents import PhotoFile
from chalicelib.shared.observability import logger

PART_SIZE = 8 * 1024 * 1024
COPY_CHUNK_SIZE = 1024 * 1024
README = """Your CloudGram data
===================

This archive holds what you put into CloudGram, as it was when the archive was written.

profile.json    your profile: username, display name, bio, e-mail, when you joined, your
                picture's sizes and your counts
photos.json     every photo you shared: its caption, description (alt text), times, status,
                counts, and the name of its file in this archive
photos/         each photo's largest picture (WebP), named <photo id>.<extension>
comments.json   every comment and reply you wrote, on anyone's photo (replyTo names the
                comment a reply answers)
likes.json      the photos you liked, and when
following.json  the people you follow, and since when
followers.json  the people who follow you, and since when

The JSON files are UTF-8, with times in UTC (ISO 8601).
"""


class MultipartUploadWriter(io.RawIOBase):
    """A write-only file whose bytes become an S3 object through a multipart upload."""

    def __init__(self, s3, bucket: str, key: str, part_size: int = PART_SIZE) -> None:
        super().__init__()
        self._s3, self._bucket, self._key, self._part_size = s3, bucket, key, part_size
        self._upload_id = s3.create_multipart_upload(
            Bucket=bucket, Key=key, ContentType="application/zip"
        )["UploadId"]
        self._buffer = bytearray()
        self._parts: list[dict] = []
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._buffer += data
        self.size += len(data)
        if len(self._buffer) >= self._part_size:
            self._upload_part()
        return len(data)

    def complete(self) -> int:
        """Upload the last part (it may be small, even empty) and finish the object; returns
        its size in bytes."""
        if self._buffer or not self._parts:
            self._upload_part()
        self._s3.complete_multipart_upload(
            Bucket=self._bucket,
            Key=self._key,
            UploadId=self._upload_id,
            MultipartUpload={"Parts": self._parts},
        )
        return self.size

    def abort(self) -> None:
        self._s3.abort_multipart_upload(
            Bucket=self._bucket, Key=self._key, UploadId=self._upload_id
        )

    def _upload_part(self) -> None:
        number = len(self._parts) + 1
        part = self._s3.upload_part(
            Bucket=self._bucket,
            Key=self._key,
            UploadId=self._upload_id,
            PartNumber=number,
            Body=bytes(self._buffer),
        )
        self._parts.append({"PartNumber": number, "ETag": part["ETag"]})
        self._buffer = bytearray()


def json_bytes(value) -> bytes:
    """The archive's JSON: UTF-8 (not \\u escapes), indented, keys sorted, a final newline."""
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def write_archive(
    s3,
    media_bucket: str,
    exports_bucket: str,
    key: str,
    json_files: dict[str, object],
    photo_files: Iterable[PhotoFile],
) -> int:
    """Write the zip of `json_files` (name -> value), README.txt and every photo file to
    `exports_bucket` at `key`; returns the archive's size in bytes."""
    writer = MultipartUploadWriter(s3, exports_bucket, key)
    try:
        with zipfile.ZipFile(writer, mode="w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("README.txt", README)
            for name, value in json_files.items():
                archive.writestr(name, json_bytes(value))
            for photo_file in photo_files:
                _copy_photo(s3, media_bucket, photo_file, archive)
        return writer.complete()
    except BaseException:
        writer.abort()
        raise


def _copy_photo(s3, media_bucket: str, photo_file: PhotoFile, archive: zipfile.ZipFile) -> None:
    try:
        body = s3.get_object(Bucket=media_bucket, Key=photo_file.object_key)["Body"]
    except s3.exceptions.NoSuchKey:
        # The photo was deleted while its archive was being written: it is no longer theirs.
        logger.info("A photo's file was gone; left out", extra={"key": photo_file.object_key})
        return
    # WebP is compressed already: stored as it is, deflating it again would only cost time.
    entry = zipfile.ZipInfo(photo_file.name_in_archive)
    entry.compress_type = zipfile.ZIP_STORED
    with body, archive.open(entry, mode="w") as into_archive:
        shutil.copyfileobj(body, into_archive, COPY_CHUNK_SIZE)
