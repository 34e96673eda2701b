"""Build the user pool triggers' Lambda zip: the cognito_triggers/ package, as it is.

The triggers use Python's standard library alone, so unlike the image worker's zip
(infra/deploy/worker_package.py) there is nothing to install and nothing that depends on the
machine that deploys: the zip holds exactly the code a student reads. It is written the same
reproducible way, so its hash names it and unchanged code never triggers a Lambda update.
"""

import shutil
from dataclasses import dataclass
from pathlib import Path

from infra.deploy.worker_package import file_sha256, write_reproducible_zip

REPO_ROOT = Path(__file__).resolve().parents[2]
TRIGGERS_SOURCE = REPO_ROOT / "cognito_triggers"
TRIGGERS_ZIP_NAME = "cognito-triggers.zip"


@dataclass(frozen=True)
class TriggersPackage:
    zip_path: Path
    sha256: str


def build_triggers_package(build_dir: Path) -> TriggersPackage:
    """Copy cognito_triggers/ (no caches) into build_dir and zip it."""
    contents = build_dir / "triggers"
    shutil.rmtree(contents, ignore_errors=True)
    shutil.copytree(
        TRIGGERS_SOURCE,
        contents / TRIGGERS_SOURCE.name,
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    zip_path = build_dir / TRIGGERS_ZIP_NAME
    write_reproducible_zip(contents, zip_path)
    return TriggersPackage(zip_path=zip_path, sha256=file_sha256(zip_path))
