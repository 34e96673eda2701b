"""Notifications over HTTP on the local stack, between two people: what the page's bell and list
will see, written by the local stream loop a moment after each deed and taken back when it is
undone, through the local gateway's real token checks."""

from concurrent.futures import ThreadPoolExecutor

from tests.support.images import phone_photo
from tests.support.waiting import eventually


def inbox(client, person) -> dict:
    response = client.api("GET", "/notifications?limit=50", person.id_token)
    assert response.status_code == 200, response.text
    return response.json()


def kinds(client, person) -> list[str]:
    return [item["kind"] for item in inbox(client, person)["items"]]


def test_given_bob_likes_comments_follows_and_names_alice_then_her_inbox_follows_each_deed(
    client, alice, bob
):
    # Given Alice's READY photo, and Bob, who has a profile
    photo = client.upload_photo(alice, phone_photo(64, 48))
    client.api("GET", "/me", bob.id_token)
    photo_path = f"/photos/{photo['id']}"

    # When Bob likes it, comments naming her, and follows her
    assert client.api("PUT", f"{photo_path}/like", bob.id_token).status_code == 200
    said = client.api(
        "POST", f"{photo_path}/comments", bob.id_token, json={"text": f"@{alice.username} wow"}
    ).json()
    assert client.api("PUT", f"/users/{alice.username}/follow", bob.id_token).status_code == 200

    # Then, a moment later, she has three notifications, newest first, all unread, and none twice
    assert eventually(lambda: len(inbox(client, alice)["items"]) == 3)
    body = inbox(client, alice)
    assert [item["kind"] for item in body["items"]] == ["follow", "comment", "like"]
    assert body["unreadCount"] == 3
    assert body["items"][1]["comment"] == {"id": said["id"], "text": f"@{alice.username} wow"}
    assert body["items"][2]["photo"]["renditions"]["grid"]["url"].startswith("/media/")
    assert {item["actor"]["username"] for item in body["items"]} == {bob.username}
    assert inbox(client, bob)["items"] == []

    # When she opens them (marks them read)
    marked = client.api("POST", "/notifications/read", alice.id_token)

    # Then nothing is unread, and what is listed stays
    assert marked.json() == {"unreadCount": 0}
    assert inbox(client, alice)["unreadCount"] == 0
    assert len(inbox(client, alice)["items"]) == 3

    # When Bob takes each deed back
    client.api("DELETE", f"{photo_path}/like", bob.id_token)
    client.api("DELETE", f"{photo_path}/comments/{said['id']}", bob.id_token)
    client.api("DELETE", f"/users/{alice.username}/follow", bob.id_token)

    # Then her inbox empties
    assert eventually(lambda: kinds(client, alice) == [])


def test_given_a_photo_with_notifications_when_deleted_then_they_leave_every_inbox(
    client, alice, bob
):
    # Given Alice's photo, liked by Bob, whom its caption names
    client.api("GET", "/me", bob.id_token)
    photo = client.upload_photo(alice, phone_photo(64, 48))
    client.api(
        "PATCH", f"/photos/{photo['id']}", alice.id_token, json={"caption": f"for @{bob.username}"}
    )
    client.api("PUT", f"/photos/{photo['id']}/like", bob.id_token)
    assert eventually(lambda: "like" in kinds(client, alice) and "mention" in kinds(client, bob))

    # When she deletes the photo
    assert client.api("DELETE", f"/photos/{photo['id']}", alice.id_token).status_code == 204

    # Then the like's and the mention's notifications go with it
    assert eventually(lambda: "like" not in kinds(client, alice))
    assert eventually(lambda: "mention" not in kinds(client, bob))


def test_given_eight_people_liking_at_once_then_one_notification_each_and_an_exact_count(
    client, alice
):
    # Given Alice's READY photo, read to zero, and eight people with profiles
    photo = client.upload_photo(alice, phone_photo(64, 48))
    client.api("POST", "/notifications/read", alice.id_token)
    before = len(inbox(client, alice)["items"])
    fans = [client.sign_up_and_in() for _ in range(8)]

    # When they all like it at the same moment, and press twice
    like = f"/photos/{photo['id']}/like"
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda fan: client.api("PUT", like, fan.id_token), fans * 2))

    # Then each like tells her once, and the bell counts exactly eight
    assert {answer.status_code for answer in answers} == {200}
    assert eventually(lambda: len(inbox(client, alice)["items"]) == before + 8)
    body = inbox(client, alice)
    assert body["unreadCount"] == 8
    new = [item["actor"]["username"] for item in body["items"] if item["unread"]]
    assert sorted(new) == sorted(fan.username for fan in fans)
