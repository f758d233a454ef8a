"""Per-platform length counters, read from each adapter's declared limits."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


def counted_length(text: str, counting: str) -> int:
    """The length a platform counts: code points, or X's weighted length (URLs 23, CJK and emoji 2)."""
    if counting == "x-weighted":
        import twitter_text

        return int(twitter_text.parse_tweet(text).weightedLength)
    return len(text)


class PlatformCounters(Static):
    """``x 140/280  facebook 140/63206``, red when over."""

    def show(self, texts: dict[str, str], limits: dict[str, tuple[int, str]]) -> None:
        """``texts``: platform -> the exact text it will receive (link included)."""
        line, over = Text(), False
        for platform, text in sorted(texts.items()):
            limit, counting = limits.get(platform, (0, "characters"))
            used = counted_length(text, counting)
            over = over or 0 < limit < used
            line.append(f"{platform} {used}/{limit}  ", style="bold red" if 0 < limit < used else "green")
        self.set_class(over, "-over")
        self.update(line or Text("Tick an account under Details to see its limit.", style="dim"))
