"""Offline checks of everything CloudGram deploys to AWS; `make check-infra` (and CI) runs them.

No AWS account or AWS access is needed (chalice and pip only fetch wheels from the package
index). In order:
1. `chalice package` turns app.py and .chalice/config.json into the CloudFormation (SAM) template
   that `chalice deploy` would create, into build/api-package/, and its zip must hold app.py and
   every module of chalicelib/;
2. pip resolves the image worker's requirements for its Lambda runtime (Linux wheels for
   python3.12 on the template's architecture), as `make deploy` will;
3. cfn-lint checks infra/template.yaml, infra/waf.yaml (the web ACL, deployed in us-east-1) and
   that packaged template against the CloudFormation spec;
4. checkov checks all three for insecure settings. A check that does not apply is skipped next to
   the resource, with the reason (in the two templates and infra/api_package_overrides.yaml).

cfn-lint and checkov live in their own virtualenv (`--infra-venv`), because checkov pins an older
boto3 than the application uses.

Usage: python -m infra.check --infra-venv .venv-infra
"""

import argparse
import os
import shutil
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from infra.deploy.worker_package import LAMBDA_ARCHITECTURE, pip_install_command

REPO_ROOT = Path(__file__).resolve().parent.parent
STACK_TEMPLATE = REPO_ROOT / "infra" / "template.yaml"
WEB_ACL_TEMPLATE = REPO_ROOT / "infra" / "waf.yaml"
API_PACKAGE_OVERRIDES = REPO_ROOT / "infra" / "api_package_overrides.yaml"
API_PACKAGE_DIR = REPO_ROOT / "build" / "api-package"
# A YAML merge template makes chalice write its template as YAML too.
PACKAGED_API_TEMPLATE = API_PACKAGE_DIR / "sam.yaml"
API_DEPLOYMENT_PACKAGE = API_PACKAGE_DIR / "deployment.zip"
PACKAGED_STAGE = "dev"
WORKER_WHEELS_DIR = REPO_ROOT / "build" / "worker-wheels-check"
# chalice needs a region to name ARNs in the template; any region will do offline.
OFFLINE_REGION = "us-east-1"


@dataclass(frozen=True)
class Step:
    description: str
    command: list[str]
    # Linters are quiet when all is well and their summary is worth seeing; chalice is chatty.
    show_output_on_success: bool = False


def checks(python_bin: Path, infra_venv_bin: Path) -> list[Step]:
    chalice = python_bin / "chalice"
    cfn_lint = infra_venv_bin / "cfn-lint"
    checkov = infra_venv_bin / "checkov"
    return [
        Step(
            f"chalice package --stage {PACKAGED_STAGE} (the API as chalice would deploy it)",
            [
                str(chalice),
                "package",
                "--stage",
                PACKAGED_STAGE,
                "--pkg-format",
                "cloudformation",
                "--merge-template",
                str(API_PACKAGE_OVERRIDES),
                str(API_PACKAGE_DIR),
            ],
        ),
        Step(
            f"worker requirements resolve for Lambda (python3.12, {LAMBDA_ARCHITECTURE})",
            pip_install_command(WORKER_WHEELS_DIR, LAMBDA_ARCHITECTURE),
        ),
        Step("cfn-lint infra/template.yaml", [str(cfn_lint), str(STACK_TEMPLATE)]),
        Step("cfn-lint infra/waf.yaml", [str(cfn_lint), str(WEB_ACL_TEMPLATE)]),
        Step("cfn-lint the packaged API template", [str(cfn_lint), str(PACKAGED_API_TEMPLATE)]),
        Step(
            "checkov infra/template.yaml",
            checkov_command(checkov, STACK_TEMPLATE),
            show_output_on_success=True,
        ),
        Step(
            "checkov infra/waf.yaml",
            checkov_command(checkov, WEB_ACL_TEMPLATE),
            show_output_on_success=True,
        ),
        Step(
            "checkov the packaged API template",
            checkov_command(checkov, PACKAGED_API_TEMPLATE),
            show_output_on_success=True,
        ),
    ]


def checkov_command(checkov: Path, template: Path) -> list[str]:
    # --skip-download keeps checkov offline (it would otherwise fetch guideline links).
    return [
        str(checkov),
        "--file",
        str(template),
        "--framework",
        "cloudformation",
        "--quiet",
        "--compact",
        "--skip-download",
    ]


def api_modules_missing_from(deployment_package: Path) -> list[str]:
    """The API's own modules (app.py and every module of chalicelib/, its feature packages
    included) that the zip chalice packaged does not hold: a Lambda without them fails on its
    first import, long after the deploy said it succeeded."""
    with zipfile.ZipFile(deployment_package) as package:
        packaged = set(package.namelist())
    api_modules = sorted((REPO_ROOT / "chalicelib").rglob("*.py"))
    wanted = ["app.py", *(module.relative_to(REPO_ROOT).as_posix() for module in api_modules)]
    return [module for module in wanted if module not in packaged]


def run_step(step: Step, number: int, total: int, environment: dict[str, str]) -> bool:
    print(f"==> [{number}/{total}] {step.description}", flush=True)
    started = time.monotonic()
    result = subprocess.run(
        step.command,
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.monotonic() - started
    passed = result.returncode == 0
    if not passed or step.show_output_on_success:
        print(_indented(result.stdout + result.stderr), flush=True)
    verdict = "ok" if passed else f"FAILED (exit code {result.returncode})"
    print(f"    {verdict} in {elapsed:.1f} s", flush=True)
    return passed


def check_environment() -> dict[str, str]:
    environment = dict(os.environ)
    environment.setdefault("AWS_DEFAULT_REGION", OFFLINE_REGION)
    return environment


def missing_tools(steps: list[Step]) -> list[str]:
    return [step.command[0] for step in steps if not Path(step.command[0]).exists()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--infra-venv",
        type=Path,
        default=REPO_ROOT / ".venv-infra",
        help="virtualenv with cfn-lint and checkov (requirements-infra.txt)",
    )
    arguments = parser.parse_args(argv)
    steps = checks(Path(sys.executable).parent, arguments.infra_venv.resolve() / "bin")
    missing = missing_tools(steps)
    if missing:
        print(f"Missing tools: {', '.join(sorted(set(missing)))}. Run `make check-infra`.")
        return 2
    environment = check_environment()
    # pip --target would keep an earlier check's packages instead of resolving them again.
    shutil.rmtree(WORKER_WHEELS_DIR, ignore_errors=True)
    packaged = run_step(steps[0], 1, len(steps), environment)
    if not packaged:
        print("chalice package failed; the template checks need its output.")
        return 1
    missing_modules = api_modules_missing_from(API_DEPLOYMENT_PACKAGE)
    if missing_modules:
        print("The API's deployment package lacks: " + ", ".join(missing_modules))
        return 1
    failed = [
        step.description
        for number, step in enumerate(steps[1:], start=2)
        if not run_step(step, number, len(steps), environment)
    ]
    if failed:
        print("Infrastructure checks failed: " + "; ".join(failed))
        return 1
    print("All infrastructure checks passed.")
    return 0


def _indented(text: str) -> str:
    return "\n".join(f"    {line}" for line in text.strip().splitlines())


if __name__ == "__main__":
    sys.exit(main())
