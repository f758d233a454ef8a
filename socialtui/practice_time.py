"""Time in the practice's zone: entered and shown there, stored in UTC.

A local time that does not exist (the spring-forward gap) is refused with the
next valid time suggested; an ambiguous one (the fall-back overlap) needs an
explicit choice of the earlier or later instant.
"""

from __future__ import annotations

import difflib
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from socialtui.errors import TimeError, ValidationError

Fold = Literal["earlier", "later"]
INPUT_FORMAT = "%Y-%m-%d %H:%M"


@cache
def zone_for(name: str) -> ZoneInfo:
    """The ZoneInfo for an IANA name.

    Raises:
        ValidationError: the name is unknown; the hint suggests close matches.
    """
    try:
        if name and "/" in name or name == "UTC":
            return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        pass
    zones = available_timezones()
    lowered = {z.lower(): z for z in zones}
    if name.lower() in lowered:
        return ZoneInfo(lowered[name.lower()])
    close = difflib.get_close_matches(name, sorted(zones), n=3, cutoff=0.6)
    close += [z for z in sorted(zones) if z.lower().endswith("/" + name.lower().replace(" ", "_"))][:3]
    hint = f"Did you mean {', '.join(dict.fromkeys(close))}?" if close else "Use an IANA name such as America/New_York or Europe/London."
    raise ValidationError(f"Unknown time zone {name!r}.", hint)


def now_utc() -> datetime:
    """The current instant, timezone-aware, in UTC."""
    return datetime.now(UTC)


def parse_local(text: str, zone: ZoneInfo, *, fold: Fold | None = None) -> datetime:
    """Parse ``YYYY-MM-DD HH:MM`` in the practice zone and return the UTC instant.

    Raises:
        ValidationError: the text is not in that format.
        TimeError: the time falls in a DST gap, or in an overlap without ``fold``.
    """
    try:
        naive = datetime.strptime(text.strip(), INPUT_FORMAT)
    except ValueError:
        raise ValidationError(f"{text!r} is not a date and time.", 'Write it as "YYYY-MM-DD HH:MM", e.g. "2026-03-14 09:30".') from None
    return localize(naive, zone, fold=fold)


def localize(naive: datetime, zone: ZoneInfo, *, fold: Fold | None = None) -> datetime:
    """Attach ``zone`` to a naive wall-clock time, refusing gaps and unresolved overlaps."""
    early = naive.replace(tzinfo=zone, fold=0)
    late = naive.replace(tzinfo=zone, fold=1)
    if _wall(early.astimezone(UTC), zone) != naive:
        after = next_valid_local(naive, zone)
        raise TimeError(
            f"{naive:%Y-%m-%d %H:%M} does not exist in {zone.key}: the clocks jump forward that night.",
            f'The next valid time is {after:%Y-%m-%d %H:%M}; use "--at \\"{after:%Y-%m-%d %H:%M}\\"".',
        )
    if early.utcoffset() != late.utcoffset():
        if fold is None:
            raise TimeError(
                f"{naive:%Y-%m-%d %H:%M} happens twice in {zone.key}: the clocks go back that night.",
                f"Choose the first ({early:%H:%M %Z}) or second ({late:%H:%M %Z}) with --fold earlier|later.",
            )
        return (late if fold == "later" else early).astimezone(UTC)
    return early.astimezone(UTC)


def _wall(instant: datetime, zone: ZoneInfo) -> datetime:
    return instant.astimezone(zone).replace(tzinfo=None, fold=0)


def next_valid_local(naive: datetime, zone: ZoneInfo) -> datetime:
    """The first existing wall-clock minute at or after ``naive``."""
    probe = naive
    for _ in range(24 * 60):
        probe += timedelta(minutes=1)
        if _wall(probe.replace(tzinfo=zone).astimezone(UTC), zone) == probe:
            return probe
    return probe


def require_future(instant: datetime, *, now: datetime | None = None) -> datetime:
    """Refuse a due time that is not in the future.

    Raises:
        TimeError: the instant is now or in the past.
    """
    if instant <= (now or now_utc()):
        raise TimeError("That time is in the past.", "Choose a time later than now.")
    return instant


def to_local(instant: datetime, zone: ZoneInfo) -> datetime:
    """Show a stored UTC instant in the practice zone."""
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return instant.astimezone(zone)


def format_local(instant: datetime | None, zone: ZoneInfo) -> str:
    """``YYYY-MM-DD HH:MM TZ`` in the practice zone, or an empty string."""
    return "" if instant is None else to_local(instant, zone).strftime("%Y-%m-%d %H:%M %Z")


def parse_date(text: str) -> date:
    """Parse ``YYYY-MM-DD``.

    Raises:
        ValidationError: the text is not a date.
    """
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f"{text!r} is not a date.", "Write it as YYYY-MM-DD, e.g. 2026-03-14.") from None


def day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC instants at which a local calendar day starts and the next one starts."""
    start = datetime.combine(day, datetime.min.time(), zone).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), datetime.min.time(), zone).astimezone(UTC)
    return start, end
