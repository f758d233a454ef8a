"""A bad config file is refused with the file, the key and what to do, exit 2, no traceback."""

from __future__ import annotations

import os
import stat
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


# Bad input around the store and the command line: a message and exit 2, never an internal error.

RUNNING_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def test_a_config_that_is_not_utf8_names_the_file(invoke, tmp_path):
    path = tmp_path / "practice.toml"
    path.write_bytes(b'[practice]\nname = "Caf\xe9"\n')
    error, _hint = assert_user_error(invoke("--config", str(path), "post", "list"))
    assert str(path) in error and "UTF-8" in error


def test_a_database_file_that_is_not_a_database_is_named(invoke, config_file, tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are not the tables you are looking for " * 100)
    error, _hint = assert_user_error(invoke("--config", str(config_file), "--db", f"sqlite:///{path}", "post", "list"))
    assert "not a SQLite database" in error
    assert path.read_bytes().startswith(b"these are not")  # nothing half-written


def test_a_database_path_that_is_a_directory_says_so(invoke, config_file, tmp_path):
    folder = tmp_path / "store.db"
    folder.mkdir()
    error, hint = assert_user_error(invoke("--config", str(config_file), "--db", f"sqlite:///{folder}", "post", "list"))
    assert "is a directory" in error and "server" not in hint


@pytest.mark.skipif(RUNNING_AS_ROOT, reason="root writes anywhere")
def test_an_unwritable_data_directory_is_named(invoke, config_file, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    error, _hint = assert_user_error(invoke("--config", str(config_file), "--db", f"sqlite:///{locked}/new/socialtui.db",
                                            "post", "list"))
    assert str(locked) in error


@pytest.mark.parametrize("url", [
    "postgresql://clinic:hunter2secret@db.example:fivefour/socialtui",
    "postgresql://clinic:hunter2secret@[::1/socialtui",
    "postgresql://clinic:hunter2secret@db.example:99999/socialtui",
    "nonsense://clinic:hunter2secret@db.example/socialtui",
])
def test_a_malformed_database_url_is_refused_without_its_password(invoke, config_file, url):
    result = invoke("--config", str(config_file), "--db", url, "post", "list")
    assert_user_error(result)
    assert "hunter2secret" not in result.stderr + result.stdout


@pytest.mark.parametrize("args", [
    ("check", "--text", "Flu shots \udce9 now"),
    ("check", "--text", "Flu shots now", "--sponsor", "Acme \udcff"),
    ("--as", "Dr \udcff", "post", "list"),
])
def test_an_argument_that_is_not_utf8_is_refused_without_echoing_it(invoke, config_file, args):
    result = invoke("--config", str(config_file), *args)
    error, _hint = assert_user_error(result)
    assert "UTF-8" in error
    assert not any(0xDC80 <= ord(c) <= 0xDCFF for c in result.stderr + result.stdout)
    assert all(word not in result.stderr for word in ("Flu shots", "Acme", "Dr "))


def test_a_nul_character_in_a_text_is_refused(cli_staffed, staff, store_url):
    result = cli_staffed("post", "new", "--text", "Flu shots\x00 today", "--to", "clinic-x", as_=staff.author)
    if store_url.startswith("sqlite"):
        assert result.exit_code == 0, result.stderr  # SQLite stores it
        return
    error, _hint = assert_user_error(result)
    assert "NUL" in error


def test_the_data_directory_and_database_are_private_whatever_the_umask(invoke, config_file, tmp_path):
    folder = tmp_path / "fresh" / "data"
    old = os.umask(0o022)
    try:
        result = invoke("--config", str(config_file), "--db", f"sqlite:///{folder}/socialtui.db", "post", "list")
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "socialtui.db").stat().st_mode) == 0o600


def test_crash_reports_are_private_and_never_overwrite_each_other():
    from socialtui.crash import write_crash_report

    old = os.umask(0o022)
    try:
        paths = []
        for _ in range(2):
            try:
                raise RuntimeError("boom")
            except RuntimeError:
                paths.append(Path(write_crash_report()))
    finally:
        os.umask(old)
    assert paths[0] != paths[1] and all(p.exists() for p in paths)
    assert {stat.S_IMODE(p.stat().st_mode) for p in paths} == {0o600}
    assert stat.S_IMODE(paths[0].parent.stat().st_mode) == 0o700
