"""Each bypass of the safeguards that a colleague in a hurry could try, refused with a clear message.

Permissions live in the services, the two-person rule covers everyone who changed a post,
overrides are acknowledged by the approver, and `--as` proves who is acting.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select

from socialtui.errors import OverridesNotAcknowledgedError, PermissionDeniedError
from socialtui.services import review
from socialtui.services.posts import PostChanges, edit_post, get_post
from socialtui.store.models import AuditEvent, StaffMember

from .helpers import CLEAN_TEXT, OTHER_TEXT, in_days, new_post, requires_checks

pytestmark = requires_checks


def audit_actions(practice, action: str) -> list[AuditEvent]:
    with practice.store.session() as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.seq)))


def set_identity(config_file: Path, mode: str, staff_users: dict[str, str] | None = None) -> None:
    text = config_file.read_text(encoding="utf-8").replace('mode = "trust"', f'mode = "{mode}"')
    if staff_users:
        text += "\n[staff_users]\n" + "".join(f'{login} = "{name}"\n' for login, name in staff_users.items())
    config_file.write_text(text, encoding="utf-8")


@contextmanager
def passphrase_fd(*lines: str) -> Iterator[str]:
    """A readable file descriptor holding ``lines``, as `--passphrase-fd` takes it (never argv or env)."""
    read, write = os.pipe()
    os.write(write, "".join(line + "\n" for line in lines).encode())
    os.close(write)
    try:
        yield str(read)
    finally:
        os.close(read)


def scheduled_post(practice, author: str, approver: str) -> int:
    with practice.store.session() as session:
        post_id = new_post(session, author, due_at=in_days(5)).id
    with practice.store.session() as session:
        review.submit(session, post_id, practice.config, actor=author)
    with practice.store.session() as session:
        review.approve(session, post_id, practice.config, actor=approver)
    return post_id


# -- who may do what -----------------------------------------------------------------------

def test_an_author_cannot_add_an_approver(cli_staffed, staff, staffed):
    result = cli_staffed("staff", "add", "Sock Puppet", "--role", "approver", "--trained", "2026-12-01", as_=staff.author)
    assert result.exit_code == 2
    assert "only an admin may manage staff" in result.stderr
    with staffed.store.session() as session:
        assert session.scalar(select(StaffMember).where(StaffMember.name == "Sock Puppet")) is None


def test_an_author_cannot_record_training(cli_staffed, staff):
    result = cli_staffed("staff", "train", staff.untrained_approver, "--on", "2026-11-30", as_=staff.author)
    assert result.exit_code == 2 and "only an admin" in result.stderr


def test_the_first_staff_member_must_be_an_admin(cli):
    result = cli("staff", "add", "Dana Reyes", "--role", "author")
    assert result.exit_code == 2
    assert "first staff member must be an admin" in result.stderr


def test_an_admin_adds_an_approver_and_it_is_audited(cli_staffed, staff, staffed):
    result = cli_staffed("staff", "add", "Dr. Ana Lima", "--role", "approver", "--trained", "2026-11-01", as_=staff.admin)
    assert result.exit_code == 0, result.stderr
    assert audit_actions(staffed, "staff.add")[-1].actor == staff.admin


def test_an_author_cannot_connect_an_account_and_is_not_asked_for_a_token(cli_staffed, staff):
    result = cli_staffed("accounts", "add", "webhook", "intranet", "--handle", "http://127.0.0.1:9/", as_=staff.author)
    assert result.exit_code == 2
    assert "only an admin may connect and remove accounts" in result.stderr
    assert "token" not in result.stdout.lower()


def test_an_author_cannot_reject(staffed, staff):
    with staffed.store.session() as session:
        post_id = new_post(session, staff.author).id
    with staffed.store.session() as session:
        review.submit(session, post_id, staffed.config, actor=staff.author)
    with pytest.raises(PermissionDeniedError, match="only an approver or admin may reject"), staffed.store.session() as session:
        review.reject(session, post_id, "I changed my mind.", actor=staff.author)


# -- the two-person rule ------------------------------------------------------------------

def test_an_approver_who_edits_a_scheduled_post_cannot_approve_their_own_edit(staffed, staff):
    post_id = scheduled_post(staffed, staff.author, staff.approver)
    with staffed.store.session() as session:
        edit_post(session, post_id, PostChanges(text=OTHER_TEXT), actor=staff.approver)
    with staffed.store.session() as session:
        assert get_post(session, post_id).status == "in_review"
    with pytest.raises(PermissionDeniedError) as refused, staffed.store.session() as session:
        review.approve(session, post_id, staffed.config, actor=staff.approver)
    assert f"{staff.approver} changed post {post_id} (text" in refused.value.message
    assert "since it was last approved" in refused.value.message


def test_after_an_approvers_edit_a_second_person_may_approve_it(staffed, staff, cli_staffed):
    post_id = scheduled_post(staffed, staff.author, staff.approver)
    with staffed.store.session() as session:
        edit_post(session, post_id, PostChanges(text=OTHER_TEXT), actor=staff.approver)
    cli_staffed("staff", "add", "Dr. Ana Lima", "--role", "approver", "--trained", "2026-11-01", as_=staff.admin)
    with staffed.store.session() as session:
        post = review.approve(session, post_id, staffed.config, actor="Dr. Ana Lima")
        assert post.status == "scheduled"


def test_an_author_cannot_choose_the_time_of_a_post_approved_without_one(staffed, staff):
    with staffed.store.session() as session:
        post_id = new_post(session, staff.author).id
    with staffed.store.session() as session:
        review.submit(session, post_id, staffed.config, actor=staff.author)
    with staffed.store.session() as session:
        review.approve(session, post_id, staffed.config, actor=staff.approver)
    with pytest.raises(PermissionDeniedError), staffed.store.session() as session:
        review.schedule(session, post_id, in_days(3), actor=staff.author)
    with staffed.store.session() as session:
        assert review.schedule(session, post_id, in_days(3), actor=staff.approver).status == "scheduled"


def test_an_edit_that_changes_nothing_does_not_count_as_a_change(staffed, staff):
    post_id = scheduled_post(staffed, staff.author, staff.approver)
    with staffed.store.session() as session:
        edit_post(session, post_id, PostChanges(text=CLEAN_TEXT), actor=staff.approver)
        assert get_post(session, post_id).status == "scheduled"


# -- overrides are acknowledged ------------------------------------------------------------

ABSOLUTE = "Studies show flossing prevents gum disease. Book online any time."


def overridden_post(practice, staff) -> tuple[int, list[str]]:
    from socialtui.errors import ChecksBlockedError

    with practice.store.session() as session:
        post_id = new_post(session, staff.author, text=ABSOLUTE, due_at=in_days(5)).id
    try:
        with practice.store.session() as session:
            review.submit(session, post_id, practice.config, actor=staff.author)
        codes: list[str] = []
    except ChecksBlockedError as blocked:
        codes = sorted({f.code for f in blocked.findings if str(f.severity) == "warning"})
        if any(str(f.severity) == "error" for f in blocked.findings):
            pytest.skip("the claim is an error under the current rules; no warning to override")
    for code in codes:
        with practice.store.session() as session:
            review.override(session, post_id, code, "Reviewed with the clinic lead; wording agreed.", practice.config,
                            actor=staff.author)
    with practice.store.session() as session:
        review.submit(session, post_id, practice.config, actor=staff.author)
    return post_id, codes


def test_approving_a_post_with_an_override_needs_the_approver_to_acknowledge_it(staffed, staff):
    post_id, codes = overridden_post(staffed, staff)
    if not codes:
        pytest.skip("no warning fired on the absolute claim")
    with pytest.raises(OverridesNotAcknowledgedError) as refused, staffed.store.session() as session:
        review.approve(session, post_id, staffed.config, actor=staff.approver)
    assert refused.value.codes == codes
    assert staff.author in refused.value.message and "wording agreed" in refused.value.message
    with staffed.store.session() as session:
        review.approve(session, post_id, staffed.config, actor=staff.approver, acknowledged=codes)
    with staffed.store.session() as session:
        approval = get_post(session, post_id).approvals[-1]
        assert {o["code"] for o in approval.overrides} == set(codes)
        assert all(o["acknowledged_by"] == staff.approver for o in approval.overrides)
        assert approval.active_rules and "PRV001" in approval.active_rules


def test_an_edit_drops_the_overrides_given_for_the_old_text(staffed, staff):
    post_id, codes = overridden_post(staffed, staff)
    if not codes:
        pytest.skip("no warning fired on the claim")
    with staffed.store.session() as session:
        edit_post(session, post_id, PostChanges(text=ABSOLUTE + " Or call 321-555-7777 for John."), actor=staff.author)
    with staffed.store.session() as session:
        assert get_post(session, post_id).overrides == []


def test_the_cli_names_each_override_to_acknowledge(cli_staffed, staffed, staff):
    post_id, codes = overridden_post(staffed, staff)
    if not codes:
        pytest.skip("no warning fired on the absolute claim")
    result = cli_staffed("post", "approve", str(post_id), as_=staff.approver)
    assert result.exit_code == 2
    assert f"--ack {codes[0]}" in result.stderr
    typo = cli_staffed("post", "approve", str(post_id), "--ack", "ZZZ999", as_=staff.approver)
    assert typo.exit_code == 2 and "has no override ZZZ999" in typo.stderr
    acks = [arg for code in codes for arg in ("--ack", code)]
    assert cli_staffed("post", "approve", str(post_id), *acks, as_=staff.approver).exit_code == 0


# -- identity ------------------------------------------------------------------------------

@pytest.fixture
def os_user(monkeypatch):
    """The computer login is 'dreyes'."""
    monkeypatch.setattr("socialtui.context._os_user", lambda: "dreyes")


def acknowledge_policy(practice, admin: str) -> None:
    """An admin reviews the change to the file (a changed [staff_users] mapping waits for that)."""
    from socialtui.services.policy import acknowledge

    with practice.store.session() as session:
        acknowledge(session, actor=admin)


def test_in_os_user_mode_the_login_acts_without_naming_anyone(cli_staffed, staffed, config_file, staff, os_user):
    set_identity(config_file, "os-user", {"dreyes": staff.author})
    cli_staffed("status")
    acknowledge_policy(staffed, staff.admin)
    result = cli_staffed("post", "new", "--text", CLEAN_TEXT, "--to", "clinic-x")
    assert result.exit_code == 0, result.stderr


def test_in_os_user_mode_an_author_cannot_act_as_a_clinician(cli_staffed, config_file, staffed, staff, os_user):
    set_identity(config_file, "os-user", {"dreyes": staff.author})
    cli_staffed("status")
    acknowledge_policy(staffed, staff.admin)
    with staffed.store.session() as session:
        post_id = new_post(session, staff.admin).id
    with staffed.store.session() as session:
        review.submit(session, post_id, staffed.config, actor=staff.admin)
    result = cli_staffed("post", "approve", str(post_id), as_=staff.approver)
    assert result.exit_code == 2
    assert f"signs you in as {staff.author}; acting as {staff.approver} needs their passphrase" in result.stderr
    with staffed.store.session() as session:
        assert get_post(session, post_id).status == "in_review"


@pytest.fixture
def passphrase_practice(cli_staffed, config_file, staff):
    """Passphrase mode: the admin issued the approver a setup code (while setting up) and the approver chose a passphrase."""
    issued = cli_staffed("staff", "setup-code", staff.approver, as_=staff.admin)
    assert issued.exit_code == 0, issued.stderr
    code = issued.stdout.split(": ", 1)[1].splitlines()[0].strip()
    with passphrase_fd(code, "correct horse battery staple") as fd:
        chosen = cli_staffed("--passphrase-fd", fd, "staff", "passphrase", as_=staff.approver)
    assert chosen.exit_code == 0, chosen.stderr
    set_identity(config_file, "passphrase")
    return cli_staffed


def submitted_by_author(practice, staff) -> int:
    with practice.store.session() as session:
        post_id = new_post(session, staff.author).id
    with practice.store.session() as session:
        review.submit(session, post_id, practice.config, actor=staff.author)
    return post_id


def test_with_the_right_passphrase_the_approver_approves(passphrase_practice, staffed, staff):
    post_id = submitted_by_author(staffed, staff)
    with passphrase_fd("correct horse battery staple") as fd:
        result = passphrase_practice("--passphrase-fd", fd, "post", "approve", str(post_id), as_=staff.approver)
    assert result.exit_code == 0, result.stderr


def test_a_wrong_passphrase_is_refused_and_says_how_many_tries_remain(passphrase_practice, staffed, staff):
    post_id = submitted_by_author(staffed, staff)
    with passphrase_fd("not the passphrase") as fd:
        result = passphrase_practice("--passphrase-fd", fd, "post", "approve", str(post_id), as_=staff.approver)
    assert result.exit_code == 2
    assert f"Wrong passphrase for {staff.approver}" in result.stderr and "4 tries left" in result.stderr
    assert "not the passphrase" not in result.stderr + result.stdout


def test_without_a_terminal_or_descriptor_the_passphrase_is_not_guessed(passphrase_practice, staffed, staff):
    post_id = submitted_by_author(staffed, staff)
    result = passphrase_practice("post", "approve", str(post_id), as_=staff.approver)
    assert result.exit_code == 2
    assert f"Acting as {staff.approver} needs their passphrase" in result.stderr
    assert "no terminal to ask on" in result.stderr


def test_five_wrong_passphrases_lock_the_person_out_and_are_audited(passphrase_practice, staffed, staff):
    post_id = submitted_by_author(staffed, staff)
    for _ in range(5):
        with passphrase_fd("guess") as fd:
            result = passphrase_practice("--passphrase-fd", fd, "post", "approve", str(post_id), as_=staff.approver)
    assert "locked out" in result.stderr
    with passphrase_fd("correct horse battery staple") as fd:
        locked = passphrase_practice("--passphrase-fd", fd, "post", "approve", str(post_id), as_=staff.approver)
    assert locked.exit_code == 2 and "is locked out" in locked.stderr
    assert [e.actor for e in audit_actions(staffed, "identity.lockout")] == [staff.approver]


def test_a_setup_code_only_lets_the_person_choose_a_passphrase(cli_staffed, config_file, staffed, staff):
    issued = cli_staffed("staff", "setup-code", staff.approver, as_=staff.admin)
    code = issued.stdout.split(": ", 1)[1].splitlines()[0].strip()
    set_identity(config_file, "passphrase")
    post_id = submitted_by_author(staffed, staff)
    with passphrase_fd(code) as fd:
        result = cli_staffed("--passphrase-fd", fd, "post", "approve", str(post_id), as_=staff.approver)
    assert result.exit_code == 2 and "has not chosen a passphrase yet" in result.stderr


def test_passphrases_are_stored_only_as_slow_salted_hashes(passphrase_practice, staffed, staff):
    with staffed.store.session() as session:
        stored = session.scalar(select(StaffMember.passphrase_hash).where(StaffMember.name == staff.approver))
    assert stored.startswith("scrypt$") and "correct horse" not in stored


def test_only_an_admin_issues_setup_codes(cli_staffed, staff):
    result = cli_staffed("staff", "setup-code", staff.approver, as_=staff.author)
    assert result.exit_code == 2 and "only an admin" in result.stderr
