"""The shape of the API's code, held by tests so that it survives the features still to come:

- chalicelib/ is one package a feature over one shared package, with few modules lying flat and
  none too long to read in one sitting;
- only the edge knows about HTTP: no service or store imports Chalice;
- packages depend one way (shared <- people <- photos <- avatars, comments, feeds,
  notifications <- accounts <- edge), each feature says in its docstring which others it uses,
  and no Lambda's code (the API's, the worker's, the user pool's triggers') imports infra/ or
  another Lambda's;
- tests and benchmarks take their helpers from plain modules (tests/support/), never from a
  conftest file, which holds fixtures only.
"""

import ast
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
API_CODE = PROJECT_ROOT / "chalicelib"
MAX_FLAT_MODULES = 10
MAX_MODULE_LINES = 400
MAX_MODULES_IMPORTING_CHALICE = 3
# Which packages of chalicelib/ each one may import (besides itself).
MAY_IMPORT = {
    "shared": set(),
    "people": {"shared"},
    "photos": {"shared", "people"},
    "avatars": {"shared", "people", "photos"},
    "comments": {"shared", "people", "photos"},
    "feeds": {"shared", "people", "photos"},
    "notifications": {"shared", "people", "photos"},
    # An account's erasure undoes what every other feature wrote for it.
    "accounts": {"shared", "people", "photos", "avatars", "comments", "feeds", "notifications"},
    "edge": {
        "shared",
        "people",
        "photos",
        "avatars",
        "comments",
        "feeds",
        "notifications",
        "accounts",
    },
}


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at its top or inside a function."""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
            modules |= {f"{node.module}.{alias.name}" for alias in node.names}
    return modules


def api_packages_imported(path: Path) -> set[str]:
    """The packages of chalicelib/ a file imports (`chalicelib.photos.store` -> `photos`)."""
    return {
        module.split(".")[1]
        for module in imported_modules(path)
        if module.startswith("chalicelib.") and module.count(".") >= 1
    }


def modules_of(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def test_given_chalicelib_then_few_modules_lie_flat_and_every_package_is_listed():
    flat = list(API_CODE.glob("*.py"))
    packages = {path.name for path in API_CODE.iterdir() if (path / "__init__.py").exists()}

    assert len(flat) <= MAX_FLAT_MODULES
    assert packages == set(MAY_IMPORT)


@pytest.mark.parametrize("module", modules_of(API_CODE), ids=lambda path: str(path.name))
def test_given_any_api_module_then_it_is_short_enough_to_read_in_one_sitting(module):
    lines = len(module.read_text(encoding="utf-8").splitlines())

    assert lines <= MAX_MODULE_LINES, f"{module.relative_to(PROJECT_ROOT)} has {lines} lines"


def test_given_the_api_code_then_only_the_edge_imports_chalice():
    importing_chalice = [
        module.relative_to(PROJECT_ROOT).as_posix()
        for module in modules_of(API_CODE)
        if any(
            name == "chalice" or name.startswith("chalice.") for name in imported_modules(module)
        )
    ]

    assert len(importing_chalice) <= MAX_MODULES_IMPORTING_CHALICE, importing_chalice
    assert all(path.startswith("chalicelib/edge/") for path in importing_chalice), importing_chalice


@pytest.mark.parametrize("package", sorted(MAY_IMPORT))
def test_given_a_package_then_it_imports_only_the_packages_below_it(package):
    for module in modules_of(API_CODE / package):
        others = api_packages_imported(module) - {package}

        assert others <= MAY_IMPORT[package], f"{module.relative_to(PROJECT_ROOT)}: {others}"


@pytest.mark.parametrize("package", sorted(set(MAY_IMPORT) - {"shared"}))
def test_given_a_feature_package_then_its_docstring_names_each_package_it_uses(package):
    docstring = ast.get_docstring(ast.parse((API_CODE / package / "__init__.py").read_text()))
    used = set().union(
        *(api_packages_imported(module) for module in modules_of(API_CODE / package))
    )

    for other in used - {package}:
        assert f"`{other}" in docstring, f"{package}/__init__.py does not say it uses {other}"


@pytest.mark.parametrize(
    ("code", "forbidden"),
    [
        ("chalicelib", ("infra", "image_worker", "cognito_triggers", "app", "bench", "tests")),
        ("image_worker", ("infra", "chalicelib", "cognito_triggers", "app", "bench", "tests")),
        ("cognito_triggers", ("infra", "chalicelib", "image_worker", "app", "bench", "tests")),
    ],
)
def test_given_a_lambdas_code_then_it_imports_neither_infra_nor_another_lambda(code, forbidden):
    for module in modules_of(PROJECT_ROOT / code):
        wrong = {name for name in imported_modules(module) if name.split(".")[0] in forbidden}

        assert not wrong, f"{module.relative_to(PROJECT_ROOT)} imports {sorted(wrong)}"


@pytest.mark.parametrize("folder", ["tests", "bench"])
def test_given_tests_and_benchmarks_then_none_imports_a_helper_from_a_conftest(folder):
    for module in modules_of(PROJECT_ROOT / folder):
        from_conftest = {name for name in imported_modules(module) if "conftest" in name}

        assert not from_conftest, f"{module.relative_to(PROJECT_ROOT)}: {sorted(from_conftest)}"
