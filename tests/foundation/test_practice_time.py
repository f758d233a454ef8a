"""Times are entered in the practice zone: DST gaps refused, overlaps chosen, the past refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from socialtui.errors import TimeError
from socialtui.practice_time import localize, parse_local, require_future, zone_for

NEW_YORK = zone_for("America/New_York")


def test_spring_forward_gap_is_refused_with_the_next_valid_time():
    with pytest.raises(TimeError) as caught:
        localize(datetime(2027, 3, 14, 2, 30), NEW_YORK)
    assert "does not exist" in caught.value.message
    assert "2027-03-14 03:00" in caught.value.hint


def test_fall_back_overlap_without_a_choice_is_refused():
    with pytest.raises(TimeError) as caught:
        localize(datetime(2026, 11, 1, 1, 30), NEW_YORK)
    assert "happens twice" in caught.value.message
    assert "--fold earlier|later" in caught.value.hint


def test_fall_back_overlap_earlier_is_the_daylight_time_instant():
    assert localize(datetime(2026, 11, 1, 1, 30), NEW_YORK, fold="earlier") == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)


def test_fall_back_overlap_later_is_the_standard_time_instant():
    assert localize(datetime(2026, 11, 1, 1, 30), NEW_YORK, fold="later") == datetime(2026, 11, 1, 6, 30, tzinfo=UTC)


def test_an_ordinary_time_needs_no_choice_and_is_stored_in_utc():
    assert parse_local("2027-07-04 09:00", NEW_YORK) == datetime(2027, 7, 4, 13, 0, tzinfo=UTC)


def test_a_past_time_is_refused():
    with pytest.raises(TimeError, match="in the past"):
        require_future(datetime.now(UTC) - timedelta(minutes=1))


def test_cli_refuses_a_time_in_the_spring_forward_gap(cli_staffed, staff):
    result = cli_staffed("post", "new", "--text", "Closed Monday.", "--to", "clinic-x", "--at", "2027-03-14 02:30", as_=staff.author)
    assert result.exit_code == 2
    assert "does not exist in America/New_York" in result.stderr
    assert "hint: The next valid time is 2027-03-14 03:00" in result.stderr


def test_cli_refuses_an_ambiguous_time_without_fold(cli_staffed, staff):
    result = cli_staffed("post", "new", "--text", "Closed Monday.", "--to", "clinic-x", "--at", "2027-11-07 01:30", as_=staff.author)
    assert result.exit_code == 2
    assert "happens twice" in result.stderr
    assert "--fold earlier|later" in result.stderr


@pytest.mark.parametrize(("fold", "utc"), [("earlier", "2027-11-07T05:30:00+00:00"), ("later", "2027-11-07T06:30:00+00:00")])
def test_cli_takes_the_chosen_side_of_an_ambiguous_time(cli_staffed, staff, fold, utc):
    created = cli_staffed("post", "new", "--text", "Closed Monday.", "--to", "clinic-x", "--at", "2027-11-07 01:30",
                          "--fold", fold, as_=staff.author)
    assert created.exit_code == 0, created.stderr
    shown = json.loads(cli_staffed("post", "show", created.stdout.strip(), "--json").stdout)
    assert shown["due_at"] == utc


def test_cli_refuses_a_past_due_time(cli_staffed, staff):
    result = cli_staffed("post", "new", "--text", "Closed Monday.", "--to", "clinic-x", "--at", "2020-01-06 09:00", as_=staff.author)
    assert result.exit_code == 2
    assert "error: That time is in the past." in result.stderr


def test_cli_refuses_a_time_in_the_wrong_format(cli_staffed, staff):
    result = cli_staffed("post", "new", "--text", "Closed Monday.", "--at", "tomorrow 9am", as_=staff.author)
    assert result.exit_code == 2
    assert 'hint: Write it as "YYYY-MM-DD HH:MM"' in result.stderr
