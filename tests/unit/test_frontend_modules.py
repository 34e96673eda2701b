"""The page's ES modules stay where main.js's module map says, and every import finds its module.

The frontend has no build step: the browser loads frontend/js/main.js and follows its imports
one file at a time. A module moved without updating an import that names it fails only in the
browser, and only on the page that loads it; a module added without a word in main.js's map
leaves newcomers a file they cannot place. Both are checked here, from the files alone:

- main.js's "Module map" names every module under frontend/js/, and only modules that exist. A
  line of the map that starts with a folder (`views/`) names that folder's modules, on that line
  and the ones below it, until the next folder; names before the first folder are in js/ itself.
- every import of every module is relative (`./dom.js`, `../helpers/dom.js`), as the browser
  needs without a build step, and leads to a module under frontend/js/.
"""

import re
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
JS_ROOT = PROJECT_ROOT / "frontend" / "js"
ENTRY_POINT = JS_ROOT / "main.js"

DOC_COMMENT = re.compile(r"/\*\*(.*?)\*/", re.DOTALL)
COMMENT_MARGIN = re.compile(r"^\s*\*?\s?")
FOLDER_ENTRY = re.compile(r"^\s*([\w-]+/)\s")
MODULE_NAME = re.compile(r"\b[\w-]+\.js\b")
# `import … from "x"` and `export … from "x"`, whose braces may span lines (a parenthesis stops the
# match, so the body of an `export function f(…)` is never read as an import); `import "x"`, for
# its side effects; and `import("x")`, loaded when the page needs it.
IMPORT_SPECIFIERS = [
    re.compile(r"""^\s*(?:import|export)\s[^;()]*?\bfrom\s*(["'])(?P<path>[^"']+)\1""", re.M),
    re.compile(r"""^\s*import\s*(["'])(?P<path>[^"']+)\1""", re.M),
    re.compile(r"""\bimport\(\s*(["'])(?P<path>[^"']+)\1\s*\)"""),
]


def modules_named_in_map(entry_point_source: str) -> set[str]:
    """The modules the "Module map" paragraph of the first doc comment names, as paths from js/."""
    comment = DOC_COMMENT.search(entry_point_source)
    assert comment, "main.js starts with no /** ... */ comment"
    lines = [COMMENT_MARGIN.sub("", line, count=1) for line in comment.group(1).splitlines()]
    start = next((i for i, line in enumerate(lines) if line.startswith("Module map")), None)
    assert start is not None, "main.js's first comment has no paragraph starting 'Module map'"

    named, folder = set(), ""
    for line in lines[start:]:
        if not line.strip():
            break  # the blank line after the map ends it
        entry = FOLDER_ENTRY.match(line)
        if entry:
            folder = entry.group(1)
        named.update(folder + name for name in MODULE_NAME.findall(line))
    return named


def modules_on_disk(js_root: Path = JS_ROOT) -> set[str]:
    return {path.relative_to(js_root).as_posix() for path in js_root.rglob("*.js")}


def imports_that_lead_nowhere(module: Path, js_root: Path = JS_ROOT) -> list[str]:
    """The import specifiers of a module that are not relative or name no module under js/."""
    source = module.read_text(encoding="utf-8")
    specifiers = [
        found["path"] for pattern in IMPORT_SPECIFIERS for found in pattern.finditer(source)
    ]
    dead_ends = []
    for specifier in specifiers:
        if not specifier.startswith(("./", "../")):
            dead_ends.append(f"{specifier} (not relative)")
            continue
        target = (module.parent / specifier).resolve()
        if not target.is_relative_to(js_root.resolve()) or not target.is_file():
            dead_ends.append(f"{specifier} (no such module under frontend/js/)")
    return dead_ends


def _where(module: Path) -> str:
    return module.relative_to(JS_ROOT).as_posix()


def test_given_the_js_folder_when_main_js_module_map_is_read_then_it_names_every_module():
    unnamed = sorted(modules_on_disk() - modules_named_in_map(ENTRY_POINT.read_text()))

    assert unnamed == [], f"main.js's module map does not name these modules: {unnamed}"


def test_given_main_js_module_map_when_each_name_is_looked_up_then_the_module_exists():
    missing = sorted(modules_named_in_map(ENTRY_POINT.read_text()) - modules_on_disk())

    assert missing == [], f"main.js's module map names modules that do not exist: {missing}"


@pytest.mark.parametrize("module", sorted(JS_ROOT.rglob("*.js")), ids=_where)
def test_given_a_module_when_its_imports_are_resolved_then_each_leads_to_a_module(module):
    dead_ends = imports_that_lead_nowhere(module)

    assert dead_ends == [], f"{_where(module)} imports what the browser cannot load: {dead_ends}"


def test_given_a_small_map_and_a_stale_import_when_checked_then_names_and_dead_ends_are_found(
    tmp_path,
):
    (tmp_path / "views").mkdir()
    (tmp_path / "helpers").mkdir()
    (tmp_path / "helpers" / "dom.js").write_text("export function byId() {}\n")
    moved = tmp_path / "views" / "feed-view.js"
    moved.write_text(
        'import { byId } from "../helpers/dom.js";\n'
        'import { createTabs } from "./tabs.js";\n'
        'import {\n  profileHref,\n} from "/js/router.js";\n'
        'export { byId } from "../helpers/dom.js";\n'
    )
    entry_point = (
        "/**\n * What the page is.\n *\n * Module map:\n"
        " *   main.js      the entry point.\n"
        " *   views/       feed-view.js and\n"
        " *                profile-view.js.\n"
        " *   helpers/     dom.js.\n"
        " *\n * After the map, other-view.js is not in it.\n */\n"
    )

    named = modules_named_in_map(entry_point)
    dead_ends = imports_that_lead_nowhere(moved, js_root=tmp_path)

    assert named == {"main.js", "views/feed-view.js", "views/profile-view.js", "helpers/dom.js"}
    assert dead_ends == [
        "./tabs.js (no such module under frontend/js/)",
        "/js/router.js (not relative)",
    ]
