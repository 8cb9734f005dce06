"""The `khabar` command: every subcommand, from any directory."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

KHABAR = Path(sys.executable).with_name("khabar")


def _khabar(*args, cwd, var):
    env = {**os.environ, "KHABAR_VAR_DIR": str(var)}
    return subprocess.run(
        [str(KHABAR), *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_console_command_lists_khabar_and_django_commands(tmp_path):
    result = _khabar("help", cwd=tmp_path, var=tmp_path / "var")
    assert result.returncode == 0, result.stderr
    for name in (
        "serve",
        "demo",
        "import-jsonl",
        "export-jsonl",
        "import-wxr",
        "export-wxr",
        "worker",
        "migrate",
        "createsuperuser",
    ):
        assert name in result.stdout, name


@pytest.mark.parametrize(
    ("command", "phrase"),
    [
        ("serve", "granian"),
        ("worker", "scheduled"),
        ("demo", "demo"),
        ("import-jsonl", "JSONL"),
        ("export-jsonl", "JSONL"),
        ("import-wxr", "WordPress"),
        ("export-wxr", "WordPress"),
    ],
)
def test_each_command_explains_itself(tmp_path, command, phrase):
    result = _khabar("help", command, cwd=tmp_path, var=tmp_path / "var")
    assert result.returncode == 0, result.stderr
    assert phrase.lower() in result.stdout.lower()


def test_serve_rejects_bad_numbers():
    with pytest.raises(CommandError, match="--workers"):
        call_command("serve", workers=0)
    with pytest.raises(CommandError, match="--port"):
        call_command("serve", port=70000)


def test_version_is_khabars(tmp_path):
    import khabar

    result = _khabar("--version", cwd=tmp_path, var=tmp_path / "var")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"khabar {khabar.__version__} (Django 5.2")
