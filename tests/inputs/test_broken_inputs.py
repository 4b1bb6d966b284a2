"""Every broken scenario in tests/broken/scenarios gives its expected Danish message.

Each file starts with comment lines: ``# forventet: <text in the message>``, and optionally
``# nøgle: <key path>`` and ``# linje: <line>``. The CLI must exit with 2, name the file,
the key and the line, and never show a traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from som_xl.cli import main
from tests.paths import TESTS

BROKEN = TESTS / "broken" / "scenarios"
CASES = sorted(BROKEN.glob("*.yaml"))


def _expectations(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("# "):
            break
        key, _, value = line[2:].partition(":")
        out[key.strip()] = value.strip()
    return out


def test_there_are_broken_cases() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_broken_scenario(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expect = _expectations(path)
    assert "forventet" in expect, f"{path.name} mangler '# forventet:'"
    code = main(["calc", str(path)])
    out, err = capsys.readouterr()
    assert code == 2, err
    assert out == ""
    assert "Traceback" not in err
    assert expect["forventet"] in err
    assert str(path) in err
    if "nøgle" in expect:
        assert f"nøgle '{expect['nøgle']}'" in err
    if "linje" in expect:
        assert f"linje {expect['linje']}" in err
    # validate gives the same message
    assert main(["validate", str(path)]) == 2
    assert expect["forventet"] in capsys.readouterr().err


def test_all_problems_reported_together(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "mange.yaml"
    f.write_text(
        "start_year: 2025\nhorizon_years: 10\nprice_year: 2024\ndiscount_rate: 0.035\n"
        "participants: {2025: -1}\nsuccess_rate: 30\ntarget_group: voksne_hjemloeshed\n"
        "costs:\n  - {label: x, kind: once, year: 2025, amount: '1.000,50', purse: kommunen}\n",
        encoding="utf-8",
    )
    assert main(["calc", str(f)]) == 2
    err = capsys.readouterr().err
    assert "4 fejl" in err
    for text in ("participants.2025", "success_rate", "costs[1].amount", "costs[1].purse"):
        assert text in err
    assert "linje 5" in err and "linje 6" in err


def test_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calc", "findes/ikke.yaml"]) == 2
    assert "findes ikke" in capsys.readouterr().err


def test_profile_longer_than_horizon_is_fine(tmp_path: Path) -> None:
    f = tmp_path / "lang.yaml"
    f.write_text(
        "start_year: 2025\nhorizon_years: 3\nprice_year: 2024\ndiscount_rate: 0.035\n"
        "participants: {2025: 10}\nsuccess_rate: 0.3\n"
        "consequences:\n  - {service: egen, profile: [-1, -1, -1, -1, -1, -1, -1, -1]}\n"
        "services:\n  - {id: egen, label: Egen, unit: dag, direction: expenditure, "
        "budget_item: Post, prices: {kommune: 100}}\n",
        encoding="utf-8",
    )
    assert main(["calc", str(f)]) == 0
