"""Where moto's S3 falls short of S3 for a browser upload, the local stack makes up the difference:
an object posted from a form is announced only once it is whole, Content-Type included.

In S3 an `s3:ObjectCreated:Post` event describes an object that is complete: anyone who reads it
on hearing the event sees its type and metadata. moto stores a form-posted object first, sends the
event, and only then sets the type and metadata from the form's fields. The local worker hears the
event through SQS on another thread, so once in a while it reads the object in that gap, finds
`binary/octet-stream`, and rightly marks the photo FAILED ("not the announced type"). AWS never
does that, so the local stack must not either.

`install()` holds the event back until moto has finished the POST (type and metadata set), then
sends it, once, in this process. Nothing else about moto's upload changes.

Request path: browser -> the local AWS endpoint (infra/local/aws_endpoint.py) -> the S3 POST
policy guard -> moto's form POST, whose event this module delays -> SQS -> the worker loop.
"""

import threading

from moto.s3 import notifications
from moto.s3.models import S3Backend
from moto.s3.responses import S3Response

ORIGINAL_PUT_OBJECT = S3Backend.put_object
ORIGINAL_BUCKET_RESPONSE_POST = S3Response._bucket_response_post

# The server answers each request on a thread of its own, so each POST keeps its held-back event
# apart from every other's.
_held_back = threading.local()


def install() -> None:
    """Put the two halves in place: form POSTs store without an event, and announce when done."""
    S3Backend.put_object = put_object_announcing_posts_later
    S3Response._bucket_response_post = bucket_post_then_announce


def put_object_announcing_posts_later(self, bucket_name, key_name, value, *args, **kwargs):
    if kwargs.get("request_method") != "POST" or kwargs.get("disable_notification"):
        return ORIGINAL_PUT_OBJECT(self, bucket_name, key_name, value, *args, **kwargs)
    stored = ORIGINAL_PUT_OBJECT(
        self, bucket_name, key_name, value, *args, **{**kwargs, "disable_notification": True}
    )
    _held_back.event = (self.account_id, self.get_bucket(bucket_name), stored)
    return stored


def bucket_post_then_announce(self, request, bucket_name):
    _held_back.event = None
    try:
        response = ORIGINAL_BUCKET_RESPONSE_POST(self, request, bucket_name)
        held_back, _held_back.event = _held_back.event, None
        if held_back is not None:
            account_id, bucket, stored = held_back
            notifications.send_event(
                account_id,
                notifications.S3NotificationEvent.OBJECT_CREATED_POST_EVENT,
                bucket,
                stored,
            )
        return response
    finally:
        _held_back.event = None
