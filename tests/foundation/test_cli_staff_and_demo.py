"""`socialtui staff ...` and `socialtui demo`."""

from __future__ import annotations

import json
from datetime import date, timedelta

STAFF_KEYS = {"name", "role", "trained_on", "training_in_date"}


def test_the_first_staff_member_can_be_added_without_naming_anyone(cli):
    result = cli("staff", "add", "Lee Park", "--role", "admin", "--trained", "2026-01-05")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "Added Lee Park (admin)."


def test_later_staff_members_are_added_by_someone_named(cli_staffed):
    result = cli_staffed("staff", "add", "Sam Ortiz", "--role", "author")
    assert result.exit_code == 2
    assert "Who is doing this?" in result.stderr


def test_staff_add_refuses_a_name_already_on_the_roster(cli_staffed, staff):
    result = cli_staffed("staff", "add", staff.author, "--role", "author", as_=staff.admin)
    assert result.exit_code == 2
    assert "already on the roster" in result.stderr


def test_staff_list_json_has_the_stable_keys_and_training_status(cli_staffed, staff):
    data = json.loads(cli_staffed("staff", "list", "--json").stdout)
    assert all(set(row) == STAFF_KEYS for row in data)
    by_name = {row["name"]: row for row in data}
    assert by_name[staff.approver]["training_in_date"] is True
    assert by_name[staff.untrained_approver]["training_in_date"] is False
    assert by_name[staff.author]["role"] == "author"


def test_staff_list_marks_out_of_date_training(cli_staffed, staff):
    line = next(x for x in cli_staffed("staff", "list").stdout.splitlines() if x.startswith(staff.untrained_approver))
    assert line.endswith("OUT OF DATE")


def test_staff_train_brings_training_back_in_date(cli_staffed, staff):
    today = date.today().isoformat()
    result = cli_staffed("staff", "train", staff.untrained_approver, "--on", today, as_=staff.admin)
    assert result.exit_code == 0, result.stderr
    data = {r["name"]: r for r in json.loads(cli_staffed("staff", "list", "--json").stdout)}
    assert data[staff.untrained_approver] == {"name": staff.untrained_approver, "role": "approver", "trained_on": today,
                                              "training_in_date": True}


def test_staff_train_refuses_a_future_date(cli_staffed, staff):
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    result = cli_staffed("staff", "train", staff.author, "--on", tomorrow, as_=staff.admin)
    assert result.exit_code == 2
    assert "cannot be in the future" in result.stderr


def test_demo_seeds_a_practice_to_explore(cli):
    result = cli("demo")
    assert result.exit_code == 0, result.stderr
    assert "Demo practice ready" in result.stdout
    statuses = {p["status"] for p in json.loads(cli("post", "list", "--json").stdout)}
    assert {"draft", "in_review", "scheduled", "published", "failed", "held"} <= statuses


def test_demo_leaves_an_intact_audit_log(cli):
    cli("demo")
    assert cli("audit", "verify").exit_code == 0


def test_demo_twice_without_reset_is_a_clear_error(cli):
    cli("demo")
    result = cli("demo")
    assert result.exit_code == 2
    assert result.stderr == ("error: This database already has data.\n"
                             "hint: Use `socialtui demo --reset` to wipe it and start again.\n")


def test_demo_reset_starts_again(cli):
    first = json.loads(cli("post", "list", "--json").stdout if cli("demo").exit_code == 0 else "[]")
    result = cli("demo", "--reset")
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(cli("post", "list", "--json").stdout)) == len(first)


def test_demo_reuses_configured_dry_run_accounts_of_the_same_name(cli):
    result = cli("demo")
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_demo_refuses_to_post_through_a_real_account_of_the_same_name(invoke, tmp_path, sqlite_url):
    config = tmp_path / "live.toml"
    config.write_text('[[accounts]]\nname = "clinic-x"\nplatform = "x"\ndry_run = false\n', encoding="utf-8")
    result = invoke("--config", str(config), "--db", sqlite_url, "demo")
    assert result.exit_code == 2
    assert "error: Account 'clinic-x' already exists here and is not a dry-run x account." in result.stderr


def test_every_post_the_demo_approves_would_dispatch(cli, practice):
    """The demo's approvals match their posts as the dispatcher reads them back (times in UTC)."""
    from sqlalchemy import select

    from socialtui.services.posts import content_fingerprint
    from socialtui.services.review import current_approval
    from socialtui.store.models import Post

    assert cli("demo").exit_code == 0
    with practice.store.session() as session:
        approved = list(session.scalars(select(Post).where(Post.status.in_(["approved", "scheduled"]))))
        assert approved
        for post in approved:
            approval = current_approval(post)
            assert approval is not None and approval.content_hash == content_fingerprint(post), f"post {post.id}"


def test_demo_reset_refuses_to_wipe_a_practices_own_database(cli_staffed):
    result = cli_staffed("demo", "--reset")
    assert result.exit_code == 2
    assert "not a demo" in result.stderr
