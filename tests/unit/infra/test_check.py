"""`python -m infra.check` runs the offline checks in order and fails loudly."""

import sys
import zipfile
from pathlib import Path

from infra import check


def test_given_the_checks_when_listed_then_chalice_packages_before_the_linters_run():
    steps = check.checks(Path("/venv/bin"), Path("/infra-venv/bin"))
    tools = [Path(step.command[0]).name for step in steps]

    assert tools == [
        "chalice",
        Path(sys.executable).name,
        "cfn-lint",
        "cfn-lint",
        "cfn-lint",
        "checkov",
        "checkov",
        "checkov",
    ]
    assert steps[0].command[1:5] == ["package", "--stage", "dev", "--pkg-format"]
    assert "--platform" in steps[1].command
    linted = [step.command[1] for step in steps if Path(step.command[0]).name == "cfn-lint"]
    checked = [step.command[2] for step in steps if Path(step.command[0]).name == "checkov"]
    templates = [check.STACK_TEMPLATE, check.WEB_ACL_TEMPLATE, check.PACKAGED_API_TEMPLATE]
    assert linted == checked == [str(template) for template in templates]


def test_given_checkov_when_run_then_it_stays_offline():
    command = check.checkov_command(Path("checkov"), check.STACK_TEMPLATE)

    assert "--skip-download" in command


def test_given_a_missing_infra_virtualenv_when_run_then_it_exits_with_advice(tmp_path, capsys):
    exit_code = check.main(["--infra-venv", str(tmp_path / "missing")])

    assert exit_code == 2
    assert "make check-infra" in capsys.readouterr().out


def test_given_a_failing_step_when_run_then_its_output_is_shown(capsys):
    step = check.Step("a failing tool", [sys.executable, "-c", "print('bad template'); exit(3)"])

    passed = check.run_step(step, 1, 1, check.check_environment())

    output = capsys.readouterr().out
    assert passed is False
    assert "bad template" in output
    assert "FAILED (exit code 3)" in output


def _package_of(path: Path, modules: list[str]) -> Path:
    with zipfile.ZipFile(path, "w") as package:
        for module in modules:
            package.writestr(module, "")
    return path


def test_given_a_package_without_a_feature_module_when_checked_then_the_module_is_named(tmp_path):
    api_modules = ["app.py"] + [
        module.relative_to(check.REPO_ROOT).as_posix()
        for module in (check.REPO_ROOT / "chalicelib").rglob("*.py")
    ]
    lacking = [module for module in api_modules if module != "chalicelib/photos/service.py"]

    complete_package = _package_of(tmp_path / "complete.zip", api_modules)
    lacking_package = _package_of(tmp_path / "lacking.zip", lacking)

    assert check.api_modules_missing_from(complete_package) == []
    assert check.api_modules_missing_from(lacking_package) == ["chalicelib/photos/service.py"]
