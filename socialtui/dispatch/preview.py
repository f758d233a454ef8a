"""What each target platform would receive for a post, rendered without sending."""

from __future__ import annotations

import dataclasses
from typing import Any

from socialtui.adapters.base import OutgoingPost, content_marker
from socialtui.context import Practice
from socialtui.dispatch.connect import build_adapter
from socialtui.dispatch.publisher import outgoing_media
from socialtui.services.posts import get_post, text_for


def render_post(practice: Practice, post_id: int) -> list[dict[str, Any]]:
    """One entry per target account: the platform and the exact requests, media already stripped.

    Raises:
        NotFoundError: no such post.
        PlatformError: a media file is missing or changed, or a platform cannot take the post.
    """
    with practice.store.session() as session:
        post = get_post(session, post_id)
        targets = [(p.account, text_for(post, p.account.platform)) for p in post.publications]
        media = tuple(outgoing_media(m.path, m.sha256) for m in post.media)
        link = post.link
    result = []
    for account, text in targets:
        adapter = build_adapter(practice, account, dry_run=True)
        outgoing = OutgoingPost(post_id=post_id, text=text, link=link, media=media, marker=content_marker(text))
        result.append({"account": account.name, "platform": account.platform,
                       "requests": [dataclasses.asdict(r) for r in adapter.render(outgoing)]})
    return result
