"""Approval: a second, trained approver; bound to exactly what will be sent."""

from __future__ import annotations

import pytest

from socialtui.errors import PermissionDeniedError, ValidationError
from socialtui.lifecycle import PostStatus
from socialtui.services import review
from socialtui.services.posts import PostChanges, content_fingerprint, edit_post, get_post

from .helpers import CLEAN_TEXT, OTHER_TEXT, in_days, new_post, requires_checks

pytestmark = requires_checks


def submitted(practice, author: str, *, due_at=None) -> int:
    with practice.store.session() as session:
        post = new_post(session, author, due_at=due_at)
        review.submit(session, post.id, practice.config, actor=author)
        return post.id


def approved(practice, author: str, approver: str, *, due_at=None) -> int:
    post_id = submitted(practice, author, due_at=due_at)
    with practice.store.session() as session:
        review.approve(session, post_id, practice.config, actor=approver)
    return post_id


def test_an_approver_never_approves_a_post_they_wrote(staffed, staff):
    post_id = submitted(staffed, staff.approver)
    with pytest.raises(PermissionDeniedError, match="wrote post"), staffed.store.session() as session:
        review.approve(session, post_id, staffed.config, actor=staff.approver)


def test_an_author_cannot_approve_someone_elses_post(staffed, staff):
    post_id = submitted(staffed, staff.approver)
    with pytest.raises(PermissionDeniedError, match="only an approver or admin may approve"), staffed.store.session() as session:
        review.approve(session, post_id, staffed.config, actor=staff.author)


def test_an_approver_with_out_of_date_training_cannot_approve(staffed, staff):
    post_id = submitted(staffed, staff.author)
    with pytest.raises(PermissionDeniedError, match="not in date"), staffed.store.session() as session:
        review.approve(session, post_id, staffed.config, actor=staff.untrained_approver)


def test_an_approver_who_was_never_trained_cannot_approve(staffed, staff):
    from socialtui.services.staff import add_staff

    with staffed.store.session() as session:
        add_staff(session, "Dr. New Hire", "approver", None, actor=staff.admin)
    post_id = submitted(staffed, staff.author)
    with pytest.raises(PermissionDeniedError, match="no training on record"), staffed.store.session() as session:
        review.approve(session, post_id, staffed.config, actor="Dr. New Hire")


def test_a_refused_approval_leaves_the_post_in_review(staffed, staff):
    post_id = submitted(staffed, staff.author)
    with pytest.raises(PermissionDeniedError), staffed.store.session() as session:
        review.approve(session, post_id, staffed.config, actor=staff.untrained_approver)
    with staffed.store.session() as session:
        assert get_post(session, post_id).status == PostStatus.IN_REVIEW


def test_approval_records_a_hash_of_exactly_what_will_be_sent(staffed, staff):
    post_id = approved(staffed, staff.author, staff.approver)
    with staffed.store.session() as session:
        post = get_post(session, post_id)
        approval = review.current_approval(post)
        assert approval is not None
        assert approval.content_hash == content_fingerprint(post)
        assert approval.approver.name == staff.approver


def test_an_edit_after_approval_sends_the_post_back_to_review(staffed, staff):
    post_id = approved(staffed, staff.author, staff.approver)
    with staffed.store.session() as session:
        post = edit_post(session, post_id, PostChanges(text=OTHER_TEXT), actor=staff.author)
        assert post.status == PostStatus.IN_REVIEW
        assert post.status_reason == "edited after approval"


def test_an_edit_after_approval_invalidates_the_approval(staffed, staff):
    post_id = approved(staffed, staff.author, staff.approver)
    with staffed.store.session() as session:
        edit_post(session, post_id, PostChanges(text=OTHER_TEXT), actor=staff.author)
    with staffed.store.session() as session:
        assert review.current_approval(get_post(session, post_id)) is None


def test_an_edit_to_a_scheduled_post_unschedules_every_target(staffed, staff):
    post_id = approved(staffed, staff.author, staff.approver, due_at=in_days(7))
    with staffed.store.session() as session:
        assert get_post(session, post_id).status == PostStatus.SCHEDULED
        post = edit_post(session, post_id, PostChanges(text=OTHER_TEXT), actor=staff.author)
        assert post.status == PostStatus.IN_REVIEW
        assert {p.status for p in post.publications} == {"pending"}


def test_an_edit_that_changes_nothing_keeps_the_approval(staffed, staff):
    post_id = approved(staffed, staff.author, staff.approver)
    with staffed.store.session() as session:
        post = edit_post(session, post_id, PostChanges(text=CLEAN_TEXT), actor=staff.author)
        assert post.status == PostStatus.APPROVED
        assert review.current_approval(post) is not None


def test_scheduling_after_an_edit_needs_a_new_approval(staffed, staff):
    post_id = approved(staffed, staff.author, staff.approver)
    with staffed.store.session() as session:
        edit_post(session, post_id, PostChanges(text=OTHER_TEXT), actor=staff.author)
    with pytest.raises(PermissionDeniedError, match="no valid approval"), staffed.store.session() as session:
        review.schedule(session, post_id, in_days(3), actor=staff.approver)


def test_changing_the_time_of_a_scheduled_post_sends_it_back_to_review(staffed, staff):
    post_id = approved(staffed, staff.author, staff.approver)
    with staffed.store.session() as session:
        review.schedule(session, post_id, in_days(3), actor=staff.approver)
        edit_post(session, post_id, PostChanges(due_at=in_days(4)), actor=staff.author)
    with staffed.store.session() as session:
        assert get_post(session, post_id).status == PostStatus.IN_REVIEW


def test_after_reapproval_the_edited_post_can_be_scheduled(staffed, staff):
    post_id = approved(staffed, staff.author, staff.approver)
    with staffed.store.session() as session:
        edit_post(session, post_id, PostChanges(text=OTHER_TEXT), actor=staff.author)
    with staffed.store.session() as session:
        review.approve(session, post_id, staffed.config, actor=staff.approver)
        post = review.schedule(session, post_id, in_days(3), actor=staff.approver)
        assert post.status == PostStatus.SCHEDULED


def test_only_an_approver_may_reject(staffed, staff):
    post_id = submitted(staffed, staff.approver)
    with pytest.raises(PermissionDeniedError), staffed.store.session() as session:
        review.reject(session, post_id, "Too long.", actor=staff.author)


def test_a_rejection_needs_a_reason(staffed, staff):
    post_id = submitted(staffed, staff.author)
    with pytest.raises(ValidationError, match="needs a reason"), staffed.store.session() as session:
        review.reject(session, post_id, "  ", actor=staff.approver)


def test_an_edit_after_rejection_returns_the_post_to_draft(staffed, staff):
    post_id = submitted(staffed, staff.author)
    with staffed.store.session() as session:
        review.reject(session, post_id, "Shorter, please.", actor=staff.approver)
        post = edit_post(session, post_id, PostChanges(text=OTHER_TEXT), actor=staff.author)
        assert post.status == PostStatus.DRAFT
