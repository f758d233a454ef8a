"""``socialtui demo``, ``socialtui calendar`` and opening the terminal app."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import click

from socialtui.cli import AppState, pass_state
from socialtui.lifecycle import SYMBOLS
from socialtui.practice_time import day_bounds, to_local
from socialtui.services.demo import seed_demo
from socialtui.services.calendar import calendar_entries



@click.command("demo")
@click.option("--reset", is_flag=True, help="Wipe the database first.")
@pass_state
def demo(state: AppState, reset: bool) -> None:
    """Seed a realistic demo practice (dry-run accounts only)."""
    from socialtui import anchor

    practice = state.practice
    with practice.store.session() as session:
        counts = seed_demo(session, practice.zone, reset=reset)
        if reset:  # the old log is gone on purpose: its anchors would report it as truncated
            anchor.forget(practice.store.engine.url.render_as_string(hide_password=False))
    click.echo("Demo practice ready: " + ", ".join(f"{n} {k}" for k, n in counts.items()) + ".")
    click.echo('Act as a staff member with --as, e.g. --as "Dana Reyes" (author) or --as "Dr. Priya Shah" (approver).')


@click.command("calendar")
@click.option("--month", metavar="YYYY-MM", help="Which month (default: the coming 30 days).")
@pass_state
def calendar(state: AppState, month: str | None) -> None:
    """Print the content calendar as text."""
    print_calendar(state, month)


def print_calendar(state: AppState, month: str | None = None) -> None:
    """The posts of a month (or the coming 30 days), day by day, with status symbols."""
    practice = state.practice
    today = datetime.now(practice.zone).date()
    if month:
        try:
            first = datetime.strptime(month, "%Y-%m").date()
        except ValueError:
            raise click.BadParameter("write the month as YYYY-MM", param_hint="--month") from None
        last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    else:
        first, last = today, today + timedelta(days=30)
    with practice.store.reading() as session:
        entries = calendar_entries(session, day_bounds(first, practice.zone)[0], day_bounds(last, practice.zone)[1])
    rows = [(to_local(e.due_at, practice.zone), e.id, e.status, ",".join(e.accounts), e.title) for e in entries]
    click.echo(f"{practice.config.practice.name} - {first:%d %b %Y} to {last:%d %b %Y} ({practice.zone.key})"
               + ("  [DRY RUN]" if state.dry_run else ""))
    current: date | None = None
    for when, post_id, status, targets, text in rows:
        if when.date() != current:
            current = when.date()
            click.echo(f"\n{current:%a %d %b}" + ("  (today)" if current == today else ""))
        click.echo(f"  {when:%H:%M} {SYMBOLS.get(status, ' ')} #{post_id:<4} {status:<15} {targets:<28} {text[:40]}")
    if not rows:
        click.echo("No posts in this period.")
    click.echo("\nLegend: " + "  ".join(f"{s} {name}" for name, s in SYMBOLS.items()))


def open_app(state: AppState) -> None:
    """Open the terminal app."""
    from socialtui.tui.app import run_app

    run_app(state)


COMMANDS = [demo, calendar]
