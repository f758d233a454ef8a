"""`socialtui check` and the checks wired into submit, approve and override."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from socialtui.services.posts import PostChanges, create_post

CLEAN = "Our office is closed on Monday for the holiday. Book online any time."
PHONE = "Call Maria's mother at 407-555-0142 about her results."
ABSOLUTE = "Flu shots always work for everyone this season. Book online any time."


def _post(practice, text: str, staff) -> int:
    with practice.store.session() as session:
        post = create_post(session, PostChanges(text=text, targets=["clinic-facebook"],
                                                due_at=datetime.now(UTC) + timedelta(days=3)), actor=staff.author)
        session.flush()
        return post.id


def _args(config_file, store_url, *rest: str) -> list[str]:
    return ["--config", str(config_file), "--db", store_url, *rest]


def test_check_text_reports_like_a_linter_and_exits_1_on_an_error(invoke, config_file) -> None:
    result = invoke("--config", str(config_file), "check", "--text", PHONE)
    assert result.exit_code == 1
    line = next(line for line in result.stdout.splitlines() if " PRV001 " in line)
    assert line.startswith("text:1:")
    assert "error" in line


def test_check_output_never_repeats_the_phone_number_it_found(invoke, config_file) -> None:
    result = invoke("--config", str(config_file), "check", "--text", PHONE)
    assert "407-555-0142" not in result.stdout + result.stderr


def test_check_text_exits_0_on_a_clean_post(invoke, config_file) -> None:
    result = invoke("--config", str(config_file), "check", "--text", CLEAN)
    assert result.exit_code == 0, result.stdout


def test_check_stdin_jsonl_gives_one_object_per_line(invoke, config_file) -> None:
    lines = json.dumps({"id": "a", "text": CLEAN}) + "\n" + json.dumps({"id": "b", "text": PHONE}) + "\n"
    result = invoke("--config", str(config_file), "check", "--stdin", "--format", "jsonl", input=lines)
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "b"]
    assert {"code", "severity", "start", "end", "message", "hint"} <= set(out[1]["findings"][0])
    assert result.exit_code == 1


def test_check_stdin_names_the_bad_line(invoke, config_file) -> None:
    result = invoke("--config", str(config_file), "check", "--stdin", input=json.dumps({"id": "a", "text": CLEAN}) + "\n{oops\n")
    assert result.exit_code == 2
    assert "Line 2" in result.stderr


def test_check_needs_exactly_one_source(invoke, config_file) -> None:
    result = invoke("--config", str(config_file), "check")
    assert result.exit_code == 2
    assert "hint:" in result.stderr


def test_check_stored_post_by_id(invoke, staffed, staff, config_file, store_url) -> None:
    post_id = _post(staffed, PHONE, staff)
    result = invoke(*_args(config_file, store_url, "check", str(post_id), "--format", "json"))
    data = json.loads(result.stdout)
    assert data[0]["id"] == str(post_id)
    assert "PRV001" in {f["code"] for f in data[0]["findings"]}
    assert result.exit_code == 1


def test_submit_is_blocked_by_an_error_finding_with_the_findings_listed(invoke, staffed, staff, config_file, store_url) -> None:
    post_id = _post(staffed, PHONE, staff)
    result = invoke(*_args(config_file, store_url, "--as", staff.author, "post", "submit", str(post_id)))
    assert result.exit_code == 1
    assert "PRV001" in result.stderr
    assert "407-555-0142" not in result.stderr


def test_a_warning_blocks_until_overridden_with_a_reason(invoke, staffed, staff, config_file, store_url) -> None:
    post_id = _post(staffed, ABSOLUTE, staff)
    blocked = invoke(*_args(config_file, store_url, "--as", staff.author, "post", "submit", str(post_id)))
    assert blocked.exit_code == 1
    code = next(c for c in ("ACC005", "ACC001") if c in blocked.stderr)
    override = invoke(*_args(config_file, store_url, "--as", staff.author, "post", "override", str(post_id), code,
                             "--reason", "Seasonal reminder reviewed by Dr. Shah; wording agreed."))
    assert override.exit_code == 0, override.stderr
    rest = [c for c in ("ACC005", "ACC001") if c in blocked.stderr and c != code]
    for other in rest:
        invoke(*_args(config_file, store_url, "--as", staff.author, "post", "override", str(post_id), other,
                      "--reason", "Seasonal reminder reviewed by Dr. Shah; wording agreed."))
    submitted = invoke(*_args(config_file, store_url, "--as", staff.author, "post", "submit", str(post_id)))
    assert submitted.exit_code == 0, submitted.stderr


def test_an_error_finding_cannot_be_overridden(invoke, staffed, staff, config_file, store_url) -> None:
    post_id = _post(staffed, PHONE, staff)
    result = invoke(*_args(config_file, store_url, "--as", staff.author, "post", "override", str(post_id), "PRV001",
                           "--reason", "I really want to post this one anyway."))
    assert result.exit_code == 2
    assert "cannot be overridden" in result.stderr


def test_approval_stores_its_findings_and_overrides(invoke, staffed, staff, config_file, store_url) -> None:
    from socialtui.services.posts import get_post

    post_id = _post(staffed, ABSOLUTE, staff)
    blocked = invoke(*_args(config_file, store_url, "--as", staff.author, "post", "submit", str(post_id)))
    codes = [c for c in ("ACC005", "ACC001") if c in blocked.stderr]
    for code in codes:
        invoke(*_args(config_file, store_url, "--as", staff.author, "post", "override", str(post_id), code,
                      "--reason", "Seasonal reminder reviewed; wording agreed with the clinic lead."))
    assert invoke(*_args(config_file, store_url, "--as", staff.author, "post", "submit", str(post_id))).exit_code == 0
    approved = invoke(*_args(config_file, store_url, "--as", staff.approver, "post", "approve", str(post_id),
                           *[arg for code in codes for arg in ("--ack", code)]))
    assert approved.exit_code == 0, approved.stderr
    with staffed.store.session() as session:
        approval = get_post(session, post_id).approvals[-1]
        assert {o["code"] for o in approval.overrides} == set(codes)
        assert {f["code"] for f in approval.findings} >= set(codes)
