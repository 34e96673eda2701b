"""GET /photos/{id}, GET /feed and GET /me: who sees what, and the feed's cursor pagination."""

import time
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.edge import page_cursor
from chalicelib.photos import status as photo_status
from chalicelib.photos import store as photo_store
from chalicelib.shared import aws_clients, clock, table_keys
from infra.local.resource_definitions import TIME_TO_LIVE_ATTRIBUTE
from tests.support.api_steps import auth, made_ready, upload_requested


def test_given_a_pending_photo_then_only_its_owner_can_see_it(api, make_token):
    photo_id = upload_requested(api, make_token("alice"))

    as_owner = api.http.get(f"/photos/{photo_id}", headers=auth(make_token("alice")))
    as_someone_else = api.http.get(f"/photos/{photo_id}", headers=auth(make_token("bob")))
    anonymous = api.http.get(f"/photos/{photo_id}")

    assert as_owner.status_code == 200
    assert as_owner.json_body["status"] == "PENDING"
    assert as_someone_else.status_code == 404
    assert anonymous.status_code == 404


def test_given_a_pending_photo_whose_upload_link_expired_then_its_owner_sees_it_failed(
    api, make_token
):
    token = make_token("alice")
    photo_id = upload_requested(api, token)
    aws_clients.dynamodb_table().update_item(
        Key=table_keys.photo_key(photo_id),
        UpdateExpression="SET uploadExpiresAt = :long_ago",
        ExpressionAttributeValues={":long_ago": "2020-01-01T00:00:00Z"},
    )

    photo = api.http.get(f"/photos/{photo_id}", headers=auth(token)).json_body

    assert photo["status"] == "FAILED"
    assert "upload link expired" in photo["failureReason"]


def set_times(photo_id: str, **times: str) -> None:
    names = ", ".join(f"{name} = :{name}" for name in times)
    aws_clients.dynamodb_table().update_item(
        Key=table_keys.photo_key(photo_id),
        UpdateExpression=f"SET {names}",
        ExpressionAttributeValues={f":{name}": value for name, value in times.items()},
    )


def test_given_an_expired_link_but_a_file_the_worker_is_still_trying_then_still_pending(
    api, make_token
):
    # Given a photo whose file reached the worker 15 minutes ago, and is being tried again
    token = make_token("alice")
    photo_id = upload_requested(api, token)
    fifteen_minutes_ago = clock.timestamp(datetime.now(UTC) - timedelta(minutes=15))
    set_times(photo_id, uploadExpiresAt=fifteen_minutes_ago, uploadArrivedAt=fifteen_minutes_ago)

    # When its owner looks at it
    photo = api.http.get(f"/photos/{photo_id}", headers=auth(token)).json_body

    # Then it is still on its way, not "never uploaded"
    assert photo["status"] == "PENDING"
    assert "failureReason" not in photo


def test_given_a_file_that_outlived_every_try_of_the_worker_then_failed_saying_so(api, make_token):
    # Given a photo whose file arrived longer ago than the worker's tries take, still PENDING
    # (its last try timed out, and its message went to the dead-letter queue)
    token = make_token("alice")
    photo_id = upload_requested(api, token)
    long_ago = datetime.now(UTC) - photo_status.WORKER_TRIES_PERIOD - timedelta(minutes=3)
    set_times(
        photo_id,
        uploadExpiresAt=clock.timestamp(long_ago),
        uploadArrivedAt=clock.timestamp(long_ago),
    )

    # When its owner looks at it
    photo = api.http.get(f"/photos/{photo_id}", headers=auth(token)).json_body

    # Then it failed, and the reason says why, rather than that it was never uploaded
    assert photo["status"] == "FAILED"
    assert photo["failureReason"] == photo_status.PROCESSING_GAVE_UP_REASON


def test_given_a_new_pending_photo_then_dynamodb_deletes_it_a_day_later_unless_processed(
    api, make_token
):
    photo_id = upload_requested(api, make_token("alice"))

    stored = photo_store.get_photo(photo_id)

    # The API and the worker name the attribute literally (neither may import infra/); this ties
    # their name to the one the table's time-to-live is configured with.
    assert 86_000 < int(stored[TIME_TO_LIVE_ATTRIBUTE]) - time.time() <= 86_400
    made_ready(photo_id)
    assert TIME_TO_LIVE_ATTRIBUTE not in photo_store.get_photo(photo_id)


def test_given_a_ready_photo_then_anyone_sees_it_with_rendition_urls(api, make_token):
    photo_id = upload_requested(api, make_token("alice"), caption="<b>hi</b>")
    made_ready(photo_id)

    photo = api.http.get(f"/photos/{photo_id}").json_body

    assert photo["status"] == "READY"
    assert photo["caption"] == "<b>hi</b>"  # stored as text; the page renders it as text
    assert (photo["width"], photo["height"]) == (30, 40)
    assert photo["renditions"]["feed"] == {
        "url": f"/media/{photo_id}/feed.webp",
        "width": 30,
        "height": 40,
    }
    assert photo["placeholder"].startswith("data:image/webp")


@pytest.mark.parametrize("photo_id", ["01JCNY0000000000000000000Z", "not-an-id", "%00"])
def test_given_an_unknown_or_malformed_id_then_404(api, photo_id):
    response = api.http.get(f"/photos/{photo_id}")

    assert response.status_code == 404
    assert "no photo" in response.json_body["Message"]


def test_given_an_invalid_token_on_an_optional_route_then_401_not_less_data(api, make_token):
    expired = make_token(exp=1_000_000, iat=999_000)

    response = api.http.get("/feed", headers=auth(expired))

    assert response.status_code == 401
    assert "sign in again" in response.json_body["Message"]


def test_given_ready_and_pending_photos_then_the_feed_pages_through_ready_ones_newest_first(
    api, make_token
):
    token = make_token("alice")
    ready_ids = []
    for number in range(5):
        photo_id = upload_requested(api, token, caption=f"photo {number}")
        made_ready(photo_id)
        ready_ids.append(photo_id)
    upload_requested(api, token, caption="still pending")

    seen, cursor, pages = [], None, 0
    while True:
        query = "/feed?limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = api.http.get(query).json_body
        seen += [photo["id"] for photo in page["items"]]
        pages += 1
        cursor = page["nextCursor"]
        if cursor is None:
            break

    assert seen == list(reversed(ready_ids))
    assert pages == 3


def test_given_no_photos_then_the_feed_is_empty_without_a_cursor(api):
    assert api.http.get("/feed").json_body == {"items": [], "nextCursor": None}


@pytest.mark.parametrize(
    "query",
    [
        "limit=0",
        "limit=51",
        "limit=ten",
        "limit=-1",
        "cursor=garbage!",
        f"cursor={page_cursor.encode('2026-01-01T00:00:00.000Z#01JCNY0000000000000000000Z')[:-3]}",
        "page=2",
    ],
)
def test_given_a_bad_limit_cursor_or_parameter_then_400_with_advice(api, query):
    response = api.http.get(f"/feed?{query}")

    assert response.status_code == 400
    assert response.json_body["Message"]


def test_given_a_signed_in_user_then_me_returns_who_they_are(api, make_token):
    response = api.http.get("/me", headers=auth(make_token("carol")))

    assert response.status_code == 200
    assert response.json_body["username"] == "carol"
    assert response.json_body["email"] == "carol@example.com"
