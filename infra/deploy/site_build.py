"""The site as the deploy publishes it: frontend/ with its scripts bundled into one file, and that
file and the stylesheets named after their content, so that browsers and CloudFront may keep
them for a year.

Why one script: during development the browser loads frontend/js/main.js and its sixty-odd
imports, each a file of its own (index.html announces them all up front, so they arrive
together). A phone still pays for every module it fetches, compiles and links: measured with
Lighthouse's 4x slower CPU, loading the modules took about a second of the page's start, most of
it in long tasks. So the deploy hands the module graph to esbuild (pinned; `make esbuild`
installs it into build/), which writes it as one minified ES module, as a bundler is made to.
The development files stay as they are: no build step between an edit and a reload.

A hashed name is `<stem>.<first 12 hex digits of sha256>.<ext>`: the bundle of /js/main.js is,
say, /js/main.3f2a9c1b7d4e.js. A changed file is a new name, never a new version of an old one,
so nothing cached can be stale, and a repeat visit revalidates only the files that keep their
names (index.html, config.json and the few others infra/deploy/site.py lists). The pages that
name them (index.html's stylesheets, preloads and script; anything the service worker or the
offline page names) get every quoted "/js/..." or "/css/..." rewritten; index.html's preloads of
the modules now inside the bundle are dropped.

Locally, `python -m infra.local --built-site` serves this same build (infra/local/gateway.py).
"""

import hashlib
import posixpath
import re
import subprocess
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
FRONTEND_DIR = PROJECT_ROOT / "frontend"
ESBUILD = PROJECT_ROOT / "build" / "esbuild" / "node_modules" / ".bin" / "esbuild"
ENTRY_MODULE = "js/main.js"
# The bundle runs in the browsers the page is written for: those with ES modules, `?.` and `??`.
BUNDLE_TARGET = "es2022"
HASHED_FOLDERS = ("js/", "css/")
HASH_DIGITS = 12
# Files that keep their names but may name hashed ones: the page, the offline page, the
# service worker and the manifest.
REWRITTEN_SUFFIXES = (".html", ".js", ".webmanifest")
# A root-relative address of a file under js/ or css/, in quotes.
ROOTED_SITE_FILE = re.compile(r"""(["'])/((?:js|css)/[^"'\s]+)\1""")
# index.html's announcement of a module, one a line.
MODULE_PRELOAD = re.compile(r'\n[ \t]*<link rel="modulepreload" href="/(js/[^"]+)">')


def is_hashed(key: str) -> bool:
    """Whether the deploy names this site file after its content."""
    return key.startswith(HASHED_FOLDERS)


def hashed_name(key: str, body: bytes) -> str:
    stem, extension = posixpath.splitext(key)
    return f"{stem}.{hashlib.sha256(body).hexdigest()[:HASH_DIGITS]}{extension}"


def built_site(frontend_dir: Path = FRONTEND_DIR) -> dict[str, bytes]:
    """Every file the deploy publishes, by its key, with its content as published: the bundle
    in place of the modules, hashed names, and the names in the pages rewritten to them."""
    sources = _folder_files(frontend_dir)
    bundle = bundled_modules(frontend_dir)
    hashed_names = {ENTRY_MODULE: hashed_name(ENTRY_MODULE, bundle)}
    built = {hashed_names[ENTRY_MODULE]: bundle}
    for key, body in sources.items():
        if key.startswith("css/"):
            hashed_names[key] = hashed_name(key, body)
            built[hashed_names[key]] = body
    for key, body in sources.items():
        if is_hashed(key):
            continue  # a module, now in the bundle, or a stylesheet, renamed above
        if key.endswith(REWRITTEN_SUFFIXES):
            text = without_bundled_preloads(body.decode("utf-8"))
            built[key] = rewrite_rooted_names(text, hashed_names).encode()
        else:
            built[key] = body
    return built


def bundled_modules(frontend_dir: Path) -> bytes:
    """frontend/js/main.js and everything it imports, as one minified ES module (esbuild's
    output)."""
    if not ESBUILD.exists():
        raise SystemExit(f"esbuild is not installed at {ESBUILD}; `make esbuild` installs it")
    bundling = subprocess.run(
        [
            str(ESBUILD),
            str(frontend_dir / ENTRY_MODULE),
            "--bundle",
            "--format=esm",
            "--minify",
            f"--target={BUNDLE_TARGET}",
            "--charset=utf8",
            "--log-level=warning",
        ],
        capture_output=True,
        check=False,
    )
    if bundling.returncode != 0:
        raise ValueError(
            f"esbuild could not bundle the page's modules:\n{bundling.stderr.decode()}"
        )
    return bundling.stdout


def without_bundled_preloads(text: str) -> str:
    """A page without its preloads of the modules the bundle holds (the entry's stays)."""

    def kept_if_entry(match: re.Match) -> str:
        return match.group(0) if match.group(1) == ENTRY_MODULE else ""

    return MODULE_PRELOAD.sub(kept_if_entry, text)


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
