"""The API's code, packaged by Chalice beside app.py.

Request path: API Gateway (or, locally, the local stack's gateway) -> app.py route -> a service
function here -> DynamoDB / S3. Each module has one concern; app.py only wires routes to them.
"""
