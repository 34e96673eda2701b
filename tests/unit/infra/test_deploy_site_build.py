"""The deploy bundles the page's modules into one script with esbuild, names it and the
stylesheets after their content, and rewrites every name that points at them."""

import hashlib
import re

import pytest

from infra.deploy import site_build

PAGE = """<!doctype html>
<link rel="stylesheet" href="/css/base.css">
<link rel="preload" href="/config.json" as="fetch" crossorigin>
<link rel="modulepreload" href="/js/main.js">
<link rel="modulepreload" href="/js/helpers/dom.js">
<script type="module" src="/js/main.js"></script>
"""
ROOTED_NAME = re.compile(r'(?:href|src)="/([^"]+)"')


def write_site(folder, files: dict[str, str | bytes]) -> None:
    for key, content in files.items():
        path = folder / key
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content)
        else:
            path.write_bytes(content)


@pytest.fixture
def frontend(tmp_path):
    write_site(
        tmp_path,
        {
            "index.html": PAGE,
            "css/base.css": "body { margin: 0; }\n",
            "js/main.js": 'import { byId } from "./helpers/dom.js";\nbyId("main");\n',
            "js/helpers/dom.js": "export const byId = (id) => document.getElementById(id);\n",
            "icons/icon-192.png": b"\x89PNG not really",
        },
    )
    return tmp_path


def key_starting(built: dict[str, bytes], stem: str) -> str:
    return next(key for key in built if key.startswith(stem + "."))


def test_given_a_file_when_hashed_then_its_name_carries_12_hex_digits_of_its_sha256():
    digest = hashlib.sha256(b"body {}").hexdigest()[:12]

    assert site_build.hashed_name("css/base.css", b"body {}") == f"css/base.{digest}.css"


def test_given_a_site_when_built_then_scripts_and_styles_are_renamed_and_the_rest_keeps_names(
    frontend,
):
    built = site_build.built_site(frontend)

    renamed = sorted(key for key in built if key.startswith(("js/", "css/")))
    assert [re.sub(r"\.[0-9a-f]{12}\.", ".", key) for key in renamed] == [
        "css/base.css",
        "js/main.js",
    ]
    assert {"index.html", "icons/icon-192.png"} <= set(built)
    assert built["icons/icon-192.png"] == b"\x89PNG not really"


def test_given_a_site_when_built_then_each_name_equals_the_hash_of_the_published_content(
    frontend,
):
    built = site_build.built_site(frontend)

    for key, body in built.items():
        if key.startswith(("js/", "css/")):
            original = re.sub(r"\.[0-9a-f]{12}\.", ".", key)
            assert key == site_build.hashed_name(original, body)


def test_given_a_site_when_built_then_one_script_holds_every_module_and_the_page_names_it(
    frontend,
):
    built = site_build.built_site(frontend)

    bundle_key = key_starting(built, "js/main")
    bundle = built[bundle_key].decode()
    # What the imported module does is in the bundle, and no import is left to fetch
    assert "getElementById" in bundle
    assert "import" not in bundle
    page_names = ROOTED_NAME.findall(built["index.html"].decode())
    assert page_names == [key_starting(built, "css/base"), "config.json", bundle_key, bundle_key]


def test_given_an_imported_module_changes_when_built_then_the_bundle_is_renamed(frontend):
    before = site_build.built_site(frontend)
    write_site(frontend, {"js/helpers/dom.js": "export const byId = (id) => null;\n"})

    after = site_build.built_site(frontend)

    assert key_starting(after, "js/main") != key_starting(before, "js/main")
    assert key_starting(after, "css/base") == key_starting(before, "css/base")


def test_given_a_module_that_imports_a_missing_file_when_built_then_the_build_stops(frontend):
    write_site(frontend, {"js/main.js": 'import { gone } from "./helpers/gone.js";\ngone();\n'})

    with pytest.raises(ValueError, match=r"gone\.js"):
        site_build.built_site(frontend)


def test_given_the_real_frontend_when_built_then_every_name_in_it_leads_to_a_built_file():
    built = site_build.built_site()

    page_names = ROOTED_NAME.findall(built["index.html"].decode())
    served_elsewhere = {"config.json"}
    assert [name for name in page_names if name not in built and name not in served_elsewhere] == []
    # And the one script is the only file under js/: every module is inside it
    assert [key for key in built if key.startswith("js/")] == [key_starting(built, "js/main")]
    for key in ("index.html", "offline.html"):
        named = site_build.ROOTED_SITE_FILE.findall(built[key].decode())
        assert [name for _, name in named if name not in built] == [], key
