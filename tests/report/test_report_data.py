"""The report's data and text: hand-computed figures, optional sections, invariants."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from som_xl.inputs import parse_scenario, resolve
from som_xl.kb import load_kb
from som_xl.present._example import example_result
from som_xl.report import full_document, render, report_data, short_document
from som_xl.report.blocks import Block, Bullets, Callout, Facts, Heading, Paragraph, Table
from som_xl.report.data import ReportData, Variant, scenario_hash, uncertainty_from_dict
from som_xl.report.document import NOT_COMPUTED
from som_xl.report.pdf import _width, wrap
from som_xl.results import calculate
from tests.paths import ROOT
from tests.report.helpers import html_charts, html_text, pdf_pages, pdf_text, png_ink

DATE = "2026-03-31"


def _data(**changes: Any) -> ReportData:
    return report_data(example_result(), date=DATE, input_name="eksempel.yaml", **changes)


def _words(blocks: tuple[Block, ...]) -> str:
    """All the text of a document's blocks, one space between words."""
    parts: list[str] = []
    for b in blocks:
        if isinstance(b, Heading | Paragraph | Callout):
            parts.append(b.text)
        elif isinstance(b, Bullets):
            parts += b.items
        elif isinstance(b, Facts):
            parts += [f"{k} {v}" for k, v in b.rows]
        elif isinstance(b, Table):
            parts += [" ".join(b.headers)] + [" ".join(r) for r in b.rows]
    return " ".join(" ".join(parts).split())


# --- the hand-computed example (tests/engine/test_engine_hand.py works it out) -----------
#
# Net result: −170 000 + 6 000 + 171 000 + 99 000 = 106 000 kr. undiscounted;
# PV(gains) = 66 000/1,05 + 171 000/1,05² + 99 000/1,05³ = 62 857,14 + 155 102,04 + 85 520,03
#           = 303 479,21; PV(costs) = 170 000 + 60 000/1,05 = 227 142,86;
# net PV = 76 336,35 → "76.336 kr."; break-even 2028; gain per krone 303 479/227 143 = 1,34;
# break-even success rate 0,3 × 227 142,86 / 303 479,21 = 22,45 % → "22,5 %".
# Kommune: costs 2025: 100 000 + 10 × 2 000 = 120 000; 2026: 20 × 2 000 − 30 000 = 10 000
#   → PV 120 000 + 10 000/1,05 = 129 523,81; gains 2026: 30 000 + 15 000 = 45 000,
#   2027: 72 000 + 45 000 = 117 000, 2028: 24 000 + 45 000 = 69 000
#   → PV 42 857,14 + 106 122,45 + 59 604,79 = 208 584,39; net PV 79 060,58 → "79.061 kr.".
HAND = {
    "net_pv": "76.336 kr.",
    "net": "106.000 kr.",
    "costs_pv": "227.143 kr.",
    "kommune_pv": "79.061 kr.",
    "break_even": "tjent hjem i 2028",
    "bcr": "giver 1,34 kr. i gevinst",
    "be_rate": "mindst 22,5 %",
}


def test_short_document_says_the_hand_computed_figures() -> None:
    text = _words(short_document(_data()).blocks)
    for key, figure in HAND.items():
        assert figure in text, key
    assert "10 deltagere" not in text  # 10 + 20 start
    assert "30 deltagere, der starter i 2025-2026" in text


def test_key_figures_start_with_the_total_and_the_kommunes_own_net() -> None:
    # the hand-computed example above: net PV 76.336 kr., the kommune's 79.061 kr.
    blocks = full_document(_data()).blocks
    at = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text == "Nøgletal")
    facts = blocks[at + 1]
    assert isinstance(facts, Facts)
    assert facts.rows[:2] == (
        ("Nettoresultat (nutidsværdi)", HAND["net_pv"]),
        ("Kommunens nettoresultat (nutidsværdi)", HAND["kommune_pv"]),
    )
    assert {"Nettoresultat (nutidsværdi)", "Kommunens nettoresultat (nutidsværdi)"} <= facts.strong


def test_cumulative_by_purse_by_hand() -> None:
    cum = _data().cumulative_by_purse()
    # kommune: 2025 −120 000; 2026 −120 000 + (45 000 − 10 000)/1,05 = −86 666,67
    assert cum["kommune"][0] == pytest.approx(-120000)
    assert cum["kommune"][1] == pytest.approx(-120000 + 35000 / 1.05)
    assert cum["kommune"][-1] == pytest.approx(208584.387 - 129523.810, abs=0.01)


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.yaml")), ids=lambda p: p.stem)
def test_cumulative_by_purse_ends_at_each_purses_present_value(path: Path) -> None:
    from som_xl.report import load_report_data

    data = load_report_data(path, date=DATE)
    cum = data.cumulative_by_purse()
    for row in data.result["by_purse"]:
        assert cum[row["purse"]][-1] == pytest.approx(row["discounted_net"], rel=1e-9, abs=1e-6)
    total = sum(c for c in cum.values())
    years = data.result["years"]
    assert total[-1] == pytest.approx(years[-1]["cumulative_discounted_net"], rel=1e-9)


def _bare() -> ReportData:
    """The example as a result contract without the later figures (per-purse break-even
    years and ratios, committees, provenance), as an older engine gives it."""
    data = _data()
    result = {k: v for k, v in data.result.items() if k not in ("by_committee", "provenance")}
    result["by_purse"] = [
        {k: v for k, v in p.items() if k not in ("break_even_year", "benefit_cost_ratio")}
        for p in result["by_purse"]
    ]
    return dataclasses.replace(data, result=result, committees=None, illustrative_share=None)


def test_per_purse_figures_from_the_engine() -> None:
    # kommune: cumulative PV −120 000, −86 666,67, then + 117 000/1,05² = 106 122,45 → ≥ 0 in
    #   2027; ratio 208 584,39 / 129 523,81 = 1,61.
    # region: −50 000, −83 333,33, −50 680,27, −40 314,23: never ≥ 0; 57 304,82 / 97 619,05
    #   = 0,59. stat: gains only, first flow 2026 (6 000/1,05 ≥ 0); no costs: no ratio.
    short = _words(short_document(_data()).blocks)
    assert "Kommune 129.524 208.584 79.061 2027 1,61" in short
    assert "Region 97.619 57.305 -40.314 ikke inden for horisonten 0,59" in short
    assert "Stat 0 37.590 37.590 2026 ingen" in short
    # its budget items are its own, in no committee: no committee chart, and it says why
    full = full_document(_data())
    assert "who_pays_committee" not in [c.key for c in full.charts()]
    assert "(alle står under »Uden udvalg«)" in _words(full.blocks)


def test_missing_figures_say_not_computed() -> None:
    data = _bare()
    assert data.uncertainty is None and data.committees is None
    assert data.illustrative_share is None
    short = _words(short_document(data).blocks)
    assert "Sandsynligheden for et positivt nettoresultat (nutidsværdi) er ikke beregnet" in short
    assert "illustrative værdier, er ikke beregnet" in short
    # per-purse break-even years: not in this result contract yet
    assert f"Kommune 129.524 208.584 79.061 {NOT_COMPUTED}" in short
    full = full_document(data)
    assert [c.key for c in full.charts()] == ["cumulative", "yearly", "who_pays", "by_budget_item"]
    text = _words(full.blocks)
    assert f"Fordelingen på kommunens udvalg er {NOT_COMPUTED}" in text
    assert f"Usikkerhedsanalysen er {NOT_COMPUTED}" in text
    assert "Scenarier" not in [b.text for b in full.blocks if isinstance(b, Heading)]


UNCERTAINTY = {
    "draws": 2000,
    "seed": 2025,
    "p_net_positive": 0.731,
    "mean": 60000.0,
    "quantiles": {"5": -40000.0, "10": -15000.0, "50": 65000.0, "90": 130000.0, "95": 150000.0},
    "by_purse": [
        {
            "purse": "kommune",
            "p_net_positive": 0.7,
            "quantiles": {"5": -30000, "10": -10000, "50": 70000, "90": 120000, "95": 140000},
        },
        {
            "purse": "region",
            "p_net_positive": 0.1,
            "quantiles": {"5": -60000, "10": -55000, "50": -40000, "90": -20000, "95": -15000},
        },
    ],
    "tornado": [
        {
            "input": "success_rate",
            "low": 0.2,
            "high": 0.4,
            "net_low": -20000.0,
            "net_high": 170000.0,
            "switching_value": 0.2245,
        },
        {
            "input": "costs",
            "low": 0.9,
            "high": 1.3,
            "net_low": 99000.0,
            "net_high": 8000.0,
            "switching_value": 1.336,
        },
        {
            "input": "services.egen_botilbud",
            "low": 0.8,
            "high": 1.2,
            "net_low": 60000.0,
            "net_high": 92000.0,
            "switching_value": None,
        },
        {
            "input": "consequences",
            "low": 0.8,
            "high": 1.2,
            "net_low": 15600.0,
            "net_high": 137000.0,
            "switching_value": 0.75,
        },
    ],
}


def _rich() -> ReportData:
    """The example with every optional figure: uncertainty, variants, committees, per-purse
    break-even years, provenance and warnings (as the engine's later versions give them)."""
    rng = np.random.default_rng(7)
    samples = rng.normal(60000, 60000, 2000)
    data = _data(
        uncertainty=uncertainty_from_dict(UNCERTAINTY, samples),
        variants=[
            Variant("Som beregnet", 106000, 76336.25, 2028, 1.34),
            Variant("Lav succesrate", -20000, -45000.5, None, 0.8),
        ],
        checklist=[("Hvor kommer succesraten fra?", "Eget forsøg 2024"), ("Hvem?", "")],
    )
    result = dict(data.result)
    result["by_purse"] = [
        {**p, "break_even_year": {"kommune": 2027, "region": None}.get(p["purse"], 2026),
         "benefit_cost_ratio": 1.5}
        for p in result["by_purse"]
    ]  # fmt: skip
    committees = [
        {"committee": "Socialudvalget", "costs": 130000.0, "gains": 150000.0, "net": 20000.0,
         "discounted_costs": 129523.81, "discounted_gains": 140000.0,
         "discounted_net": 10476.19, "net_by_year": [0, 0, 0, 0],
         "break_even_year": 2028, "benefit_cost_ratio": 1.08},
        {"committee": "Økonomiudvalget", "costs": 0.0, "gains": 81000.0, "net": 81000.0,
         "discounted_costs": 0.0, "discounted_gains": 68585.23,
         "discounted_net": 68585.23, "net_by_year": [0, 0, 0, 0],
         "break_even_year": 2026, "benefit_cost_ratio": None},
    ]  # fmt: skip
    return dataclasses.replace(
        data,
        result=result,
        committees=tuple(committees),
        illustrative_share=0.25,
        warnings=("Ydelsen x falder mere end forbruget før indsatsen.",) * 5,
    )


def test_every_optional_section_is_shown_when_present() -> None:
    data = _rich()
    short = _words(short_document(data).blocks)
    assert "positivt nettoresultat (nutidsværdi) er 73,1 %" in short
    assert "mellem -40.000 kr. og 150.000 kr." in short
    assert "25,0 % af gevinsternes nutidsværdi hviler på illustrative værdier" in short
    assert "Kommune 129.524 208.584 79.061 2027 1,50" in short
    # region: costs 50 000 + 50 000/1,05 = 97 619,05; gains 15 000/1,05 + 36 000/1,05²
    # + 12 000/1,05³ = 14 285,71 + 32 653,06 + 10 366,05 = 57 304,82; net −40 314,23
    assert "Region 97.619 57.305 -40.314 ikke inden for horisonten 1,50" in short
    # the three assumptions are the tornado's three widest inputs, widest first:
    # success rate 190 000, gains 121 400, costs 91 000 (the price 32 000 is left out)
    items = next(b for b in short_document(data).blocks if isinstance(b, Bullets)).items
    assert [i.split(":")[0] for i in items] == [
        "Succesrate",
        "Gevinster (faktor)",
        "Omkostninger (faktor)",
    ]
    assert "skifter fortegn ved 22,5 %" in items[0]
    assert "… og 2 advarsler mere" in short
    full = full_document(data)
    assert [c.key for c in full.charts()] == [
        "cumulative",
        "yearly",
        "who_pays",
        "who_pays_committee",
        "by_budget_item",
        "histogram",
        "band",
        "tornado",
        "variants",
    ]
    text = _words(full.blocks)
    assert "Socialudvalget 129.524 140.000 10.476 2028 1,08" in text
    assert "Pris: Botilbud, døgn faktor 0,80 faktor 1,20 60.000 92.000 ingen" in text
    assert "Lav succesrate -20.000 -45.001 ikke inden for horisonten 0,80" in text
    assert "Hvor kommer succesraten fra? Eget forsøg 2024" in text
    assert "Hvem? (ikke besvaret)" in text
    assert "Frø (seed) 2025" in text


def test_every_optional_chart_renders_non_empty(tmp_path: Path) -> None:
    doc = full_document(_rich())
    html = render(doc, "html").decode("utf-8")
    svgs = html_charts(html)
    assert list(svgs) == [c.key for c in doc.charts()]
    for key, svg in svgs.items():
        assert svg.count(b"<path") > 20, key
    assert "P(netto &gt; 0)" not in html_text(html)  # drawn in the chart, not the text
    pdf = render(doc, "pdf")
    text = pdf_text(pdf, tmp_path)
    for chart in doc.charts():
        assert chart.title in text
    for page in pdf_pages(pdf, tmp_path / "sider"):
        assert png_ink(page) > 0.005, page.name
    assert render(doc, "pdf") == pdf


def test_short_document_stays_on_one_page_with_long_texts(tmp_path: Path) -> None:
    data = _rich()
    long = dataclasses.replace(
        data, warnings=tuple(f"Advarsel {i}: " + "lang tekst " * 30 for i in range(10))
    )
    assert len(pdf_pages(render(short_document(long), "pdf"), tmp_path)) == 1


def test_scenario_hash_is_the_calculations_not_the_files() -> None:
    """A scenario and its resolved copy (no knowledge base needed) have the same hash."""
    from som_xl.inputs import load_scenario

    path = ROOT / "examples" / "modificeret_act.yaml"
    spec, lines = load_scenario(path)
    resolved = resolve(spec, load_kb, str(path), lines)
    again = resolve(parse_scenario(resolved.to_scenario()), None)
    assert scenario_hash(again) == scenario_hash(resolved)
    assert calculate(again).net_discounted == pytest.approx(calculate(resolved).net_discounted)
    changed = resolve(parse_scenario({**resolved.to_scenario(), "success_rate": 0.21}), None)
    assert scenario_hash(changed) != scenario_hash(resolved)


def test_assumptions_carry_source_and_status() -> None:
    from som_xl.report import load_report_data

    data = load_report_data(ROOT / "examples" / "modificeret_act.yaml", date=DATE)
    groups = {a.group for a in data.assumptions}
    assert groups == {"setting", "cost", "consequence", "price"}
    kb = load_kb()
    cons = [a.status for a in data.assumptions if a.group == "consequence"]
    assert cons == [c.status for c in kb.consequences["voksne_hjemloeshed"]]
    assert "illustrative" in cons
    assert all(a.source for a in data.assumptions)
    fm = next(a for a in data.assumptions if a.label == "Diskonteringsrente")
    assert fm.status == kb.discount_rates["fm"].status
    assert kb.sources[kb.discount_rates["fm"].source].title in fm.source


@given(
    st.lists(st.sampled_from(["kr.", "nutidsværdi", "Økonomiudvalget", "år", "1.234.567", "a"]),
             max_size=40),
    st.floats(min_value=40, max_value=500),
)  # fmt: skip
def test_wrap_keeps_every_word_and_fits(words: list[str], width: float) -> None:
    text = " ".join(words)
    lines = wrap(text, width, 9)
    # nothing lost, nothing added; a word wider than the line is cut, never a narrower one
    assert "".join("".join(lines).split()) == "".join(text.split())
    if all(_width(w, 9, False) <= width for w in words):
        assert " ".join(lines) == text
    for line in lines:
        assert _width(line, 9, False) <= width or len(line) == 1


def test_own_consequence_equal_to_the_knowledge_base_gets_its_status() -> None:
    from som_xl.report.data import consequence_statuses

    kb = load_kb()
    first, second = kb.consequences["voksne_hjemloeshed"][:2]
    edited = [*second.profile]
    edited[0] += 1
    spec = parse_scenario(
        {
            "target_group": "voksne_hjemloeshed",
            "start_year": 2025,
            "horizon_years": 5,
            "participants": {2025: 10},
            "success_rate": 0.3,
            "consequences": [
                {"service": first.service, "profile": list(first.profile)},
                {"service": second.service, "profile": edited},
            ],
        }
    )
    resolved = resolve(spec, kb)
    assert consequence_statuses(resolved, kb) == (first.status, "own")
    assert consequence_statuses(resolved, None) == ("own", "own")
