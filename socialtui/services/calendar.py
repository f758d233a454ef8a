"""The calendar's view of the store: posts by day, and posts too close together on one account."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from socialtui.store.models import Account, Post, Publication


class CalendarEntry(NamedTuple):
    """What the calendar shows of a post: light enough to list thousands quickly."""

    id: int
    due_at: datetime
    status: str
    kind: str
    title: str
    accounts: tuple[str, ...]
    platforms: tuple[str, ...]
    version: int


TITLE_CHARS = 90


def calendar_entries(session: Session, start: datetime, end: datetime) -> list[CalendarEntry]:
    """Posts due in ``[start, end)`` as :class:`CalendarEntry` rows, by time.

    Two plain queries (posts, then their targets) instead of ORM objects: a
    month view must stay fast however full the calendar is.
    """
    in_range = (Post.due_at >= start) & (Post.due_at < end)
    rows = session.execute(
        select(Post.id, Post.due_at, Post.status, Post.kind, func.substr(Post.text, 1, TITLE_CHARS), Post.version)
        .where(in_range).order_by(Post.due_at, Post.id)
    ).all()
    names = {aid: (name, platform) for aid, name, platform in session.execute(select(Account.id, Account.name, Account.platform))}
    accounts: dict[int, tuple[str, ...]] = {}
    platforms: dict[int, tuple[str, ...]] = {}
    for post_id, account_id in session.execute(
        select(Publication.post_id, Publication.account_id).join(Post, Post.id == Publication.post_id).where(in_range)
    ):
        name, platform = names[account_id]
        accounts[post_id] = accounts.get(post_id, ()) + (name,)
        platforms[post_id] = platforms.get(post_id, ()) + (platform,)
    return [
        CalendarEntry(pid, due, status, kind, title.partition("\n")[0] if title else "",
                      accounts.get(pid, ()), platforms.get(pid, ()), version)
        for pid, due, status, kind, title, version in rows
    ]


def posts_too_close(entries: Iterable[CalendarEntry], gap_minutes: int) -> set[int]:
    """Ids of posts due within ``gap_minutes`` of another post on the same account (cancelled and rejected ones aside)."""
    if gap_minutes <= 0:
        return set()
    by_account: dict[str, list[tuple[datetime, int]]] = defaultdict(list)
    for entry in entries:
        if entry.status in ("cancelled", "rejected"):
            continue
        for account in entry.accounts:
            by_account[account].append((entry.due_at, entry.id))
    gap, flagged = timedelta(minutes=gap_minutes), set[int]()
    for times in by_account.values():
        times.sort()
        for (a_due, a_id), (b_due, b_id) in zip(times, times[1:]):
            if b_due - a_due < gap:
                flagged.update((a_id, b_id))
    return flagged
