"""The CLI's output helpers: linter lines, JSON dicts, and stdin JSON lines."""

from __future__ import annotations

import json

import pytest

from socialtui.checks import Finding, Severity, Span
from socialtui.cli.check_format import finding_to_dict, format_text, parse_stdin_line
from socialtui.errors import ValidationError

PHONE = Finding("PRV001", "phone-number", Severity.ERROR, Span(8, 20), "A phone number appears.", "Remove it.")


def test_format_text_gives_id_line_col_code_severity_message_and_hint() -> None:
    lines = format_text("p7", {None: "Call\nme: 312-867-5309"}, [PHONE])
    assert lines == ["p7:2:4 PRV001 error A phone number appears. (Remove it.)"]


def test_format_text_names_the_variant() -> None:
    finding = Finding("PRO003", "repeated-exclamation", Severity.INFO, Span(4, 7, "x"), "Too many.")
    assert format_text("p7", {None: "base", "x": "Hey!!!"}, [finding]) == ["p7[x]:1:5 PRO003 info Too many."]


def test_finding_to_dict_has_the_documented_keys() -> None:
    assert finding_to_dict(PHONE) == {
        "code": "PRV001", "slug": "phone-number", "severity": "error", "start": 8, "end": 20,
        "variant": None, "message": "A phone number appears.", "hint": "Remove it.",
    }


def test_parse_stdin_line_reads_every_field() -> None:
    line = json.dumps({"id": "p1", "text": "Hi", "kind": "promotion", "sponsor": "GlucoCo",
                       "citations": ["PMID: 123"], "targets": ["x", "@lakeside:facebook"]})
    post_id, subject = parse_stdin_line(line)
    assert post_id == "p1"
    assert (subject.kind, subject.sponsor) == ("promotion", "GlucoCo")
    assert [c.reference for c in subject.citations] == ["PMID: 123"]
    assert [(t.account, t.platform) for t in subject.targets] == [("x", "x"), ("@lakeside", "facebook")]


@pytest.mark.parametrize(
    ("line", "message"),
    [("{", "not valid JSON"), ("[1]", "not a JSON object"), ('{"text": "x"}', '"id"'),
     ('{"id": "p1"}', '"text"'), ('{"id": "p1", "text": "x", "kind": "blog"}', "unknown kind"),
     ('{"id": "p1", "text": "x", "targets": ["x:"]}', "account:platform"),
     ('{"id": "p1", "text": "x", "citations": "PMID: 1"}', "citations"),
     ('{"id": "p1", "text": "x", "colour": "red"}', "Unknown field")],
)
def test_parse_stdin_line_rejects_bad_input_with_a_clear_message(line: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_stdin_line(line)
