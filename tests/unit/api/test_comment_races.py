"""Comments under concurrency: the counts stay exact when twenty people comment at once, and
when a comment is deleted while people answer it or delete their answers.

The services are called from many threads against moto in-process. DynamoDB applies each request
atomically; moto's in-process backend does not promise that across threads, so each DynamoDB
request here holds one lock while it runs, as the local stack's `SerializedDynamoDb` does
(infra/local/dynamodb_like_aws.py). What races is what races in AWS: a request's reads, its
decisions and its transaction, interleaved with other requests'.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from botocore.client import BaseClient

from chalicelib.comments import service as comments
from chalicelib.shared import settings as api_settings
from chalicelib.shared.errors import NotFoundError, TryAgainLaterError
from chalicelib.shared.users import User
from tests.support.api_steps import ready_photo, user_id
from tests.support.comment_steps import stored_comments, stored_count

PEOPLE = 20


@pytest.fixture
def one_dynamodb_request_at_a_time(api_environment, monkeypatch):
    lock = threading.Lock()
    make_api_call = BaseClient._make_api_call

    def atomically(client, operation, parameters):
        if client.meta.service_model.service_name != "dynamodb":
            return make_api_call(client, operation, parameters)
        with lock:
            return make_api_call(client, operation, parameters)

    monkeypatch.setattr(BaseClient, "_make_api_call", atomically)
    # Twenty people write in a few seconds; the per-account budget is not what is tested here.
    monkeypatch.setenv("MAX_WRITES_PER_MINUTE", "1000")
    api_settings.load_settings.cache_clear()
    yield
    api_settings.load_settings.cache_clear()


def person(number: int) -> User:
    username = f"person{number}"
    return User(id=user_id(username), username=username, email=None)


def in_parallel(*calls) -> list:
    """Run each call on its own thread, all at once; their results (or exceptions) in order."""
    start = threading.Barrier(len(calls))

    def run(call):
        start.wait()
        try:
            return call()
        except Exception as error:  # the test looks at what each call met
            return error

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def test_given_twenty_people_commenting_at_once_then_the_count_is_exactly_twenty(
    api, make_token, one_dynamodb_request_at_a_time
):
    photo = ready_photo(api, make_token("alice"))
    new = comments.NewComment("At the same moment", None)

    results = in_parallel(
        *(lambda n=n: comments.post_comment(photo, person(n), new) for n in range(PEOPLE))
    )

    assert all(isinstance(result, comments.ShownComment) for result in results), results
    assert len(stored_comments(photo)) == PEOPLE
    assert stored_count(photo) == PEOPLE


def test_given_a_comment_deleted_while_people_answer_it_then_the_count_matches_what_is_left(
    api, make_token, settle_stream, one_dynamodb_request_at_a_time
):
    photo = ready_photo(api, make_token("alice"))
    alice = User(id=user_id("alice"), username="alice", email=None)
    top = comments.post_comment(photo, person(0), comments.NewComment("Doomed", None)).item
    answered = comments.CommentId(top["id"])
    early = [
        comments.post_comment(photo, person(n), comments.NewComment("early", answered)).item
        for n in range(1, 5)
    ]

    # When the photo's owner deletes the comment while some answer it and others take their
    # answers back
    answers = [
        lambda n=n: comments.post_comment(photo, person(n), comments.NewComment("late", answered))
        for n in range(5, 5 + PEOPLE)
    ]
    results = in_parallel(
        *answers[: PEOPLE // 2],
        lambda: comments.delete_comment(photo, answered, alice),
        *answers[PEOPLE // 2 :],
        *(
            lambda n=n, reply=reply: comments.delete_comment(
                photo, comments.CommentId(top["id"], reply["id"]), person(n)
            )
            for n, reply in enumerate(early[:2], start=1)
        ),
    )

    # Then every request either happened or was told the comment is gone (404); a delete that
    # kept meeting new answers may ask to be tried again (503), as a person would
    deleted = results.pop(PEOPLE // 2)
    if isinstance(deleted, TryAgainLaterError):
        deleted = comments.delete_comment(photo, answered, alice)
    assert deleted is None, deleted
    shown = comments.ShownComment
    assert all(isinstance(result, None | shown | NotFoundError) for result in results), results
    # And once the stream has removed the replies, nothing is left and nothing is counted
    settle_stream()
    assert stored_comments(photo) == []
    assert stored_count(photo) == 0


def test_given_replies_and_deletes_of_replies_racing_then_reply_counts_stay_exact(
    api, make_token, one_dynamodb_request_at_a_time
):
    photo = ready_photo(api, make_token("alice"))
    top = comments.post_comment(photo, person(0), comments.NewComment("Ask me", None)).item
    answered = comments.CommentId(top["id"])
    first = [
        comments.post_comment(photo, person(n), comments.NewComment("first", answered)).item
        for n in range(1, 6)
    ]

    results = in_parallel(
        *(
            lambda n=n: comments.post_comment(photo, person(n), comments.NewComment("x", answered))
            for n in range(6, 6 + PEOPLE)
        ),
        *(
            lambda n=n, reply=reply: comments.delete_comment(
                photo, comments.CommentId(top["id"], reply["id"]), person(n)
            )
            for n, reply in enumerate(first, start=1)
        ),
    )

    assert all(isinstance(result, None | comments.ShownComment) for result in results), results
    items = stored_comments(photo)
    replies = [item for item in items if "replyTo" in item]
    (stored_top,) = [item for item in items if "replyTo" not in item]
    assert len(replies) == PEOPLE
    assert int(stored_top["replyCount"]) == PEOPLE
    assert stored_count(photo) == 1 + PEOPLE
