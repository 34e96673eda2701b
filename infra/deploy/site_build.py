"""The site as the deploy publishes it: frontend/ with every file under js/ and css/ named after
its content, so that browsers and CloudFront may keep those files for a year.

A hashed name is `<stem>.<first 12 hex digits of sha256>.<ext>`: /js/main.js becomes, say,
/js/main.3f2a9c1b7d4e.js. A changed file is a new name, never a new version of an old one, so
nothing cached can be stale, and a repeat visit revalidates only the files that keep their
names (index.html, config.json and the few others infra/deploy/site.py lists).

A module's name must change when a module it imports changes, or browsers would keep the old
importer, asking for the old import. So modules are hashed after what they import
(infra/site_modules.py), each with its import specifiers rewritten to the hashed names first:
the hash covers them. A cycle of imports has no such order, and stops the build. The files
that keep their names (index.html's stylesheets, preloads and script; anything the service
worker or the offline page names) get every quoted "/js/..." or "/css/..." rewritten as well.

Locally, `python -m infra.local --built-site` serves this same build (infra/local/gateway.py).
"""

import hashlib
import posixpath
import re
from pathlib import Path

from infra import site_modules

FRONTEND_DIR = Path(__file__).resolve().parents[2] / "frontend"
HASHED_FOLDERS = ("js/", "css/")
HASH_DIGITS = 12
# Files that keep their names but may name hashed ones: the page, the offline page, the
# service worker and the manifest.
REWRITTEN_SUFFIXES = (".html", ".js", ".webmanifest")
# A root-relative address of a file under js/ or css/, in quotes.
ROOTED_SITE_FILE = re.compile(r"""(["'])/((?:js|css)/[^"'\s]+)\1""")


def is_hashed(key: str) -> bool:
    """Whether the deploy names this site file after its content."""
    return key.startswith(HASHED_FOLDERS)


def hashed_name(key: str, body: bytes) -> str:
    stem, extension = posixpath.splitext(key)
    return f"{stem}.{hashlib.sha256(body).hexdigest()[:HASH_DIGITS]}{extension}"


def built_site(frontend_dir: Path = FRONTEND_DIR) -> dict[str, bytes]:
    """Every file of `frontend_dir`, by the key it is published under, with its content as
    published (hashed names, and the names in it rewritten to them)."""
    sources = _folder_files(frontend_dir)
    hashed_names = _hash_modules(sources)
    for key in sorted(sources):
        if is_hashed(key) and key not in hashed_names:
            hashed_names[key] = hashed_name(key, sources[key])
    built = {}
    for key, body in sources.items():
        if is_hashed(key):
            built[hashed_names[key]] = _module_body(key, body, hashed_names)
        elif key.endswith(REWRITTEN_SUFFIXES):
            built[key] = rewrite_rooted_names(body.decode("utf-8"), hashed_names).encode()
        else:
            built[key] = body
    return built


def rewrite_rooted_names(text: str, hashed_names: dict[str, str]) -> str:
    """`text` with each quoted "/js/..." or "/css/..." address of a hashed file renamed."""

    def renamed(match: re.Match) -> str:
        quote, key = match.group(1), match.group(2)
        return f"{quote}/{hashed_names.get(key, key)}{quote}"

    return ROOTED_SITE_FILE.sub(renamed, text)


def _folder_files(frontend_dir: Path) -> dict[str, bytes]:
    return {
        path.relative_to(frontend_dir).as_posix(): path.read_bytes()
        for path in sorted(frontend_dir.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


def _hash_modules(sources: dict[str, bytes]) -> dict[str, str]:
    """The hashed name of every ES module under js/, each hashed after what it imports."""
    graph = {}
    for key, body in sources.items():
        if key.startswith("js/") and key.endswith(".js"):
            source = body.decode("utf-8")
            if site_modules.has_dynamic_import(source):
                raise ValueError(f"{key} has a dynamic import(), which the build cannot rename")
            specifiers = site_modules.import_specifiers(source)
            graph[key] = [site_modules.resolve(key, specifier) for specifier in specifiers]
    missing = sorted({imported for imports in graph.values() for imported in imports} - set(graph))
    if missing:
        raise ValueError(f"modules import files that are not in the site: {missing}")
    hashed_names: dict[str, str] = {}
    for module in site_modules.dependencies_first(graph):
        hashed_names[module] = hashed_name(
            module, _module_body(module, sources[module], hashed_names)
        )
    return hashed_names


def _module_body(key: str, body: bytes, hashed_names: dict[str, str]) -> bytes:
    """A module's content with its imports naming the hashed files (other files as they are)."""
    if not key.endswith(".js"):
        return body

    def hashed_specifier(specifier: str) -> str:
        hashed = hashed_names[site_modules.resolve(key, specifier)]
        return posixpath.join(posixpath.dirname(specifier), posixpath.basename(hashed))

    return site_modules.rewrite_specifiers(body.decode("utf-8"), hashed_specifier).encode()
