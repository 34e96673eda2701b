"""What every feature of the API shares, and nothing feature-specific: settings and boto3
clients (made once, lazily), the clock, the domain errors services raise, logs and metrics, the
DynamoDB key layout, transactions and batches, pages of a list, the table's change stream, and
the site's own page (index.html, which photo pages are made of).

It imports nothing from the feature packages or from `edge`, and nothing from Chalice.
"""
