"""The local AWS endpoint's DynamoDB keeps DynamoDB's promises where moto alone does not: writes
to one item do not lose each other under concurrency, a cancelled transaction leaves nothing
behind, a reader of the table's stream keeps seeing changes after one, and a Query that reads only
its partition answers exactly what moto's own Query answers."""

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from decimal import Decimal

import boto3
import pytest
from boto3.dynamodb.conditions import Key
from boto3.dynamodb.types import Binary
from botocore.exceptions import ClientError
from moto import mock_aws
from moto.dynamodb.models.table import Table

from chalicelib.shared import aws_clients as api_clients
from chalicelib.shared import settings as api_settings
from chalicelib.shared import table_keys, transactions, window_counters
from infra.local import dynamodb_like_aws
from infra.local.resource_definitions import table_definition
from infra.local.stack import ENDPOINT_VARIABLES

TABLE = "likes-test"
REGION = "us-east-1"
CONCURRENT_LIKES = 50


@pytest.fixture
def dynamodb(aws_client):
    client = aws_client("dynamodb")
    client.create_table(**table_definition(TABLE))
    return client


def like_transaction(user: str) -> list[dict]:
    """What like_store writes for one like: the like item and the photo's count, together."""
    return [
        {
            "Put": {
                "TableName": TABLE,
                "Item": {"PK": {"S": "PHOTO#p"}, "SK": {"S": f"LIKE#{user}"}},
                "ConditionExpression": "attribute_not_exists(PK)",
            }
        },
        {
            "Update": {
                "TableName": TABLE,
                "Key": {"PK": {"S": "PHOTO#p"}, "SK": {"S": "PHOTO"}},
                "UpdateExpression": "ADD likeCount :one",
                "ExpressionAttributeValues": {":one": {"N": "1"}},
            }
        },
    ]


def like_count(dynamodb) -> int:
    item = dynamodb.get_item(TableName=TABLE, Key={"PK": {"S": "PHOTO#p"}, "SK": {"S": "PHOTO"}})
    return int(item.get("Item", {}).get("likeCount", {"N": "0"})["N"])


def test_given_50_concurrent_like_transactions_then_the_count_is_exactly_50(dynamodb):
    def like(number: int) -> None:
        dynamodb.transact_write_items(TransactItems=like_transaction(f"user-{number}"))

    with ThreadPoolExecutor(max_workers=CONCURRENT_LIKES) as pool:
        list(pool.map(like, range(CONCURRENT_LIKES)))

    likes = dynamodb.query(
        TableName=TABLE,
        KeyConditionExpression="PK = :photo AND begins_with(SK, :like)",
        ExpressionAttributeValues={":photo": {"S": "PHOTO#p"}, ":like": {"S": "LIKE#"}},
        Select="COUNT",
    )
    assert likes["Count"] == CONCURRENT_LIKES
    assert like_count(dynamodb) == CONCURRENT_LIKES


def test_given_a_failed_condition_then_the_transaction_writes_nothing_and_says_why(dynamodb):
    dynamodb.transact_write_items(TransactItems=like_transaction("bob"))

    with pytest.raises(ClientError) as refused:
        dynamodb.transact_write_items(TransactItems=like_transaction("bob"))

    reasons = [reason["Code"] for reason in refused.value.response["CancellationReasons"]]
    assert reasons == ["ConditionalCheckFailed", "None"]
    assert like_count(dynamodb) == 1


def test_given_a_write_dynamodb_refuses_then_the_writes_before_it_are_undone(dynamodb):
    invalid = like_transaction("carol")
    invalid[1]["Update"]["UpdateExpression"] = "SET PK = :one"  # a key cannot be updated

    with pytest.raises(ClientError):
        dynamodb.transact_write_items(TransactItems=invalid)

    carol = dynamodb.get_item(
        TableName=TABLE, Key={"PK": {"S": "PHOTO#p"}, "SK": {"S": "LIKE#carol"}}
    )
    assert "Item" not in carol


def test_given_a_cancelled_transaction_then_a_stream_reader_still_sees_later_changes(
    dynamodb, aws_client
):
    dynamodb.put_item(TableName=TABLE, Item={"PK": {"S": "PHOTO#p"}, "SK": {"S": "PHOTO"}})
    streams = aws_client("dynamodbstreams")
    stream_arn = dynamodb.describe_table(TableName=TABLE)["Table"]["LatestStreamArn"]
    (shard,) = streams.describe_stream(StreamArn=stream_arn)["StreamDescription"]["Shards"]
    iterator = streams.get_shard_iterator(
        StreamArn=stream_arn, ShardId=shard["ShardId"], ShardIteratorType="LATEST"
    )["ShardIterator"]
    dynamodb.transact_write_items(TransactItems=like_transaction("bob"))
    with pytest.raises(ClientError):
        dynamodb.transact_write_items(TransactItems=like_transaction("bob"))

    dynamodb.transact_write_items(TransactItems=like_transaction("dave"))

    records = streams.get_records(ShardIterator=iterator)["Records"]
    changed = [record["dynamodb"]["Keys"]["SK"]["S"] for record in records]
    assert changed == ["LIKE#bob", "PHOTO", "LIKE#dave", "PHOTO"]


def test_given_requests_racing_for_a_counted_write_then_exactly_the_cap_get_one(
    dynamodb, endpoint, monkeypatch
):
    # The API's own counter (chalicelib/shared/window_counters.py), raised in a transaction as
    # the API raises it, against the local endpoint.
    for name in ENDPOINT_VARIABLES:
        monkeypatch.setenv(name, endpoint.url)
    monkeypatch.setenv("TABLE_NAME", TABLE)
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    for name in ("UPLOADS_BUCKET", "MEDIA_BUCKET", "USER_POOL_ID", "USER_POOL_CLIENT_ID"):
        monkeypatch.setenv(name, "unused")
    api_settings.load_settings.cache_clear()
    api_clients.reset()

    hour = window_counters.hour_of(datetime.now(UTC))
    counter = table_keys.upload_count_key("alice-id", hour.label)

    def count_one(_) -> bool:
        try:
            transactions.write([window_counters.counted(TABLE, counter, "uploads", 5, hour)])
        except transactions.TransactionRefusedError:
            return False
        return True

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(count_one, range(20)))

    api_settings.load_settings.cache_clear()
    api_clients.reset()
    assert results.count(True) == 5


def test_given_items_of_every_attribute_type_then_the_json_answers_read_back_exactly(aws_client):
    dynamodb = boto3.resource(
        "dynamodb",
        endpoint_url=aws_client("dynamodb").meta.endpoint_url,
        region_name=REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    dynamodb.meta.client.create_table(**table_definition(TABLE))
    table = dynamodb.Table(TABLE)
    item = {
        "PK": "PHOTO#p",
        "SK": "PHOTO",
        "text": "ünïcode ✨",
        "number": Decimal("12345678901234567890.5"),
        "negative": -3,
        "flag": True,
        "nothing": None,
        "bytes": b"\x00\xff binary",
        "names": {"a", "b"},
        "numbers": {Decimal(1), Decimal(2)},
        "nested": {"renditions": [{"key": "media/p/feed.webp", "width": 1080}], "empty": {}},
    }
    table.put_item(Item=item)
    for number in range(3):
        table.put_item(Item={"PK": "PHOTO#p", "SK": f"LIKE#{number}"})

    got = table.get_item(Key={"PK": "PHOTO#p", "SK": "PHOTO"}, ReturnConsumedCapacity="TOTAL")
    queried = table.query(
        KeyConditionExpression=Key("PK").eq("PHOTO#p") & Key("SK").begins_with("LIKE#"), Limit=2
    )
    batch = aws_client("dynamodb").batch_get_item(  # the low-level client: DynamoDB JSON
        RequestItems={TABLE: {"Keys": [{"PK": {"S": "PHOTO#p"}, "SK": {"S": "PHOTO"}}]}}
    )

    assert got["Item"] == {**item, "bytes": Binary(item["bytes"])}
    assert got["ConsumedCapacity"]["TableName"] == TABLE
    assert [like["SK"] for like in queried["Items"]] == ["LIKE#0", "LIKE#1"]
    assert queried["Count"] == 2
    assert queried["LastEvaluatedKey"] == {"PK": "PHOTO#p", "SK": "LIKE#1"}
    (raw,) = batch["Responses"][TABLE]
    assert sorted(raw["names"]["SS"]) == ["a", "b"]
    assert raw["nested"]["M"]["renditions"]["L"][0]["M"]["width"] == {"N": "1080"}


QUERIES = {
    "a partition, oldest first": {
        "KeyConditionExpression": "PK = :partition",
        "ExpressionAttributeValues": {":partition": {"S": "USER#3"}},
    },
    "a partition's likes, newest first, in pages of 4": {
        "KeyConditionExpression": "PK = :partition AND begins_with(SK, :like)",
        "ExpressionAttributeValues": {":partition": {"S": "USER#3"}, ":like": {"S": "LIKE#"}},
        "ScanIndexForward": False,
        "Limit": 4,
    },
    "a partition with a filter": {
        "KeyConditionExpression": "PK = :partition",
        "FilterExpression": "attribute_exists(ownerName)",
        "ExpressionAttributeValues": {":partition": {"S": "USER#5"}},
    },
    "a partition that does not exist": {
        "KeyConditionExpression": "PK = :partition",
        "ExpressionAttributeValues": {":partition": {"S": "USER#nobody"}},
    },
    "the feed index, newest first, in pages of 5": {
        "IndexName": "FeedIndex",
        "KeyConditionExpression": "feedShard = :shard",
        "ExpressionAttributeValues": {":shard": {"S": "0"}},
        "ScanIndexForward": False,
        "Limit": 5,
    },
    "the owner index, a range of sort keys": {
        "IndexName": "OwnerIndex",
        "KeyConditionExpression": "ownerName = :owner AND ownerSort < :before",
        "ExpressionAttributeValues": {":owner": {"S": "user2"}, ":before": {"S": "2026-11-30T12"}},
    },
}


def every_page(client, query: dict) -> list[dict]:
    pages, start = [], {}
    while True:
        page = client.query(TableName=TABLE, **query, **start)
        pages.append({key: page.get(key) for key in ("Items", "Count", "LastEvaluatedKey")})
        if "LastEvaluatedKey" not in page:
            return pages
        start = {"ExclusiveStartKey": page["LastEvaluatedKey"]}


@pytest.mark.parametrize("query", QUERIES.values(), ids=QUERIES.keys())
def test_given_many_partitions_when_queried_one_partition_at_a_time_then_moto_answers_the_same(
    aws_environment, monkeypatch, query
):
    # Given a table of many partitions, with items in both indexes and items in neither
    with mock_aws():
        client = boto3.client("dynamodb", region_name=REGION)
        client.create_table(**table_definition(TABLE))
        for user in range(8):
            for number in range(6):
                shared_at = f"2026-11-30T{10 + number:02d}:00:00Z#{user}"
                photo = {"PK": {"S": f"USER#{user}"}, "SK": {"S": f"PHOTO#{number}"}}
                if number % 2 == 0:  # every other one READY: in both sparse indexes
                    photo["feedShard"] = {"S": "0"}
                    photo["feedSort"] = {"S": shared_at}
                    photo["ownerName"] = {"S": f"user{user}"}
                    photo["ownerSort"] = {"S": shared_at}
                client.put_item(TableName=TABLE, Item=photo)
                like = {"PK": {"S": f"USER#{user}"}, "SK": {"S": f"LIKE#{number}"}}
                client.put_item(TableName=TABLE, Item=like)

        # When the same query runs through moto's own Query, then through the one-partition view
        monkeypatch.setattr(Table, "query", dynamodb_like_aws.ORIGINAL_QUERY)
        moto_pages = every_page(client, query)
        monkeypatch.setattr(Table, "query", dynamodb_like_aws.query_one_partition)
        one_partition_pages = every_page(client, query)

    # Then every page is the same: the items, their order, the count and where the next one starts
    assert one_partition_pages == moto_pages
    assert sum(page["Count"] for page in moto_pages) > 0 or "nobody" in str(query)
