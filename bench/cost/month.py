"""What a month of a scenario does: the operations it makes (feed pages, likes, comments, the
bell's checks, uploads, polls, deletes, fan-outs, notifications), the DynamoDB use of each, and
the counts the charges are built from (API requests and their Lambda seconds, stream
invocations, images and site files served).
"""

import math
from dataclasses import dataclass

from bench.cost.assumptions import (
    API_HANDLER_SECONDS,
    BELL_CHECKS_PER_FEED_VIEW,
    COMMENTS_PER_FEED_VIEW,
    DELETED_SHARE_OF_PHOTOS,
    DYNAMODB_ROUND_TRIP_SECONDS,
    FEED_PAGES_PER_VIEW,
    LIKES_PER_FEED_VIEW,
    ONE_VCPU_MB,
    WORKER_WAITING_SECONDS,
)
from bench.cost.inputs import BenchFigures, CodeFacts
from bench.cost.scenarios import Scenario
from bench.cost.usage import (
    BELL_CHECK_DYNAMODB,
    COMMENT_DYNAMODB,
    DELETE_DYNAMODB,
    ENTRIES_PER_BATCH_WRITE,
    FOLLOW_EDGE_BYTES,
    ITEMS_FETCHED_PER_PHOTO_SHOWN,
    LIKE_DYNAMODB,
    ME_DYNAMODB,
    NOTIFICATION_DYNAMODB,
    POLL_DYNAMODB,
    STREAM_BATCH_SIZE,
    STREAM_RECORDS_PER_COMMENT,
    STREAM_RECORDS_PER_DELETE,
    STREAM_RECORDS_PER_LIKE,
    STREAM_RECORDS_PER_UPLOAD,
    TIMELINE_QUERY_READ_UNITS,
    UPLOAD_REQUEST_DYNAMODB,
    WORKER_DYNAMODB,
    DynamoDBUse,
)


@dataclass(frozen=True)
class Month:
    """One scenario's month, counted with make bench's figures and the code's facts."""

    scenario: Scenario
    bench: BenchFigures
    code: CodeFacts

    @property
    def pages(self) -> float:
        return self.scenario.feed_views * FEED_PAGES_PER_VIEW

    @property
    def likes(self) -> float:
        return self.scenario.feed_views * LIKES_PER_FEED_VIEW

    @property
    def comments(self) -> float:
        return self.scenario.feed_views * COMMENTS_PER_FEED_VIEW

    @property
    def notifications(self) -> float:
        """Each like and comment tells the photo's owner (own photos and @names aside)."""
        return self.likes + self.comments

    @property
    def deletes(self) -> float:
        return self.scenario.photos * DELETED_SHARE_OF_PHOTOS

    @property
    def polls_per_upload(self) -> float:
        """The page asks once when the file is sent, then every poll interval until READY."""
        return 1 + self.bench.upload_to_ready_seconds / self.code.poll_interval_seconds

    @property
    def home_page(self) -> DynamoDBUse:
        fetched = self.code.page_size * ITEMS_FETCHED_PER_PHOTO_SHOWN
        return DynamoDBUse(
            requests=self.bench.home_page_requests,
            read_units=TIMELINE_QUERY_READ_UNITS + fetched * 0.5,
            write_units=0,
        )

    @property
    def fan_out(self) -> DynamoDBUse:
        followers = self.scenario.followers_per_person
        timelines = followers + 1
        return DynamoDBUse(
            requests=2 + math.ceil(timelines / ENTRIES_PER_BATCH_WRITE),
            read_units=0.5 + followers * FOLLOW_EDGE_BYTES / 4096 * 0.5,
            write_units=timelines * self.bench.write_units_per_timeline_entry,
        )

    def api_calls(self) -> list[tuple[str, float, DynamoDBUse]]:
        """(route, calls a month, DynamoDB use of one call) for every API call modelled."""
        photos = self.scenario.photos
        return [
            ("GET /feed/home", self.pages, self.home_page),
            ("GET /me", self.scenario.feed_views, ME_DYNAMODB),
            ("PUT /photos/{id}/like", self.likes, LIKE_DYNAMODB),
            ("POST /photos/{id}/comments", self.comments, COMMENT_DYNAMODB),
            (
                "GET /notifications (the bell)",
                self.scenario.feed_views * BELL_CHECKS_PER_FEED_VIEW,
                BELL_CHECK_DYNAMODB,
            ),
            ("POST /photos", photos, UPLOAD_REQUEST_DYNAMODB),
            ("GET /photos/{id} polls", photos * self.polls_per_upload, POLL_DYNAMODB),
            ("DELETE /photos/{id}", self.deletes, DELETE_DYNAMODB),
        ]

    def dynamodb_uses(self) -> list[tuple[str, float, DynamoDBUse]]:
        photos = self.scenario.photos
        return [
            *self.api_calls(),
            ("worker", photos, WORKER_DYNAMODB),
            ("fan-out", photos, self.fan_out),
            ("notifications", self.notifications, NOTIFICATION_DYNAMODB),
        ]

    @property
    def api_requests(self) -> float:
        return sum(calls for _, calls, _ in self.api_calls())

    @property
    def api_seconds(self) -> float:
        """Lambda seconds of every API call: the handler plus its DynamoDB round trips."""
        return sum(
            calls * (API_HANDLER_SECONDS + use.requests * DYNAMODB_ROUND_TRIP_SECONDS)
            for _, calls, use in self.api_calls()
        )

    @property
    def worker_memory_mb(self) -> int:
        return self.scenario.worker_memory_mb or self.code.worker_memory_mb

    @property
    def cognito_tier(self) -> str:
        return self.scenario.cognito_tier or self.code.cognito_tier

    @property
    def worker_seconds_per_photo(self) -> float:
        """CPU time stretched by the share of a vCPU the memory buys, plus time spent waiting."""
        cpu = self.bench.worker_cpu_seconds[self.scenario.upload]
        return cpu * max(1.0, ONE_VCPU_MB / self.worker_memory_mb) + WORKER_WAITING_SECONDS

    @property
    def timeline_entries(self) -> float:
        """Entries written a month; as many expire a month (TIMELINE_DAYS) later."""
        return self.scenario.photos * (self.scenario.followers_per_person + 1)

    @property
    def stream_invocations(self) -> float:
        """Writes made by requests arrive a few at a time: one invocation each (an upper bound);
        expiring timeline entries arrive in bulk, in full batches."""
        from_requests = (
            self.scenario.photos * STREAM_RECORDS_PER_UPLOAD
            + self.likes * STREAM_RECORDS_PER_LIKE
            + self.comments * STREAM_RECORDS_PER_COMMENT
            + self.deletes * STREAM_RECORDS_PER_DELETE
        )
        return from_requests + self.timeline_entries / STREAM_BATCH_SIZE

    @property
    def image_requests(self) -> float:
        return self.pages * self.code.page_size

    @property
    def first_visits(self) -> float:
        """Views from a browser without the site's files: it fetches them all."""
        return self.scenario.feed_views * (1 - self.scenario.share_of_repeat_visits)

    @property
    def repeat_visits(self) -> float:
        return self.scenario.feed_views * self.scenario.share_of_repeat_visits

    @property
    def site_requests(self) -> float:
        """A first visit fetches index.html, config.json and every hashed file; a repeat visit
        revalidates index.html and config.json and takes the rest from the browser's cache."""
        return (
            self.first_visits * self.code.site_files_first_visit
            + self.repeat_visits * self.code.site_files_repeat_visit
        )

    @property
    def cloudfront_requests(self) -> float:
        return self.site_requests + self.image_requests + self.api_requests
