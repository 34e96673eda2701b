"""The local stack's own JSON log lines (the app and worker log through their own Powertools
loggers), so everything `make dev` prints is one JSON document per line."""

from aws_lambda_powertools import Logger

local_logger = Logger(service="cloudgram-local")
