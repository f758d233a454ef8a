"""`socialtui post ...`: the post journeys through the command line, and its --json contract."""

from __future__ import annotations

import json

import pytest

from .helpers import CLEAN_TEXT, OTHER_TEXT, local_in_days, requires_checks

POST_KEYS = {
    "id", "status", "status_reason", "kind", "text", "variants", "link", "due_at", "due_local", "author", "sponsor",
    "affiliations", "shows_patient", "citations", "consents", "media", "targets", "version", "updated_at", "updated_by",
}
TARGET_KEYS = {"account", "platform", "status", "remote_id", "url", "error"}


@pytest.fixture
def post_id(cli_staffed, staff) -> str:
    """A draft to clinic-x and clinic-facebook, due in ten days, written by the author."""
    result = cli_staffed("post", "new", "--text", CLEAN_TEXT, "--to", "clinic-x", "--to", "clinic-facebook",
                         "--at", local_in_days(10), as_=staff.author)
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


def show(cli, post_id: str) -> dict:
    result = cli("post", "show", post_id, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_post_new_prints_the_new_posts_id(post_id):
    assert post_id.isdigit()


def test_post_new_without_a_staff_member_says_who_to_name(cli_staffed):
    result = cli_staffed("post", "new", "--text", CLEAN_TEXT)
    assert result.exit_code == 2
    assert "error: Who is doing this?" in result.stderr
    assert "--as NAME" in result.stderr


def test_post_new_by_someone_not_on_the_roster_is_refused(cli_staffed):
    result = cli_staffed("post", "new", "--text", CLEAN_TEXT, as_="Nobody Known")
    assert result.exit_code == 2
    assert "No staff member called 'Nobody Known'" in result.stderr


def test_post_new_to_an_unknown_account_lists_the_known_ones(cli_staffed, staff):
    result = cli_staffed("post", "new", "--text", CLEAN_TEXT, "--to", "clinic-tiktok", as_=staff.author)
    assert result.exit_code == 2
    assert "clinic-facebook, clinic-x" in result.stderr


def test_post_show_json_has_the_stable_keys(cli_staffed, post_id):
    data = show(cli_staffed, post_id)
    assert set(data) == POST_KEYS
    assert all(set(t) == TARGET_KEYS for t in data["targets"])
    assert data["status"] == "draft"
    assert data["text"] == CLEAN_TEXT
    assert data["version"] == 1
    assert data["due_local"].endswith(("EST", "EDT"))


def test_post_show_of_a_missing_post_is_a_user_error(cli_staffed):
    result = cli_staffed("post", "show", "999")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: There is no post 999.\nhint: ")


def test_post_show_prints_text_and_targets(cli_staffed, post_id):
    result = cli_staffed("post", "show", post_id)
    assert CLEAN_TEXT in result.stdout
    assert "Target: clinic-x (x) - pending" in result.stdout


def test_post_list_json_is_a_list_of_post_records(cli_staffed, post_id):
    data = json.loads(cli_staffed("post", "list", "--json").stdout)
    assert [p["id"] for p in data] == [int(post_id)]
    assert set(data[0]) == POST_KEYS


def test_post_list_filters_by_day_range(cli_staffed, post_id):
    due_day = local_in_days(10)[:10]
    inside = json.loads(cli_staffed("post", "list", "--from", due_day, "--to", due_day, "--json").stdout)
    before = json.loads(cli_staffed("post", "list", "--to", local_in_days(9)[:10], "--json").stdout)
    assert [p["id"] for p in inside] == [int(post_id)]
    assert before == []


def test_post_list_filters_by_status(cli_staffed, post_id):
    assert json.loads(cli_staffed("post", "list", "--status", "in_review", "--json").stdout) == []
    assert len(json.loads(cli_staffed("post", "list", "--status", "draft", "--json").stdout)) == 1


def test_post_list_says_when_there_are_none(cli_staffed):
    assert cli_staffed("post", "list").stdout.strip() == "No posts."


def test_post_edit_saves_and_bumps_the_version(cli_staffed, post_id, staff):
    result = cli_staffed("post", "edit", post_id, "--text", OTHER_TEXT, "--version", "1", as_=staff.author)
    assert result.exit_code == 0, result.stderr
    assert "version 2" in result.stdout
    assert show(cli_staffed, post_id)["text"] == OTHER_TEXT


def test_post_edit_from_a_stale_version_is_a_conflict(cli_staffed, post_id, staff):
    cli_staffed("post", "edit", post_id, "--text", OTHER_TEXT, "--version", "1", as_=staff.approver)
    result = cli_staffed("post", "edit", post_id, "--text", "Something else. Book online.", "--version", "1", as_=staff.author)
    assert result.exit_code == 2
    assert f"changed by {staff.approver}" in result.stderr
    assert "Nothing was overwritten" in result.stderr
    assert show(cli_staffed, post_id)["text"] == OTHER_TEXT


def test_post_edit_with_nothing_to_change_is_refused(cli_staffed, post_id, staff):
    result = cli_staffed("post", "edit", post_id, as_=staff.author)
    assert result.exit_code == 2
    assert "Nothing to change" in result.stderr


def test_post_cancel_cancels_a_draft(cli_staffed, post_id, staff):
    result = cli_staffed("post", "cancel", post_id, as_=staff.author)
    assert result.exit_code == 0, result.stderr
    data = show(cli_staffed, post_id)
    assert data["status"] == "cancelled"
    assert {t["status"] for t in data["targets"]} == {"cancelled"}


def test_a_cancelled_post_cannot_be_submitted(cli_staffed, post_id, staff):
    cli_staffed("post", "cancel", post_id, as_=staff.author)
    result = cli_staffed("post", "submit", post_id, as_=staff.author)
    assert result.exit_code == 2
    assert "is cancelled and cannot become in_review" in result.stderr


@requires_checks
def test_post_submit_sends_a_clean_draft_to_review(cli_staffed, post_id, staff):
    result = cli_staffed("post", "submit", post_id, as_=staff.author)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == f"Post {post_id} is now in_review."


@requires_checks
def test_post_approve_of_a_timed_post_schedules_it(cli_staffed, post_id, staff):
    cli_staffed("post", "submit", post_id, as_=staff.author)
    result = cli_staffed("post", "approve", post_id, as_=staff.approver)
    assert result.exit_code == 0, result.stderr
    data = show(cli_staffed, post_id)
    assert data["status"] == "scheduled"
    assert {t["status"] for t in data["targets"]} == {"scheduled"}


@requires_checks
def test_post_approve_by_the_author_is_refused(cli_staffed, post_id, staff):
    cli_staffed("post", "submit", post_id, as_=staff.author)
    result = cli_staffed("post", "approve", post_id, as_=staff.author)
    assert result.exit_code == 2
    assert "cannot approve it" in result.stderr


@requires_checks
def test_post_reject_sends_it_back_with_the_reason(cli_staffed, post_id, staff):
    cli_staffed("post", "submit", post_id, as_=staff.author)
    result = cli_staffed("post", "reject", post_id, "--reason", "Mention the after-hours line.", as_=staff.approver)
    assert result.exit_code == 0, result.stderr
    data = show(cli_staffed, post_id)
    assert (data["status"], data["status_reason"]) == ("rejected", "Mention the after-hours line.")


@requires_checks
def test_post_schedule_gives_an_approved_untimed_post_its_time(cli_staffed, staff):
    post_id = cli_staffed("post", "new", "--text", CLEAN_TEXT, "--to", "clinic-x", as_=staff.author).stdout.strip()
    cli_staffed("post", "submit", post_id, as_=staff.author)
    assert cli_staffed("post", "approve", post_id, as_=staff.approver).exit_code == 0
    assert show(cli_staffed, post_id)["status"] == "approved"
    result = cli_staffed("post", "schedule", post_id, "--at", local_in_days(5, 14), as_=staff.approver)
    assert result.exit_code == 0, result.stderr
    assert "is scheduled for" in result.stdout
    assert show(cli_staffed, post_id)["status"] == "scheduled"


@requires_checks
def test_post_schedule_in_the_past_is_refused(cli_staffed, staff):
    post_id = cli_staffed("post", "new", "--text", CLEAN_TEXT, "--to", "clinic-x", as_=staff.author).stdout.strip()
    cli_staffed("post", "submit", post_id, as_=staff.author)
    cli_staffed("post", "approve", post_id, as_=staff.approver)
    result = cli_staffed("post", "schedule", post_id, "--at", "2021-05-03 09:00", as_=staff.approver)
    assert result.exit_code == 2
    assert "in the past" in result.stderr


def test_post_schedule_without_approval_is_refused(cli_staffed, post_id, staff):
    result = cli_staffed("post", "schedule", post_id, "--at", local_in_days(5, 14), as_=staff.approver)
    assert result.exit_code == 2
    assert "no valid approval" in result.stderr


def test_unknown_option_is_a_usage_error_with_exit_2(cli_staffed):
    result = cli_staffed("post", "list", "--colour")
    assert result.exit_code == 2
    assert "No such option" in result.stderr
    assert "Traceback" not in result.stderr


def test_post_show_and_list_never_print_raw_terminal_escapes(cli_staffed, staff):
    sneaky = "Flu shots this week.\x1b[2J\x1b[31mAPPROVED\u202e Book online."
    created = cli_staffed("post", "new", "--text", sneaky, "--to", "clinic-x", as_=staff.author)
    assert created.exit_code == 0, created.stderr
    post_id = created.stdout.strip()
    shown = cli_staffed("post", "show", post_id).stdout + cli_staffed("post", "list").stdout
    assert "\x1b" not in shown and "\u202e" not in shown
    assert "\\u001b[2J" in shown and "\\u202e" in shown
