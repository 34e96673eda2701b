"""The API (chalicelib/shared/table_keys.py) and the worker (image_worker/table_keys.py) each keep
their copy of the table's key layout, because each Lambda is packaged on its own; these tests hold
the copies together, so the worker marks READY the very item the API created and counts it on the
profile the API reads."""

import pytest

from chalicelib.shared import table_keys as api_keys
from image_worker import table_keys as worker_keys


@pytest.mark.parametrize("photo_id", ["01JCNY8ZQ0V5G1Y0WJ6X7C9B2K", "01M8MWS2ZHC9HW6WFGAS3J6PBT"])
def test_given_a_photo_then_both_lambdas_key_it_alike(photo_id):
    assert worker_keys.photo_key(photo_id) == api_keys.photo_key(photo_id)


def test_given_a_user_then_both_lambdas_key_the_profile_alike():
    user_id = "0f8fad5b-d9cb-469f-a165-70867728950e"

    assert worker_keys.profile_key(user_id) == api_keys.profile_key(user_id)


@pytest.mark.parametrize("shard_count", [1, 2, 7])
def test_given_any_shard_count_then_the_worker_writes_partitions_the_api_queries(shard_count):
    queried = {api_keys.feed_shard_key(shard) for shard in range(shard_count)}

    written = {worker_keys.feed_shard_key(f"photo-{n}", shard_count) for n in range(200)}

    assert written == queried
