"""A follow-up (``realised:``) in the report: the plan beside the new forecast, as
``som-xl opfoelgning`` has them, and the headline said to be the new forecast."""

from __future__ import annotations

from pathlib import Path

import pytest

from som_xl.inputs import load_scenario, resolve
from som_xl.kb import load_kb
from som_xl.present import da
from som_xl.present.followup import COSTS_NOT_GIVEN
from som_xl.report import full_document, load_report_data, render, short_document
from som_xl.results import calculate
from tests.paths import ROOT
from tests.report.helpers import html_text, pdf_pages, pdf_text

FILE = ROOT / "tests" / "fixtures" / "opfoelgning.yaml"
DATE = "2026-03-31"


def _engine() -> dict[str, object]:
    spec, lines = load_scenario(FILE)
    found = calculate(resolve(spec, load_kb, str(FILE), lines)).followup()
    assert found is not None
    return found


def _expected() -> list[str]:
    f = _engine()
    plan, fc = f["plan"], f["forecast"]  # type: ignore[index]
    # opfoelgning.yaml: plan 10 + 10 participants at 30 %, realised 2025: 8 started,
    # 2 succeeded (observed 2 / 8 = 25 %), costs 90.000 (plan 10 × 10.000 = 100.000)
    return [
        "Opfølgning: plan og ny prognose",
        "for 2025 bruges de realiserede tal",
        f"Planen gav et nettoresultat på {da.money(plan['net_result']['discounted'])}",
        f"den nye prognose giver {da.money(fc['net_result']['discounted'])}",
        "Den observerede succesrate er 25,0 % (planlagt 30,0 %)",
        "Ifølge den nye prognose (opfølgning) giver indsatsen",
    ]


@pytest.mark.parametrize("short", [True, False], ids=["kort", "fuld"])
def test_pdf_shows_plan_and_new_forecast(short: bool, tmp_path: Path) -> None:
    data = load_report_data(FILE, date=DATE)
    pdf = render(short_document(data) if short else full_document(data), "pdf")
    text = pdf_text(pdf, tmp_path)
    for phrase in _expected():
        assert phrase in text, phrase
    if short:
        assert len(pdf_pages(pdf, tmp_path / "sider")) == 1
    else:
        # the year table: 2025 planned 10, realised 8 and 2, costs 90.000 realised, 100.000
        # planned, 90.000 in the new forecast
        assert "Opfølgning: plan mod realiseret år for år (kr., udiskonteret)" in text
        # (the row read from the HTML: pdftotext orders a table's cells by their columns)
        html = html_text(render(full_document(data), "html").decode("utf-8"))
        assert "2025 10 8 2 90.000 100.000 90.000 -100.000 -90.000" in html


def test_html_shows_plan_and_new_forecast() -> None:
    data = load_report_data(FILE, date=DATE)
    text = html_text(render(full_document(data), "html").decode("utf-8"))
    for phrase in _expected():
        assert phrase in text, phrase


def test_no_followup_section_without_realised_years() -> None:
    data = load_report_data(ROOT / "examples" / "cool_kids.yaml", date=DATE)
    assert data.followup is None
    texts = [getattr(b, "text", "") for b in full_document(data).blocks]
    assert not any("Opfølgning" in t or "ny prognose" in t for t in texts)


def test_a_realised_year_without_costs_is_not_given(tmp_path: Path) -> None:
    """User trial: the plan's costs of a realised year without costs were read as realised.
    2025: 8 participants, 2 successes, 90.000 kr.; 2026: 9 and 3, no costs (the forecast
    keeps the plan's 10.000 × 10 = 100.000 kr.). Observed rate 5 / 17 = 29,4 %."""
    scenario = tmp_path / "opf.yaml"
    scenario.write_text(
        FILE.read_text("utf-8") + "  2026: {participants: 9, successes: 3}\n", "utf-8"
    )
    data = load_report_data(scenario, date=DATE)
    text = html_text(render(full_document(data), "html").decode("utf-8"))
    assert "Den observerede succesrate er 29,4 %" in text
    assert f" {COSTS_NOT_GIVEN} " in text.split("2026", 1)[1].split("\n")[0] + " ", text
    assert "Omkostninger ikke oplyst for 2026: den nye prognose bruger planens" in text
