"""The image worker's zip is built for the Lambda runtime, reproducibly."""

import zipfile

import pytest

from infra.deploy import worker_package


@pytest.mark.parametrize(("architecture", "machine"), [("arm64", "aarch64"), ("x86_64", "x86_64")])
def test_given_an_architecture_when_pip_is_called_then_it_asks_for_lambdas_linux_wheels(
    tmp_path, architecture, machine
):
    command = worker_package.pip_install_command(tmp_path, architecture)
    joined = " ".join(command)

    assert command[1:4] == ["-m", "pip", "install"]
    assert "--only-binary=:all:" in command
    assert "--python-version 3.12" in joined
    assert "--implementation cp" in joined
    assert f"--platform manylinux_2_28_{machine}" in joined
    assert f"--platform manylinux2014_{machine}" in joined
    assert f"--target {tmp_path}" in joined
    assert joined.endswith(str(worker_package.WORKER_REQUIREMENTS))


def test_given_the_worker_code_when_copied_then_only_its_python_modules_go_in(tmp_path):
    destination = tmp_path / "image_worker"

    worker_package.copy_worker_code(destination)

    names = {path.name for path in destination.rglob("*")}
    assert {"__init__.py", "handler.py"} <= names
    assert "requirements.txt" not in names
    assert "__pycache__" not in names


def test_given_the_same_files_when_zipped_twice_then_the_zips_are_identical(tmp_path):
    source = tmp_path / "source"
    (source / "image_worker").mkdir(parents=True)
    (source / "image_worker" / "handler.py").write_text("def lambda_handler(event, context): ...\n")
    (source / "library.py").write_text("VALUE = 1\n")
    first, second = tmp_path / "first.zip", tmp_path / "second.zip"

    worker_package.write_reproducible_zip(source, first)
    (source / "library.py").touch()  # a newer modification time must not change the zip
    worker_package.write_reproducible_zip(source, second)

    assert worker_package.file_sha256(first) == worker_package.file_sha256(second)
    with zipfile.ZipFile(first) as archive:
        assert archive.namelist() == ["image_worker/handler.py", "library.py"]


def test_given_a_build_when_pip_has_run_then_the_zip_holds_code_and_requirements(
    tmp_path, monkeypatch
):
    def fake_pip(command, check):
        target = command[command.index("--target") + 1]
        (tmp_path / target).mkdir(parents=True, exist_ok=True)
        (tmp_path / target / "PIL.py").write_text("# stands in for an installed wheel\n")

    monkeypatch.setattr(worker_package.subprocess, "run", fake_pip)

    package = worker_package.build_worker_package(tmp_path / "build", "arm64")

    with zipfile.ZipFile(package.zip_path) as archive:
        names = archive.namelist()
    assert "PIL.py" in names
    assert "image_worker/handler.py" in names
    assert package.sha256 == worker_package.file_sha256(package.zip_path)
