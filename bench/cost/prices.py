"""Public prices: us-east-1, on demand, as of November 2026, from each service's AWS price page,
and the always-free allowances every AWS account gets each month.

A price is dollars per the unit its name says; a change of AWS's prices is a change here only.
"""

HOURS_PER_MONTH = 730  # AWS's own convention for monthly prices
SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600

# https://aws.amazon.com/lambda/pricing/ (us-east-1; public prices as of November 2026)
LAMBDA_ARM64_PER_GB_SECOND = 0.0000133334
LAMBDA_X86_PER_GB_SECOND = 0.0000166667
LAMBDA_PER_MILLION_REQUESTS = 0.20
# https://aws.amazon.com/api-gateway/pricing/ (REST APIs, first 333 million requests a month;
# us-east-1; public prices as of November 2026)
API_GATEWAY_REST_PER_MILLION = 3.50
# https://aws.amazon.com/dynamodb/pricing/on-demand/ (us-east-1; public prices as of November 2026)
DYNAMODB_PER_MILLION_WRITE_UNITS = 0.625
DYNAMODB_PER_MILLION_READ_UNITS = 0.125
DYNAMODB_STORAGE_PER_GB_MONTH = 0.25
DYNAMODB_BACKUP_PER_GB_MONTH = 0.20  # point-in-time recovery (continuous backups)
# DynamoDB Streams: $0.02 per 100,000 read requests, but the GetRecords calls Lambda makes for a
# stream trigger are free, and the stream is read only by that trigger: no charge in the model.
DYNAMODB_STREAMS_PER_MILLION_READS = 0.20
# https://aws.amazon.com/s3/pricing/ (S3 Standard, first 50 TB; us-east-1; as of November 2026)
S3_STORAGE_PER_GB_MONTH = 0.023
S3_PER_THOUSAND_WRITES = 0.005  # PUT, COPY, POST, LIST
S3_PER_THOUSAND_READS = 0.0004  # GET, HEAD and the rest; DELETE is free
# https://aws.amazon.com/cloudfront/pricing/ (United States, Canada and Europe, the edges of
# PriceClass_100; first tier, the first 10 TB a month; public prices as of November 2026)
CLOUDFRONT_PER_GB_OUT = 0.085
CLOUDFRONT_PER_10000_HTTPS_REQUESTS = 0.01
CLOUDFRONT_PER_INVALIDATION_PATH = 0.005  # after the first 1,000 paths a month
# https://aws.amazon.com/cloudwatch/pricing/ (us-east-1; public prices as of November 2026)
# An alarm is billed per metric it reads: a metric-math alarm over three metrics costs three.
CLOUDWATCH_PER_ALARM_METRIC = 0.10  # standard resolution, a month
CLOUDWATCH_PER_DASHBOARD = 3.00  # a month, beyond the first three of the account
CLOUDWATCH_PER_CUSTOM_METRIC = 0.30  # a month (first 10,000), prorated by the hour
CLOUDWATCH_LOGS_PER_GB_INGESTED = 0.50
CLOUDWATCH_LOGS_PER_GB_STORED = 0.03  # a month, compressed
# https://aws.amazon.com/sqs/pricing/ (standard queues; us-east-1; as of November 2026)
SQS_PER_MILLION_REQUESTS = 0.40
# https://aws.amazon.com/cognito/pricing/ (user pools; public prices as of November 2026), by the
# pool's UserPoolTier. A pool created without one is on Essentials.
COGNITO_PER_MONTHLY_ACTIVE_USER = {"LITE": 0.0055, "ESSENTIALS": 0.015}
# https://aws.amazon.com/xray/pricing/ (traces recorded; us-east-1; as of November 2026)
XRAY_PER_MILLION_TRACES = 5.00
# https://aws.amazon.com/waf/pricing/ (public prices as of November 2026). A web ACL and each rule
# in it are billed by the month (prorated by the hour), and every request the web ACL inspects.
# A managed rule group is one rule; AWS's baseline groups, the common rule set among them, cost
# nothing more (Bot Control and the fraud-prevention groups do). No always-free allowance.
WAF_PER_WEB_ACL = 5.00
WAF_PER_RULE = 1.00
WAF_PER_MILLION_REQUESTS = 0.60

# Always-free allowances a month, per account, from the same pages (November 2026). A charge
# names the allowance its usage counts against (charge.Charge.allowance).
ALWAYS_FREE = {
    "Lambda requests": 1_000_000,
    "Lambda GB-seconds": 400_000,
    "SQS requests": 1_000_000,
    "CloudFront GB out": 1_000,
    "CloudFront requests": 10_000_000,
    "CloudFront invalidation paths": 1_000,
    "CloudWatch alarm metrics": 10,
    "CloudWatch dashboards": 3,
    "CloudWatch custom metrics": 10,
    "CloudWatch Logs GB": 5,  # ingestion, storage and queries together; counted on ingestion
    "X-Ray traces": 100_000,
    "DynamoDB storage GB": 25,
    "Cognito monthly active users": 10_000,
}
