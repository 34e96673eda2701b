"""The README, docs/ and the comments in the code point only at things that exist.

Students follow the README and the tour file by file, and read the code's comments as its
documentation, so a renamed module or function must not leave a dead end behind. In the README
and docs/, three kinds of pointer are checked:

- a Markdown link to a relative path, `[text](docs/cost.md)`: the file or folder exists;
- a code reference in backticks, `chalicelib/photos/service.py:request_upload` or
  `frontend/js/uploads/upload.js:checkFile`: the file exists and defines that function, class or
  module-level name (`Class.method` checks both, in Python);
- a file named in backticks, `infra/template.yaml`: it exists.

In the comments and docstrings of every .py, .js and .yaml file, a file named by its path
(`infra/template.yaml`, `docs/data-model.md`, or a Markdown file by its bare name) must exist,
from the file's own folder or a folder above it (up to the project's root), and `path.py:name`
must name something defined.
"""

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = [PROJECT_ROOT / "README.md", *sorted((PROJECT_ROOT / "docs").glob("*.md"))]

MARKDOWN_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
CODE_REFERENCE = re.compile(r"`([\w./-]+\.(?:py|js)):([\w.]+)`")
JAVASCRIPT_DECLARATION = re.compile(r"\b(?:function\*?|class|const|let|var)\s+(\w+)")
PLAIN_FILE_REFERENCE = re.compile(r"`((?:[\w-]+/)+[\w.-]+\.(?:py|md|yaml|json|html|js|css))`")
# In comments, paths stand without backticks: a path with at least one folder, or a Markdown
# file by its bare name, not glued to a longer path or URL before it. What the project builds
# (build/) is not there before it runs.
COMMENT_FILE_REFERENCE = re.compile(
    r"(?<![\w/.:<>-])((?:[\w-]+/)+[\w.-]+\.(?:py|md|yaml|json|html|js|css)|[\w-]+\.md)\b"
    r"(?::(\w[\w.]*\w))?"
)
COMMENTED_SUFFIXES = (".py", ".js", ".yaml")
NOT_PROJECT_CODE = {".git", ".venv", ".venv-infra", "build", "node_modules", "__pycache__"}


def _relative_links(document: Path) -> list[str]:
    links = []
    for target in MARKDOWN_LINK.findall(document.read_text(encoding="utf-8")):
        if "://" in target or target.startswith(("#", "mailto:")):
            continue
        links.append(target.split("#", 1)[0])
    return [link for link in links if link]


def _names_defined(source_file: Path) -> set[str]:
    if source_file.suffix == ".js":
        return _javascript_names(source_file)
    return _python_names(source_file)


def _javascript_names(source_file: Path) -> set[str]:
    """Every function, class and variable the module declares, exported or not."""
    return set(JAVASCRIPT_DECLARATION.findall(source_file.read_text(encoding="utf-8")))


def _python_names(source_file: Path) -> set[str]:
    """Every top-level def, class and assignment, and `Class.member` for what a class defines."""
    tree = ast.parse(source_file.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        names.update(_names_of(node))
        if isinstance(node, ast.ClassDef):
            for member in node.body:
                names.update(f"{node.name}.{name}" for name in _names_of(member))
    return names


def _names_of(node: ast.stmt) -> set[str]:
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return {node.name}
    if isinstance(node, ast.Assign):
        return {target.id for target in node.targets if isinstance(target, ast.Name)}
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return {node.target.id}
    return set()


def _commented_files() -> list[Path]:
    return sorted(
        path
        for path in PROJECT_ROOT.rglob("*")
        if path.suffix in COMMENTED_SUFFIXES
        and not NOT_PROJECT_CODE & set(path.relative_to(PROJECT_ROOT).parts)
    )


def _comments(source_file: Path) -> str:
    """The comments and docstrings of a file: the prose a reader follows."""
    text = source_file.read_text(encoding="utf-8")
    if source_file.suffix == ".js":
        return "\n".join(re.findall(r"//[^\n]*|/\*.*?\*/", text, flags=re.S))
    if source_file.suffix == ".yaml":
        return "\n".join(re.findall(r"(?:^|\s)(#[^\n]*)", text))
    tokens = tokenize.generate_tokens(io.StringIO(text).readline)
    parts = [token.string for token in tokens if token.type == tokenize.COMMENT]
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            parts.append(ast.get_docstring(node, clean=False) or "")
    return "\n".join(parts)


def _folders_up_to_root(source_file: Path) -> list[Path]:
    """Where a path in a file's comments may start: the file's own folder or any folder above
    it, up to the project's root."""
    folders = [folder for folder in source_file.parents if folder.is_relative_to(PROJECT_ROOT)]
    return folders or [PROJECT_ROOT]


def _dead_comment_references(source_file: Path) -> list[str]:
    dead_ends = []
    for path, name in COMMENT_FILE_REFERENCE.findall(_comments(source_file)):
        if path.startswith("build/"):
            continue
        candidates = [folder / path for folder in _folders_up_to_root(source_file)]
        found = next((candidate for candidate in candidates if candidate.exists()), None)
        if found is None:
            dead_ends.append(f"{path} (no such file)")
        elif name and found.suffix in (".py", ".js") and name not in _names_defined(found):
            dead_ends.append(f"{path}:{name} (not defined there)")
    return dead_ends


def _where(document: Path) -> str:
    return str(document.relative_to(PROJECT_ROOT))


@pytest.mark.parametrize("document", DOCUMENTS, ids=_where)
def test_given_a_document_when_its_relative_links_are_followed_then_each_leads_somewhere(document):
    missing = [link for link in _relative_links(document) if not (document.parent / link).exists()]

    assert missing == [], f"{_where(document)} links to paths that do not exist: {missing}"


@pytest.mark.parametrize("document", DOCUMENTS, ids=_where)
def test_given_a_document_when_it_names_a_function_in_a_file_then_the_file_defines_it(document):
    text = document.read_text(encoding="utf-8")
    dead_ends = []
    for path, name in CODE_REFERENCE.findall(text):
        source_file = PROJECT_ROOT / path
        if not source_file.is_file():
            dead_ends.append(f"{path} (no such file)")
        elif name not in _names_defined(source_file):
            dead_ends.append(f"{path}:{name} (not defined there)")

    assert dead_ends == [], f"{_where(document)} names code that does not exist: {dead_ends}"


@pytest.mark.parametrize("document", DOCUMENTS, ids=_where)
def test_given_a_document_when_it_names_a_project_file_then_the_file_exists(document):
    text = document.read_text(encoding="utf-8")
    missing = [
        path
        for path in PLAIN_FILE_REFERENCE.findall(text)
        if not (PROJECT_ROOT / path).exists() and not path.startswith(("build/", "../"))
    ]

    assert missing == [], f"{_where(document)} names files that do not exist: {missing}"


@pytest.mark.parametrize("source_file", _commented_files(), ids=_where)
def test_given_a_comment_when_it_names_a_project_file_then_the_file_exists(source_file):
    dead_ends = _dead_comment_references(source_file)

    assert dead_ends == [], f"{_where(source_file)} comments point nowhere: {dead_ends}"


def test_given_the_comment_checker_when_a_comment_points_nowhere_then_it_reports_it(tmp_path):
    source_file = tmp_path / "module.py"
    source_file.write_text(
        '"""The data model is in DESIGN.md."""\n\n'
        "# See chalicelib/shared/settings.py:no_such_name and infra/nowhere.yaml.\n"
        'PATH = "js/app.js"  # a string, not a comment: not checked\n'
    )

    assert _dead_comment_references(source_file) == [
        "chalicelib/shared/settings.py:no_such_name (not defined there)",
        "infra/nowhere.yaml (no such file)",
        "DESIGN.md (no such file)",
    ]


def test_given_the_checker_when_it_reads_a_reference_to_a_missing_function_then_it_reports_it(
    tmp_path,
):
    source_file = tmp_path / "module.py"
    source_file.write_text("class Store:\n    def get(self):\n        pass\n\nLIMIT = 3\n")
    script_file = tmp_path / "module.js"
    script_file.write_text("export async function checkFile(file) {}\nconst LIMIT = 3;\n")

    names = _names_defined(source_file)
    script_names = _names_defined(script_file)

    assert {"Store", "Store.get", "LIMIT"} <= names
    assert "Store.put" not in names
    assert {"checkFile", "LIMIT"} <= script_names
    assert "uploadFile" not in script_names
    assert CODE_REFERENCE.findall("see `chalicelib/shared/settings.py:load_settings` here") == [
        ("chalicelib/shared/settings.py", "load_settings")
    ]
