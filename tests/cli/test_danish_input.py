"""Numbers and searches typed as a Danish user types them (issue 8: CLI number traps)."""

from __future__ import annotations

import json

import pytest

from som_xl.cli import main


def _skoen(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["skoen", "--maalgruppe", "voksne_hjemloeshed", "--deltagere", "20", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_decimal_comma_is_a_decimal(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _skoen(capsys, "--pris", "60000", "--succesrate", "0,3", "--json")
    assert code == 0
    assert json.loads(out)["success_rate"] == 0.3


def test_thousand_dots_are_questioned_not_guessed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _skoen(capsys, "--pris", "72.000", "--succesrate", "0.3")
    assert code == 2 and out == ""
    assert "--pris" in err and "tusindtalspunktum: skriv 72000" in err
    assert "Traceback" not in err


def test_a_plain_decimal_point_still_works(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _skoen(capsys, "--pris", "60000.50", "--succesrate", "0.25", "--json")
    assert code == 0 and json.loads(out)["success_rate"] == 0.25


def test_not_a_number_is_a_danish_message(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _skoen(capsys, "--pris", "mange", "--succesrate", "0,3")
    assert code == 2 and "skal være et tal" in err and "'mange'" in err


def test_each_option_hints_its_own_kind_of_number(capsys: pytest.CaptureFixture[str]) -> None:
    """User trial: --succesrate "30 %" got the generic "fx 0,3 eller 60000"."""
    code, _, err = _skoen(capsys, "--pris", "60000", "--succesrate", "30 %")
    assert code == 2 and "--succesrate" in err
    assert "skal være en andel mellem 0 og 1, fx 0,3 for 30 % (fik '30 %')" in err
    code, _, err = _skoen(capsys, "--pris", "mange")
    assert code == 2 and "fx 60000 (kr.)" in err and "0,3" not in err


def _search(capsys: pytest.CaptureFixture[str], query: str) -> str:
    assert main(["kb", "search", query]) == 0
    return capsys.readouterr().out


def test_search_ignores_danish_letters_and_case(capsys: pytest.CaptureFixture[str]) -> None:
    with_oe = _search(capsys, "hjemløs")
    assert "act_hjemloese" in with_oe  # the homelessness interventions are found
    assert _search(capsys, "hjemloes") == with_oe == _search(capsys, "HJEMLØS")


def test_search_matches_every_word(capsys: pytest.CaptureFixture[str]) -> None:
    both = _search(capsys, "hjemløs act")
    assert "act_hjemloese" in both
    # the target group itself has "hjemløs" but not "act": found by one word, not by both
    assert "== Målgrupper ==" in _search(capsys, "hjemløs")
    assert "== Målgrupper ==" not in both


def test_search_says_when_nothing_matches(capsys: pytest.CaptureFixture[str]) -> None:
    assert "Intet i vidensdatabasen matcher 'xyzzy'" in _search(capsys, "xyzzy")


def test_a_whole_number_is_shown_as_typed(capsys: pytest.CaptureFixture[str]) -> None:
    """30 typed for 30 % is echoed as 30, not as Python's 30.0; a fraction keeps its digits."""
    code, out, err = _skoen(capsys, "--pris", "60000", "--succesrate", "30")
    assert code == 2 and out == ""
    assert err.rstrip().endswith("(værdi: 30)")
    code, out, err = _skoen(capsys, "--pris", "60000", "--succesrate", "1,5")
    assert code == 2 and err.rstrip().endswith("(værdi: 1.5)")
