"""Comments and replies over HTTP on the local stack, between two people: the requests the page
will make, through the local gateway's real token checks, with the table's stream removing the
replies of a deleted comment and the comments of a deleted photo in the background."""

from concurrent.futures import ThreadPoolExecutor

from tests.support.images import phone_photo
from tests.support.waiting import eventually

CONCURRENT_COMMENTS = 20


def comments_stored(table, photo_id: str) -> int:
    return sum(
        table.query(
            KeyConditionExpression="PK = :photo AND begins_with(SK, :prefix)",
            ExpressionAttributeValues={":photo": f"PHOTO#{photo_id}", ":prefix": prefix},
            Select="COUNT",
        )["Count"]
        for prefix in ("COMMENT#", "REPLY#")
    )


def test_given_two_people_then_comments_replies_and_deletes_work_end_to_end(
    client, alice, bob, table
):
    # Given Alice's READY photo
    photo = client.upload_photo(alice, phone_photo(64, 48))
    comments_path = f"/photos/{photo['id']}/comments"

    # When Bob comments and Alice answers him, and Bob answers her answer
    said = client.api("POST", comments_path, bob.id_token, json={"text": " Where is this? "})
    answer = client.api(
        "POST", comments_path, alice.id_token, json={"text": "Lisbon", "replyTo": said.json()["id"]}
    )
    again = client.api(
        "POST", comments_path, bob.id_token, json={"text": "❤️", "replyTo": answer.json()["id"]}
    )

    # Then all three are stored, the replies under Bob's comment, and the photo counts three
    assert [said.status_code, answer.status_code, again.status_code] == [201, 201, 201]
    assert said.json()["text"] == "Where is this?"
    assert again.json()["replyTo"] == said.json()["id"]
    listed = client.api("GET", comments_path).json()
    assert [(item["text"], item["replyCount"]) for item in listed["items"]] == [
        ("Where is this?", 2)
    ]
    replies = client.api("GET", f"{comments_path}/{said.json()['id']}/replies").json()
    assert [item["text"] for item in replies["items"]] == ["Lisbon", "❤️"]
    assert client.api("GET", f"/photos/{photo['id']}").json()["commentCount"] == 3

    # When Alice, who owns the photo, deletes Bob's comment
    deleted = client.api("DELETE", f"{comments_path}/{said.json()['id']}", alice.id_token)

    # Then it is gone with its replies, counted out at once and removed from the table soon
    assert deleted.status_code == 204
    assert client.api("GET", f"/photos/{photo['id']}").json()["commentCount"] == 0
    assert client.api("GET", comments_path).json()["items"] == []
    assert eventually(lambda: comments_stored(table, photo["id"]) == 0)


def test_given_twenty_people_commenting_at_once_then_the_count_is_exactly_twenty(
    client, alice, table
):
    photo = client.upload_photo(alice, phone_photo(64, 48))
    people = [client.sign_up_and_in() for _ in range(CONCURRENT_COMMENTS)]

    def comment(person):
        path = f"/photos/{photo['id']}/comments"
        return client.api("POST", path, person.id_token, json={"text": "Now!"}).status_code

    with ThreadPoolExecutor(max_workers=CONCURRENT_COMMENTS) as pool:
        statuses = list(pool.map(comment, people))

    assert statuses == [201] * CONCURRENT_COMMENTS
    shown = client.api("GET", f"/photos/{photo['id']}").json()
    assert shown["commentCount"] == CONCURRENT_COMMENTS
    assert comments_stored(table, photo["id"]) == CONCURRENT_COMMENTS


def test_given_a_photo_with_comments_when_deleted_then_they_are_cleaned_up_after(
    client, alice, bob, table
):
    photo = client.upload_photo(alice, phone_photo(64, 48))
    path = f"/photos/{photo['id']}/comments"
    first = client.api("POST", path, bob.id_token, json={"text": "One"}).json()
    client.api("POST", path, alice.id_token, json={"text": "Two", "replyTo": first["id"]})

    assert client.api("DELETE", f"/photos/{photo['id']}", alice.id_token).status_code == 204

    assert eventually(lambda: comments_stored(table, photo["id"]) == 0)
