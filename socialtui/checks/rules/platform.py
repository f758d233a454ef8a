"""PLT001–PLT004: what each target platform accepts, and how fresh its policy note is."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import TYPE_CHECKING

from socialtui.checks.findings import Finding, Severity, Span
from socialtui.checks.rule import CheckContext, Rule, register
from socialtui.errors import SocialTuiError

if TYPE_CHECKING:
    from socialtui.adapters.limits import PlatformLimits


def limits_or_none(platform: str) -> PlatformLimits | None:
    """The platform's declared limits, or None when no adapter can be loaded."""
    from socialtui.adapters import registry as adapters

    try:
        return adapters.limits_for(platform)
    except (SocialTuiError, ImportError, AttributeError):
        return None


def text_length(text: str, limits: PlatformLimits) -> int:
    """Length as the platform counts it (X: weighted, every URL 23)."""
    if limits.length_counting == "x-weighted":
        from twitter_text import parse_tweet

        return int(parse_tweet(text).weightedLength)
    return len(text)


@register
class OverLength(Rule):
    """Text over a target platform's length limit.

    What it does:
        Counts each target platform's text (its override, or the base text)
        the way that platform does: X counts weighted characters (most CJK
        and emoji count 2, every link 23); others count characters.

    Why:
        The platform refuses the post at dispatch time, or truncates it,
        cutting a disclosure or a citation.

    Example:
        A 300-character base text with X as a target and no X override.
    """

    code = "PLT001"
    slug = "over-length"
    severity = Severity.ERROR
    per_text = False
    hint = "Shorten the text, or write an override for this platform in the composer."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for platform in ctx.subject.platforms:
            limits = limits_or_none(platform)
            if limits is None:
                continue
            variant, text = ctx.subject.text_for(platform)
            length = text_length(text, limits)
            if length > limits.max_length:
                yield Finding(self.code, self.slug, self.severity, _span(variant, len(text), limits.max_length),
                              f"{length} characters for {platform}; the limit is {limits.max_length}.", self.hint)


def _span(variant: str | None, length: int, limit: int) -> Span:
    """The part past the limit (in characters; for weighted counting, approximately)."""
    return Span(min(limit, length), length, variant)


@register
class MediaLimits(Rule):
    """Attachments a target platform will not accept.

    What it does:
        Checks the number of attachments, each one's size and MIME type, and
        mixing photos with videos, against each target platform's limits.

    Why:
        The platform would refuse the post at dispatch time, after approval.

    Example:
        Five photos for X (which takes four), or a 20 MB PNG.
    """

    code = "PLT002"
    slug = "media-limits"
    severity = Severity.ERROR
    per_text = False
    hint = "Remove or re-export the attachment, or drop this platform from the targets."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        media = ctx.subject.media
        if not media:
            return
        for platform in ctx.subject.platforms:
            limits = limits_or_none(platform)
            if limits is None:
                continue
            if len(media) > limits.max_media:
                yield self.post_finding(ctx, f"{len(media)} attachments for {platform}; the limit is {limits.max_media}.")
            kinds = {m.media_type for m in media}
            if not limits.mixed_media and len(kinds) > 1:
                yield self.post_finding(ctx, f"{platform} does not take photos and videos in one post.")
            for index, item in enumerate(media, 1):
                video = item.media_type == "video"
                allowed = limits.video_types if video else limits.image_types
                most = limits.max_video_bytes if video else limits.max_image_bytes
                if video and not allowed:
                    yield self.post_finding(ctx, f"Attachment {index} is a video; socialtui cannot send videos to {platform} yet.")
                elif item.mime and item.mime not in allowed:
                    yield self.post_finding(ctx, f"Attachment {index} is {item.mime}, which {platform} does not take.")
                if item.size is not None and item.size > most:
                    yield self.post_finding(
                        ctx, f"Attachment {index} is {item.size / 1_048_576:.1f} MB; "
                        f"{platform} takes at most {most / 1_048_576:.0f} MB.")


@register
class UnknownPlatform(Rule):
    """Target platform with no installed adapter.

    What it does:
        Reports target platforms for which no adapter is installed.

    Why:
        The post could not be sent there, and its limits cannot be checked.

    Example:
        A target ``tiktok:@ourpractice`` when no TikTok adapter is installed.
    """

    code = "PLT003"
    slug = "unknown-platform"
    severity = Severity.ERROR
    per_text = False
    hint = "Pick an installed platform (socialtui accounts lists them) or install its adapter."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for platform in ctx.subject.platforms:
            if limits_or_none(platform) is None:
                yield self.post_finding(ctx, f"No adapter is installed for platform {platform!r}.")


@register
class StalePolicyNote(Rule):
    """Platform policy note not reviewed recently.

    What it does:
        For each target platform, checks that its policy note was reviewed
        within ``checks.policy_review_days`` (default 90) of today.

    Why:
        Platforms change their rules on health content, ads and disclosure
        often; the guidance asks practices to stay informed.

    Example:
        The Facebook note was last reviewed 200 days ago.
    """

    code = "PLT004"
    slug = "stale-policy-note"
    severity = Severity.WARNING
    per_text = False
    hint = "Read the platform's current health and advertising policies and update the note."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        subject = ctx.subject
        oldest = subject.today_or_now() - timedelta(days=ctx.settings.policy_review_days)
        targets = set(subject.platforms)
        for note in subject.policy_notes:
            if note.platform in targets and note.reviewed_on < oldest:
                yield self.post_finding(
                    ctx, f"The {note.platform} policy note was last reviewed on "
                    f"{note.reviewed_on.isoformat()}, over {ctx.settings.policy_review_days} days ago.")
