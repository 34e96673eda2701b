"""The API's code, packaged by Chalice beside app.py: one package a feature, over one shared
package.

Request path: API Gateway (or, locally, the local stack's gateway) -> a route in app.py ->
`edge` parses the request -> a feature's service does the work against DynamoDB and S3 ->
`edge` and the feature's presenter turn the result, or the domain error it raised, into HTTP.

    edge/     HTTP at the edge: who is calling, request parsing, domain errors to status codes,
              the middleware around every route, the OpenAPI document
    photos/   sharing a photo (upload policy and limits), reading, editing and deleting it, its
              likes, and the clean-up after a delete
    people/   profiles and follows
    feeds/    lists of photos: the global feed, a person's photos, home feeds and the fan-out
              that writes them
    comments/ comments on photos and their replies, and the clean-up after a delete
    notifications/  each person's inbox, written from the table's stream, and its two routes
    accounts/ an account's whole life: downloading its data, and erasing it completely
    shared/   what every feature uses: settings, boto3 clients, domain errors, logs and metrics,
              the table's key layout, transactions, batches, pages, the table's stream

A feature imports `shared` and its own modules, and names in its docstring any other feature it
uses; only `edge` (and app.py) know about HTTP and Chalice.
"""
