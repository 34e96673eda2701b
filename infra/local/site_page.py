"""The local site bucket's one object: the site's page, index.html, which the API reads to answer
a photo's address, /p/<id> (chalicelib/shared/site_page.py), as it reads it in AWS.

In AWS the deploy publishes all of frontend/ to the site bucket (infra/deploy/site.py) and
CloudFront serves it from there. Locally the gateway serves frontend/ straight from the folder,
so that an edit shows on the next reload during `make dev`; only the photo pages need the
bucket, and only its index.html. So the gateway publishes that file, as the deploy would, with
the same Content-Type and Cache-Control, when the stack starts and again before each photo page
it passes to the API, whenever the file has changed since: an edit to index.html shows at
/p/<id> on the next reload too, and the API's code path is the one it takes in AWS.
With `--built-site` the gateway serves the deploy's build, whose index.html names hashed files:
that page, `built_page`, is the one published, as the deploy publishes it.
"""

import threading
from pathlib import Path

from chalicelib.shared.site_page import SITE_PAGE_KEY
from infra.deploy.site import site_file


class LocalSitePage:
    """frontend/index.html (or the built page), published to the local site bucket whenever it
    has changed."""

    def __init__(
        self, s3_client, bucket: str, frontend_dir: Path, built_page: bytes | None = None
    ) -> None:
        self.s3_client = s3_client
        self.bucket = bucket
        self.page_path = frontend_dir / SITE_PAGE_KEY
        self.built_page = built_page
        self._published_md5: str | None = None
        # The gateway serves requests on many threads; one publish at a time is enough.
        self._lock = threading.Lock()

    def publish_if_changed(self) -> bool:
        """Upload the page if it differs from what was last uploaded; whether it was."""
        body = self.page_path.read_bytes() if self.built_page is None else self.built_page
        page = site_file(SITE_PAGE_KEY, body)
        with self._lock:
            if page.md5 == self._published_md5:
                return False
            self.s3_client.put_object(
                Bucket=self.bucket,
                Key=page.key,
                Body=page.body,
                ContentType=page.content_type,
                CacheControl=page.cache_control,
            )
            self._published_md5 = page.md5
            return True
