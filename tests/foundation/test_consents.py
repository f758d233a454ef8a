"""The consent registry through the CLI; revoking holds unpublished posts and lists published ones."""

from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta

import pytest

from socialtui.lifecycle import PostStatus
from socialtui.services.consents import revoke_consent
from socialtui.services.posts import get_post

from .helpers import force_status, in_days, new_post

CONSENT_KEYS = {"id", "subject_ref", "platforms", "media_types", "signed_on", "expires_on", "revoked_on", "validity",
                "document_sha256"}


@pytest.fixture
def signed_form(tmp_path):
    path = tmp_path / "C-2026-014.pdf"
    path.write_bytes(b"%PDF-1.4 signed consent form")
    return path


@pytest.fixture
def consent_id(cli_staffed, staff, signed_form) -> str:
    signed = (date.today() - timedelta(days=10)).isoformat()
    expires = (date.today() + timedelta(days=300)).isoformat()
    result = cli_staffed("consent", "add", "--subject", "C-2026-014", "--scope", "facebook,x", "--scope", "photo",
                         "--scope", "quote", "--signed", signed, "--expires", expires, "--document", str(signed_form),
                         as_=staff.author)
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


def test_consent_add_stores_only_the_documents_path_and_hash(cli_staffed, consent_id, signed_form):
    data = json.loads(cli_staffed("consent", "show", consent_id, "--json").stdout)
    assert data["document_path"] == str(signed_form.resolve())
    assert data["document_sha256"] == hashlib.sha256(signed_form.read_bytes()).hexdigest()


def test_consent_add_refuses_a_patient_name_as_the_subject(cli_staffed, staff, signed_form):
    result = cli_staffed("consent", "add", "--subject", "Maria Gonzalez", "--scope", "x,photo", "--signed", "2026-01-05",
                         "--document", str(signed_form), as_=staff.author)
    assert result.exit_code == 2
    assert "pseudonymous" in result.stderr
    assert "Gonzalez" not in result.stderr


def test_consent_add_refuses_an_unknown_scope(cli_staffed, staff, signed_form):
    result = cli_staffed("consent", "add", "--subject", "C-1", "--scope", "x,photo,hologram", "--signed", "2026-01-05",
                         "--document", str(signed_form), as_=staff.author)
    assert result.exit_code == 2
    assert "Unknown scope 'hologram'" in result.stderr


def test_consent_list_json_has_the_stable_keys(cli_staffed, consent_id):
    data = json.loads(cli_staffed("consent", "list", "--json").stdout)
    assert [c["id"] for c in data] == [int(consent_id)]
    assert set(data[0]) == CONSENT_KEYS
    assert data[0]["platforms"] == ["facebook", "x"]
    assert data[0]["media_types"] == ["photo", "quote"]
    assert data[0]["validity"] == "valid"


def test_consent_show_json_adds_the_document_and_the_posts_using_it(cli_staffed, consent_id):
    data = json.loads(cli_staffed("consent", "show", consent_id, "--json").stdout)
    assert set(data) == CONSENT_KEYS | {"document_path", "posts"}
    assert data["posts"] == []


def test_consent_show_of_a_missing_consent_is_a_user_error(cli_staffed):
    result = cli_staffed("consent", "show", "42")
    assert result.exit_code == 2
    assert "error: There is no consent 42." in result.stderr


@pytest.fixture
def posts_using_consent(staffed, staff, consent_id) -> dict[PostStatus, int]:
    """One post in each of draft, scheduled and published, all relying on the consent."""
    ids = {}
    for status in (PostStatus.DRAFT, PostStatus.SCHEDULED, PostStatus.PUBLISHED):
        with staffed.store.session() as session:
            post = new_post(session, staff.author, due_at=in_days(5), consent_ids=[int(consent_id)], kind="testimonial")
            force_status(session, post.id, status, staff.approver)
            ids[status] = post.id
    return ids


def test_consent_revoke_holds_every_unpublished_post_using_it(cli_staffed, staff, staffed, consent_id, posts_using_consent):
    result = cli_staffed("consent", "revoke", consent_id, "--reason", "Patient withdrew by phone.", as_=staff.admin)
    assert result.exit_code == 0, result.stderr
    with staffed.store.session() as session:
        for status in (PostStatus.DRAFT, PostStatus.SCHEDULED):
            post = get_post(session, posts_using_consent[status])
            assert post.status == PostStatus.HELD
            assert post.status_reason == f"consent {consent_id} revoked"
        assert get_post(session, posts_using_consent[PostStatus.SCHEDULED]).publications[0].status == "held"


def test_consent_revoke_lists_published_posts_for_takedown(cli_staffed, staff, staffed, consent_id, posts_using_consent):
    published = posts_using_consent[PostStatus.PUBLISHED]
    result = cli_staffed("consent", "revoke", consent_id, "--reason", "Patient withdrew by phone.", as_=staff.admin)
    held = sorted([posts_using_consent[PostStatus.DRAFT], posts_using_consent[PostStatus.SCHEDULED]])
    assert f"Held posts: {', '.join(map(str, held))}" in result.stdout
    assert f"post {published}: https://x.com/MapleFamilyMed/status/{published}" in result.stdout
    with staffed.store.session() as session:
        assert get_post(session, published).status == PostStatus.PUBLISHED


def test_consent_revoke_marks_the_consent_revoked(cli_staffed, staff, consent_id):
    cli_staffed("consent", "revoke", consent_id, "--reason", "Patient withdrew by phone.", as_=staff.admin)
    data = json.loads(cli_staffed("consent", "show", consent_id, "--json").stdout)
    assert data["validity"] == "revoked"
    assert data["revoked_on"] == date.today().isoformat()


def test_consent_revoked_twice_is_refused(cli_staffed, staff, consent_id):
    cli_staffed("consent", "revoke", consent_id, "--reason", "Patient withdrew by phone.", as_=staff.admin)
    result = cli_staffed("consent", "revoke", consent_id, "--reason", "Again.", as_=staff.admin)
    assert result.exit_code == 2
    assert "already revoked" in result.stderr


def test_revoking_a_consent_holds_a_post_in_review(staffed, staff, consent_id):
    with staffed.store.session() as session:
        post = new_post(session, staff.author, consent_ids=[int(consent_id)], kind="testimonial")
        force_status(session, post.id, PostStatus.IN_REVIEW, staff.approver)
        impact = revoke_consent(session, int(consent_id), "Withdrawn.", actor=staff.admin)
        assert impact.held == [post.id]
        assert get_post(session, post.id).status == PostStatus.HELD
