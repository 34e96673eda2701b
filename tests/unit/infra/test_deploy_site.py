"""The site is published with the right headers, and only what changed is uploaded."""

import boto3
import pytest

from chalicelib.shared.settings import ALLOWED_CONTENT_TYPES
from infra.deploy import site

BUCKET = "cloudgram-dev-site-test"
OUTPUTS = {"UserPoolId": "eu-west-1_abc", "UserPoolClientId": "client123"}


@pytest.mark.parametrize(
    ("path", "content_type", "cache_control"),
    [
        ("index.html", "text/html; charset=utf-8", "no-cache"),
        ("js/services/api.js", "text/javascript; charset=utf-8", "no-cache"),
        ("css/base.css", "text/css; charset=utf-8", "no-cache"),
        ("config.json", "application/json", "no-cache"),
        ("img/logo.svg", "image/svg+xml", "public, max-age=86400"),
        ("img/icon.png", "image/png", "public, max-age=86400"),
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


@pytest.fixture
def site_bucket(deploy_aws):
    boto3.client("s3", region_name="us-east-1").create_bucket(Bucket=BUCKET)
    return boto3.client("s3", region_name="us-east-1")


def test_given_an_empty_bucket_when_published_then_every_file_is_uploaded_with_headers(
    site_bucket,
):
    files = [site.site_file("index.html", b"<html>"), site.site_file("js/app.js", b"export {}")]

    changed = site.publish(BUCKET, files)

    assert changed == ["index.html", "js/app.js"]
    head = site_bucket.head_object(Bucket=BUCKET, Key="js/app.js")
    assert head["ContentType"] == "text/javascript; charset=utf-8"
    assert head["CacheControl"] == "no-cache"


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
    changed = [f"js/module{number}.js" for number in range(40)]

    assert site.invalidation_paths(changed) == ["/*"]
