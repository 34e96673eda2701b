"""CloudFront, for the one thing the API asks of it: to forget cached copies of deleted media.

Renditions are served with a one-year `immutable` cache lifetime, so once a photo is deleted its
URLs must be invalidated, or CloudFront's edges keep serving it. One wildcard path per photo
counts as one invalidation path (the first 1,000 a month are free). The local stack has no
cache, so there (DISTRIBUTION_ID unset) there is nothing to forget.
"""

from chalicelib.shared import aws_clients
from chalicelib.shared.settings import load_settings


def forget(path_pattern: str) -> None:
    distribution_id = load_settings().distribution_id
    if not distribution_id:
        return
    aws_clients.cloudfront_client().create_invalidation(
        DistributionId=distribution_id,
        InvalidationBatch={
            "Paths": {"Quantity": 1, "Items": [path_pattern]},
            # The same pattern twice (a retried stream record) is one invalidation, not two.
            "CallerReference": path_pattern,
        },
    )
