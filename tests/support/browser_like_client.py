"""Talks to a running local stack the way the page does: Cognito's JSON API, the API under /api,
the presigned POST straight to S3, and media under /media. Used by the integration tests."""

import time
import uuid
from dataclasses import dataclass

import requests

COGNITO_CONTENT_TYPE = "application/x-amz-json-1.1"
PASSWORD = "Correct-Horse-42"


@dataclass
class SignedInUser:
    username: str
    id_token: str


class BrowserLikeClient:
    def __init__(self, site_url: str, config: dict) -> None:
        self.site_url = site_url
        self.config = config
        self.http = requests.Session()

    # Cognito, called straight from the page as the JSON API expects.
    def cognito(self, operation: str, body: dict) -> requests.Response:
        return self.http.post(
            self.config["cognito"]["endpoint"],
            json=body,
            headers={
                "Content-Type": COGNITO_CONTENT_TYPE,
                "X-Amz-Target": f"AWSCognitoIdentityProviderService.{operation}",
            },
            timeout=10,
        )

    def sign_up_and_in(self, username: str | None = None) -> SignedInUser:
        """A new account, signed in, with the profile the page's first GET /me makes."""
        user = self.sign_up_and_in_to_cognito(username)
        # The page asks who is signed in straight away, which gives a newcomer their profile.
        assert self.api("GET", "/me", user.id_token).status_code == 200
        return user

    def sign_up_and_in_to_cognito(self, username: str | None = None) -> SignedInUser:
        """A new account, signed in, that has not called the API yet."""
        username = username or f"user{uuid.uuid4().hex[:10]}"
        client_id = self.config["cognito"]["clientId"]
        attributes = [{"Name": "email", "Value": f"{username}@example.com"}]
        signed_up = self.cognito(
            "SignUp",
            {
                "ClientId": client_id,
                "Username": username,
                "Password": PASSWORD,
                "UserAttributes": attributes,
            },
        )
        assert signed_up.status_code == 200, signed_up.text
        confirm = {"ClientId": client_id, "Username": username, "ConfirmationCode": "123456"}
        confirmed = self.cognito("ConfirmSignUp", confirm)
        assert confirmed.status_code == 200, confirmed.text
        signed_in = self.cognito(
            "InitiateAuth",
            {
                "AuthFlow": "USER_PASSWORD_AUTH",
                "ClientId": client_id,
                "AuthParameters": {"USERNAME": username, "PASSWORD": PASSWORD},
            },
        )
        assert signed_in.status_code == 200, signed_in.text
        return SignedInUser(username, signed_in.json()["AuthenticationResult"]["IdToken"])

    # The API, on the site's own origin.
    def api(self, method: str, path: str, token: str | None = None, **kwargs) -> requests.Response:
        headers = {"Authorization": token} if token else {}
        return self.http.request(
            method, f"{self.site_url}/api{path}", headers=headers, timeout=10, **kwargs
        )

    def request_upload(self, user: SignedInUser, data: bytes, content_type="image/jpeg") -> dict:
        response = self.api(
            "POST",
            "/photos",
            user.id_token,
            json={"contentType": content_type, "size": len(data), "caption": "integration"},
        )
        assert response.status_code == 201, response.text
        return response.json()

    def post_file(self, upload: dict, data: bytes, content_type: str) -> requests.Response:
        """The presigned POST, as the page's FormData sends it: policy fields first, file last."""
        return self.http.post(
            upload["url"],
            data=upload["fields"],
            files={"file": ("photo", data, content_type)},
            headers={"Origin": self.site_url},
            timeout=30,
        )

    def wait_until_settled(self, user: SignedInUser, photo_id: str, timeout=30.0) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            photo = self.api("GET", f"/photos/{photo_id}", user.id_token).json()
            if photo["status"] != "PENDING":
                return photo
            time.sleep(0.05)
        raise AssertionError(f"photo {photo_id} still PENDING after {timeout} s")

    def upload_photo(self, user: SignedInUser, data: bytes, content_type="image/jpeg") -> dict:
        created = self.request_upload(user, data, content_type)
        posted = self.post_file(created["upload"], data, content_type)
        assert posted.status_code == 204, posted.text
        return self.wait_until_settled(user, created["photo"]["id"])

    def upload_avatar(self, user: SignedInUser, data: bytes, content_type="image/jpeg") -> dict:
        """Choose a profile picture as the page does: POST /me/avatar, the presigned POST, then
        the profile until the picture is no longer on its way. The profile, as its owner sees
        it: with the new `avatar`, or `avatarUpload` FAILED and why."""
        requested = self.api(
            "POST",
            "/me/avatar",
            user.id_token,
            json={"contentType": content_type, "size": len(data)},
        )
        assert requested.status_code == 201, requested.text
        posted = self.post_file(requested.json()["upload"], data, content_type)
        assert posted.status_code == 204, posted.text
        return self.wait_until_avatar_settled(user)

    def wait_until_avatar_settled(self, user: SignedInUser, timeout=30.0) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            profile = self.api("GET", f"/users/{user.username}", user.id_token).json()
            if profile.get("avatarUpload", {}).get("status") != "PENDING":
                return profile
            time.sleep(0.05)
        raise AssertionError(f"{user.username}'s picture still on its way after {timeout} s")
