"""Photos: sharing one (a PENDING photo and the presigned POST for its file, within the
per-person limits), reading, editing and deleting it, liking it, listing who liked it, and
cleaning up after it.

    service        the photo routes' work: request an upload, read, change the caption, delete
    store          DynamoDB access for photo items (and the two indexes that list them)
    status         what a PENDING photo's status means now (it may never become READY)
    visibility     who may see a photo (404 for anyone else, as if it did not exist)
    shown          photos as a viewer is shown them: status as of now, and likedByMe
    presenter      a shown photo as the API's JSON
    preview        what a link preview of a READY photo shows (its page at /p/<id> carries it)
    likes          liking and unliking, and which photos of a page the viewer likes
    likers         who liked a photo, newest first, and whether the viewer follows each
    like_store     DynamoDB access for likes, which live in their photo's partition (and
                   LikesIndex, which sorts them by time)
    upload_policy  the presigned POST a browser uploads the file with
    upload_limits  how many photos one person may have waiting, and share an hour
    upload_quota_store  the per-person hourly counter behind the second limit
    files          a photo's objects in S3 (renditions and upload)
    cdn            CloudFront forgetting a deleted photo's cached renditions
    cleanup        the table-stream reaction that removes a deleted photo's likes, comments
                   and files

A like is part of its photo: it lives in the photo's partition and moves the photo's count in the
same transaction. Photos import `shared`, their own modules, and `people`: `profiles` (a photo is
counted on its owner's profile, which must exist first), and `follows` and `follow_store` (a
list of likers is a list of people, each with whether the viewer follows them).
"""
