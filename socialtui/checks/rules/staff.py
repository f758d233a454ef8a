"""STF001–STF003: trained staff, and a second pair of eyes."""

from __future__ import annotations

from collections.abc import Iterator
import calendar
from datetime import date

from socialtui.checks.findings import Finding, Severity
from socialtui.checks.rule import CheckContext, Rule, register
from socialtui.checks.subject import CheckSubject, StaffInfo


def training_in_date(person: StaffInfo, subject: CheckSubject) -> bool:
    """Whether the person's training was completed within the valid months before today."""
    if person.trained_on is None:
        return False
    today = subject.today_or_now()
    months = subject.training_valid_months
    year, month = divmod(today.month - 1 - months, 12)
    day = min(today.day, calendar.monthrange(today.year + year, month + 1)[1])
    cutoff = date(today.year + year, month + 1, day)
    return cutoff <= person.trained_on <= today


def _why(person: StaffInfo) -> str:
    if person.trained_on is None:
        return "has no social-media training on record"
    return f"was last trained on {person.trained_on.isoformat()}"


@register
class AuthorTraining(Rule):
    """Author without in-date training.

    What it does:
        Checks that the post's author completed social-media training within
        the last ``training_valid_months`` months (default 12).

    Why:
        The guidance asks that everyone who posts for the practice is trained.
        A warning: the approver's review still protects the post.

    Example:
        An author whose training was 14 months ago.
    """

    code = "STF001"
    slug = "author-training"
    severity = Severity.WARNING
    per_text = False
    hint = "Record the author's training in the staff roster (socialtui staff train)."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        author = ctx.subject.author
        if author is not None and not training_in_date(author, ctx.subject):
            yield self.post_finding(ctx, f"The author {_why(author)}.")


@register
class ApproverTraining(Rule):
    """Approver without in-date training.

    What it does:
        At approval, checks that the approver completed social-media training
        within the last ``training_valid_months`` months. Does not run while
        composing (no approver yet).

    Why:
        Only trained, in-date approvers may approve: the approval is the
        practice's last safeguard.

    Example:
        An approver with no training date on record.
    """

    code = "STF002"
    slug = "approver-training"
    severity = Severity.ERROR
    per_text = False
    hint = "Ask a trained approver, or record this approver's training first."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        approver = ctx.subject.approver
        if approver is not None and not training_in_date(approver, ctx.subject):
            yield self.post_finding(ctx, f"The approver {_why(approver)}.")


@register
class SelfApproval(Rule):
    """Author approving their own post.

    What it does:
        At approval, reports when the approver is the author.

    Why:
        A second pair of eyes catches what the author cannot see; the design
        requires that authors never approve their own posts.

    Example:
        A post written and approved by the same staff member.
    """

    code = "STF003"
    slug = "self-approval"
    severity = Severity.ERROR
    per_text = False
    hint = "Ask another trained approver to review the post."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        author, approver = ctx.subject.author, ctx.subject.approver
        if author is not None and approver is not None and \
                author.name.strip().casefold() == approver.name.strip().casefold():
            yield self.post_finding(ctx, "The approver wrote this post.")
