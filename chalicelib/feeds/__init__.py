"""Feeds: every list of photos a person scrolls through, newest first, a page at a time, and
the people those photos lead to (suggestions of whom to follow).

    global_feed     everyone's READY photos (FeedIndex, one Query per shard)
    person_photos   one person's photos (OwnerIndex, one Query); the owner also sees pending
                    and failed ones
    home_feed       your photos and those of the people you follow: one Query of your
                    timeline, plus the celebrities you follow merged in
    timeline_store  DynamoDB access for timelines, the home feeds written ahead of time
    fanout          the table-stream reaction that writes timelines (fan-out on write)
    suggestions     people to follow: followed by those you follow, or sharing photos lately

Feeds import `shared`, their own modules, `photos` (the photos they list, as a viewer is shown
them) and `people` (names to ids, followers to fan out to, the looks of people suggested).
"""
