"""The local stack serving the deploy's build (`python -m infra.local --built-site`), over HTTP:
the page names hashed files, served immutable and compressed, as CloudFront serves them from the
site bucket; the page and config.json are revalidated; photo pages are made of the built page.
"""

import re

import pytest
import requests

from tests.support.local_stack import running_local_stack

IMMUTABLE = "public, max-age=31536000, immutable"
HASHED_NAME = re.compile(r'(?:href|src)="/((?:js|css)/[^"]+\.[0-9a-f]{12}\.(?:js|css))"')
UNHASHED_NAME = re.compile(r'(?:href|src)="/((?:js|css)/[^".]+\.(?:js|css))"')


@pytest.fixture(scope="module")
def built_stack():
    with running_local_stack(built_site=True) as stack:
        yield stack


def get(stack, path: str) -> requests.Response:
    return requests.get(stack.site_url + path, headers={"Accept-Encoding": "br"}, timeout=10)


def test_given_the_built_site_when_the_page_is_fetched_then_it_names_hashed_files_only(
    built_stack,
):
    page = get(built_stack, "/")

    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-cache"
    # The seven stylesheets and the one script that bundles every module (preloaded and run)
    assert len(set(HASHED_NAME.findall(page.text))) == 8
    assert UNHASHED_NAME.findall(page.text) == []


def test_given_the_built_site_when_its_files_are_fetched_then_they_are_immutable_and_compressed(
    built_stack,
):
    names = set(HASHED_NAME.findall(get(built_stack, "/").text))

    answers = {name: get(built_stack, f"/{name}") for name in sorted(names)}

    assert {name: answer.status_code for name, answer in answers.items()} == dict.fromkeys(
        names, 200
    )
    assert {answer.headers["Cache-Control"] for answer in answers.values()} == {IMMUTABLE}
    main = next(answer for name, answer in answers.items() if name.startswith("js/main."))
    assert main.headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert main.headers["Content-Encoding"] == "br"


def test_given_the_built_site_when_an_unhashed_name_is_asked_then_it_is_not_there(built_stack):
    assert get(built_stack, "/js/main.js").status_code == 404


def test_given_the_built_site_when_config_json_is_fetched_then_it_is_revalidated(built_stack):
    config = get(built_stack, "/config.json")

    assert config.status_code == 200
    assert config.headers["Cache-Control"] == "no-cache"


def test_given_the_built_site_when_a_photo_page_is_fetched_then_it_is_the_built_page(
    built_stack,
):
    page = get(built_stack, "/p/no-such-photo")

    assert page.status_code == 404
    assert HASHED_NAME.findall(page.text)
    assert UNHASHED_NAME.findall(page.text) == []
