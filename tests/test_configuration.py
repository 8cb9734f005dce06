"""Every environment variable the settings read is documented and checked."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import khabar

ROOT = Path(khabar.__file__).parent.parent


def test_every_setting_is_documented():
    source = (ROOT / "khabar" / "settings.py").read_text()
    read = set(re.findall(r'env(?:_bool|_list)?\(\s*"([A-Z_]+)"', source))
    docs = (ROOT / "docs" / "configuration.md").read_text()
    documented = set(re.findall(r"`([A-Z_]+)`", docs))
    assert read, "found no env() calls: has settings.py changed shape?"
    assert read <= documented, f"undocumented: {sorted(read - documented)}"


def _check_with(tmp_path, **variables):
    env = {**os.environ, "KHABAR_VAR_DIR": str(tmp_path), **variables}
    env.pop("SECRET_KEY", None)
    return subprocess.run(
        [sys.executable, "-m", "khabar", "check"],
        env=env,
        capture_output=True,
        text=True,
    )


def test_production_requires_a_secret_key(tmp_path):
    result = _check_with(tmp_path, KHABAR_ENV="production")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when KHABAR_ENV=production" in result.stderr


def test_bad_month_name_style_is_refused_with_the_choices(tmp_path):
    result = _check_with(tmp_path, KHABAR_MONTH_NAMES="syriac")
    assert result.returncode != 0
    assert "use levantine, egyptian or both" in result.stderr


@pytest.mark.parametrize("value", ["twenty", "-1", "2.5"])
def test_a_number_that_is_not_one_is_refused_by_name(tmp_path, value):
    result = _check_with(tmp_path, KHABAR_VIEWS_PER_ADDRESS=value)
    assert result.returncode != 0
    assert (
        "KHABAR_VIEWS_PER_ADDRESS must be a whole number, 0 or more (default 20), "
        f"not {value!r}." in result.stderr
    )
