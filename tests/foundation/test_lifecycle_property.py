"""Random sequences of commands by random staff never reach an illegal state.

After every step: each post's status is a lifecycle state; its audit "transition"
events, in order, form one unbroken path from ``draft`` to its current status along
``lifecycle.TRANSITIONS`` (so exactly one event per status change); an approved or
scheduled post carries a valid approval bound to its current content, given by
someone other than its author; and ``audit.verify`` passes.
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test
from sqlalchemy import select

from socialtui.audit import verify
from socialtui.context import open_practice
from socialtui.errors import SocialTuiError
from socialtui.lifecycle import TRANSITIONS, PostStatus
from socialtui.services import review
from socialtui.services.consents import add_consent, revoke_consent
from socialtui.services.posts import PostChanges, content_fingerprint, create_post, edit_post
from socialtui.services.staff import add_staff
from socialtui.store.models import AuditEvent, Post

from .helpers import CLEAN_TEXT, OTHER_TEXT

STAFF = {
    "Lee Park": ("admin", 30),
    "Dana Reyes": ("author", 30),
    "Dr. Priya Shah": ("approver", 30),
    "Dr. Ana Lima": ("approver", 100),
    "Dr. Tom Becker": ("approver", 3 * 365),
}
TEXTS = [CLEAN_TEXT, OTHER_TEXT, "Flu shots are available at both offices this week. Book online any time."]
actors = st.sampled_from(sorted(STAFF))
texts = st.sampled_from(TEXTS)
days_ahead = st.one_of(st.none(), st.integers(min_value=1, max_value=60))
target_sets = st.sampled_from([("clinic-x",), ("clinic-facebook",), ("clinic-x", "clinic-facebook")])


def due(days: int | None) -> datetime | None:
    return None if days is None else (datetime.now(UTC) + timedelta(days=days)).replace(second=0, microsecond=0)


def build_template(folder: Path, config_file: Path) -> Path:
    """A migrated SQLite store with the staff and one consent, copied for every example."""
    path = folder / "template.db"
    practice = open_practice(config_file, f"sqlite:///{path}")
    form = folder / "consent.pdf"
    form.write_bytes(b"%PDF signed")
    with practice.store.session() as session:
        for name, (role, age) in STAFF.items():  # the admin comes first and adds the others
            add_staff(session, name, role, date.today() - timedelta(days=age), actor="Lee Park")
        add_consent(session, subject_ref="C-2026-001", scope=["x", "facebook", "photo", "quote"],
                    signed_on=date.today() - timedelta(days=5), expires_on=None, document=str(form), actor="Dana Reyes")
    practice.close()
    return path


class PostLifecycle(RuleBasedStateMachine):
    """Commands from the services, by anyone, in any order."""

    folder: Path
    config_file: Path
    template: Path
    counter = 0

    posts = Bundle("posts")

    def __init__(self) -> None:
        super().__init__()
        PostLifecycle.counter += 1
        path = self.folder / f"example-{PostLifecycle.counter}.db"
        shutil.copyfile(self.template, path)
        self.practice = open_practice(self.config_file, f"sqlite:///{path}")
        self.consent_revoked = False

    def teardown(self) -> None:
        self.practice.close()

    def attempt(self, action) -> None:
        """Run one command in its own transaction; a refusal (SocialTuiError) is a legal outcome."""
        try:
            with self.practice.store.session() as session:
                action(session)
        except SocialTuiError:
            pass

    @initialize(target=posts, author=actors, text=texts, days=days_ahead, accounts=target_sets)
    def first_post(self, author, text, days, accounts):
        return self.create(author, text, days, accounts, False)

    @rule(target=posts, author=actors, text=texts, days=days_ahead, accounts=target_sets, with_consent=st.booleans())
    def create(self, author, text, days, accounts, with_consent):
        with self.practice.store.session() as session:
            post = create_post(session, PostChanges(text=text, due_at=due(days), targets=list(accounts),
                                                    consent_ids=[1] if with_consent else None), actor=author)
            return post.id

    @rule(post_id=posts, actor=actors, text=texts, days=days_ahead, stale=st.booleans())
    def edit(self, post_id, actor, text, days, stale):
        def action(session):
            version = session.scalar(select(Post.version).where(Post.id == post_id))
            edit_post(session, post_id, PostChanges(text=text, due_at=due(days)), actor=actor,
                      expected_version=version - 1 if stale else version)

        self.attempt(action)

    @rule(post_id=posts, actor=actors)
    def submit(self, post_id, actor):
        self.attempt(lambda s: review.submit(s, post_id, self.practice.config, actor=actor))

    @rule(post_id=posts, actor=actors)
    def approve(self, post_id, actor):
        self.attempt(lambda s: review.approve(s, post_id, self.practice.config, actor=actor))

    @rule(post_id=posts, submitter=actors, approver=actors)
    def submit_then_approve(self, post_id, submitter, approver):
        """A full review round in two commands, so deeper states are reached often."""
        self.submit(post_id, submitter)
        self.approve(post_id, approver)

    @rule(post_id=posts, actor=actors)
    def reject(self, post_id, actor):
        self.attempt(lambda s: review.reject(s, post_id, "Please shorten it.", actor=actor))

    @rule(post_id=posts, actor=actors, days=st.integers(min_value=1, max_value=60))
    def schedule(self, post_id, actor, days):
        self.attempt(lambda s: review.schedule(s, post_id, due(days), actor=actor))

    @rule(post_id=posts, actor=actors)
    def cancel(self, post_id, actor):
        self.attempt(lambda s: review.cancel(s, post_id, actor=actor, reason="not needed"))

    @rule(actor=actors)
    def revoke(self, actor):
        self.attempt(lambda s: revoke_consent(s, 1, "Patient withdrew.", actor=actor))

    @invariant()
    def every_post_followed_a_legal_audited_path(self):
        with self.practice.store.session() as session:
            statuses = dict(session.execute(select(Post.id, Post.status)).all())
            events = session.scalars(select(AuditEvent).where(AuditEvent.subject_type == "post",
                                                              AuditEvent.action == "transition").order_by(AuditEvent.seq))
            path = {post_id: PostStatus.DRAFT for post_id in statuses}
            for event in events:
                post_id = int(event.subject_id)
                assert event.from_state == path[post_id], f"post {post_id}: event #{event.seq} does not follow {path[post_id]}"
                to = PostStatus(event.to_state)
                assert to in TRANSITIONS[path[post_id]], f"post {post_id}: illegal {path[post_id]} -> {to}"
                path[post_id] = to
            for post_id, status in statuses.items():
                assert status in set(PostStatus)
                assert path[post_id] == status, f"post {post_id} is {status} but its audited path ends at {path[post_id]}"

    @invariant()
    def approved_posts_carry_a_valid_approval_for_their_content(self):
        with self.practice.store.session() as session:
            for post in session.scalars(select(Post).where(Post.status.in_(["approved", "scheduled"]))):
                approval = review.current_approval(post)
                assert approval is not None, f"post {post.id} is {post.status} without a valid approval"
                assert approval.content_hash == content_fingerprint(post)
                assert approval.approver_id != post.author_id
                assert approval.approver.name not in ("Dr. Tom Becker", "Dana Reyes")

    @invariant()
    def nobody_approves_content_they_wrote_or_changed_since_the_last_approval(self):
        """The two-person rule, recomputed from the audit log alone (not from the services' own records)."""
        with self.practice.store.session() as session:
            events = session.scalars(select(AuditEvent).where(AuditEvent.subject_type == "post").order_by(AuditEvent.seq))
            editors: dict[str, set[str]] = {}
            for event in events:
                if event.action in ("post.create", "post.edit"):
                    editors.setdefault(event.subject_id, set()).add(event.actor)
                elif event.action == "post.approve":
                    changed = editors.get(event.subject_id, set())
                    assert event.actor not in changed, (
                        f"post {event.subject_id} approved by {event.actor}, who changed it since the last approval")
                    editors[event.subject_id] = set()

    @invariant()
    def audit_chain_verifies(self):
        with self.practice.store.session() as session:
            assert verify(session).ok


def test_random_command_sequences_never_reach_an_illegal_state(tmp_path, config_file):
    PostLifecycle.folder = tmp_path
    PostLifecycle.config_file = config_file
    PostLifecycle.template = build_template(tmp_path, config_file)
    run_state_machine_as_test(
        PostLifecycle,
        settings=settings(max_examples=40, stateful_step_count=30, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]),
    )
