"""Post text never reaches the audit log: events hold identifiers, states and field names only."""

from __future__ import annotations

import json

from sqlalchemy import select

from socialtui.services import review
from socialtui.services.posts import PostChanges, edit_post
from socialtui.store.models import AuditEvent

from .helpers import in_days, new_post, requires_checks

MARKER = "Zanzibarfest"
FIRST_TEXT = f"Our office is closed on Monday for the {MARKER} holiday. Book online any time."
EDITED_TEXT = f"Our office is closed on Monday and Tuesday for the {MARKER} holiday. Book online any time."


def audit_dump(practice) -> str:
    with practice.store.session() as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
        return json.dumps([[e.actor, e.action, e.subject_type, e.subject_id, e.from_state, e.to_state, e.details]
                           for e in events])


@requires_checks
def test_post_text_never_appears_in_audit_details_after_a_journey(staffed, staff):
    with staffed.store.session() as session:
        post_id = new_post(session, staff.author, text=FIRST_TEXT, due_at=in_days(4)).id
    with staffed.store.session() as session:
        review.submit(session, post_id, staffed.config, actor=staff.author)
        review.reject(session, post_id, "Please name both days.", actor=staff.approver)
    with staffed.store.session() as session:
        edit_post(session, post_id, PostChanges(text=EDITED_TEXT, variants={"x": f"{MARKER}: closed Mon and Tue."}),
                  actor=staff.author)
        review.submit(session, post_id, staffed.config, actor=staff.author)
        review.approve(session, post_id, staffed.config, actor=staff.approver)
    with staffed.store.session() as session:
        edit_post(session, post_id, PostChanges(text=FIRST_TEXT), actor=staff.author)
        review.cancel(session, post_id, actor=staff.author, reason="No longer needed.")
    dump = audit_dump(staffed)
    assert "post.edit" in dump and "post.approve" in dump
    assert MARKER not in dump


def test_post_text_never_appears_in_audit_details_of_a_draft(staffed, staff):
    with staffed.store.session() as session:
        post_id = new_post(session, staff.author, text=FIRST_TEXT).id
        edit_post(session, post_id, PostChanges(text=EDITED_TEXT), actor=staff.author)
    assert MARKER not in audit_dump(staffed)
