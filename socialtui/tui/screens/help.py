"""The help screen (``?``): screens, keys, and where to find everything else."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from socialtui.tui.base import ReportsBugs

HELP = """\
# socialtui — keys

| key | where | what |
|---|---|---|
| 1 … 7 | everywhere | Calendar, Review, Consents, Accounts, Activity, Audit, Settings |
| ctrl+p | everywhere | command palette: every action by name |
| u | everywhere | switch staff member (on a shared computer, with their passphrase) |
| ? | everywhere | this help |
| ← → ↑ ↓ | calendar | move between days (↑ ↓ by a week) |
| [ ] / PgUp PgDn | calendar | previous / next month |
| t / v | calendar | today / month → week → agenda view |
| Enter | calendar | open the day, then the post |
| n / m | calendar | new post on the day / move the post to another time |
| ctrl+s / ctrl+r | composer | save draft / save and submit for review |
| ctrl+o / ctrl+t | composer | attach consent / attach media |
| Esc | composer | close (unsaved text stays in a local draft) |
| a / r / o | review | approve (asks first; tick each override) / reject with a reason / override a warning |
| a / x | consents | add / revoke (shows what it holds first) |
| r / p / c | activity | retry now / mark published with URL / cancel (both ask first) |
| v / / | audit | verify the chain / search |
| ctrl+s | settings | validate and save the config |
| ctrl+q | everywhere | quit |

Status symbols: · draft  ? in review  ✓ approved  ◷ scheduled  ↑ publishing  ● published
✗ rejected  ‖ held  ! failed  ‼ needs attention  ⌀ missed  – cancelled.
≈ marks posts closer together on one account than the configured minimum gap.

Every confirmation starts on **Cancel**: press Tab, then Enter, to go ahead.

In **DRY RUN** (shown in the top bar) nothing is sent: the outbox in Activity shows what would be.
"""


class HelpScreen(ReportsBugs, ModalScreen[None]):
    """Keys for every screen."""

    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(HELP)
