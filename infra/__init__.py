"""Everything that puts CloudGram somewhere: the CloudFormation template and deploy driver for AWS,
and the local stack (`infra.local`) that plays AWS on one machine for `make dev` and the tests."""
