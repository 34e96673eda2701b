"""The table's key layout, as the API writes and reads it: the only module of the API that spells
a key or an index name.

One table holds every kind of item (docs/data-model.md has each item's attributes, the indexes
and every access pattern):

    item             PK                          SK
    photo            PHOTO#<photo id>            PHOTO
    like             PHOTO#<photo id>            LIKE#<user id>
    comment          PHOTO#<photo id>            COMMENT#<comment id>
    reply            PHOTO#<photo id>            REPLY#<comment id>#<reply id>
    profile          USER#<user id>              PROFILE
    follow edge      USER#<follower id>          FOLLOWS#<followee id>
    mirror edge      USER#<followee id>          FOLLOWER#<follower id>
    upload count     USER#<user id>              UPLOADS#<hour, UTC>
    avatar count     USER#<user id>              AVATAR_UPLOADS#<hour, UTC>
    upload slot      USER#<user id>              UPLOAD_SLOT#<slot number>
    write count      USER#<user id>              WRITES#<minute, UTC>
    data export      USER#<user id>              EXPORT#<export id>
    export state     USER#<user id>              EXPORTS
    username claim   USERNAME#<username, lower>  USERNAME
    name item        NAMES#<first character>     <searchable name>#<user id>
    timeline entry   TIMELINE#<user id>          <photo created time>#<photo id>
    celebrity mark   TIMELINE#<user id>          CELEBRITY#<username, lower>
    notification     INBOX#<user id>             NOTE#<time of the deed>#<kind>#<what it is about>
    last read mark   INBOX#<user id>             LAST_READ
    erasure          ERASED#<sha-256 of user id> ERASURE

A like shares its photo's partition, so one Query finds every like of a photo and the like and the
count it moves can be written in one transaction. Comments live there too, for the same reason.
Their ids are ULIDs, which sort by time, so `COMMENT#` lists a photo's top-level comments oldest
first in one Query; replies sit under their own prefix, `REPLY#<comment id>#`, so that Query never
reads a reply (a page is never short) and another lists one comment's replies. A follow is stored
both ways, so one Query lists whom someone follows and another lists their followers (what the
fan-out reads). The username claim maps a name to its user id, and its uniqueness condition is what
makes a username belong to one profile. A timeline is someone's home feed, written by the fan-out;
its celebrity marks name the celebrities they follow, whose photos are merged in when the feed is
read. The marks sort after every entry (letters after digits), so the first page's one Query, newest
first, returns them too. An inbox holds someone's notifications, newest last in key order, each
keyed by the deed it tells of (a like, a comment, a follow...), so writing it twice writes one
item; its last-read mark sorts before every notification ("L" before "N"), so "the notifications
after the mark" is one key condition, `SK > mark`, that never counts the mark itself.
A name item makes a person findable by the start of their username or display name: it is
keyed by the name's searchable form (`searchable_name`) and partitioned by its first character,
so any prefix, one character long or more, is one Query with `begins_with` on the sort key
(the partition's hot-spot trade-off is design decision 19).
The worker is packaged on its own and keeps its copy of the keys it uses in
image_worker/table_keys.py; tests/unit/test_key_layouts.py holds the two copies together.
"""

import hashlib
import unicodedata

FEED_INDEX = "FeedIndex"
OWNER_INDEX = "OwnerIndex"
# A photo's likes, newest first: the table's own PK as partition, the like's `likedAt` as sort
# key. Only like items carry `likedAt`, so only they are in the index (docs/data-model.md).
LIKES_INDEX = "LikesIndex"
# What one person wrote under other people's photos: their likes, comments and replies, each of
# which carries `authorId`; keys only, sorted by the table's SK (so `LIKE#`, `COMMENT#` and
# `REPLY#` each make one range). An export lists them, an erasure removes them
# (chalicelib/accounts/).
AUTHOR_INDEX = "AuthorIndex"
PHOTO_PREFIX = "PHOTO#"
LIKE_PREFIX = "LIKE#"
USER_PREFIX = "USER#"
FOLLOWS_PREFIX = "FOLLOWS#"
FOLLOWER_PREFIX = "FOLLOWER#"
TIMELINE_PREFIX = "TIMELINE#"
CELEBRITY_PREFIX = "CELEBRITY#"
UPLOAD_SLOT_PREFIX = "UPLOAD_SLOT#"
COMMENT_PREFIX = "COMMENT#"
REPLY_PREFIX = "REPLY#"
INBOX_PREFIX = "INBOX#"
NOTE_PREFIX = "NOTE#"
LAST_READ = "LAST_READ"
NAMES_PREFIX = "NAMES#"
EXPORT_PREFIX = "EXPORT#"
ERASED_PREFIX = "ERASED#"
ERASURE = "ERASURE"
# Characters of a searchable name that are kept and compared: more than any display name (30)
# or new username (30) has, and few enough that no key nears DynamoDB's 1,024-byte sort key
# (NFKD can make one character into many).
SEARCHABLE_LENGTH = 40


def photo_key(photo_id: str) -> dict:
    return {"PK": f"{PHOTO_PREFIX}{photo_id}", "SK": "PHOTO"}


def like_key(photo_id: str, user_id: str) -> dict:
    return {"PK": f"{PHOTO_PREFIX}{photo_id}", "SK": f"{LIKE_PREFIX}{user_id}"}


def comment_key(photo_id: str, comment_id: str) -> dict:
    """A top-level comment of the photo."""
    return {"PK": f"{PHOTO_PREFIX}{photo_id}", "SK": f"{COMMENT_PREFIX}{comment_id}"}


def reply_key(photo_id: str, comment_id: str, reply_id: str) -> dict:
    """A reply to the top-level comment `comment_id`, sorted among that comment's replies."""
    return {"PK": f"{PHOTO_PREFIX}{photo_id}", "SK": replies_prefix(comment_id) + reply_id}


def replies_prefix(comment_id: str) -> str:
    """The start of the sort key of every reply to `comment_id`."""
    return f"{REPLY_PREFIX}{comment_id}#"


def is_comment(key: dict) -> bool:
    """A top-level comment (not a reply, not a like)."""
    return key["PK"].startswith(PHOTO_PREFIX) and key["SK"].startswith(COMMENT_PREFIX)


def photo_id_of(key: dict) -> str:
    """The photo id in the key of a photo or of one of its likes."""
    return key["PK"].removeprefix(PHOTO_PREFIX)


def profile_key(user_id: str) -> dict:
    return {"PK": f"{USER_PREFIX}{user_id}", "SK": "PROFILE"}


def upload_count_key(user_id: str, hour: str) -> dict:
    """How many photos `user_id` requested in one clock hour (`2026-11-30T14`, UTC)."""
    return {"PK": f"{USER_PREFIX}{user_id}", "SK": f"UPLOADS#{hour}"}


def avatar_upload_count_key(user_id: str, hour: str) -> dict:
    """How many profile pictures `user_id` asked to upload in one clock hour
    (chalicelib/avatars/)."""
    return {"PK": f"{USER_PREFIX}{user_id}", "SK": f"AVATAR_UPLOADS#{hour}"}


def upload_slot_key(user_id: str, slot: int) -> dict:
    """One of the few slots a photo holds while it waits for its file (photos.upload_limits)."""
    return {"PK": f"{USER_PREFIX}{user_id}", "SK": f"{UPLOAD_SLOT_PREFIX}{slot}"}


def write_count_key(user_id: str, minute: str) -> dict:
    """How many writes (likes, follows...) `user_id` made in one clock minute
    (`2026-11-30T14:05`, UTC)."""
    return {"PK": f"{USER_PREFIX}{user_id}", "SK": f"WRITES#{minute}"}


def export_key(user_id: str, export_id: str) -> dict:
    """One "download your data" job of `user_id` and, once written, its archive's place
    (chalicelib/accounts/). It lives in the person's own partition, so erasing the account
    removes it with the rest of that partition."""
    return {"PK": f"{USER_PREFIX}{user_id}", "SK": f"{EXPORT_PREFIX}{export_id}"}


def export_state_key(user_id: str) -> dict:
    """The person's exports at a glance: the one in progress and when the recent ones were
    started, which the request for a new one reads and rewrites under a condition
    (chalicelib/accounts/export_store.py). `EXPORTS` sorts apart from every `EXPORT#` item."""
    return {"PK": f"{USER_PREFIX}{user_id}", "SK": "EXPORTS"}


def erasure_key(user_id: str) -> dict:
    """The erasure of `user_id`'s account (chalicelib/accounts/): its progress while it runs,
    then, for as long as an old token may still be used, the mark that refuses that account's
    writes. Keyed by a digest of the id, so that the mark left behind does not hold the id."""
    digest = hashlib.sha256(user_id.encode()).hexdigest()
    return {"PK": f"{ERASED_PREFIX}{digest}", "SK": ERASURE}


def is_erasure(key: dict) -> bool:
    return key["PK"].startswith(ERASED_PREFIX) and key["SK"] == ERASURE


def follow_key(follower_id: str, followee_id: str) -> dict:
    """The edge in the follower's partition: "follower follows followee"."""
    return {"PK": f"{USER_PREFIX}{follower_id}", "SK": f"{FOLLOWS_PREFIX}{followee_id}"}


def follower_key(followee_id: str, follower_id: str) -> dict:
    """The mirror edge in the followee's partition: "followee is followed by follower"."""
    return {"PK": f"{USER_PREFIX}{followee_id}", "SK": f"{FOLLOWER_PREFIX}{follower_id}"}


def user_partition(user_id: str) -> str:
    return f"{USER_PREFIX}{user_id}"


def timeline_partition(user_id: str) -> str:
    return f"{TIMELINE_PREFIX}{user_id}"


def timeline_entry_key(user_id: str, photo_sort_key: str) -> dict:
    """An entry of `user_id`'s home feed, sorted by the photo's `ownerSort`
    (`<created time>#<photo id>`): the same order as OwnerIndex, so a celebrity's photos, read
    from OwnerIndex, merge into the timeline with one cursor."""
    return {"PK": timeline_partition(user_id), "SK": photo_sort_key}


def celebrity_mark_key(user_id: str, celebrity_username: str) -> dict:
    """The mark that `user_id` follows the celebrity `celebrity_username`, whose photos are
    merged into their home feed when it is read."""
    return {
        "PK": timeline_partition(user_id),
        "SK": f"{CELEBRITY_PREFIX}{username_key(celebrity_username)}",
    }


def inbox_partition(user_id: str) -> str:
    return f"{INBOX_PREFIX}{user_id}"


def notification_key(user_id: str, notification_id: str) -> dict:
    """One notification in `user_id`'s inbox. Its id, `<time of the deed>#<kind>#<subject>`,
    follows from the deed alone (notifications.deeds), so the same deed always has the same key."""
    return {"PK": inbox_partition(user_id), "SK": f"{NOTE_PREFIX}{notification_id}"}


def notification_id_of(key: dict) -> str:
    return key["SK"].removeprefix(NOTE_PREFIX)


def last_read_key(user_id: str) -> dict:
    """Where `user_id` has read their inbox up to: the newest notification's sort key then."""
    return {"PK": inbox_partition(user_id), "SK": LAST_READ}


def is_celebrity_mark(key: dict) -> bool:
    return key["SK"].startswith(CELEBRITY_PREFIX)


def username_claim_key(username: str) -> dict:
    return {"PK": f"USERNAME#{username_key(username)}", "SK": "USERNAME"}


def username_key(username: str) -> str:
    """The spelling a username is stored and looked up under. The user pool ignores case when
    people sign in (`CaseSensitive: false`), so "Alice" and "alice" are one person here too."""
    return username.lower()


def feed_shard_key(shard: int) -> str:
    """The global feed's partition for shard number `shard` (FeedIndex's partition key)."""
    return f"FEED#{shard}"


def owner_index_partition(username: str) -> str:
    """OwnerIndex's partition key for one owner's photos. It is the owner's username, not their
    id, because a profile page is addressed by username: its photos are then one Query, with no
    look-up of the id first. Cognito usernames never change, so the key is stable."""
    return username_key(username)


def is_profile(key: dict) -> bool:
    return key["PK"].startswith(USER_PREFIX) and key["SK"] == "PROFILE"


def is_photo(key: dict) -> bool:
    return key["PK"].startswith(PHOTO_PREFIX) and key["SK"] == "PHOTO"


def searchable_name(name: str) -> str:
    """A name as search compares it: accents off (NFKD, then every combining mark dropped), case
    folded, and letters and digits only, so "Ána", "ana" and "A.na" are all "ana". The user
    pool's triggers keep a copy (cognito_triggers/table_keys.py)."""
    decomposed = unicodedata.normalize("NFKD", name)
    without_marks = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in without_marks.casefold() if c.isalnum())[:SEARCHABLE_LENGTH]


def names_partition(first_character: str) -> str:
    """The partition that holds every searchable name starting with `first_character`."""
    return f"{NAMES_PREFIX}{first_character}"


def name_key(name: str, user_id: str) -> dict | None:
    """The name item that lets `user_id` be found by `name` (their username or display name);
    None for a name with no letter or digit, which no search can reach. The sort key's "#" sorts
    before every letter and digit, so the people named exactly as searched come first."""
    searchable = searchable_name(name)
    if not searchable:
        return None
    return {"PK": names_partition(searchable[0]), "SK": f"{searchable}#{user_id}"}
