"""The three scenarios `make cost` prices, and the what-ifs: one change at a time to the large
scenario, to show which choices move the bill.

A scenario says how many photos are shared and how many feed views there are in a month (the
givens of docs/cost.md), who does them (assumptions), and the choices a what-if can change.
"""

from dataclasses import dataclass, replace

from bench.cost.assumptions import (
    SHARE_OF_CARDS_LOADING_FULL,
    SHARE_OF_REPEAT_VISITS,
    TYPICAL_UPLOAD,
)


@dataclass(frozen=True)
class Scenario:
    """A month of use: its givens, who does them, and the choices a what-if can change."""

    name: str
    photos: int  # shared a month
    feed_views: int  # a month
    monthly_active_people: int
    followers_per_person: float  # average; every account below FANOUT_MAX_FOLLOWERS (10,000)
    upload: str = TYPICAL_UPLOAD
    worker_memory_mb: int | None = None  # None: infra/template.yaml's WorkerMemoryMB default
    share_of_cards_loading_full: float = SHARE_OF_CARDS_LOADING_FULL
    share_of_repeat_visits: float = SHARE_OF_REPEAT_VISITS
    cognito_tier: str | None = None  # None: infra/template.yaml's UserPoolTier


# Photos and feed views a month are the scenarios' givens; the people and their followers are
# assumptions (100,000 people reading 100 feed views a month each, in the large one).
SCENARIOS = (
    Scenario("(a) Idle: deployed, nobody using it", 0, 0, 0, 0),
    Scenario(
        "(b) Small: 1,000 people, 10,000 photos, 200,000 feed views a month",
        photos=10_000,
        feed_views=200_000,
        monthly_active_people=1_000,
        followers_per_person=30,
    ),
    Scenario(
        "(c) Large: 1,000,000 photos, 10,000,000 feed views a month",
        photos=1_000_000,
        feed_views=10_000_000,
        monthly_active_people=100_000,
        followers_per_person=100,
    ),
)

# Each what-if is (its description, how it changes a scenario); the report prints the difference
# it makes to the large scenario's bill at list prices.
WHAT_IFS = (
    ("every feed card loads `full`", lambda s: replace(s, share_of_cards_loading_full=1.0)),
    ("every feed card loads `feed`", lambda s: replace(s, share_of_cards_loading_full=0.0)),
    ("every visit with an empty cache", lambda s: replace(s, share_of_repeat_visits=0.0)),
    ("10x the followers", lambda s: replace(s, followers_per_person=s.followers_per_person * 10)),
    ("every upload a 12 MP HEIC", lambda s: replace(s, upload="12MP HEIC")),
    ("worker at 1,024 MB", lambda s: replace(s, worker_memory_mb=1024)),
    ("worker at 3,008 MB", lambda s: replace(s, worker_memory_mb=3008)),
    ("Cognito on its Essentials tier", lambda s: replace(s, cognito_tier="ESSENTIALS")),
)
