"""The user pool's triggers: Lambda functions Cognito runs at moments of an account's life.

- `pre_sign_up`: the username rule (`usernames`), held where every account is made;
- `post_confirmation`: the account's CloudGram profile, made the moment it is confirmed, with
  its own copy of the keys it writes (`table_keys`).

The package is a Lambda of its own (infra/template.yaml: PreSignUpFunction and
PostConfirmationFunction run the same zip), zipped as it is by the deploy
(infra/deploy/trigger_package.py): it needs nothing beyond Python's standard library and the
boto3 that Lambda's Python runtime includes, and, like the image worker, imports nothing of the
API (chalicelib/), the worker or infra/.
"""
