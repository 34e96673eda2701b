"""The site is published with the right headers, only what changed is uploaded, and the hashed
files a page being replaced names stay until the next deploy."""

import re

import boto3
import pytest

from chalicelib.shared.settings import ALLOWED_CONTENT_TYPES
from infra.deploy import site
from infra.deploy.site import SiteFile

BUCKET = "cloudgram-dev-site-test"
IMMUTABLE = "public, max-age=31536000, immutable"
HASHED_NAME = re.compile(r"\.[0-9a-f]{12}\.(js|css)$")
OUTPUTS = {"UserPoolId": "eu-west-1_abc", "UserPoolClientId": "client123"}


@pytest.mark.parametrize(
    ("path", "content_type", "cache_control"),
    [
        ("index.html", "text/html; charset=utf-8", "no-cache"),
        ("js/services/api.3f2a9c1b7d4e.js", "text/javascript; charset=utf-8", IMMUTABLE),
        ("css/base.3f2a9c1b7d4e.css", "text/css; charset=utf-8", IMMUTABLE),
        ("config.json", "application/json", "no-cache"),
        ("sw.js", "text/javascript; charset=utf-8", "no-cache"),
        ("manifest.webmanifest", "application/manifest+json", "no-cache"),
        ("offline.html", "text/html; charset=utf-8", "no-cache"),
        ("img/logo.svg", "image/svg+xml", "public, max-age=86400"),
        ("icons/icon-192.png", "image/png", "public, max-age=86400"),
    ],
)
def test_given_a_site_file_when_published_then_type_and_caching_fit_it(
    path, content_type, cache_control
):
    file = site.site_file(path, b"content")

    assert (file.content_type, file.cache_control) == (content_type, cache_control)


def test_given_the_stack_outputs_when_config_json_is_made_then_it_has_the_documented_shape():
    document = site.config_document("eu-west-1", OUTPUTS, 26214400)

    assert document == {
        "apiBase": "/api",
        "mediaBase": "/media",
        "region": "eu-west-1",
        "cognito": {
            "userPoolId": "eu-west-1_abc",
            "clientId": "client123",
            "endpoint": "https://cognito-idp.eu-west-1.amazonaws.com/",
            "passwordPolicy": {
                "minimumLength": 10,
                "requireLowercase": True,
                "requireUppercase": True,
                "requireNumbers": True,
                "requireSymbols": False,
            },
        },
        "limits": {
            "maxUploadBytes": 26214400,
            "contentTypes": list(ALLOWED_CONTENT_TYPES),
            "captionMaxLength": 2200,
            "altTextMaxLength": 1000,
            "displayNameMaxLength": 30,
            "bioMaxLength": 150,
        },
        "local": False,
    }


def test_given_the_frontend_folder_when_listed_then_index_html_is_at_the_root():
    keys = [file.key for file in site.frontend_files()]

    assert "index.html" in keys
    assert all(not key.startswith("/") for key in keys)


def test_given_the_frontend_folder_when_listed_then_scripts_and_styles_are_hashed_and_immutable():
    files = site.frontend_files()

    hashed = [file for file in files if file.key.startswith(("js/", "css/"))]
    assert hashed, "no scripts or stylesheets"
    assert all(HASHED_NAME.search(file.key) for file in hashed)
    assert {file.cache_control for file in hashed} == {IMMUTABLE}
    assert next(file for file in files if file.key == "index.html").cache_control == "no-cache"


@pytest.fixture
def site_bucket(deploy_aws):
    boto3.client("s3", region_name="us-east-1").create_bucket(Bucket=BUCKET)
    return boto3.client("s3", region_name="us-east-1")


def test_given_an_empty_bucket_when_published_then_every_file_is_uploaded_with_headers(
    site_bucket,
):
    files = [
        site.site_file("index.html", b"<html>"),
        site.site_file("js/app.3f2a9c1b7d4e.js", b"export {}"),
    ]

    changed = site.publish(BUCKET, files)

    assert changed == ["index.html", "js/app.3f2a9c1b7d4e.js"]
    head = site_bucket.head_object(Bucket=BUCKET, Key="js/app.3f2a9c1b7d4e.js")
    assert head["ContentType"] == "text/javascript; charset=utf-8"
    assert head["CacheControl"] == IMMUTABLE


def test_given_a_published_site_when_published_again_then_only_changes_and_removals_count(
    site_bucket,
):
    site.publish(BUCKET, [site.site_file("index.html", b"<html>"), site.site_file("old.js", b"1")])

    changed = site.publish(
        BUCKET, [site.site_file("index.html", b"<html>"), site.site_file("new.js", b"2")]
    )

    assert changed == ["new.js", "old.js"]
    keys = [item["Key"] for item in site_bucket.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == ["index.html", "new.js"]


def test_given_index_html_changed_when_invalidating_then_the_root_and_photo_pages_go_too():
    assert site.invalidation_paths(["index.html", "config.json"]) == [
        "/index.html",
        "/config.json",
        "/",
        "/p/*",
    ]


def test_given_many_changes_when_invalidating_then_one_wildcard_replaces_them():
    changed = [f"icons/icon-{size}.png" for size in range(40)]

    assert site.invalidation_paths(changed) == ["/*"]


def test_given_new_hashed_files_when_invalidating_then_only_files_that_keep_their_names_go():
    changed = ["js/main.3f2a9c1b7d4e.js", "css/base.0123456789ab.css", "index.html"]

    assert site.invalidation_paths(changed) == ["/index.html", "/", "/p/*"]


def page_naming(*keys: str) -> SiteFile:
    links = "".join(f'<link rel="modulepreload" href="/{key}">' for key in keys)
    return site.site_file("index.html", f"<html>{links}</html>".encode())


def test_given_a_new_deploy_when_published_then_files_the_old_page_names_stay_a_deploy_longer(
    site_bucket,
):
    # Given a bucket whose page names its first hashed module
    first, second, third = (
        "js/main.111111111111.js",
        "js/main.222222222222.js",
        "js/main.333333333333.js",
    )
    site.publish(BUCKET, [page_naming(first), site.site_file(first, b"1")])

    # When a deploy replaces it, and then another
    site.publish(BUCKET, [page_naming(second), site.site_file(second, b"2")])
    keys_after_second = bucket_keys(site_bucket)
    site.publish(BUCKET, [page_naming(third), site.site_file(third, b"3")])

    # Then a page loaded before each deploy still finds its module; older ones go
    assert keys_after_second == ["index.html", first, second]
    assert bucket_keys(site_bucket) == ["index.html", second, third]


def bucket_keys(s3) -> list[str]:
    return [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET)["Contents"]]
