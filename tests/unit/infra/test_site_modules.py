"""The site's module graph is read from the modules' source: their static imports and
re-exports, not what comments or template literals merely quote."""

import pytest

from infra import site_modules

A_MODULE = """\
/**
 * A module whose comment shows an example:
 * import { fake } from "./in-a-doc-comment.js";
 */
import { byId, showMessage } from "./helpers/dom.js";
import {
  createRouter,
  currentRoute,
} from "../shared/router.js";
import "./side-effects.js";
// import { alsoFake } from "./in-a-line-comment.js";
export { formatDate } from './format.js';
export * from "./everything.js";
export function notAnImport(value) {
  return value;
}
export const LINK = "http://example.com/from-a-string.js";
const text = `
import { fromATemplate } from "./in-a-template.js";
`;
"""


def test_given_a_module_when_its_imports_are_read_then_only_real_ones_come_in_order():
    assert site_modules.import_specifiers(A_MODULE) == [
        "./helpers/dom.js",
        "../shared/router.js",
        "./side-effects.js",
        "./format.js",
        "./everything.js",
    ]


@pytest.mark.parametrize(
    ("importer", "specifier", "path"),
    [
        ("js/main.js", "./views/feed-view.js", "js/views/feed-view.js"),
        ("js/views/feed-view.js", "../helpers/dom.js", "js/helpers/dom.js"),
        ("js/views/feed-view.js", "/js/helpers/dom.js", "js/helpers/dom.js"),
    ],
)
def test_given_a_specifier_when_resolved_then_it_names_the_site_path(importer, specifier, path):
    assert site_modules.resolve(importer, specifier) == path


def test_given_a_bare_specifier_when_resolved_then_it_is_refused():
    with pytest.raises(ValueError, match="lodash"):
        site_modules.resolve("js/main.js", "lodash")


GRAPH = {
    "js/main.js": ["js/a.js", "js/b.js"],
    "js/a.js": ["js/c.js"],
    "js/b.js": ["js/c.js", "js/d.js"],
    "js/c.js": [],
    "js/d.js": [],
}


def test_given_a_graph_when_ordered_for_preloading_then_depth_first_in_import_order():
    assert site_modules.preload_order(GRAPH) == [
        "js/main.js",
        "js/a.js",
        "js/c.js",
        "js/b.js",
        "js/d.js",
    ]


def test_given_a_folder_of_modules_when_its_graph_is_read_then_imports_are_followed(tmp_path):
    (tmp_path / "js" / "helpers").mkdir(parents=True)
    (tmp_path / "js" / "main.js").write_text('import { a } from "./helpers/a.js";\n')
    (tmp_path / "js" / "helpers" / "a.js").write_text('export { b } from "./b.js";\n')
    (tmp_path / "js" / "helpers" / "b.js").write_text("export const b = 1;\n")

    assert site_modules.import_graph(tmp_path) == {
        "js/main.js": ["js/helpers/a.js"],
        "js/helpers/a.js": ["js/helpers/b.js"],
        "js/helpers/b.js": [],
    }
