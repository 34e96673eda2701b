"""The pages `make lighthouse` measures once something has been shared: one person, with a
display name, a bio and a profile picture, shares twelve photos of mixed shapes (landscape,
portrait, square, as phones take them) with captions, over HTTP and through the real worker, as
the page does it. Then the signed-out feed shows twelve photos, their profile a grid of twelve,
and one photo has a page of its own.
"""

from dataclasses import dataclass

from tests.support.browser import share_photos_over_http
from tests.support.browser_like_client import BrowserLikeClient
from tests.support.images import scene_jpeg

# The sizes phones and cameras save: 4:3 and 16:9 landscape, 3:4 and 9:16 portrait, square.
PHOTO_SIZES = [
    (2000, 1500),
    (1500, 2000),
    (1600, 1600),
    (2048, 1152),
    (1152, 2048),
    (1800, 1200),
]
PHOTO_COUNT = 12
CAPTIONS = [
    "Morning light over the harbour",
    "The old lighthouse, from the cliff path",
    "Breakfast on the balcony",
    "Fishing boats coming in before the storm",
    "Stairs down to the beach",
    "Fog rolling over the dunes",
    "Market stalls on a Saturday",
    "A tram climbing the hill",
    "Sunflowers by the road",
    "The bridge at dusk",
    "Rooftops after the rain",
    "Last swim of the summer",
]
PROFILE = {
    "displayName": "Marta Lindqvist",
    "bio": "Coastal towns, early mornings and whatever the light is doing.",
}


@dataclass(frozen=True)
class SharedPages:
    profile_path: str
    photo_path: str


def share_twelve_photos(site_url: str, config: dict) -> SharedPages:
    """The person and their photos; the addresses of their profile and of their newest photo."""
    client = BrowserLikeClient(site_url, config)
    person = client.sign_up_and_in("marta")
    edited = client.api("PATCH", "/me/profile", person.id_token, json=PROFILE)
    assert edited.status_code == 200, edited.text
    profile = client.upload_avatar(person, scene_jpeg(0, (800, 800)))
    assert "avatar" in profile, profile
    pictures = [
        scene_jpeg(number, PHOTO_SIZES[number % len(PHOTO_SIZES)]) for number in range(PHOTO_COUNT)
    ]
    newest_first = share_photos_over_http(client, person, pictures, CAPTIONS)
    return SharedPages(
        profile_path=f"/#/u/{person.username}", photo_path=f"/p/{newest_first[0]['id']}"
    )
