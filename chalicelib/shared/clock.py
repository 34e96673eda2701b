"""The API's one way of writing a moment: ISO 8601 in UTC with milliseconds, such as
`2026-11-30T08:15:02.123Z`. Fixed width, so the strings sort in time order, which is what lets
them lead sort keys (`<time>#<id>`)."""

from datetime import UTC, datetime


def timestamp(moment: datetime | None = None) -> str:
    moment = moment or datetime.now(UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def moment(timestamp_text: str) -> datetime:
    """The moment a `timestamp()` string stands for."""
    return datetime.fromisoformat(timestamp_text.replace("Z", "+00:00"))
