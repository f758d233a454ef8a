"""Several ``serve`` processes on one PostgreSQL: every publication goes out exactly once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from socialtui.context import Practice
from socialtui.practice_time import now_utc
from socialtui.store.models import Post, Publication

from .loopback import LoopbackPlatform
from .scheduling import approved_posts, clean_text
from .serving import ServeProcess, wait_until

POSTS = 500


def statuses(practice: Practice, model: type[Post] | type[Publication]) -> dict[str, int]:
    with practice.store.session() as session:
        return dict(session.execute(select(model.status, func.count()).group_by(model.status)).all())  # type: ignore[arg-type]


@pytest.mark.postgres
@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
@pytest.mark.parametrize("workers", [2, 4])
def test_every_publication_goes_out_exactly_once(staffed: Practice, platform: LoopbackPlatform,
                                                 serve: Callable[..., ServeProcess], workers: int) -> None:
    post_ids = approved_posts(staffed, [clean_text(n) for n in range(POSTS)], now_utc() + timedelta(seconds=2))
    services = [serve(staffed.store.url, staffed.config_path) for _ in range(workers)]

    assert wait_until(lambda: statuses(staffed, Publication) == {"published": POSTS}, timeout=120, every=0.5), \
        statuses(staffed, Publication)
    received = Counter(platform.post_ids())
    assert sorted(received) == sorted(post_ids)
    assert [post for post, times in received.items() if times > 1] == []
    assert statuses(staffed, Post) == {"published": POSTS}
    with staffed.store.session() as session:
        senders = set(session.scalars(select(Publication.claimed_by)))
    assert len(senders) > 1  # the work really was shared
    assert [service.terminate() for service in services] == [0] * workers
