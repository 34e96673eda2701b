"""Avatars: the picture a person chooses for their profile, uploaded as a photo is (a presigned
POST to the uploads bucket, renditions made by the worker) and kept on the profile item.

    service        the avatar routes' work: request an upload, go back to the letter
    avatar_store   DynamoDB access: the pending upload and the avatar on the profile item
    files          where an avatar's upload and renditions live in S3
    presenter      the upload's answer, and the upload's state as its owner is shown it
    cleanup        the table-stream reaction that removes a replaced or deleted avatar's files

An avatar is not an item of its own: the profile item carries it (`avatar`, and while a picture
is on its way `avatarUpload`, or why the last one was refused, `avatarFailure`), so every place
that reads a profile has it at no extra cost. Only the newest upload may become the avatar: the
worker sets `avatar` on condition that `avatarUpload` still names its upload.

Avatars import `shared`, their own modules, `people` (`profiles`: the picture goes on a profile,
which must exist first) and `photos` (`upload_policy`, the presigned POST photos use, and `cdn`,
which makes CloudFront forget files that are gone).
"""
