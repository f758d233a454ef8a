"""At dispatch, an approval binds exactly what is sent: text, and every publication's account and time.

Someone with write access to the database but not the integrity key can change a row and
recompute a plain hash; the approval's keyed fingerprint no longer matches, so the post is
held, never sent.
"""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

from sqlalchemy import update

from socialtui.context import Practice
from socialtui.practice_time import now_utc
from socialtui.store.models import Approval, Post, Publication

from .loopback import LoopbackPlatform
from .scheduling import approved_post, clean_text, post_row, publication
from .test_publisher import dispatch, due_now


def test_text_changed_with_the_approval_hash_recomputed_without_the_key_is_held(staffed: Practice,
                                                                                 platform: LoopbackPlatform) -> None:
    post_id = due_now(staffed)
    forged = hashlib.sha256(json.dumps({"text": "Something nobody approved."}).encode()).hexdigest()
    with staffed.store.session() as session:
        session.execute(update(Post).where(Post.id == post_id).values(text="Something nobody approved."))
        session.execute(update(Approval).where(Approval.post_id == post_id).values(content_hash=forged))
    assert dispatch(staffed) == ["skipped"]
    assert post_row(staffed, post_id).status == "held"
    assert platform.count() == 0


def test_a_publication_moved_to_now_is_held_not_sent(staffed: Practice, platform: LoopbackPlatform) -> None:
    """Approved for next year; only the publication's own due time is moved to now."""
    post_id = approved_post(staffed, clean_text(1), now_utc() + timedelta(days=365))
    with staffed.store.session() as session:
        session.execute(update(Publication).where(Publication.post_id == post_id)
                        .values(due_at=now_utc() - timedelta(seconds=1)))
    assert dispatch(staffed) == ["skipped"]
    assert post_row(staffed, post_id).status == "held"
    assert "changed after approval" in (post_row(staffed, post_id).status_reason or "")
    assert publication(staffed, post_id).status == "held"
    assert platform.count() == 0


def test_an_account_pointed_somewhere_else_after_approval_is_held(staffed: Practice, platform: LoopbackPlatform) -> None:
    """The handle is where the post goes (a webhook URL, a Page id): it is part of what was approved."""
    from socialtui.store.models import Account

    post_id = due_now(staffed)
    with staffed.store.session() as session:
        session.execute(update(Account).where(Account.name == "hook").values(handle=platform.url + "/elsewhere"))
    assert dispatch(staffed) == ["skipped"]
    assert post_row(staffed, post_id).status == "held"
    assert platform.count() == 0
