"""Comments: what people say about a photo, and replies to what they said, one level deep as
on Instagram (a reply to a reply answers its top-level comment).

    service        the comment routes' work: comment, reply, list, delete, and who may do each
    comment_store  DynamoDB access for comments, which live in their photo's partition, and the
                   counts they move (the photo's `commentCount`, a comment's `replyCount`)
    presenter      a comment as the API's JSON
    cleanup        the table-stream reaction that removes the replies of a deleted comment

A comment is part of its photo, as a like is: it moves the photo's count in the same
transaction. Comments import `shared`, `people.profiles` (a commenter is given a profile, so
they can be found by name) and `photos` (who may see a photo, and whether it is READY).
"""
