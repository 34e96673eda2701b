"""Build the image worker's Lambda zip: its code plus the Linux wheels of its requirements.

The machine that deploys may run macOS, Windows or another Python, so pip is asked for the
Lambda runtime's wheels explicitly (`--platform`, `--python-version`, `--only-binary`) instead of
whatever suits the local machine. The zip is byte-for-byte reproducible (sorted entries, fixed
timestamps), so its hash names it and unchanged code never triggers a Lambda update.
"""

import hashlib
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
WORKER_SOURCE = REPO_ROOT / "image_worker"
WORKER_REQUIREMENTS = WORKER_SOURCE / "requirements.txt"
# Must match the worker's Runtime in infra/template.yaml.
LAMBDA_PYTHON_VERSION = "3.12"
# The template's WorkerArchitecture: Graviton costs about 20% less per GB-second than x86_64,
# and Pillow and pillow-heif publish arm64 wheels.
LAMBDA_ARCHITECTURE = "arm64"
# Lambda architecture name -> the machine name in manylinux wheel tags.
WHEEL_MACHINES = {"arm64": "aarch64", "x86_64": "x86_64"}
# python3.12 runs on Amazon Linux 2023 (glibc 2.34): manylinux_2_28 wheels (Pillow's) and the
# older manylinux2014 ones (some pure C extensions') both load there.
MANYLINUX_TAGS = ("manylinux_2_28", "manylinux2014")
# Zip entries get this timestamp so that the same files always give the same zip.
FIXED_ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class WorkerPackage:
    zip_path: Path
    sha256: str


def pip_install_command(target: Path, architecture: str) -> list[str]:
    """The pip command line that fetches the worker's requirements for the Lambda runtime."""
    machine = WHEEL_MACHINES[architecture]
    platforms = [
        argument for tag in MANYLINUX_TAGS for argument in ("--platform", f"{tag}_{machine}")
    ]
    return [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--no-compile",
        "--only-binary=:all:",
        "--implementation",
        "cp",
        "--python-version",
        LAMBDA_PYTHON_VERSION,
        *platforms,
        "--target",
        str(target),
        "--requirement",
        str(WORKER_REQUIREMENTS),
    ]


def build_worker_package(build_dir: Path, architecture: str) -> WorkerPackage:
    """Install the requirements and the worker's code into build_dir and zip them."""
    contents = build_dir / "worker"
    shutil.rmtree(contents, ignore_errors=True)
    contents.mkdir(parents=True)
    subprocess.run(pip_install_command(contents, architecture), check=True)
    copy_worker_code(contents / "image_worker")
    zip_path = build_dir / "image-worker.zip"
    write_reproducible_zip(contents, zip_path)
    return WorkerPackage(zip_path=zip_path, sha256=file_sha256(zip_path))


def copy_worker_code(destination: Path) -> None:
    shutil.copytree(
        WORKER_SOURCE,
        destination,
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "requirements.txt"),
    )


def write_reproducible_zip(source_dir: Path, zip_path: Path) -> None:
    files = sorted(path for path in source_dir.rglob("*") if path.is_file())
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            entry = zipfile.ZipInfo(path.relative_to(source_dir).as_posix(), FIXED_ZIP_TIMESTAMP)
            entry.compress_type = zipfile.ZIP_DEFLATED
            # Lambda needs world-readable files; keep the executable bit of the few that have it.
            mode = 0o755 if path.stat().st_mode & 0o111 else 0o644
            entry.external_attr = (0o100000 | mode) << 16
            archive.writestr(entry, path.read_bytes())


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
