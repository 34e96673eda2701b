"""Notifications: each person's inbox of what others did to them (liked their photo, commented,
answered their comment, followed them, mentioned them with an @name).

    deeds        which notifications an item of the table stands for, under keys fixed by it
    reaction     the table-stream reaction that puts and removes them as deeds come and go
    inbox_store  DynamoDB access for inboxes: notifications, the last-read mark, the unread count
    service      the two routes' work: a page of one's inbox, and marking it read
    presenter    a notification as the API's JSON

Written from the table's stream, never by the request that liked or commented, so a slow inbox
never slows a like (docs/design-decisions.md has the record). Notifications import `shared`,
`people` (who an @name is, what the actor looks like now) and `photos` (the renditions a
notification shows).
"""
