"""Numbers in messages are written as Danish writes them (user trial: "(0.3) er større end …
(0.1)" beside "(0,5)", and "højst være 1000000" beside "1.000.000" for --draws)."""

from __future__ import annotations

from pathlib import Path

import pytest

from som_xl.cli import main
from tests.paths import TESTS

BASE = (TESTS / "fixtures" / "opfoelgning.yaml").read_text("utf-8")


def _calc(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> str:
    path = tmp_path / "s.yaml"
    path.write_text(text, "utf-8")
    assert main(["calc", str(path)]) == 2
    return capsys.readouterr().err


def test_gross_rates_in_wrong_order_are_danish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = BASE.replace("success_rate: 0.3", "success_rate: {with: 0.1, without: 0.3}")
    err = _calc(tmp_path, capsys, text)
    assert "succesraten uden indsatsen (0,3) er større end med indsatsen (0,1)" in err


def test_a_file_bound_has_thousand_dots_as_the_option_has(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _calc(tmp_path, capsys, BASE + "uncertainty: {draws: 2000000}\n")
    assert "'uncertainty.draws': må højst være 1.000.000" in err
    assert (
        main(["usikkerhed", str(TESTS / "fixtures" / "opfoelgning.yaml"), "--draws", "2000000"])
        == 2
    )
    assert "1.000.000" in capsys.readouterr().err
