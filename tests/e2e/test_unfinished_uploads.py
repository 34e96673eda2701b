"""Sharing without traps, in a real browser on a phone (touch, 390 px) and a desktop: a double
tap or double click on Share starts the uploads once and cancels nothing; focus moves to the
item that changed after Share and after Cancel; leaving the page mid-upload asks first and
withdraws the photo, and a photo the page could not withdraw shows to its owner as "Upload
interrupted" with Retry and Remove; signing out mid-upload asks and leaves nothing behind.
"""

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, Route, expect

from tests.support.browser import (
    Account,
    id_token,
    new_user,
    screenshot,
    share_photos_over_http,
    sign_in,
    sign_up_and_confirm,
    throttle_uploads,
)
from tests.support.images import scene_jpeg

READY_TIMEOUT_MS = 20_000
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
GRAIN_SIZE = (700, 500)
# Two photos of a few hundred kilobytes on a connection this slow take a couple of seconds.
SLOW_BYTES_PER_SECOND = 300_000


def grainy_jpeg(shade: int, size: tuple[int, int] = GRAIN_SIZE) -> bytes:
    """A JPEG of a few hundred kilobytes (grain compresses badly), so its upload takes a while."""
    grain = Image.effect_noise(size, 60).convert("RGB")
    tint = Image.new("RGB", size, (shade, 120, 200))
    buffer = io.BytesIO()
    Image.blend(grain, tint, 0.6).save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def jpeg_file(name: str, data: bytes) -> dict:
    return {"name": name, "mimeType": "image/jpeg", "buffer": data}


@pytest.fixture(params=["phone", "desktop"])
def person(request, new_context, account: Account) -> tuple[Page, str]:
    """A signed-in person's page, on a touch phone or a desktop, and which of the two it is."""
    phone = request.param == "phone"
    page = new_context(has_touch=phone, is_mobile=phone).new_page()
    page.set_viewport_size(PHONE if phone else DESKTOP)
    page.goto("/")
    sign_up_and_confirm(page, account)
    return page, request.param


def own_photos(page: Page, username: str) -> list[dict]:
    """The person's photos as the API lists them to the person themself, whatever their status."""
    response = page.request.get(
        f"/api/users/{username}/photos", headers={"Authorization": id_token(page)}
    )
    assert response.ok, response.text()
    return response.json()["items"]


@pytest.fixture
def stalled_storage():
    """`hold(page)` keeps every presigned POST the page sends to the uploads bucket waiting,
    unanswered, as on a connection that has stalled; the held requests go at the test's end."""
    pages: list[Page] = []

    def hold(page: Page) -> list[Route]:
        pages.append(page)
        return hold_uploads_to_storage(page)

    yield hold
    for page in pages:
        if not page.is_closed():
            page.unroute_all(behavior="ignoreErrors")


def hold_uploads_to_storage(page: Page) -> list[Route]:
    held: list[Route] = []

    def hold(route: Route) -> None:
        request = route.request
        if request.method == "POST" and "/api/" not in request.url:
            held.append(route)
        else:
            route.fallback()

    page.route("**/*", hold)
    return held


def focused_element(page: Page) -> str:
    return page.evaluate(
        "() => document.activeElement === document.body ? 'body' : "
        "(document.activeElement.className || document.activeElement.id)"
    )


def test_a_double_tap_on_share_shares_every_photo_and_cancels_none(person, account):
    # Given a signed-in person on a slow connection, with two photos chosen
    page, device = person
    throttle_uploads(page, SLOW_BYTES_PER_SECOND)
    deletes = []
    page.on(
        "request",
        lambda request: deletes.append(request.url) if request.method == "DELETE" else None,
    )
    page.get_by_label("Choose photos").set_input_files(
        [jpeg_file("harbour.jpg", grainy_jpeg(40)), jpeg_file("dunes.jpg", grainy_jpeg(160))]
    )
    items = page.locator(".upload-item")
    expect(items).to_have_count(2)
    share = page.get_by_role("button", name="Share all 2 photos")
    share.scroll_into_view_if_needed()
    cancels_before = [box_of(button) for button in items.get_by_role("button").all()]

    # When they tap Share twice in quick succession (a double click on the desktop)
    if device == "phone":
        box = share.bounding_box()
        middle = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.touchscreen.tap(*middle)
        page.touchscreen.tap(*middle)
    else:
        share.dblclick()

    # Then the uploads start, no control moved under the finger, and the second tap met the
    # Share button again, disabled, where it was
    expect(items.first).not_to_have_attribute("data-stage", "waiting")
    cancels_after = [box_of(button) for button in items.get_by_role("button", name="Cancel").all()]
    assert cancels_after == cancels_before, "a Cancel button moved when the upload started"
    sharing = page.locator("#share-button")
    expect(sharing).to_be_disabled()
    expect(sharing).to_have_text("Sharing…")
    screenshot(page, f"uploads-double-tap-{device}")

    # And both photos are shared, none cancelled or deleted
    for item in items.all():
        expect(item.get_by_role("status")).to_have_text(
            "Shared! It is in the feed now.", timeout=READY_TIMEOUT_MS
        )
    assert deletes == []
    assert sorted(photo["status"] for photo in own_photos(page, account.username)) == [
        "READY",
        "READY",
    ]
    expect(page.get_by_role("button", name="Clear finished uploads")).to_be_visible()
    screenshot(page, f"uploads-shared-{device}")


def box_of(locator) -> tuple[float, float]:
    box = locator.bounding_box()
    return round(box["x"]), round(box["y"])


def test_focus_goes_to_the_item_that_changed_after_share_and_after_cancel(
    signed_in_page: Page, stalled_storage
):
    # Given a keyboard user on a stalled connection, with three photos chosen
    page = signed_in_page
    stalled_storage(page)
    page.get_by_label("Choose photos").set_input_files(
        [jpeg_file(f"photo-{number}.jpg", grainy_jpeg(number * 50)) for number in range(3)]
    )
    items = page.locator(".upload-item")
    expect(items).to_have_count(3)

    # When they press Share with the keyboard
    page.get_by_role("button", name="Share all 3 photos").focus()
    page.keyboard.press("Enter")

    # Then focus is on the first photo's item, not on a button and not lost
    expect(items.nth(0)).to_be_focused()
    expect(items.nth(0)).to_have_attribute("data-stage", "uploading")

    # When they cancel the first, then the item that takes its place gets the focus
    first_cancel = items.nth(0).get_by_role("button", name="Cancel photo-0.jpg")
    first_cancel.focus()
    page.keyboard.press("Enter")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_be_focused()

    # When they cancel the last of them, then the next one up takes it
    items.nth(1).get_by_role("button", name="Cancel photo-2.jpg").focus()
    page.keyboard.press("Enter")
    expect(items).to_have_count(1)
    expect(items.nth(0)).to_be_focused()

    # And when none is left, the file button takes it
    items.nth(0).get_by_role("button", name="Cancel photo-1.jpg").focus()
    page.keyboard.press("Enter")
    expect(items).to_have_count(0)
    expect(page.get_by_label("Choose photos")).to_be_focused()
    assert focused_element(page) != "body"


def start_a_stalled_upload(page: Page, hold, caption: str) -> tuple[str, list[Route]]:
    """Chooses a photo, captions it and shares it while `hold` (stalled_storage) holds its
    upload to storage; returns the id the API gave it, and the held upload once it was sent."""
    held = hold(page)
    page.get_by_label("Choose photos").set_input_files(jpeg_file("sunset.jpg", grainy_jpeg(90)))
    page.locator(".upload-item").get_by_label("Caption").fill(caption)
    with page.expect_response(
        lambda response: response.request.method == "POST" and response.url.endswith("/api/photos")
    ) as created:
        page.get_by_role("button", name="Share").click()
    expect(page.locator(".upload-item")).to_have_attribute("data-stage", "uploading")
    for _ in range(100):  # the file goes out a moment after the stage shows
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the page never sent the file"
    return created.value.json()["photo"]["id"], held


def test_leaving_mid_upload_asks_first_and_withdraws_the_photo(
    signed_in_page: Page, account, stalled_storage
):
    # Given a person whose upload has stalled halfway
    page = signed_in_page
    photo_id, _ = start_a_stalled_upload(page, stalled_storage, "Gone with the reload")
    token = id_token(page)
    dialogs = []

    def answer(dialog) -> None:
        dialogs.append(dialog.type)
        dialog.accept()

    page.on("dialog", answer)

    # When they reload the page, and confirm that they want to leave
    page.reload()

    # Then the browser asked first, and the page withdrew the photo as it went (a keepalive
    # DELETE, which Chromium sends after the page is gone): nothing is left behind
    assert dialogs == ["beforeunload"]
    expect(page.locator("#account-name")).to_have_text(account.username)
    listed = page.request.get(
        f"/api/users/{account.username}/photos", headers={"Authorization": token}
    )
    assert listed.json()["items"] == []
    gone = page.request.get(f"/api/photos/{photo_id}", headers={"Authorization": token})
    assert gone.status == 404, gone.text()


def test_an_upload_the_page_could_not_withdraw_shows_as_interrupted_then_remove_leaves_nothing(
    person, account, stalled_storage
):
    # Given a person whose upload stalled, then lost the connection: the page could not
    # withdraw the photo
    page, device = person
    photo_id, held = start_a_stalled_upload(page, stalled_storage, "Evening at the pier")
    page.context.set_offline(True)
    held[0].abort("internetdisconnected")
    expect(page.locator(".upload-item")).to_have_attribute("data-stage", "failed")
    page.context.set_offline(False)

    # When they reload the page and go to their profile
    page.unroute("**/*")
    page.reload()
    assert [photo["id"] for photo in own_photos(page, account.username)] == [photo_id]
    page.locator("#account-name").click()

    # Then the photo is not in the grid nor counted, but listed apart, for them, as an upload
    # that was interrupted, with Retry and Remove; nothing says it is being processed
    expect(page.locator("#profile-photo-count")).to_have_text("0 photos")
    expect(page.locator(".photo-grid__item")).to_have_count(0)
    apart = page.get_by_role("region", name="Couldn’t be shared")
    row = apart.locator(".unfinished__item")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Upload interrupted")
    expect(row).to_contain_text("Evening at the pier")
    expect(row.get_by_role("button", name="Retry “Evening at the pier”")).to_be_visible()
    expect(page.get_by_text("being processed")).to_have_count(0)
    screenshot(page, f"uploads-interrupted-profile-{device}")

    # And its own page says the same, with Remove, and no caption editor
    page.goto(f"/p/{photo_id}")
    expect(page.locator(".unfinished-photo")).to_contain_text("Upload interrupted")
    expect(page.get_by_role("button", name="Edit caption")).to_have_count(0)
    expect(page.get_by_text("being processed")).to_have_count(0)
    screenshot(page, f"uploads-interrupted-photo-page-{device}")

    # When they remove it there, then it is gone: the page leaves, and the API has nothing
    page.get_by_role("button", name="Remove “Evening at the pier”").click()
    expect(page.locator("#profile-name")).to_have_text(account.username)
    expect(page.locator(".unfinished__item")).to_have_count(0)
    expect(page.get_by_role("region", name="Couldn’t be shared")).to_be_hidden()
    assert own_photos(page, account.username) == []


def test_signing_out_mid_upload_asks_first_then_withdraws_the_photo(
    signed_in_page: Page, account, stalled_storage
):
    # Given a person whose upload has stalled halfway
    page = signed_in_page
    start_a_stalled_upload(page, stalled_storage, "Not yet")
    token = id_token(page)

    # When they press Sign out, then they are asked first, and can keep uploading
    page.get_by_role("button", name="Sign out").click()
    dialog = page.get_by_role("dialog", name="Stop uploading and sign out?")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("A photo has not finished uploading.")
    screenshot(page, "uploads-sign-out-asks")
    dialog.get_by_role("button", name="Keep uploading").click()
    expect(page.locator("#account-name")).to_have_text(account.username)
    expect(page.locator(".upload-item")).to_have_attribute("data-stage", "uploading")

    # When they sign out after all, then the photo is withdrawn before the session ends
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("dialog").get_by_role("button", name="Stop and sign out").click()
    expect(page.locator("#sign-in-button")).to_be_visible()
    listed = page.request.get(
        f"/api/users/{account.username}/photos", headers={"Authorization": token}
    )
    assert listed.json()["items"] == []


def test_a_batch_appears_in_the_order_chosen_and_clear_dismisses_the_finished_items(
    signed_in_page: Page, account, tmp_path: Path
):
    # Given a person on a slow connection who chooses three photos, the first much the largest
    # (so it finishes last), and a file that starts like a JPEG but holds no image
    page = signed_in_page
    throttle_uploads(page, 1_500_000)
    first = jpeg_file("first.jpg", grainy_jpeg(30, size=(2000, 1500)))
    second = jpeg_file("second.jpg", grainy_jpeg(120, size=(200, 150)))
    third = jpeg_file("third.jpg", grainy_jpeg(210, size=(200, 150)))
    broken = {
        "name": "broken.jpg",
        "mimeType": "image/jpeg",
        "buffer": b"\xff\xd8\xff\xe0" + b"not an image at all" * 100,
    }
    page.get_by_label("Choose photos").set_input_files([first, second, third, broken])
    items = page.locator(".upload-item")
    expect(items).to_have_count(4)
    for item, caption in zip(items.all(), ["First", "Second", "Third", "Broken"], strict=True):
        item.get_by_label("Caption").fill(caption)

    # When they share them all
    page.get_by_role("button", name="Share all 4 photos").click()
    for name in ("first.jpg", "second.jpg", "third.jpg"):
        expect(items.filter(has_text=name).get_by_role("status")).to_have_text(
            "Shared! It is in the feed now.", timeout=READY_TIMEOUT_MS
        )
    expect(items.filter(has_text="broken.jpg").get_by_role("status")).to_contain_text(
        "CloudGram could not use this photo", timeout=READY_TIMEOUT_MS
    )

    # Then both tabs of the feed show them as if shared one by one: the first chosen lowest
    for tab in ("Following", "Everyone"):
        page.get_by_role("tab", name=tab).click()
        captions = page.get_by_role("tabpanel", name=tab).locator(".photo-card__caption")
        # Everyone's feed goes on with other tests' photos, below these
        for position, caption in enumerate(["Third", "Second", "First"]):
            expect(captions.nth(position)).to_have_text(caption)
    page.get_by_role("tab", name="Following").click()

    # When they choose one more photo, then press Clear
    page.get_by_label("Choose photos").set_input_files(jpeg_file("later.jpg", grainy_jpeg(60)))
    screenshot(page, "uploads-before-clear")
    page.get_by_role("button", name="Clear finished uploads").click()

    # Then every finished item leaves at once, the one still to share stays, and so does focus
    expect(items).to_have_count(1)
    expect(items).to_contain_text("later.jpg")
    expect(page.get_by_role("button", name="Clear finished uploads")).to_be_hidden()
    assert focused_element(page) != "body"

    # And after a reload the API lists them in the same order
    page.reload()
    captions = page.get_by_role("tabpanel", name="Following").locator(".photo-card__caption")
    expect(captions).to_have_text(["Third", "Second", "First"])


def test_photos_that_did_not_make_it_are_kept_apart_with_retry_where_it_can_work_and_remove(
    person, http_client, tmp_path: Path
):
    # Given someone with one READY photo, one whose upload was cut off (its file never came),
    # and one whose file the worker could not use
    page, device = person
    owner = new_user(http_client)
    share_photos_over_http(http_client, owner, [scene_jpeg(1)], captions=["Kept"])
    cut_off = create_photo_over_http(http_client, owner, "Cut off", size=len(scene_jpeg(2)))
    unusable = create_photo_over_http(http_client, owner, "Unusable", size=len(BROKEN_JPEG))
    assert http_client.post_file(unusable["upload"], BROKEN_JPEG, "image/jpeg").ok
    failed = http_client.wait_until_settled(owner, unusable["photo"]["id"])
    assert failed["status"] == "FAILED" and failed["uploadArrived"] is True

    # When they open their own profile
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, owner.username)
    page.locator("#account-name").click()

    # Then the header counts what others see, the grid holds the READY photo alone, and the
    # two others are listed apart, each with its reason; Retry only where it can work
    expect(page.locator("#profile-photo-count")).to_have_text("1 photo")
    expect(page.locator(".photo-grid__item")).to_have_count(1)
    rows = page.get_by_role("region", name="Couldn’t be shared").locator(".unfinished__item")
    expect(rows).to_have_count(2)
    interrupted = rows.filter(has_text="Cut off")
    refused = rows.filter(has_text="Unusable")
    expect(interrupted).to_contain_text("Upload interrupted")
    expect(refused).to_contain_text("Couldn’t be used")
    expect(refused).to_contain_text(failed["failureReason"])
    expect(refused.get_by_role("button", name="Retry")).to_have_count(0)
    expect(page.get_by_text("Could not be used")).to_have_count(0)
    screenshot(page, f"uploads-kept-apart-{device}")

    # And the refused photo's own page offers Remove, not Edit caption
    page.goto(f"/p/{unusable['photo']['id']}")
    expect(page.get_by_role("button", name="Remove “Unusable”")).to_be_visible()
    expect(page.get_by_role("button", name="Edit caption")).to_have_count(0)
    page.go_back()

    # When they retry the interrupted one, choosing its file again (this page never held it)
    with page.expect_file_chooser() as chooser:
        interrupted.get_by_role("button", name="Retry “Cut off”").click()
    chooser.value.set_files(jpeg_file("cut-off.jpg", scene_jpeg(2)))

    # Then it is shared, with its caption, in the grid; the interrupted photo is gone
    expect(page.locator(".photo-grid__item")).to_have_count(2, timeout=READY_TIMEOUT_MS)
    expect(rows).to_have_count(1)
    expect(page.locator("#profile-photo-count")).to_have_text("2 photos")
    gone = http_client.api("GET", f"/photos/{cut_off['photo']['id']}", owner.id_token)
    assert gone.status_code == 404
    listed = http_client.api("GET", f"/users/{owner.username}/photos", owner.id_token).json()
    assert sorted((photo["caption"], photo["status"]) for photo in listed["items"]) == [
        ("Cut off", "READY"),
        ("Kept", "READY"),
        ("Unusable", "FAILED"),
    ]

    # When they remove the refused one, then it is gone, and so is the list, focus kept
    refused.get_by_role("button", name="Remove “Unusable”").click()
    expect(page.get_by_role("region", name="Couldn’t be shared")).to_be_hidden()
    assert focused_element(page) != "body"
    gone = http_client.api("GET", f"/photos/{unusable['photo']['id']}", owner.id_token)
    assert gone.status_code == 404


BROKEN_JPEG = b"\xff\xd8\xff\xe0" + b"these bytes are not an image at all" * 100


def create_photo_over_http(client, user, caption: str, size: int) -> dict:
    """POST /photos as the page does, and nothing more: {photo, upload}."""
    announced = {"contentType": "image/jpeg", "size": size, "caption": caption}
    created = client.api("POST", "/photos", user.id_token, json=announced)
    assert created.status_code == 201, created.text
    return created.json()


def test_retry_on_an_interrupted_photos_page_shows_the_photo_shared_again_in_its_place(
    page: Page, http_client
):
    # Given someone whose upload was cut off, on that photo's page
    owner = new_user(http_client)
    cut_off = create_photo_over_http(http_client, owner, "Second try", size=len(scene_jpeg(5)))
    sign_in(page, owner.username)
    page.goto(f"/p/{cut_off['photo']['id']}")
    expect(page.locator(".unfinished-photo")).to_contain_text("Upload interrupted")

    # When they retry, choosing the file again
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Retry “Second try”").click()
    chooser.value.set_files(jpeg_file("second-try.jpg", scene_jpeg(5)))

    # Then the page shows the photo shared in its place, at that photo's own address, with its
    # caption and a like button, and the interrupted photo is gone
    expect(page.get_by_role("button", name="Like")).to_be_visible(timeout=READY_TIMEOUT_MS)
    expect(page.locator(".photo-page__caption")).to_have_text("Second try")
    expect(page).not_to_have_url(re.compile(cut_off["photo"]["id"]))
    expect(page).to_have_url(re.compile(r"/p/[0-9A-Z]{26}$"))
    gone = http_client.api("GET", f"/photos/{cut_off['photo']['id']}", owner.id_token)
    assert gone.status_code == 404
