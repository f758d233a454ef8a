"""``socialtui serve``, ``status``, ``preview`` and ``outbox``."""

from __future__ import annotations

import signal
import sys
import threading
from typing import Any
from types import FrameType

import click
from sqlalchemy import or_, select

from socialtui.cli import AppState, echo_json, pass_state
from socialtui.practice_time import format_local, now_utc
from socialtui.store.models import Account, Heartbeat, OutboxEntry, Post, Publication


@click.command("serve")
@click.option("--dry-run", "dry_run_flag", is_flag=True, help="Record what would be sent in the outbox; send nothing.")
@click.option("--once", is_flag=True, help="Publish what is due now, then exit (for cron and tests).")
@pass_state
def serve(state: AppState, dry_run_flag: bool, once: bool) -> None:
    """Run the scheduler service that publishes approved posts on time."""
    from socialtui.dispatch.logs import configure_service_logging
    from socialtui.dispatch.service import SchedulerService

    configure_service_logging()
    practice = state.practice
    service = SchedulerService(practice, dry_run=state.dry_run or dry_run_flag)
    if once:
        sent = service.run_once()
        click.echo(f"Sent {sent} publication(s).", err=True)
        return
    stop = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    service.start()
    while not stop.wait(1.0):
        pass
    service.stop()
    sys.exit(0)


@click.command("status")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_state
def status(state: AppState, as_json: bool) -> None:
    """The service's heartbeat, the next due posts, and everything that needs a person."""
    from socialtui.dispatch.claims import claim_bound
    from socialtui.dispatch.reconcile import STALE_AFTER
    from socialtui.lifecycle import ATTENTION

    practice = state.practice
    now = now_utc()
    with practice.store.reading() as session:
        beats = list(session.scalars(select(Heartbeat).order_by(Heartbeat.beat_at.desc()).limit(5)))
        due = list(session.scalars(select(Publication).where(Publication.status == "scheduled", Publication.due_at >= now)
                                   .order_by(Publication.due_at).limit(10)))
        attention = list(session.scalars(select(Post).where(Post.status.in_([s.value for s in ATTENTION])).order_by(Post.due_at)))
        data: dict[str, Any] = {
            "services": [{"worker": b.worker_id, "state": b.state if b.beat_at >= now - STALE_AFTER or b.state != "running" else "silent",
                          "last_beat": b.beat_at.isoformat(), "dry_run": b.dry_run} for b in beats],
            "next_due": [{"post_id": p.post_id, "account": p.account.name, "due_local": format_local(p.due_at, practice.zone)} for p in due],
            "attention": [{"post_id": p.id, "status": p.status, "reason": p.status_reason,
                           "due_local": format_local(p.due_at, practice.zone)} for p in attention],
            "stuck_publishing": [{"post_id": p.post_id, "account": p.account.name, "worker": p.claimed_by,
                                  "since_local": format_local(p.claimed_at, practice.zone) if p.claimed_at else None}
                                 for p in session.scalars(select(Publication).where(
                                     Publication.status == "publishing",
                                     or_(Publication.claimed_at.is_(None),
                                         Publication.claimed_at < now - claim_bound(practice.config))).order_by(Publication.id))],
            "paused_accounts": [{"account": a.name, "since_local": format_local(a.paused_at, practice.zone) if a.paused_at else None,
                                 "reason": a.paused_reason,
                                 "held_up": [{"post_id": p.post_id, "due_local": format_local(p.due_at, practice.zone)}
                                             for p in session.scalars(select(Publication).where(
                                                 Publication.account_id == a.id, Publication.status == "scheduled")
                                                 .order_by(Publication.due_at))]}
                                for a in session.scalars(select(Account).where(Account.paused_at.is_not(None)).order_by(Account.name))],
        }
    from socialtui.cli.policy import echo_policy, policy_report

    data["policy"] = policy_report(practice)
    if as_json:
        echo_json(data)
        return
    running = [s for s in data["services"] if s["state"] == "running"]
    click.echo("Service: " + (", ".join(f"{s['worker']} (beat {s['last_beat'][11:19]} UTC{', dry run' if s['dry_run'] else ''})" for s in running)
                              if running else "NOT RUNNING - start it with `socialtui serve` (see docs/deploy.md)"))
    click.echo("\nNext due:")
    for item in data["next_due"]:
        click.echo(f"  {item['due_local']:<22} post {item['post_id']:<5} -> {item['account']}")
    if not data["next_due"]:
        click.echo("  nothing scheduled")
    if data["paused_accounts"]:
        click.echo("\nPaused accounts (nothing is sent to them until they are reconnected):")
        for account in data["paused_accounts"]:
            click.echo(f"  {account['account']:<20} since {account['since_local']}: {account['reason'] or ''}")
            for item in account["held_up"]:
                click.echo(f"    held up: post {item['post_id']:<5} due {item['due_local']}")
    if data["stuck_publishing"]:
        click.echo("\nStuck in publishing (a running service settles these; otherwise start one):")
        for item in data["stuck_publishing"]:
            click.echo(f"  post {item['post_id']:<5} -> {item['account']:<16} claimed {item['since_local']} by {item['worker']}")
    click.echo("\nNeeds attention:")
    for item in data["attention"]:
        click.echo(f"  post {item['post_id']:<5} {item['status']:<16} {item['due_local']:<22} {item['reason'] or ''}")
    if not data["attention"]:
        click.echo("  nothing")
    click.echo("\nCheck policy:")
    echo_policy(data["policy"])


@click.command("preview")
@click.argument("post_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_state
def preview(state: AppState, post_id: int, as_json: bool) -> None:
    """Print the exact request each target platform would receive. Sends nothing."""
    from socialtui.dispatch.preview import render_post

    practice = state.practice
    payloads = render_post(practice, post_id)
    if as_json:
        echo_json(payloads)
        return
    for item in payloads:
        click.echo(f"== {item['account']} ({item['platform']}) ==")
        for request in item["requests"]:
            click.echo(f"{request['method']} {request['endpoint']}")
            echo_json(request["fields"])
            for media in request["media"]:
                click.echo(f"  media: {media}")
        click.echo("")


@click.command("outbox")
@click.option("--limit", default=20, show_default=True, help="How many entries.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_state
def outbox(state: AppState, limit: int, as_json: bool) -> None:
    """What dry runs recorded: the exact requests that were not sent."""
    practice = state.practice
    with practice.store.session() as session:
        entries = list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.id.desc()).limit(limit)))
        data = [{"id": e.id, "post_id": e.post_id, "account": e.account_name, "platform": e.platform,
                 "at": e.created_at.isoformat(), "requests": e.request.get("requests", [])} for e in entries]
    if as_json:
        echo_json(data)
        return
    for e in data:
        click.echo(f"#{e['id']} post {e['post_id']} -> {e['account']} ({e['platform']}) at {e['at'][:19]}")
        for request in e["requests"]:
            click.echo(f"    {request['method']} {request['endpoint']}")
    if not data:
        click.echo("The outbox is empty.")


COMMANDS = [serve, status, preview, outbox]
