"""The report with realised years (som-method §3.19): plan against realised figures.

User trial: the plan's costs of a realised year without costs were read as realised. The
report (whose figures are then the new forecast) shows the realised years with *ikke oplyst*
where no costs were given and the note that the forecast uses the plan's costs.
"""

from __future__ import annotations

from pathlib import Path

from som_xl.cli import main
from som_xl.present.followup import COSTS_NOT_GIVEN
from tests.paths import TESTS
from tests.report.helpers import html_text

FILE = TESTS / "fixtures" / "opfoelgning.yaml"


def _report(tmp_path: Path, text: str) -> str:
    scenario = tmp_path / "opf.yaml"
    scenario.write_text(text, "utf-8")
    out = tmp_path / "opf.html"
    assert main(["rapport", str(scenario), "--out", str(out), "--dato", "2026-03-31"]) == 0
    return html_text(out.read_text("utf-8"))


def test_a_realised_year_without_costs_is_not_given_in_the_report(tmp_path: Path) -> None:
    """2025: 8 participants, 2 successes, 90.000 kr.; 2026: 9 and 3, no costs (the forecast
    keeps the plan's 10.000 × 9 = 90.000 kr.). Observed rate 5 / 17 = 29,4 %."""
    text = _report(tmp_path, FILE.read_text("utf-8") + "  2026: {participants: 9, successes: 3}\n")
    assert "Opfølgning: plan mod realiseret" in text
    assert "observerede succesrate (29,4 %)" in text
    assert "2025 10 8 2 90.000 100.000 90.000" in text
    assert f"2026 10 9 3 {COSTS_NOT_GIVEN} 100.000 90.000" in text
    assert "Omkostninger ikke oplyst for 2026: den nye prognose bruger planens" in text


def test_no_followup_section_without_realised_years(tmp_path: Path) -> None:
    text = _report(tmp_path, FILE.read_text("utf-8").split("realised:")[0])
    assert "Opfølgning: plan mod realiseret" not in text
