"""The image worker Lambda: turns each uploaded file into web renditions, or a clear failure.

Request path: browser presigned POST -> S3 uploads bucket -> ObjectCreated notification -> SQS ->
this Lambda (handler.py) -> renditions to the media bucket (imaging/) -> photo READY or FAILED in
DynamoDB (photo_records.py). It shares no code with the API (chalicelib/): it is packaged and
deployed on its own, with Pillow, so the API Lambda stays small.
"""
