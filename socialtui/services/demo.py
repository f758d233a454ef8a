"""``socialtui demo``: a realistic practice to explore, with dry-run accounts only."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import platformdirs
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from socialtui.audit import record
from socialtui.errors import ValidationError
from socialtui.lifecycle import PostStatus, transition
from socialtui.integrity import integrity_key
from socialtui.services.posts import content_fingerprint
from socialtui.store.models import (
    Account, Approval, AuditEvent, Base, Citation, Consent, Post, PostVariant, Publication, StaffMember, utcnow,
)

S = PostStatus
DEMO_ACTOR = "demo"

STAFF = [
    ("Dana Reyes", "author", 40),
    ("Sam Ortiz", "author", 200),
    ("Dr. Priya Shah", "approver", 60),
    ("Dr. Tom Becker", "approver", 500),
    ("Lee Park", "admin", 30),
]

# (day offset, hour, status, kind, targets, text, citation)
POSTS: list[tuple[int, int, PostStatus, str, tuple[str, ...], str, str | None]] = [
    (-20, 9, S.PUBLISHED, "general", ("clinic-facebook", "clinic-x"), "Flu shots are now available at both of our offices. Walk in on weekday mornings or book online.", None),
    (-14, 12, S.PUBLISHED, "event", ("clinic-facebook",), "Join our free community blood-pressure screening this Saturday, 10 am to 2 pm, in the main lobby.", None),
    (-9, 8, S.FAILED, "general", ("clinic-x",), "Our phones will be down for maintenance on Sunday morning. Use the patient portal for refills.", None),
    (-6, 16, S.MISSED, "general", ("clinic-facebook",), "Thank you to everyone who came to our open house! We loved meeting our neighbours.", None),
    (-3, 10, S.NEEDS_ATTENTION, "general", ("clinic-x",), "Reminder: our new evening hours start this week. Mondays and Thursdays until 7 pm.", None),
    (1, 9, S.SCHEDULED, "general", ("clinic-facebook", "clinic-x"), "Washing your hands for 20 seconds is one of the best ways to avoid catching a cold. Questions? Book a visit.", "https://www.cdc.gov/clean-hands/about/index.html"),
    (2, 11, S.IN_REVIEW, "event", ("clinic-facebook",), "Our diabetes education class meets next Tuesday at 6 pm. Bring a friend or family member.", None),
    (3, 15, S.DRAFT, "general", ("clinic-x",), "Staff spotlight: meet our new front-desk lead, who has been with us for ten years.", None),
    (5, 9, S.APPROVED, "general", ("clinic-facebook",), "Sunscreen every day, even when it is cloudy. Ask us about skin checks at your next visit.", "https://www.cancer.gov/types/skin"),
    (6, 13, S.REJECTED, "promotion", ("clinic-facebook",), "Big savings on teeth whitening this month only!", None),
    (8, 10, S.SCHEDULED, "general", ("clinic-x",), "We are closed on Thursday for the holiday. For urgent needs, call our after-hours line.", None),
    (10, 9, S.HELD, "patient_story", ("clinic-facebook",), "A patient shares how physical therapy helped her get back to gardening this spring.", None),
    (12, 14, S.DRAFT, "general", ("clinic-facebook", "clinic-x"), "Getting enough sleep helps your body recover. Adults need seven or more hours a night.", "https://www.nhlbi.nih.gov/health/sleep"),
    (15, 9, S.SCHEDULED, "event", ("clinic-facebook",), "Free car-seat safety check in our parking lot next Saturday morning, with our pediatric team.", None),
    (18, 12, S.CANCELLED, "general", ("clinic-x",), "Our parking lot will be repaved next week.", None),
    (21, 10, S.IN_REVIEW, "general", ("clinic-x",), "Staying active for 30 minutes a day supports heart health. Start small: a walk after dinner counts.", "https://www.who.int/news-room/fact-sheets/detail/physical-activity"),
    (25, 9, S.DRAFT, "testimonial", ("clinic-facebook",), "\"Everyone here made me feel at ease.\" Thank you for the kind words!", None),
]


def seed_demo(session: Session, zone: ZoneInfo, *, reset: bool = False, today: date | None = None) -> dict[str, int]:
    """Fill an empty store with a month of demo posts in every state.

    Raises:
        ValidationError: the store already holds data and ``reset`` was not given.
    """
    if session.scalar(select(Post.id).limit(1)) is not None or session.scalar(select(StaffMember.id).limit(1)) is not None:
        if not reset:
            raise ValidationError("This database already has data.", "Use `socialtui demo --reset` to wipe it and start again.")
        if session.scalar(select(AuditEvent.id).where(AuditEvent.action == "demo.seed").limit(1)) is None:
            raise ValidationError("This database is a practice's own, not a demo: socialtui will not wipe it.",
                                  "Point --db at a new file for a demo.")
        for table in reversed(Base.metadata.sorted_tables):
            session.execute(delete(table))
        session.flush()
    today = today or datetime.now(zone).date()
    staff = {name: StaffMember(name=name, role=role, trained_on=today - timedelta(days=age)) for name, role, age in STAFF}
    session.add_all(staff.values())
    accounts = _demo_accounts(session)
    session.flush()
    record(session, actor=DEMO_ACTOR, action="demo.seed", subject=("practice", "demo"))
    consents = _consents(session, staff["Lee Park"], today)
    for offset, hour, status, kind, targets, text, cite in POSTS:
        due = datetime.combine(today + timedelta(days=offset), time(hour), zone)
        author = staff["Sam Ortiz" if offset % 3 == 0 else "Dana Reyes"]
        post = Post(text=text, kind=kind, author=author, status=S.DRAFT.value, updated_by=author.name, due_at=due,
                    affiliations=[], shows_patient=kind in ("patient_story", "testimonial"))
        post.publications = [Publication(account=accounts[t], status="pending", due_at=due) for t in targets]
        if cite:
            post.citations = [Citation(reference=cite, accessed_on=today)]
        if kind == "patient_story":
            post.consents = [consents["revoked"]]
        if kind == "testimonial":
            post.consents = [consents["valid"]]
        if "clinic-x" in targets and len(targets) > 1:
            post.variants = [PostVariant(platform="x", text=text[:200])]
        session.add(post)
        session.flush()
        record(session, actor=author.name, action="post.create", subject=("post", post.id), to_state="draft")
        _advance(session, post, status, staff["Dr. Priya Shah"])
    return {"posts": len(POSTS), "staff": len(STAFF), "consents": len(consents), "accounts": len(accounts)}


DEMO_ACCOUNTS = (("clinic-facebook", "facebook", "104829371650432"), ("clinic-x", "x", "MapleFamilyMed"))


def _demo_accounts(session: Session) -> dict[str, Account]:
    """The demo's dry-run accounts; ones the config already synced are reused only if they are dry-run too."""
    existing = {a.name: a for a in session.scalars(select(Account).where(Account.name.in_([n for n, _, _ in DEMO_ACCOUNTS])))}
    accounts = {}
    for name, platform, handle in DEMO_ACCOUNTS:
        account = existing.get(name)
        if account is not None and (not account.dry_run or account.platform != platform):
            raise ValidationError(
                f"Account {name!r} already exists here and is not a dry-run {platform} account.",
                "The demo only posts through dry-run accounts; run it on an empty database, "
                "e.g. `socialtui --db sqlite:///demo.db demo`.",
            )
        if account is None:
            account = Account(name=name, platform=platform, handle=handle, dry_run=True)
            session.add(account)
        accounts[name] = account
    return accounts


def _consents(session: Session, recorder: StaffMember, today: date) -> dict[str, Consent]:
    folder = Path(platformdirs.user_data_dir("socialtui")) / "demo-consents"
    folder.mkdir(parents=True, exist_ok=True)
    specs = {
        "valid": ("C-2026-014", ["facebook", "x"], ["photo", "quote", "story"], today - timedelta(days=30), today + timedelta(days=335), None),
        "expired": ("C-2025-031", ["facebook"], ["photo"], today - timedelta(days=400), today - timedelta(days=35), None),
        "revoked": ("C-2026-007", ["facebook"], ["photo", "story"], today - timedelta(days=60), today + timedelta(days=300), today - timedelta(days=2)),
    }
    result = {}
    for key, (ref, platforms, media, signed, expires, revoked) in specs.items():
        document = folder / f"{ref}.txt"
        document.write_text(f"Demo consent form {ref} (no real patient).\n", encoding="utf-8")
        consent = Consent(subject_ref=ref, platforms=platforms, media_types=media, signed_on=signed, expires_on=expires,
                          revoked_on=revoked, revoked_reason="patient asked by phone" if revoked else None,
                          document_path=str(document), document_sha256=hashlib.sha256(document.read_bytes()).hexdigest(),
                          recorded_by=recorder)
        session.add(consent)
        result[key] = consent
    session.flush()
    return result


PATHS: dict[PostStatus, list[PostStatus]] = {
    S.DRAFT: [],
    S.IN_REVIEW: [S.IN_REVIEW],
    S.REJECTED: [S.IN_REVIEW, S.REJECTED],
    S.APPROVED: [S.IN_REVIEW, S.APPROVED],
    S.SCHEDULED: [S.IN_REVIEW, S.APPROVED, S.SCHEDULED],
    S.HELD: [S.IN_REVIEW, S.APPROVED, S.SCHEDULED, S.HELD],
    S.PUBLISHED: [S.IN_REVIEW, S.APPROVED, S.SCHEDULED, S.PUBLISHING, S.PUBLISHED],
    S.FAILED: [S.IN_REVIEW, S.APPROVED, S.SCHEDULED, S.PUBLISHING, S.FAILED],
    S.NEEDS_ATTENTION: [S.IN_REVIEW, S.APPROVED, S.SCHEDULED, S.PUBLISHING, S.NEEDS_ATTENTION],
    S.MISSED: [S.IN_REVIEW, S.APPROVED, S.SCHEDULED, S.MISSED],
    S.CANCELLED: [S.CANCELLED],
}
REASONS = {
    S.REJECTED: "Please add an invitation to book and avoid the word 'big'.",
    S.HELD: "consent revoked",
    S.FAILED: "X said: You are not allowed to create a Tweet with duplicate content.",
    S.NEEDS_ATTENTION: "The service stopped while publishing; check the account before retrying.",
    S.MISSED: "The service was not running at the due time.",
    S.CANCELLED: "No longer needed.",
}
PUBLICATION_STATUS = {S.SCHEDULED: "scheduled", S.PUBLISHED: "published", S.FAILED: "failed", S.HELD: "held",
                      S.NEEDS_ATTENTION: "needs_attention", S.MISSED: "missed", S.CANCELLED: "cancelled"}


def _advance(session: Session, post: Post, target: PostStatus, approver: StaffMember) -> None:
    for step in PATHS[target]:
        actor = approver.name if step in (S.APPROVED, S.REJECTED) else post.author.name if step is S.IN_REVIEW else "serve@demo"
        if step is S.APPROVED:
            session.flush()  # publications get their ids and times in UTC before they are fingerprinted
            post.approvals.append(Approval(approver=approver, content_hash=content_fingerprint(post), due_at=post.due_at,
                                           findings=[], overrides=[], key_id=integrity_key().key_id,
                                           covers_change_id=max((c.id for c in post.changes), default=0)))
        transition(session, post, step, actor=actor, reason=REASONS.get(step, "") if step is target else "")
    status = PUBLICATION_STATUS.get(target)
    for pub in post.publications:
        if status:
            pub.status = status
        if target is S.PUBLISHED:
            pub.remote_id = f"dryrun-{post.id}-{pub.account.name}"
            pub.published_at = post.due_at or utcnow()
        if target in (S.FAILED, S.NEEDS_ATTENTION, S.MISSED):
            pub.last_error = REASONS[target]
