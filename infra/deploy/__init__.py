"""`make deploy` and `make destroy`: put CloudGram on an AWS account and take it off again.

`python -m infra.deploy deploy --stage dev` runs the steps in `__main__.py`, each one a small
module here: package the image worker (`worker_package`), keep its zip in an artifacts bucket
(`artifacts`), deploy infra/template.yaml (`stack`), hand the stack's outputs to chalice and run
`chalice deploy` (`chalice_stage`), then publish the frontend and its config.json (`site`).
`destroy` reverses it, emptying every bucket first (`buckets`). See docs/deploying.md.
"""
