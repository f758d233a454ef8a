"""Review and scheduling: submit, approve, reject, schedule, cancel, override, hold.

Checks run at submit and at approval: an error finding blocks; a warning needs
a written override first. Approval is bound to a hash of exactly what will be
sent, and only a trained approver who is not the author may give it.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy.orm import Session

from socialtui.audit import record
from socialtui.checks import Finding
from socialtui.config import Config
from socialtui.errors import (
    ChecksBlockedError,
    OverridesNotAcknowledgedError,
    PermissionDeniedError,
    TimeError,
    ValidationError,
)
from socialtui.integrity import integrity_key
from socialtui.lifecycle import PostStatus, allowed_from, ensure_allowed, transition
from socialtui.practice_time import now_utc, require_future
from socialtui.services.checking import check_post, finding_record
from socialtui.services.permissions import Permission, require
from socialtui.services.policy import active_rules, policy_fingerprint
from socialtui.services.posts import content_fingerprint, get_post
from socialtui.services.staff import get_staff, require_approver
from socialtui.store.models import Approval, Override, Post, PostChange, StaffMember, utcnow

S = PostStatus


def _gate(session: Session, post: Post, config: Config, *, approver: StaffMember | None = None) -> list[Finding]:
    findings = check_post(session, post, config, approver=approver)
    overridden = {o.code for o in post.overrides}
    errors = [f for f in findings if str(f.severity) == "error"]
    open_warnings = [f for f in findings if str(f.severity) == "warning" and f.code not in overridden]
    if errors or open_warnings:
        codes = ", ".join(sorted({f.code for f in errors + open_warnings}))
        if errors:
            error_codes = ", ".join(sorted({f.code for f in errors}))
            also = f" (and warning(s) without an override: {', '.join(sorted({f.code for f in open_warnings}))})" \
                if open_warnings else ""
            message = f"Post {post.id} has {len(errors)} error(s) that block it: {error_codes}{also}."
            hint = "Fix what each finding points at (`socialtui check %d`), then try again." % post.id
        else:
            message = f"Post {post.id} has warning(s) without a written override: {codes}."
            hint = f"Fix them, or accept each with `socialtui post override {post.id} CODE --reason TEXT`."
        raise ChecksBlockedError(message, hint, findings=errors + open_warnings)
    return list(findings)


def _require_targets(post: Post) -> None:
    if not post.publications:
        raise ValidationError(f"Post {post.id} has no target account.", f"Add one with `socialtui post edit {post.id} --to ACCOUNT`.")


def submit(session: Session, post_id: int, config: Config, *, actor: str) -> Post:
    """Send a draft for review after the checks pass."""
    require(session, actor, Permission.SUBMIT)
    post = get_post(session, post_id)
    if post.status == S.REJECTED:
        transition(session, post, S.DRAFT, actor=actor, reason="resubmitted")
    ensure_allowed(post, S.IN_REVIEW)
    _require_targets(post)
    _gate(session, post, config)
    transition(session, post, S.IN_REVIEW, actor=actor)
    return post


def approve(session: Session, post_id: int, config: Config, *, actor: str, now: datetime | None = None,
            acknowledged: Collection[str] = ()) -> Post:
    """Approve a post in review; with a due time it is scheduled at once.

    Args:
        acknowledged: the codes of the author's overrides the approver has read and accepts;
            every override on the post must be among them.

    Raises:
        PermissionDeniedError: the approver wrote or changed the content since the last approval,
            is not an approver, or is not trained.
        ChecksBlockedError: an error finding, or a warning without override.
        OverridesNotAcknowledgedError: an override the approver has not acknowledged.
        TimeError: the due time has already passed.
    """
    approver = get_staff(session, actor)
    post = get_post(session, post_id)
    ensure_allowed(post, S.APPROVED)
    require_second_person(post, approver)  # first: "you wrote it" says more than "you are an author"
    require(session, actor, Permission.APPROVE)
    require_approver(approver, valid_months=config.practice.training_valid_months)
    if post.due_at is not None and post.due_at <= (now or now_utc()):
        raise TimeError(f"Post {post.id}'s time has already passed.", f"Set a new time with `socialtui post edit {post.id} --at ...` first.")
    findings = _gate(session, post, config, approver=approver)
    _require_acknowledged(post, acknowledged)
    approval = Approval(
        approver=approver, content_hash=content_fingerprint(post), due_at=post.due_at,
        findings=[finding_record(f) for f in findings],
        overrides=[{"code": o.code, "reason": o.reason, "by": o.by, "acknowledged_by": approver.name}
                   for o in post.overrides],
        covers_change_id=max((c.id for c in post.changes), default=0),
        active_rules=active_rules(config), policy_fingerprint=policy_fingerprint(config),
        key_id=integrity_key().key_id,
    )
    post.approvals.append(approval)
    transition(session, post, S.APPROVED, actor=actor)
    record(session, actor=actor, action="post.approve", subject=("post", post.id),
           details={"content_hash": approval.content_hash, "findings": [f.code for f in findings],
                    "overrides_acknowledged": [o.code for o in post.overrides],
                    "policy": approval.policy_fingerprint})
    if post.due_at is not None:
        _schedule(session, post, actor=actor, reason="approved with a due time")
    return post


def changes_since_approval(post: Post) -> list[PostChange]:
    """The content changes the newest approval did not see (all of them before a first approval)."""
    if not post.approvals:
        return list(post.changes)
    last = post.approvals[-1]
    covered = last.covers_change_id
    if covered is None:  # approved before changes were tracked: what it saw is what came before it
        covered = max((c.id for c in post.changes if c.at <= last.approved_at), default=0)
    return [c for c in post.changes if c.id > covered]


def require_second_person(post: Post, approver: StaffMember) -> None:
    """Refuse an approver who wrote the post, or wrote or changed its content since the last approval.

    Raises:
        PermissionDeniedError: naming who changed what.
    """
    if post.author_id == approver.id:
        raise PermissionDeniedError(
            f"{approver.name} wrote post {post.id} and cannot approve it.",
            "A second person must approve every post; ask another trained approver.",
        )
    own = [c for c in changes_since_approval(post) if c.staff_id == approver.id]
    if own:
        fields = sorted({f for c in own for f in c.fields}) or ["the content"]
        when = max(c.at for c in own).strftime("%Y-%m-%d %H:%M UTC")
        raise PermissionDeniedError(
            f"{approver.name} changed post {post.id} ({', '.join(fields)}, last on {when}) since it was last approved, "
            "so cannot approve it.",
            "A second person must see every change; ask another trained approver.",
        )


def _require_acknowledged(post: Post, acknowledged: Collection[str]) -> None:
    given = {a.strip().upper() for a in acknowledged}
    unknown = sorted(given - {o.code for o in post.overrides})
    if unknown:  # a typo would otherwise pass silently while the real override went unread
        listed = ", ".join(o.code for o in post.overrides) or "none"
        raise ValidationError(f"Post {post.id} has no override {unknown[0]} to acknowledge (its overrides: {listed}).",
                              "Acknowledge only the overrides the post has.")
    missing = [o for o in post.overrides if o.code not in given]
    if missing:
        listed = "; ".join(f"{o.code} (overridden by {o.by}: {o.reason})" for o in missing)
        raise OverridesNotAcknowledgedError(
            f"Post {post.id} has overrides the approver must acknowledge: {listed}.",
            "Read each reason; acknowledge them one by one when you approve "
            f"(`socialtui post approve {post.id} --ack CODE`), or reject the post.",
            codes=[o.code for o in missing],
        )


def reject(session: Session, post_id: int, reason: str, *, actor: str) -> Post:
    """Send a post in review back to its author with a reason (approvers and admins)."""
    require(session, actor, Permission.REJECT)
    if not reason.strip():
        raise ValidationError("A rejection needs a reason.", 'Pass --reason "what should change".')
    post = get_post(session, post_id)
    ensure_allowed(post, S.REJECTED)
    transition(session, post, S.REJECTED, actor=actor, reason=reason.strip())
    return post


def schedule(session: Session, post_id: int, due_at: datetime, *, actor: str, now: datetime | None = None) -> Post:
    """Give an approved post its time, or retry a failed / missed one at a new time.

    The approval's content hash is re-bound to the new time only when nothing
    else changed; any other change goes through review.
    """
    scheduler = require(session, actor, Permission.WRITE)
    post = get_post(session, post_id)
    require_future(due_at, now=now)
    approval = current_approval(post)
    if approval is None or approval.content_hash != content_fingerprint(post):
        raise PermissionDeniedError(f"Post {post.id} has no valid approval for its current content.",
                                    f"Submit it for review: `socialtui post submit {post.id}`.")
    status = S(post.status)
    if status is S.APPROVED:
        # Choosing the time of a post approved without one completes the approval: a second person's job.
        require(session, actor, Permission.APPROVE)
        require_second_person(post, scheduler)
    if status is S.APPROVED and approval.due_at is not None and approval.due_at != due_at:
        raise ValidationError(
            f"Post {post.id} was approved for a different time.",
            f"Changing an approved time is an edit: `socialtui post edit {post.id} --at ...` sends it back to review.",
        )
    ensure_allowed(post, S.SCHEDULED)
    post.due_at = due_at
    approval.due_at = due_at
    _schedule(session, post, actor=actor, reason="scheduled" if status is S.APPROVED else f"retry after {status}")
    # Re-bound after the publications took the new time: the approval covers each one's time.
    approval.content_hash, approval.key_id = content_fingerprint(post), integrity_key().key_id
    return post


def _schedule(session: Session, post: Post, *, actor: str, reason: str) -> None:
    for pub in post.publications:
        if pub.status != "published":
            pub.status, pub.due_at, pub.attempts, pub.next_attempt_at = "scheduled", post.due_at, 0, None
            pub.claimed_by = pub.claimed_at = None
    transition(session, post, S.SCHEDULED, actor=actor, reason=reason)


def cancel(session: Session, post_id: int, *, actor: str, reason: str = "") -> Post:
    """Cancel a post that has not gone out."""
    require(session, actor, Permission.WRITE)
    post = get_post(session, post_id)
    ensure_allowed(post, S.CANCELLED)
    for pub in post.publications:
        if pub.status != "published":
            pub.status = "cancelled"
    transition(session, post, S.CANCELLED, actor=actor, reason=reason)
    return post


def hold(session: Session, post: Post, *, actor: str, reason: str) -> bool:
    """Hold an unpublished post because a safeguard changed; False when it cannot be held now."""
    if S.HELD not in allowed_from(post.status):
        return False
    for pub in post.publications:
        if pub.status in ("pending", "scheduled", "failed", "missed", "needs_attention"):
            pub.status = "held"
    transition(session, post, S.HELD, actor=actor, reason=reason)
    return True


def override(session: Session, post_id: int, code: str, reason: str, config: Config, *, actor: str) -> Override:
    """Accept one warning on a post with a written reason (audited). Errors cannot be overridden."""
    require(session, actor, Permission.SUBMIT)
    code = code.strip().upper()
    if len(reason.strip()) < 10:
        raise ValidationError("An override needs a written reason of at least a sentence.", 'Pass --reason "why this is acceptable".')
    post = get_post(session, post_id)
    findings = [f for f in check_post(session, post, config) if f.code == code]
    if not findings:
        raise ValidationError(f"Post {post.id} has no {code} finding to override.", f"See its findings with `socialtui check {post.id}`.")
    if any(str(f.severity) != "warning" for f in findings):
        raise ValidationError(f"{code} is {findings[0].severity}, not a warning: it cannot be overridden.", "Fix what the finding points at.")
    existing = next((o for o in post.overrides if o.code == code), None)
    if existing is None:
        existing = Override(code=code, reason=reason.strip(), by=actor, at=utcnow())
        post.overrides.append(existing)
    else:
        existing.reason, existing.by, existing.at = reason.strip(), actor, utcnow()
    record(session, actor=actor, action="post.override", subject=("post", post.id), details={"code": code, "reason": reason.strip()})
    return existing


def current_approval(post: Post) -> Approval | None:
    """The newest approval that has not been invalidated by an edit."""
    valid = [a for a in post.approvals if a.valid]
    return valid[-1] if valid else None
