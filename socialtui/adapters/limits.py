"""What each platform accepts, declared as data.

Adapters declare a :class:`PlatformLimits` as their ``limits`` class attribute;
the PLT checks and the composer's counters read it through
:func:`socialtui.adapters.registry.limits_for`, never from a copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

LengthCounting = Literal["characters", "x-weighted"]


@dataclass(frozen=True)
class PlatformLimits:
    """The limits one platform enforces on a post.

    ``length_counting`` says how text is counted: ``"characters"`` counts
    Unicode code points; ``"x-weighted"`` is X's weighted count (most CJK and
    emoji count 2, every URL counts 23), computed with twitter-text-parser.
    """

    max_length: int
    length_counting: LengthCounting = "characters"
    max_media: int = 10
    max_image_bytes: int = 10 * 1024 * 1024
    max_video_bytes: int = 1024 * 1024 * 1024
    image_types: frozenset[str] = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})
    video_types: frozenset[str] = frozenset({"video/mp4", "video/quicktime"})
    mixed_media: bool = True
    """Whether images and videos may be attached to one post together."""
