"""`make deploy` and `make destroy`: put CloudGram on an AWS account and take it off again.

`python -m infra.deploy deploy --stage dev` runs the steps in `__main__.py`, each one a small
module here: package the image worker (`worker_package`), keep its zip in an artifacts bucket
(`artifacts`), keep the secret CloudFront sends the API (`origin_secret`), deploy the AWS WAF web
ACL of infra/waf.yaml in us-east-1 (`web_acl`) and infra/template.yaml in the app's region
(`stack`), hand the stack's outputs to chalice and run `chalice deploy` (`chalice_stage`), then
publish the frontend and its config.json (`site`). `destroy` reverses it, emptying every bucket
first (`buckets`). See docs/deploying.md.
"""
