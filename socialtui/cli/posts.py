"""``socialtui post ...``: write, review, schedule and list posts."""

from __future__ import annotations

import sys

from typing import Any, TypeVar

import click

from socialtui.cli import AppState, echo_json, pass_state
from socialtui.cli.options import fold_option, local_time, optional_date, printable
from socialtui.practice_time import day_bounds, format_local
from socialtui.services import review
from socialtui.services.posts import KINDS, PostChanges, create_post, edit_post, get_post, list_posts
from socialtui.services.records import post_record


F = TypeVar("F", bound=Any)


@click.group("post")
def post_group() -> None:
    """Write, review, schedule and list posts."""


def content_options(func: F) -> F:
    """The options shared by ``post new`` and ``post edit``."""
    options = [
        click.option("--text", help="The post's base text."),
        click.option("--kind", type=click.Choice(KINDS), help="What sort of post this is."),
        click.option("--at", "at", metavar='"YYYY-MM-DD HH:MM"', help="Due time in the practice's time zone."),
        fold_option,
        click.option("--to", "targets", multiple=True, metavar="ACCOUNT", help="Target account (repeat for several)."),
        click.option("--cite", "citations", multiple=True, metavar="URL_OR_DOI", help="Citation for a health claim (repeat)."),
        click.option("--consent", "consents", multiple=True, type=int, metavar="ID", help="Patient consent this post relies on (repeat)."),
        click.option("--sponsor", help="Sponsor or affiliated company."),
        click.option("--media", multiple=True, type=click.Path(), metavar="PATH", help="Image or video to attach (repeat)."),
        click.option("--link", help="A link to share with the post."),
        click.option("--variant", "variants", multiple=True, metavar="PLATFORM=TEXT", help="Override text for one platform (repeat)."),
        click.option("--shows-patient/--no-patient", default=None, help="Whether the post shows or quotes a patient."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _changes(practice: Any, kw: dict[str, Any], *, editing: bool) -> PostChanges:
    def many(name: str) -> list[Any] | None:
        values = list(kw[name])
        return values if values or not editing else None

    variants = None
    if kw["variants"]:
        variants = {}
        for item in kw["variants"]:
            platform, sep, text = item.partition("=")
            if not sep:
                raise click.BadParameter(f"{item!r} is not PLATFORM=TEXT.", param_hint="--variant")
            variants[platform.strip()] = text
    return PostChanges(
        text=kw["text"], kind=kw["kind"], due_at=local_time(practice, kw["at"], kw["fold"]),
        targets=many("targets"), citations=many("citations"), consent_ids=many("consents"),
        sponsor=kw["sponsor"], media=many("media"), link=kw["link"], variants=variants,
        shows_patient=kw["shows_patient"],
    )


@post_group.command("new")
@content_options
@pass_state
def post_new(state: AppState, /, **kw: Any) -> None:
    """Write a new draft; prints its id."""
    practice = state.practice
    with practice.store.session() as session:
        post = create_post(session, _changes(practice, kw, editing=False), actor=practice.actor)
        session.flush()
        click.echo(post.id)


@post_group.command("edit")
@click.argument("post_id", type=int)
@content_options
@click.option("--version", "expected_version", type=int, help="Refuse if the post is no longer at this version.")
@pass_state
def post_edit(state: AppState, /, post_id: int, expected_version: int | None, **kw: Any) -> None:
    """Change a post. An edit after approval sends it back to review."""
    practice = state.practice
    with practice.store.session() as session:
        post = edit_post(session, post_id, _changes(practice, kw, editing=True), actor=practice.actor,
                         expected_version=expected_version)
        click.echo(f"Post {post.id} saved (version {post.version}, {post.status}).")


@post_group.command("list")
@click.option("--from", "date_from", metavar="DATE", help="First day (YYYY-MM-DD, practice time).")
@click.option("--to", "date_to", metavar="DATE", help="Last day, included.")
@click.option("--status", "statuses", multiple=True, help="Only these statuses (repeat).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output (see docs/cli.md).")
@pass_state
def post_list(state: AppState, date_from: str | None, date_to: str | None, statuses: tuple[str, ...], as_json: bool) -> None:
    """List posts, by due time."""
    practice = state.practice
    first, last = optional_date(date_from), optional_date(date_to)
    start = day_bounds(first, practice.zone)[0] if first else None
    end = day_bounds(last, practice.zone)[1] if last else None
    with practice.store.reading() as session:
        posts = list_posts(session, start=start, end=end, statuses=statuses or None)
        if as_json:
            echo_json([post_record(p, practice.zone) for p in posts])
            return
        for post in posts:
            when = format_local(post.due_at, practice.zone) or "(no time)"
            targets = ",".join(p.account.name for p in post.publications) or "-"
            first_line = post.text.splitlines()[0] if post.text else ""
            click.echo(f"{post.id:>5}  {when:<22} {post.status:<15} {post.kind:<13} {targets:<24} {printable(first_line[:50])}")
        if not posts:
            click.echo("No posts.")


@post_group.command("show")
@click.argument("post_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output (see docs/cli.md).")
@pass_state
def post_show(state: AppState, post_id: int, as_json: bool) -> None:
    """Show one post with its safeguards and targets."""
    practice = state.practice
    with practice.store.session() as session:
        data = post_record(get_post(session, post_id), practice.zone)
    if as_json:
        echo_json(data)
        return
    click.echo(f"Post {data['id']} ({data['kind']}) - {data['status']}" + (f": {data['status_reason']}" if data["status_reason"] else ""))
    click.echo(f"Due: {data['due_local'] or '(no time)'}   Author: {data['author']}   Version: {data['version']}")
    click.echo("")
    click.echo(printable(data["text"]))
    for platform, text in data["variants"].items():
        click.echo(f"\n[{platform} variant]\n{printable(text)}")
    click.echo("")
    for label, key in (("Citations", "citations"), ("Consents", "consents"), ("Affiliations", "affiliations")):
        if data[key]:
            click.echo(f"{label}: {', '.join(str(v) for v in data[key])}")
    if data["sponsor"]:
        click.echo(f"Sponsor: {data['sponsor']}")
    for media in data["media"]:
        click.echo(f"Media: {media['path']} ({media['type']}, sha256 {media['sha256'][:12]})")
    for target in data["targets"]:
        extra = target["url"] or target["error"] or ""
        click.echo(f"Target: {target['account']} ({target['platform']}) - {target['status']} {extra}".rstrip())


def _simple(name: str, help_text: str, action: Any, *, message: str) -> click.Command:
    @click.command(name, help=help_text)
    @click.argument("post_id", type=int)
    @pass_state
    def command(state: AppState, post_id: int) -> None:
        practice = state.practice
        practice.actor  # noqa: B018 - prove who is acting (a passphrase prompt) before any transaction starts
        with practice.store.session() as session:
            post = action(session, post_id, practice)
            click.echo(message.format(id=post.id, status=post.status, due=format_local(post.due_at, practice.zone)))

    return command


post_group.add_command(_simple("submit", "Run the checks and send a draft for review.",
                               lambda s, pid, p: review.submit(s, pid, p.config, actor=p.actor),
                               message="Post {id} is now {status}."))


@post_group.command("approve")
@click.argument("post_id", type=int)
@click.option("--ack", "acks", multiple=True, metavar="CODE",
              help="Acknowledge the author's override of this warning (repeat for each); asked for on a terminal.")
@pass_state
def post_approve(state: AppState, post_id: int, acks: tuple[str, ...]) -> None:
    """Approve a post in review (not one you wrote or changed since its last approval)."""
    from socialtui.errors import OverridesNotAcknowledgedError

    practice = state.practice
    actor = practice.actor
    acknowledged = {a.strip().upper() for a in acks}
    with practice.store.session() as session:
        overrides = [(o.code, o.by, o.reason) for o in get_post(session, post_id).overrides]
    pending = [o for o in overrides if o[0] not in acknowledged]
    if pending and sys.stdin.isatty() and not acks:
        for code, by, reason in pending:
            click.echo(f"{by} overrode warning {code}: {reason}")
            if click.confirm(f"Do you acknowledge the override of {code}?", default=False):
                acknowledged.add(code)
    with practice.store.session() as session:
        try:
            post = review.approve(session, post_id, practice.config, actor=actor, acknowledged=acknowledged)
        except OverridesNotAcknowledgedError as exc:
            exc.hint = f"Read each reason, then approve with --ack for each: {' '.join('--ack ' + c for c in exc.codes)}."
            raise
        click.echo(f"Post {post.id} is now {post.status}.")
post_group.add_command(_simple("cancel", "Cancel a post that has not gone out.",
                               lambda s, pid, p: review.cancel(s, pid, actor=p.actor),
                               message="Post {id} is now {status}."))


@post_group.command("reject")
@click.argument("post_id", type=int)
@click.option("--reason", required=True, help="What should change.")
@pass_state
def post_reject(state: AppState, post_id: int, reason: str) -> None:
    """Send a post in review back to its author."""
    practice = state.practice
    with practice.store.session() as session:
        post = review.reject(session, post_id, reason, actor=practice.actor)
        click.echo(f"Post {post.id} is now {post.status}.")


@post_group.command("schedule")
@click.argument("post_id", type=int)
@click.option("--at", "at", required=True, metavar='"YYYY-MM-DD HH:MM"', help="When, in the practice's time zone.")
@fold_option
@pass_state
def post_schedule(state: AppState, post_id: int, at: str, fold: Any) -> None:
    """Give an approved post its time (or retry a failed or missed one)."""
    practice = state.practice
    due = local_time(practice, at, fold)
    assert due is not None
    with practice.store.session() as session:
        post = review.schedule(session, post_id, due, actor=practice.actor)
        click.echo(f"Post {post.id} is scheduled for {format_local(post.due_at, practice.zone)}.")


@post_group.command("override")
@click.argument("post_id", type=int)
@click.argument("code")
@click.option("--reason", required=True, help="Why this warning is acceptable (audited).")
@pass_state
def post_override(state: AppState, post_id: int, code: str, reason: str) -> None:
    """Accept a warning-severity finding with a written reason."""
    practice = state.practice
    with practice.store.session() as session:
        item = review.override(session, post_id, code, reason, practice.config, actor=practice.actor)
        click.echo(f"{item.code} on post {post_id} is overridden by {item.by}.")


COMMANDS = [post_group]
