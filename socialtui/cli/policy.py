"""``socialtui policy ...``: the check policy in force, what changed it, and acknowledging a change."""

from __future__ import annotations

from typing import Any

import click

from socialtui.cli import AppState, echo_json, pass_state


@click.group("policy")
def policy_group() -> None:
    """The check policy: which checks are off, and changes no admin has acknowledged."""


def policy_report(practice: Any) -> dict[str, Any]:
    """The policy as ``status`` and ``policy show`` print it (JSON-ready)."""
    from socialtui.services.policy import summarize

    with practice.store.reading() as session:
        summary = summarize(session, practice.config, practice.file_config)
    pending = summary.pending
    return {
        "fingerprint": summary.fingerprint,
        "identity_mode": summary.identity_mode,
        "disabled": [{"code": d.code, "by": d.by, "on": d.on.isoformat() if d.on else None, "reason": d.reason}
                     for d in summary.disabled],
        "held_back": summary.held_back,
        "unacknowledged_change": None if pending is None else {
            "recorded_at": pending.recorded_at.isoformat(), "source": pending.source,
            "changed_by": pending.changed_by, "keys": pending.keys},
    }


def echo_policy(report: dict[str, Any]) -> None:
    """The policy report in words."""
    if report["identity_mode"] == "trust":
        click.echo("  Identity: trust - anyone may act as anyone (demo or training only).")
    for item in report["disabled"]:
        when = f" on {item['on']}" if item["on"] else ""
        click.echo(f"  Check {item['code']} is OFF: disabled by {item['by']}{when}: {item['reason'] or 'no reason given'}")
    for code in report.get("held_back", []):
        click.echo(f"  Check {code} stays ON: the file switches it off, which takes effect once an admin acknowledges it.")
    change = report["unacknowledged_change"]
    if change:
        click.echo(f"  CHANGED {change['recorded_at'][:16].replace('T', ' ')} UTC by {change['changed_by']}: "
                   f"{', '.join(change['keys']) or 'policy'} - not yet acknowledged by an admin "
                   "(`socialtui policy ack` once reviewed).")
    if not report["disabled"] and not change and report["identity_mode"] != "trust":
        click.echo("  every check on; no unacknowledged change")


@policy_group.command("show")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_state
def policy_show(state: AppState, as_json: bool) -> None:
    """Which checks are off (who, when, why) and any change waiting to be acknowledged."""
    report = policy_report(state.practice)
    if as_json:
        echo_json(report)
        return
    click.echo(f"Check policy {report['fingerprint'][:12]}:")
    echo_policy(report)


@policy_group.command("ack")
@pass_state
def policy_ack(state: AppState) -> None:
    """Acknowledge the current policy after reviewing a change (admins; audited)."""
    from socialtui.services.policy import acknowledge

    practice = state.practice
    actor = practice.actor
    with practice.store.session() as session:
        row = acknowledge(session, actor=actor)
        click.echo(f"Policy {row.fingerprint[:12]} acknowledged by {actor}.")


COMMANDS = [policy_group]
