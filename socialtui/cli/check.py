"""``socialtui check``: run the safeguard checks like a linter.

Exit 0 when no finding is an error, 1 when any is, 2 on bad input.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any

import click
from sqlalchemy import select

from socialtui.cli import AppState, echo_json, pass_state
from socialtui.config import load_config
from socialtui.errors import ValidationError
from socialtui.services.posts import KINDS


@click.command("check")
@click.argument("post_ids", nargs=-1, type=int)
@click.option("--all", "all_posts", is_flag=True, help="Every post that has not gone out yet.")
@click.option("--text", help="Check this text instead of a stored post.")
@click.option("--kind", type=click.Choice(KINDS), default="general", show_default=True, help="With --text.")
@click.option("--sponsor", help="With --text: the sponsor or affiliated company.")
@click.option("--to", "targets", multiple=True, metavar="ACCOUNT", help="With --text: a target account or platform (repeat).")
@click.option("--cite", "citations", multiple=True, metavar="URL", help="With --text: a citation (repeat).")
@click.option("--stdin", "from_stdin", is_flag=True, help='JSON lines in: {"id", "text", "kind"?, "sponsor"?, "citations"?, "targets"?}.')
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text", show_default=True)
@pass_state
def check(state: AppState, post_ids: tuple[int, ...], all_posts: bool, text: str | None, kind: str, sponsor: str | None,
          targets: tuple[str, ...], citations: tuple[str, ...], from_stdin: bool, fmt: str) -> None:
    """Run the safeguard checks on posts, on a text, or on JSON lines."""
    from socialtui.checks import run_checks
    from socialtui.cli.check_format import finding_to_dict, format_text

    sources = sum([bool(post_ids), all_posts, text is not None, from_stdin])
    if sources != 1:
        raise ValidationError("Say what to check: post ids, --all, --text or --stdin (one of them).",
                              'e.g. `socialtui check 12`, `socialtui check --text "..."`.')
    settings = _settings(state)
    results: list[tuple[str, dict[str | None, str], list[Any]]] = []
    for item_id, subject in _subjects(state, post_ids, all_posts, text, kind, sponsor, targets, citations, from_stdin):
        findings = run_checks(subject, settings)
        texts: dict[str | None, str] = {None: subject.text, **dict(subject.variants)}
        results.append((item_id, texts, findings))
        if fmt == "jsonl":
            click.echo(json.dumps({"id": item_id, "findings": [finding_to_dict(f) for f in findings]}, ensure_ascii=False))
    if fmt == "json":
        echo_json([{"id": i, "findings": [finding_to_dict(f) for f in fs]} for i, _, fs in results])
    elif fmt == "text":
        for item_id, texts, findings in results:
            for line in format_text(item_id, texts, findings):
                click.echo(line)
        total = sum(len(fs) for _, _, fs in results)
        errors = sum(1 for _, _, fs in results for f in fs if f.blocks)
        click.echo(f"{len(results)} checked, {total} finding(s), {errors} error(s).", err=True)
        _say_what_is_off(state)
    if any(f.blocks for _, _, fs in results for f in fs):
        sys.exit(1)


def _say_what_is_off(state: AppState) -> None:
    """Name every switched-off check, with who switched it off and why, so nobody mistakes silence for safety."""
    from socialtui.errors import SocialTuiError
    from socialtui.services.policy import disabled_rules

    config = _config(state)
    if not config.checks.disabled:
        return
    try:
        with state.practice.store.reading() as session:
            lines = [d.describe() for d in disabled_rules(session, config)]
    except SocialTuiError:  # no store to ask who did it: the file still says why
        lines = [f"{c} disabled: {config.checks.disabled_reasons.get(c) or 'no reason given'}" for c in config.checks.disabled]
    for line in lines:
        click.echo(f"not checked: {line}", err=True)


def _config(state: AppState) -> Any:
    """The config as enforced (a check switched off in the file runs until an admin acknowledges it);
    the file's own when there is no store to ask."""
    from socialtui.errors import SocialTuiError

    try:
        return state.practice.config
    except SocialTuiError:
        return load_config(state.config_path)[0]


def _settings(state: AppState) -> Any:
    return _config(state).checks


def _subjects(state: AppState, post_ids: tuple[int, ...], all_posts: bool, text: str | None, kind: str,
              sponsor: str | None, targets: tuple[str, ...], citations: tuple[str, ...], from_stdin: bool) -> Iterator[tuple[str, Any]]:
    from socialtui.checks import CheckSubject, CitationInfo, TargetInfo
    from socialtui.cli.check_format import parse_stdin_line

    if text is not None:
        yield "text", CheckSubject(text=text, kind=kind, sponsor=sponsor,
                                   targets=tuple(_target(state, t, TargetInfo) for t in targets),
                                   citations=tuple(CitationInfo(c) for c in citations))
        return
    if from_stdin:
        for number, line in enumerate(sys.stdin, start=1):
            if line.strip():
                try:
                    yield parse_stdin_line(line)
                except ValidationError as exc:
                    raise ValidationError(f"Line {number}: {exc.message}", exc.hint) from None
        return
    yield from _stored(state, post_ids, all_posts)


def _target(state: AppState, name: str, target_info: Any) -> Any:
    """An account name from the store, or a bare platform name."""
    from socialtui.adapters.registry import platform_names

    if name in platform_names():
        return target_info(account=name, platform=name)
    from socialtui.services.accounts import get_account

    with state.practice.store.session() as session:
        account = get_account(session, name)
        return target_info(account=account.name, platform=account.platform)


def _stored(state: AppState, post_ids: tuple[int, ...], all_posts: bool) -> Iterator[tuple[str, Any]]:
    from socialtui.lifecycle import UNPUBLISHED
    from socialtui.services.checking import subject_for
    from socialtui.services.posts import get_post
    from socialtui.store.models import Post

    practice = state.practice
    with practice.store.session() as session:
        if all_posts:
            ids = list(session.scalars(select(Post.id).where(Post.status.in_([s.value for s in UNPUBLISHED])).order_by(Post.id)))
        else:
            ids = list(post_ids)
        subjects = [(str(i), subject_for(session, get_post(session, i), practice.config)) for i in ids]
    yield from subjects


COMMANDS = [check]
