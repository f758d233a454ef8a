"""The real `socialtui` command in separate processes: key journeys, and two editors racing."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .helpers import CLEAN_TEXT, local_in_days, requires_checks

AUTHOR_TEXT = "Our office is closed on Monday. Book online any time."
APPROVER_TEXT = "Our office is closed on Monday and Tuesday. Book online any time."


@pytest.fixture
def socialtui(run_socialtui, config_file, store_url):
    """``python -m socialtui --config CONFIG --db URL [--as NAME] ARGS`` in a new process."""

    def run(*args: str, as_: str | None = None):
        return run_socialtui("--config", str(config_file), "--db", store_url, *(["--as", as_] if as_ else []), *args)

    return run


def spawn(config_file, store_url, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "socialtui", "--config", str(config_file), "--db", store_url, *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy())


@requires_checks
def test_the_whole_journey_through_the_real_command(socialtui):
    assert socialtui("staff", "add", "Lee Park", "--role", "admin", "--trained", "2026-01-05").exit_code == 0
    assert socialtui("staff", "add", "Dana Reyes", "--role", "author", "--trained", "2026-01-05", as_="Lee Park").exit_code == 0
    assert socialtui("staff", "add", "Dr. Priya Shah", "--role", "approver", "--trained", "2026-01-05", as_="Lee Park").exit_code == 0
    created = socialtui("post", "new", "--text", CLEAN_TEXT, "--to", "clinic-x", "--at", local_in_days(6), as_="Dana Reyes")
    assert created.exit_code == 0, created.stderr
    post_id = created.stdout.strip()
    assert socialtui("post", "submit", post_id, as_="Dana Reyes").stdout.strip() == f"Post {post_id} is now in_review."
    assert socialtui("post", "approve", post_id, as_="Dr. Priya Shah").stdout.strip() == f"Post {post_id} is now scheduled."
    shown = json.loads(socialtui("post", "show", post_id, "--json").stdout)
    assert (shown["status"], shown["author"]) == ("scheduled", "Dana Reyes")
    verified = socialtui("audit", "verify")
    assert verified.exit_code == 0
    assert verified.stdout.startswith("Audit log intact:")


def test_a_user_error_prints_error_and_hint_and_exits_2_without_traceback(socialtui):
    result = socialtui("post", "show", "7")
    assert result.exit_code == 2
    assert result.stderr == "error: There is no post 7.\nhint: List posts with `socialtui post list`.\n"
    assert result.stdout == ""


def test_db_upgrade_through_the_real_command(run_socialtui, config_file, store_url):
    result = run_socialtui("--config", str(config_file), "db", "upgrade", "--db", store_url)
    assert result.exit_code == 0, result.stderr
    assert "is up to date" in result.stdout


def test_demo_twice_through_the_real_command_is_refused(socialtui):
    assert socialtui("demo").exit_code == 0
    again = socialtui("demo")
    assert again.exit_code == 2
    assert again.stderr.startswith("error: This database already has data.\nhint: ")


def test_an_edit_from_a_stale_version_in_another_process_names_who_changed_it(socialtui, staffed, staff):
    post_id = socialtui("post", "new", "--text", CLEAN_TEXT, "--to", "clinic-x", as_=staff.author).stdout.strip()
    first = socialtui("post", "edit", post_id, "--version", "1", "--text", APPROVER_TEXT, as_=staff.approver)
    assert first.exit_code == 0, first.stderr
    second = socialtui("post", "edit", post_id, "--version", "1", "--text", AUTHOR_TEXT, as_=staff.author)
    assert second.exit_code == 2
    assert f"error: Post {post_id} was changed by {staff.approver} at " in second.stderr
    assert "Nothing was overwritten" in second.stderr
    assert json.loads(socialtui("post", "show", post_id, "--json").stdout)["text"] == APPROVER_TEXT


def test_two_processes_editing_from_the_same_version_at_once_never_both_win(socialtui, staffed, staff, config_file, store_url):
    post_id = socialtui("post", "new", "--text", CLEAN_TEXT, "--to", "clinic-x", as_=staff.author).stdout.strip()
    texts = {staff.author: AUTHOR_TEXT, staff.approver: APPROVER_TEXT}
    procs = {name: spawn(config_file, store_url, "--as", name, "post", "edit", post_id, "--version", "1", "--text", text)
             for name, text in texts.items()}
    outcomes = {name: (proc.wait(timeout=60), *proc.communicate()) for name, proc in procs.items()}
    winners = [name for name, (code, _, _) in outcomes.items() if code == 0]
    assert len(winners) == 1, outcomes
    (loser,) = set(texts) - set(winners)
    code, _, stderr = outcomes[loser]
    assert code == 2
    assert "Traceback" not in stderr
    assert f"was changed by {winners[0]} at " in stderr
    assert json.loads(socialtui("post", "show", post_id, "--json").stdout)["text"] == texts[winners[0]]
