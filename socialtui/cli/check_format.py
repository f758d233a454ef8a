"""Output helpers for ``socialtui check``: linter lines, JSON dicts, and stdin JSON lines.

Kept apart from the click command so the formats can be tested without a CLI.
Neither the lines nor the dicts contain the post text: they point at spans.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from socialtui.checks.findings import Finding, line_col
from socialtui.checks.subject import KINDS, CheckSubject, CitationInfo, TargetInfo
from socialtui.errors import ValidationError

STDIN_FIELDS = frozenset({"id", "text", "kind", "sponsor", "citations", "targets", "variants"})


def format_text(
    post_id: str, text_by_variant: Mapping[str | None, str], findings: Iterable[Finding]
) -> list[str]:
    """Linter lines ``ID:line:col CODE severity message (hint)``.

    A finding on a platform's override shows the platform: ``ID[x]:1:5``.
    Line and column are 1-based and computed in the text the finding refers to.
    """
    lines = []
    for f in findings:
        text = text_by_variant.get(f.variant, text_by_variant.get(None, ""))
        line, col = line_col(text, f.start)
        where = f"{post_id}[{f.variant}]" if f.variant else post_id
        hint = f" ({f.hint})" if f.hint else ""
        lines.append(f"{where}:{line}:{col} {f.code} {f.severity.value} {f.message}{hint}")
    return lines


def finding_to_dict(f: Finding) -> dict[str, Any]:
    """A finding as JSON-ready data: code, slug, severity, start, end, variant, message, hint."""
    return {
        "code": f.code,
        "slug": f.slug,
        "severity": f.severity.value,
        "start": f.start,
        "end": f.end,
        "variant": f.variant,
        "message": f.message,
        "hint": f.hint,
    }


def _target(value: object, line_no: str) -> TargetInfo:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(f"{line_no}: each target must be a non-empty string.",
                              'Write "facebook" or "account:platform", e.g. "@ourpractice:x".')
    account, sep, platform = value.strip().rpartition(":")
    if not sep:
        return TargetInfo(account=platform, platform=platform)
    if not account or not platform:
        raise ValidationError(f"{line_no}: target {value!r} is not \"account:platform\".",
                              'Write "facebook" or "account:platform", e.g. "@ourpractice:x".')
    return TargetInfo(account=account, platform=platform)


def parse_stdin_line(line: str) -> tuple[str, CheckSubject]:
    """Parse one JSON line ``{"id", "text", "kind"?, "sponsor"?, "citations"?, "targets"?}``.

    ``targets`` are platform names or ``"account:platform"``; ``citations`` are
    reference strings; ``variants`` (optional) maps platform -> override text.

    Raises:
        ValidationError: the line is not a JSON object or a field is missing or wrong.
    """
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValidationError(f"Line is not valid JSON ({exc.msg}, line 1 column {exc.colno}).",
                              'Each line must be one JSON object, e.g. {"id": "p1", "text": "..."}.') from exc
    if not isinstance(data, dict):
        raise ValidationError("Line is not a JSON object.",
                              'Each line must be one JSON object, e.g. {"id": "p1", "text": "..."}.')
    unknown = sorted(set(data) - STDIN_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown field(s): {', '.join(unknown)}.",
                              f"Known fields: {', '.join(sorted(STDIN_FIELDS))}.")
    post_id = data.get("id")
    if not isinstance(post_id, (str, int)) or isinstance(post_id, bool) or str(post_id) == "":
        raise ValidationError('Field "id" is missing or not a string.', 'Add "id": "<post id>".')
    where = f"Post {post_id}"
    text = data.get("text")
    if not isinstance(text, str):
        raise ValidationError(f'{where}: field "text" is missing or not a string.', 'Add "text": "<post text>".')
    kind = data.get("kind", "general")
    if kind not in KINDS:
        raise ValidationError(f"{where}: unknown kind {kind!r}.", f"Use one of: {', '.join(KINDS)}.")
    sponsor = data.get("sponsor")
    if sponsor is not None and not isinstance(sponsor, str):
        raise ValidationError(f'{where}: field "sponsor" must be a string.', 'Write "sponsor": "<brand>".')
    citations = data.get("citations", [])
    if not isinstance(citations, list) or not all(isinstance(c, str) for c in citations):
        raise ValidationError(f'{where}: field "citations" must be a list of strings.',
                              'Write "citations": ["https://www.cdc.gov/...", "PMID: 12345678"].')
    targets = data.get("targets", [])
    if not isinstance(targets, list):
        raise ValidationError(f'{where}: field "targets" must be a list.', 'Write "targets": ["facebook", "x"].')
    variants = data.get("variants", {})
    if not isinstance(variants, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in variants.items()
    ):
        raise ValidationError(f'{where}: field "variants" must map platform names to text.',
                              'Write "variants": {"x": "<shorter text>"}.')
    subject = CheckSubject(
        text=text,
        kind=kind,
        variants=dict(variants),
        targets=tuple(_target(t, where) for t in targets),
        citations=tuple(CitationInfo(c) for c in citations),
        sponsor=sponsor or None,
    )
    return str(post_id), subject
