"""``socialtui consent ...``: the consent registry."""

from __future__ import annotations

import click

from socialtui.cli import AppState, echo_json, pass_state
from socialtui.cli.options import optional_date
from socialtui.practice_time import parse_date
from socialtui.services.consents import add_consent, get_consent, list_consents, posts_using, revoke_consent
from socialtui.services.records import consent_record


@click.group("consent")
def consent_group() -> None:
    """Record, list and revoke patient consents."""


@consent_group.command("add")
@click.option("--subject", "subject_ref", required=True, metavar="REF", help="Pseudonymous reference (never the patient's name).")
@click.option("--scope", multiple=True, required=True, help="Platforms and media types covered (repeat or comma-separate): x, facebook, photo, quote, story, video.")
@click.option("--signed", required=True, metavar="DATE", help="Date the form was signed (YYYY-MM-DD).")
@click.option("--expires", metavar="DATE", help="Date the consent ends.")
@click.option("--document", required=True, type=click.Path(), help="The signed form (only its path and SHA-256 are stored).")
@pass_state
def consent_add(state: AppState, subject_ref: str, scope: tuple[str, ...], signed: str, expires: str | None, document: str) -> None:
    """Record a signed consent; prints its id."""
    practice = state.practice
    with practice.store.session() as session:
        consent = add_consent(session, subject_ref=subject_ref, scope=list(scope), signed_on=parse_date(signed),
                              expires_on=optional_date(expires), document=document, actor=practice.actor)
        click.echo(consent.id)


@consent_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_state
def consent_list(state: AppState, as_json: bool) -> None:
    """Every consent with its validity."""
    with state.practice.store.session() as session:
        records = [consent_record(c) for c in list_consents(session)]
    if as_json:
        echo_json(records)
        return
    for r in records:
        scope = ",".join(r["platforms"] + r["media_types"])
        click.echo(f"{r['id']:>4}  {r['subject_ref']:<14} {r['validity']:<14} signed {r['signed_on']}  expires {r['expires_on'] or '-':<10}  {scope}")
    if not records:
        click.echo("No consents.")


@consent_group.command("show")
@click.argument("consent_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_state
def consent_show(state: AppState, consent_id: int, as_json: bool) -> None:
    """One consent and the posts that rely on it."""
    with state.practice.store.session() as session:
        consent = get_consent(session, consent_id)
        data = consent_record(consent) | {"document_path": consent.document_path,
                                          "posts": [{"id": p.id, "status": p.status} for p in posts_using(session, consent_id)]}
    if as_json:
        echo_json(data)
        return
    for key in ("id", "subject_ref", "validity", "platforms", "media_types", "signed_on", "expires_on", "revoked_on", "document_path", "document_sha256"):
        value = data[key]
        click.echo(f"{key:<16} {', '.join(value) if isinstance(value, list) else value if value is not None else '-'}")
    click.echo("posts            " + (", ".join(f"{p['id']} ({p['status']})" for p in data["posts"]) or "-"))


@consent_group.command("revoke")
@click.argument("consent_id", type=int)
@click.option("--reason", required=True, help="Why (audited).")
@pass_state
def consent_revoke(state: AppState, consent_id: int, reason: str) -> None:
    """Revoke a consent: holds unpublished posts, lists published ones to take down."""
    practice = state.practice
    with practice.store.session() as session:
        impact = revoke_consent(session, consent_id, reason, actor=practice.actor)
    click.echo(f"Consent {consent_id} revoked.")
    click.echo("Held posts: " + (", ".join(map(str, impact.held)) or "none"))
    if impact.not_held:
        click.echo("Posts being published right now (check them): " + ", ".join(map(str, impact.not_held)))
    if impact.takedown:
        click.echo("Published posts to take down by hand:")
        for post_id, where in impact.takedown:
            click.echo(f"  post {post_id}: {', '.join(where)}")


COMMANDS = [consent_group]
