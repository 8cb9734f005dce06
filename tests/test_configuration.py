"""Every environment variable the settings read is documented."""

import re
from pathlib import Path

import khabar

ROOT = Path(khabar.__file__).parent.parent


def test_every_setting_is_documented():
    source = (ROOT / "khabar" / "settings.py").read_text()
    read = set(re.findall(r'env(?:_bool|_list)?\(\s*"([A-Z_]+)"', source))
    documented = set(
        re.findall(r"`([A-Z_]+)`", (ROOT / "docs" / "configuration.md").read_text())
    )
    assert read, "found no env() calls: has settings.py changed shape?"
    assert read <= documented, f"undocumented: {sorted(read - documented)}"


def test_production_requires_a_secret_key(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "KHABAR_ENV": "production", "KHABAR_VAR_DIR": str(tmp_path)}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "-m", "khabar", "check"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set when KHABAR_ENV=production" in result.stderr


def test_bad_month_name_style_is_refused_with_the_choices(tmp_path):
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "KHABAR_MONTH_NAMES": "syriac",
        "KHABAR_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "khabar", "check"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "use levantine, egyptian or both" in result.stderr
