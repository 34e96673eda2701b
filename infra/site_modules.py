"""The site's ES module graph, read from the files alone: which modules each module imports.

index.html announces every module reachable from frontend/js/main.js up front
(`<link rel="modulepreload">`), so that during development the browser fetches the whole graph
at once instead of one level of imports per round trip; a unit test holds that list equal to
`preload_order`. (The deploy bundles the graph into one file with esbuild instead:
infra/deploy/site_build.py.)

Only static imports are read: `import ... from "x"`, `import "x"` and `export ... from "x"`,
whose braces may span lines. Comments and template literals are blanked out first, so an import
quoted in either is not taken for one. The site has no dynamic `import("x")`.

Paths are the site's, from its root, without the leading slash of its URL: /js/main.js is
ENTRY_MODULE.
"""

import posixpath
import re
from pathlib import Path

ENTRY_MODULE = "js/main.js"
# An import or export declaration at the start of a line, up to its quoted specifier. A
# parenthesis or a semicolon stops the match, so `export function f(...)` or
# `export const x = 1;` is never read as an import.
STATIC_IMPORT = re.compile(
    r"""^[ \t]*(?:import|export)\b(?:[^;"'`()]*?\bfrom)?\s*(["'])(?P<specifier>[^"'\n]+)\1""",
    re.MULTILINE,
)


def blank_comments_and_templates(source: str) -> str:
    """`source` with comments and template literals replaced by spaces (newlines kept), so
    every position in it is the same position in `source`."""
    blanked = list(source)
    index = 0
    while index < len(source):
        end = _end_of_blanked_part(source, index)
        if end is None:
            end = _end_of_string(source, index) if source[index] in "'\"" else index + 1
        else:
            for position in range(index, end):
                if blanked[position] != "\n":
                    blanked[position] = " "
        index = end
    return "".join(blanked)


def _end_of_blanked_part(source: str, start: int) -> int | None:
    """Where the comment or template literal starting at `start` ends, or None if none does."""
    two = source[start : start + 2]
    if two == "//":
        end = source.find("\n", start)
        return len(source) if end == -1 else end
    if two == "/*":
        end = source.find("*/", start + 2)
        return len(source) if end == -1 else end + 2
    if source[start] == "`":
        return _end_of_string(source, start)
    return None


def _end_of_string(source: str, start: int) -> int:
    quote, index = source[start], start + 1
    while index < len(source) and source[index] != quote:
        index += 2 if source[index] == "\\" else 1
    return index + 1


def import_specifiers(source: str) -> list[str]:
    """The specifiers of a module's static imports and re-exports, in the order they appear."""
    return [match.group("specifier") for match in _import_matches(source)]


def _import_matches(source: str) -> list[re.Match]:
    # Positions in the blanked text are positions in `source`.
    return list(STATIC_IMPORT.finditer(blank_comments_and_templates(source)))


def resolve(importer: str, specifier: str) -> str:
    """The site path a specifier names, as the browser resolves it against its importer's URL.
    Bare specifiers ("lodash") would need an import map, which the site does not have."""
    if specifier.startswith("/"):
        return posixpath.normpath(specifier).lstrip("/")
    if specifier.startswith(("./", "../")):
        return posixpath.normpath(posixpath.join(posixpath.dirname(importer), specifier))
    raise ValueError(f"{importer} imports {specifier!r}, which is neither relative nor rooted")


def module_imports(site_dir: Path, module: str) -> list[str]:
    """The modules `module` imports, as site paths, in the order its source names them."""
    source = (site_dir / module).read_text(encoding="utf-8")
    return [resolve(module, specifier) for specifier in import_specifiers(source)]


def import_graph(site_dir: Path, entry: str = ENTRY_MODULE) -> dict[str, list[str]]:
    """Every module reachable from `entry`, each with the modules it imports."""
    graph: dict[str, list[str]] = {}
    waiting = [entry]
    while waiting:
        module = waiting.pop()
        if module not in graph:
            graph[module] = module_imports(site_dir, module)
            waiting += graph[module]
    return graph


def preload_order(graph: dict[str, list[str]], entry: str = ENTRY_MODULE) -> list[str]:
    """The modules reachable from `entry`, depth first in import order, each once: `entry`, then
    its first import and everything that one needs, then its second... the order in which
    evaluating `entry` first needs them."""
    order: list[str] = []
    waiting = [entry]
    while waiting:
        module = waiting.pop()
        if module not in order:
            order.append(module)
            waiting += reversed(graph[module])
    return order
