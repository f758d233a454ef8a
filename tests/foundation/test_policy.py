"""Who may change the safeguards: the check policy is fingerprinted, and every change is audited.

A change from the app needs an admin; a change made in the file by an editor is found the
next time any socialtui process loads it, recorded, and shown until an admin acknowledges it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from socialtui.errors import PermissionDeniedError
from socialtui.services.policy import FILE_EDITOR, save_settings
from socialtui.store.models import AuditEvent

REASON = "Our readers are clinicians."


def disable_in_file(config_file: Path, code: str, reason: str | None = REASON) -> None:
    extra = f'\n[checks]\ndisabled = ["{code}"]\n'
    if reason:
        extra += f'disabled_reasons = {{ {code} = "{reason}" }}\n'
    config_file.write_text(config_file.read_text(encoding="utf-8") + extra, encoding="utf-8")


def policy_events(practice) -> list[AuditEvent]:
    with practice.store.session() as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.action.like("policy.%")).order_by(AuditEvent.seq)))


def test_an_edit_of_the_file_that_disables_a_check_is_recorded_and_shown(cli_staffed, staffed, config_file):
    disable_in_file(config_file, "RDB001")
    status = cli_staffed("status")
    assert status.exit_code == 0, status.stderr
    assert "Check RDB001 stays ON: the file switches it off, which takes effect once an admin acknowledges it" \
        in status.stdout
    assert "not yet acknowledged by an admin" in status.stdout
    change = policy_events(staffed)[-1]
    assert change.action == "policy.change" and change.actor == FILE_EDITOR
    assert "checks.disabled" in {k["key"] for k in change.details["keys"]}
    assert REASON not in json.dumps(change.details)  # hashes of values, not the values


def test_the_change_stays_flagged_until_an_admin_acknowledges_it(cli_staffed, staffed, staff, config_file):
    disable_in_file(config_file, "RDB001")
    refused = cli_staffed("policy", "ack", as_=staff.author)
    assert refused.exit_code == 2 and "only an admin" in refused.stderr
    assert cli_staffed("policy", "ack", as_=staff.admin).exit_code == 0
    status = cli_staffed("status").stdout
    assert "not yet acknowledged" not in status
    assert f"Check RDB001 is OFF: disabled by {FILE_EDITOR}" in status and REASON in status
    assert policy_events(staffed)[-1].action == "policy.acknowledge"


def test_a_privacy_check_cannot_be_disabled_without_a_reason(cli_staffed, config_file):
    disable_in_file(config_file, "PRV001", reason=None)
    result = cli_staffed("status")
    assert result.exit_code == 2
    assert "switching off privacy check PRV001 needs a written reason" in result.stderr
    assert "disabled_reasons.PRV001" in result.stderr


def test_a_check_switched_off_in_the_file_keeps_running_until_an_admin_acknowledges(cli_staffed, staff, config_file):
    disable_in_file(config_file, "PRV001", reason="Phone numbers are checked by our own tool.")
    leaky = "Call Sam at 407-555-9876 about the results."
    assert "PRV001" in cli_staffed("check", "--text", leaky).stdout
    cli_staffed("policy", "ack", as_=staff.admin)
    assert "PRV001" not in cli_staffed("check", "--text", leaky).stdout


def test_trust_mode_written_into_the_file_does_not_let_anyone_act_as_anyone_until_acknowledged(
        cli_staffed, staffed, staff, config_file, monkeypatch):
    from socialtui.services import review

    from .helpers import new_post

    monkeypatch.setattr("socialtui.context._os_user", lambda: "nobody")
    config_file.write_text(config_file.read_text(encoding="utf-8").replace('mode = "trust"', 'mode = "passphrase"'),
                           encoding="utf-8")
    cli_staffed("status")  # a stricter mode applies at once; an admin reviews it
    _ack(staffed, staff.admin)
    with staffed.store.session() as session:
        post_id = new_post(session, staff.author).id
    with staffed.store.session() as session:
        review.submit(session, post_id, staffed.config, actor=staff.author)
    config_file.write_text(config_file.read_text(encoding="utf-8").replace('mode = "passphrase"', 'mode = "trust"'),
                           encoding="utf-8")
    result = cli_staffed("post", "approve", str(post_id), as_=staff.approver)
    assert result.exit_code == 2 and "needs their passphrase" in result.stderr


def _ack(practice, admin: str) -> None:
    from socialtui.services.policy import acknowledge

    with practice.store.session() as session:
        acknowledge(session, actor=admin)


def test_check_names_every_disabled_rule_with_who_and_why(cli_staffed, staff, config_file):
    disable_in_file(config_file, "PRV001", reason="Phone numbers are checked by our own tool.")
    cli_staffed("policy", "ack", as_=staff.admin)
    result = cli_staffed("check", "--text", "Call Sam at 407-555-9876 about the results.")
    assert "not checked: PRV001 disabled by" in result.stderr
    assert "Phone numbers are checked by our own tool." in result.stderr


def test_an_author_cannot_switch_checks_off_from_the_settings(staffed, staff):
    text = staffed.config_path.read_text(encoding="utf-8") + '\n[checks]\ndisabled = ["PRV001", "PRV011", "PRV014"]\n' \
        'disabled_reasons = { PRV001 = "x", PRV011 = "x", PRV014 = "x" }\n'
    before = staffed.config_path.read_text(encoding="utf-8")
    with pytest.raises(PermissionDeniedError, match="only an admin"), staffed.store.session() as session:
        save_settings(session, staffed.config, staffed.config_path, text, actor=staff.author)
    assert staffed.config_path.read_text(encoding="utf-8") == before
    assert [e.action for e in policy_events(staffed)] == ["policy.initial"]


def test_an_admins_change_from_the_settings_is_audited_with_who_and_which_keys(staffed, staff):
    text = staffed.config_path.read_text(encoding="utf-8") + '\n[checks]\ndisabled = ["RDB001"]\n'
    with staffed.store.session() as session:
        save_settings(session, staffed.config, staffed.config_path, text, actor=staff.admin)
    change = policy_events(staffed)[-1]
    assert change.actor == staff.admin and change.details["source"] == "app"
    assert [k["key"] for k in change.details["keys"]] == ["checks.disabled"]
    assert change.details["keys"][0]["old"] != change.details["keys"][0]["new"]


def test_an_author_may_still_save_settings_that_are_not_policy(staffed, staff):
    text = staffed.config_path.read_text(encoding="utf-8").replace("[practice]", "[dispatch]\nmin_gap_minutes = 90\n\n[practice]")
    with staffed.store.session() as session:
        config = save_settings(session, staffed.config, staffed.config_path, text, actor=staff.author)
    assert config.dispatch.min_gap_minutes == 90
