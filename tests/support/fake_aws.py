"""The made-up AWS account every unit test works in: a region, fake credentials, and the site's
origin that the local resources' CORS rules name. Nothing with these values can reach AWS."""

REGION = "us-east-1"
SITE_ORIGIN = "http://localhost:8000"
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
