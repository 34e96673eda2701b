"""The AWS resources CloudGram needs, described once for the local stack.

`infra/template.yaml` describes the same resources for AWS; a test
(tests/unit/infra/test_template_matches_local_definitions.py) checks that the two agree: table
keys and indexes, queue redrive, bucket CORS, notification filter, the user pool's password
policy, username case and sign-up trigger, the app client's token lifetimes and its answers about
accounts that do not exist. So what runs locally is what will run in the cloud.
"""

from dataclasses import dataclass

UPLOADS_PREFIX = "uploads/"
FEED_INDEX = "FeedIndex"
# Epoch seconds after which DynamoDB deletes an item: set on a PENDING photo, cleared by the worker.
TIME_TO_LIVE_ATTRIBUTE = "deleteAfter"
OWNER_INDEX = "OwnerIndex"
LIKES_INDEX = "LikesIndex"
AUTHOR_INDEX = "AuthorIndex"
# The table's stream carries each changed item's old and new image, so the stream function can
# tell what changed (a photo removed, and what it was) without reading the table again.
STREAM_VIEW_TYPE = "NEW_AND_OLD_IMAGES"
DEAD_LETTER_MAX_RECEIVE_COUNT = 5
# AWS recommends a visibility timeout of at least six times the consumer's timeout (60 s).
QUEUE_VISIBILITY_TIMEOUT_SECONDS = 360
DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 3600
UPLOAD_CORS_MAX_AGE_SECONDS = 3000
# The stream function's event source mapping (chalice creates it; see app.py's on_table_change):
# batches of up to 100 records, a failing batch retried this many times before a note of it goes
# to the stream's dead-letter queue.
STREAM_BATCH_SIZE = 100
STREAM_MAX_RETRY_ATTEMPTS = 5
# "Download your data" (chalicelib/accounts/): the export function has 15 minutes (900 s) and
# three tries; the queue hides a message being worked on six times that long, as AWS recommends
# for Lambda consumers, so no second try starts while the first still runs.
EXPORT_FUNCTION_TIMEOUT_SECONDS = 900
EXPORTS_QUEUE_VISIBILITY_TIMEOUT_SECONDS = 6 * EXPORT_FUNCTION_TIMEOUT_SECONDS
EXPORTS_MAX_RECEIVE_COUNT = 3
EXPORTS_PREFIX = "exports/"
# An archive can be downloaded for a week; an unfinished multipart upload is dropped after a day.
EXPORTS_KEPT_DAYS = 7
EXPORTS_LIFECYCLE_RULES = [
    {
        "ID": "ForgetOldExports",
        "Status": "Enabled",
        "Filter": {"Prefix": EXPORTS_PREFIX},
        "Expiration": {"Days": EXPORTS_KEPT_DAYS},
        "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1},
    }
]


# The user pool's feature plan: Lite has all CloudGram uses (docs/cost.md, "Signing people in").
USER_POOL_TIER = "LITE"

# "Karl" and "karl" are one username, as in the template's pool. moto ignores the setting;
# infra/local/cognito_like_aws.py plays it.
USERNAME_CONFIGURATION = {"CaseSensitive": False}
# moto's account: the local trigger's ARN only names the function, which moto never runs.
LOCAL_ACCOUNT_ID = "123456789012"

# The user pool's password policy, as in infra/template.yaml; config.json hands its rules to the
# page (infra/site_config.py), which checks a new password as it is typed.
PASSWORD_POLICY = {
    "MinimumLength": 10,
    "RequireLowercase": True,
    "RequireUppercase": True,
    "RequireNumbers": True,
    "RequireSymbols": False,
    "TemporaryPasswordValidityDays": 7,
}

# Where "Forgot password?" sends its code, as in infra/template.yaml: the confirmed e-mail
# address. Without it, moto says it sent the code by SMS, to a made-up phone number.
ACCOUNT_RECOVERY_SETTING = {"RecoveryMechanisms": [{"Name": "verified_email", "Priority": 1}]}

# How long the app client's tokens live, as in infra/template.yaml. An ID token is trusted until
# it expires, even after its session has ended, so it lives 15 minutes (docs/design-decisions.md,
# record 11) and the page refreshes it before then (frontend/js/services/session.js); the access
# token lives as long, because the page times its refresh by ExpiresIn, which is the access
# token's. The refresh token lasts 30 days, or until signing out revokes it. moto ignores these
# lifetimes; infra/local/cognito_like_aws.py makes the local pool keep them.
APP_CLIENT_TOKENS = {
    "EnableTokenRevocation": True,
    "IdTokenValidity": 15,
    "AccessTokenValidity": 15,
    "RefreshTokenValidity": 30,
    "TokenValidityUnits": {"IdToken": "minutes", "AccessToken": "minutes", "RefreshToken": "days"},
}


# What the app client answers about accounts that do not exist, as in infra/template.yaml: a
# sign-in says "Incorrect username or password." whether or not the name exists, and asking for a
# new confirmation code answers as if one was sent (infra/local/cognito_like_aws.py plays that).
APP_CLIENT_USER_EXISTENCE_ERRORS = {"PreventUserExistenceErrors": "ENABLED"}


@dataclass(frozen=True)
class ResourceNames:
    """Physical names of one stack's resources; a prefix keeps side-by-side stacks apart."""

    prefix: str = "cloudgram"

    @property
    def table(self) -> str:
        return f"{self.prefix}-photos"

    @property
    def uploads_bucket(self) -> str:
        return f"{self.prefix}-uploads"

    @property
    def media_bucket(self) -> str:
        return f"{self.prefix}-media"

    @property
    def site_bucket(self) -> str:
        return f"{self.prefix}-site"

    @property
    def uploads_queue(self) -> str:
        return f"{self.prefix}-uploads"

    @property
    def dead_letter_queue(self) -> str:
        return f"{self.prefix}-uploads-dlq"

    @property
    def table_stream_dead_letter_queue(self) -> str:
        return f"{self.prefix}-table-stream-dlq"

    @property
    def exports_bucket(self) -> str:
        return f"{self.prefix}-exports"

    @property
    def exports_queue(self) -> str:
        return f"{self.prefix}-exports"

    @property
    def exports_dead_letter_queue(self) -> str:
        return f"{self.prefix}-exports-dlq"

    @property
    def user_pool(self) -> str:
        return f"{self.prefix}-users"

    @property
    def user_pool_client(self) -> str:
        return f"{self.prefix}-web"

    @property
    def pre_sign_up_function(self) -> str:
        return f"{self.prefix}-pre-sign-up"

    @property
    def post_confirmation_function(self) -> str:
        return f"{self.prefix}-post-confirmation"


def user_pool_triggers(names: ResourceNames, region: str) -> dict:
    """The user pool's LambdaConfig: the Pre Sign-up trigger, which checks every new username
    (cognito_triggers/pre_sign_up.py), and the Post Confirmation trigger, which makes the
    confirmed account's profile (cognito_triggers/post_confirmation.py). moto only stores them;
    locally infra/local/cognito_like_aws.py runs the functions."""
    functions = f"arn:aws:lambda:{region}:{LOCAL_ACCOUNT_ID}:function"
    return {
        "PreSignUp": f"{functions}:{names.pre_sign_up_function}",
        "PostConfirmation": f"{functions}:{names.post_confirmation_function}",
    }


def table_definition(table_name: str) -> dict:
    """Arguments for DynamoDB CreateTable: one table, four sparse GSIs (docs/data-model.md), and a
    stream of every change with the item's old and new image, which the stream function reads."""
    string_attributes = [
        "PK",
        "SK",
        "feedShard",
        "feedSort",
        "ownerName",
        "ownerSort",
        "likedAt",
        "authorId",
    ]
    return {
        "TableName": table_name,
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [
            {"AttributeName": name, "AttributeType": "S"} for name in string_attributes
        ],
        "KeySchema": [
            {"AttributeName": "PK", "KeyType": "HASH"},
            {"AttributeName": "SK", "KeyType": "RANGE"},
        ],
        "GlobalSecondaryIndexes": [
            _index(FEED_INDEX, "feedShard", "feedSort"),
            _index(OWNER_INDEX, "ownerName", "ownerSort"),
            _index(LIKES_INDEX, "PK", "likedAt"),
            _index(AUTHOR_INDEX, "authorId", "SK", projection="KEYS_ONLY"),
        ],
        "StreamSpecification": {"StreamEnabled": True, "StreamViewType": STREAM_VIEW_TYPE},
    }


def _index(name: str, partition_key: str, sort_key: str, projection: str = "ALL") -> dict:
    return {
        "IndexName": name,
        "KeySchema": [
            {"AttributeName": partition_key, "KeyType": "HASH"},
            {"AttributeName": sort_key, "KeyType": "RANGE"},
        ],
        "Projection": {"ProjectionType": projection},
    }


def upload_cors_rules(site_origins: list[str]) -> list[dict]:
    """The uploads bucket accepts the browser's presigned POST from the site's own origin only."""
    return [
        {
            "AllowedOrigins": site_origins,
            "AllowedMethods": ["POST"],
            "AllowedHeaders": ["*"],
            "ExposeHeaders": ["ETag", "Location"],
            "MaxAgeSeconds": UPLOAD_CORS_MAX_AGE_SECONDS,
        }
    ]


def upload_notification(queue_arn: str) -> dict:
    """Every object created under uploads/ becomes a message on the uploads queue."""
    return {
        "QueueConfigurations": [
            {
                "QueueArn": queue_arn,
                "Events": ["s3:ObjectCreated:*"],
                "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": UPLOADS_PREFIX}]}},
            }
        ]
    }


def redrive_policy(
    dead_letter_queue_arn: str, max_receive_count: int = DEAD_LETTER_MAX_RECEIVE_COUNT
) -> dict:
    return {"deadLetterTargetArn": dead_letter_queue_arn, "maxReceiveCount": max_receive_count}
