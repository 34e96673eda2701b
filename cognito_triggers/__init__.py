"""The user pool's triggers: Lambda functions Cognito runs at moments of an account's life.

One so far, `pre_sign_up`: the username rule (`usernames`), held where every account is made.
The package is a Lambda of its own (infra/template.yaml: PreSignUpFunction), zipped as it is by
the deploy (infra/deploy/trigger_package.py): it needs nothing beyond Python's standard library,
and, like the image worker, imports nothing of the API (chalicelib/), the worker or infra/.
"""
