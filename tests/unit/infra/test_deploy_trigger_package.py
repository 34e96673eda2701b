"""The user pool triggers' zip holds cognito_triggers/ and nothing else, reproducibly, and the
handler the template names runs from it alone: no module of the API, the worker or infra/."""

import subprocess
import sys
import zipfile

from infra.deploy import trigger_package

# Run inside the unpacked zip, as Lambda runs it: the handler, Cognito's event, a look-alike.
RUN_THE_HANDLER = """
import json, sys
from cognito_triggers.pre_sign_up import UsernameRefused, lambda_handler
event = {"userName": sys.argv[1], "triggerSource": "PreSignUp_SignUp", "request": {}}
try:
    print(json.dumps(lambda_handler(event, None)))
except UsernameRefused as refusal:
    print("refused:", refusal)
print(sorted(name for name in sys.modules if name.split(".")[0] in
      ("chalicelib", "image_worker", "infra", "app")))
print(sys.modules["cognito_triggers"].__file__)
"""


def test_given_the_triggers_then_the_zip_holds_their_modules_and_nothing_else(tmp_path):
    package = trigger_package.build_triggers_package(tmp_path)

    with zipfile.ZipFile(package.zip_path) as archive:
        names = sorted(archive.namelist())

    source = sorted(
        path.relative_to(trigger_package.REPO_ROOT).as_posix()
        for path in trigger_package.TRIGGERS_SOURCE.glob("*.py")
    )
    assert names == source
    assert "cognito_triggers/pre_sign_up.py" in names


def test_given_the_same_code_when_packaged_twice_then_the_zips_are_identical(tmp_path):
    first = trigger_package.build_triggers_package(tmp_path / "first")
    second = trigger_package.build_triggers_package(tmp_path / "second")

    assert first.sha256 == second.sha256
    assert first.zip_path.read_bytes() == second.zip_path.read_bytes()


def test_given_the_unpacked_zip_alone_then_the_handler_refuses_a_look_alike(tmp_path):
    package = trigger_package.build_triggers_package(tmp_path / "build")
    unpacked = tmp_path / "lambda"
    with zipfile.ZipFile(package.zip_path) as archive:
        archive.extractall(unpacked)

    def run(username: str) -> list[str]:
        finished = subprocess.run(
            [sys.executable, "-c", RUN_THE_HANDLER, username],
            cwd=unpacked,  # `-c` puts the working folder first on sys.path, as Lambda its task root
            capture_output=True,
            text=True,
            check=True,
            env={},
        )
        return finished.stdout.splitlines()

    refused, accepted = run("\uff4barl"), run("karl")

    assert refused[0].startswith("refused: A username may use only the letters A to Z")
    assert '"userName": "karl"' in accepted[0]
    assert refused[1] == accepted[1] == "[]"
    assert refused[2].startswith(str(unpacked))  # the zip's copy ran, not the repository's
