"""The site's own page, frontend/index.html, as the deploy published it to the site bucket
(infra/deploy/site.py): what a photo's page at /p/<id> is made of (chalicelib/edge/photo_page.py).

It is read from the bucket rather than shipped with the API, so /p/<id> serves the very page
every other address serves, whichever deploy published it last. CloudFront keeps the photo
pages a minute (infra/template.yaml, PhotoPageCachePolicy), so the bucket is read at most about
once a minute per photo and edge. The API's role may read this one object and nothing else in
the bucket.
"""

from chalicelib.shared import aws_clients
from chalicelib.shared.settings import load_settings

SITE_PAGE_KEY = "index.html"


def site_page() -> str:
    """The page's HTML; botocore's ClientError if the bucket cannot give it."""
    response = aws_clients.s3_client().get_object(
        Bucket=load_settings().site_bucket, Key=SITE_PAGE_KEY
    )
    return response["Body"].read().decode("utf-8")
