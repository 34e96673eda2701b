"""`python -m bench.cost` (`make cost`): what CloudGram costs a month on AWS, in three scenarios.

The model multiplies three kinds of number and prints every product with its inputs:

- usage per operation (a feed view, an upload, a like): measured by `make bench` where the
  benchmark measures it (build/bench/results.json, read by `inputs`: DynamoDB requests per home
  page, write units per fanned-out photo, the worker's CPU time per photo, upload-to-READY time,
  the API's cold import); counted from the code where the code decides it (`usage`: DynamoDB
  reads and writes per route, renditions per photo; `inputs`: the site's files, the template's
  alarms, memory sizes); otherwise a named assumption (`assumptions`);
- how often each operation happens in a month: the scenario (`scenarios`);
- the public on-demand price in us-east-1, each a named constant (`prices`).

Totals are given at list prices, then after the always-free allowances an AWS account gets each
month (Lambda, SQS, CloudFront, CloudWatch, X-Ray, DynamoDB storage, Cognito's first 10,000
users), which apply in full only to an account running nothing else.

Main assumptions: a feed view is a visit that loads the site and reads FEED_PAGES_PER_VIEW pages
of the home feed (the page's first tab); uploads are 12 MP phone JPEGs; the month's storage
holds a year of photos (MONTHS_OF_PHOTOS); traffic is spread evenly over the month. Not
modelled: profile and photo pages, follows, caption edits, sign-up e-mails (Cognito's own sender
is free, up to 50 a day), KMS requests of the uploads bucket (its bucket key keeps them to a
handful), data transfer between AWS services in the region (free) and taxes.
docs/cost.md explains the results.

The modules, in the order the numbers flow:

- `prices`: public prices and the always-free allowances;
- `usage`: DynamoDB, S3, SQS and the rest per operation, counted from the code;
- `assumptions`: what is neither measured nor decided by the code, each a named constant;
- `inputs`: make bench's figures and the facts read from the repository;
- `scenarios`: the three scenarios and the what-ifs that change one thing at a time;
- `month`: what a month of a scenario does, operation by operation;
- `charge`: one line of the bill, and how its numbers are printed;
- `compute_charges`, `storage_charges`, `serving_charges`, `monitoring_charges`: the lines of
  the bill, service by service;
- `bill`: a month's lines, the allowances they use and the totals;
- `report`: the printed report; `__main__`: `python -m bench.cost`.
"""
