""" "Download your data" over HTTP on the local stack, as the page does it: POST /me/export,
poll GET /me/exports/{id} until the export function has written the archive (the stream sends
the export to the exports queue, the stack's loop runs the function), then follow the link as a
browser does (a plain GET, no Origin) and open the zip."""

import io
import json
import zipfile
from urllib.parse import urlparse

from tests.support.export_steps import ARCHIVE_TEXT_FILES
from tests.support.images import scene_jpeg
from tests.support.waiting import eventually


def test_given_a_person_with_a_photo_when_they_export_then_the_link_downloads_their_archive(
    client,
):
    person = client.sign_up_and_in()
    photo = client.upload_photo(person, scene_jpeg(1))
    assert photo["status"] == "READY"

    requested = client.api("POST", "/me/export", person.id_token)
    assert requested.status_code == 202
    export_id = requested.json()["id"]
    assert client.api("POST", "/me/export", person.id_token).json()["id"] == export_id

    def ready() -> dict | None:
        export = client.api("GET", f"/me/exports/{export_id}", person.id_token).json()
        return export if export["status"] == "READY" else None

    assert eventually(ready, timeout=60)
    export = ready()
    listed = client.api("GET", "/me/exports", person.id_token).json()["items"]
    assert [item["id"] for item in listed] == [export_id]

    download = client.http.get(export["url"], timeout=30)

    assert download.status_code == 200, download.text
    assert urlparse(export["url"]).hostname in ("localhost", "127.0.0.1")
    assert f'filename="cloudgram-{person.username}-' in download.headers["Content-Disposition"]
    assert len(download.content) == export["sizeBytes"]
    archive = zipfile.ZipFile(io.BytesIO(download.content))
    assert archive.testzip() is None
    assert {*ARCHIVE_TEXT_FILES, f"photos/{photo['id']}.webp"} == set(archive.namelist())
    assert json.loads(archive.read("profile.json"))["username"] == person.username
    [shared] = json.loads(archive.read("photos.json"))
    assert shared["id"] == photo["id"] and shared["status"] == "READY"
    assert archive.read(f"photos/{photo['id']}.webp")[:4] == b"RIFF"


def test_given_someone_elses_export_then_it_is_not_found_and_the_bucket_is_private(client):
    owner, stranger = client.sign_up_and_in(), client.sign_up_and_in()
    export_id = client.api("POST", "/me/export", owner.id_token).json()["id"]

    seen = client.api("GET", f"/me/exports/{export_id}", stranger.id_token)

    assert seen.status_code == 404
    assert seen.json() == {"Code": "NotFoundError", "Message": "No such export"}

    def link() -> str | None:
        return client.api("GET", f"/me/exports/{export_id}", owner.id_token).json().get("url")

    assert eventually(link, timeout=60)
    unsigned = client.http.get(link().split("?")[0], timeout=10)
    assert unsigned.status_code == 403
