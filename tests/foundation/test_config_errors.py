"""A bad config file is refused with the file, the key and what to do, exit 2, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialtui.config import load_config
from socialtui.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "practice.toml"
    path.write_text(text, encoding="utf-8")
    return path


def assert_user_error(result: object) -> list[str]:
    """Exit 2, ``error:`` then ``hint:`` on stderr, and no traceback."""
    assert result.exit_code == 2, result
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("error: ")
    assert lines[1].startswith("hint: ")
    assert "Traceback" not in result.stderr
    return lines


def test_malformed_toml_names_the_file(invoke, tmp_path):
    path = write(tmp_path, '[practice]\nname = "Maple\n')
    error, _hint = assert_user_error(invoke("--config", str(path), "post", "list"))
    assert str(path) in error
    assert "not valid TOML" in error


def test_unknown_key_names_file_and_key_and_suggests_the_nearest(invoke, tmp_path):
    path = write(tmp_path, '[practice]\nname = "Maple"\ntimezon = "America/New_York"\n')
    error, hint = assert_user_error(invoke("--config", str(path), "post", "list"))
    assert str(path) in error
    assert "practice.timezon" in error
    assert "'timezone'" in hint


def test_unknown_key_in_an_accounts_entry_suggests_the_nearest(invoke, tmp_path):
    path = write(tmp_path, '[[accounts]]\nname = "clinic-x"\nplatform = "x"\ndryrun = true\n')
    error, hint = assert_user_error(invoke("--config", str(path), "post", "list"))
    assert "accounts.0.dryrun" in error
    assert "'dry_run'" in hint


def test_unknown_time_zone_suggests_close_matches(invoke, tmp_path):
    path = write(tmp_path, '[practice]\ntimezone = "America/New_Yrok"\n')
    error, _hint = assert_user_error(invoke("--config", str(path), "post", "list"))
    assert str(path) in error
    assert "practice.timezone" in error
    assert "America/New_York" in error


def test_unknown_time_zone_suggestion_in_the_validation_error():
    from socialtui.errors import ValidationError
    from socialtui.practice_time import zone_for

    with pytest.raises(ValidationError) as caught:
        zone_for("Europe/Londn")
    assert "Europe/London" in caught.value.hint


def test_missing_config_given_with_option_is_an_error(invoke, tmp_path):
    error, _hint = assert_user_error(invoke("--config", str(tmp_path / "nope.toml"), "post", "list"))
    assert "does not exist" in error


def test_wrong_type_names_key_and_what_was_found(tmp_path):
    path = write(tmp_path, "[practice]\ntraining_valid_months = \"twelve\"\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert "practice.training_valid_months" in caught.value.message
    assert "'twelve'" in caught.value.message


def test_no_config_anywhere_uses_defaults():
    config, path = load_config()
    assert config.practice.timezone == "UTC"
    assert path.name == "socialtui.toml"
