"""`som-xl rapport` on every example: the pages render, the figures are the engine's, the
charts are there, and the same input gives the same bytes."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from som_xl.inputs import load_scenario, resolve
from som_xl.kb import load_kb
from som_xl.present import da
from som_xl.report import full_document, load_report_data, render, short_document
from som_xl.results import Result, calculate
from tests.paths import ROOT
from tests.report.helpers import html_charts, html_text, pdf_pages, pdf_text, png_ink

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
IDS = [p.stem for p in EXAMPLES]
DATE = "2026-03-31"


@cache
def _report(path: Path, short: bool, fmt: str) -> bytes:
    data = load_report_data(path, date=DATE)
    return render(short_document(data) if short else full_document(data), fmt)  # type: ignore[arg-type]


@cache
def _engine(path: Path) -> Result:
    """The engine's result, computed here the way `som-xl calc` does, not by the report."""
    spec, lines = load_scenario(path)
    return calculate(resolve(spec, load_kb, str(path), lines))


def _figures(result: Result) -> list[str]:
    """The key figures as the report must write them (Danish format, from the engine)."""
    d = result.to_dict()
    kommune = next(p for p in d["by_purse"] if p["purse"] == "kommune")
    figures = [
        da.money(d["net_result"]["discounted"]),
        da.money(d["net_result"]["undiscounted"]),
        da.money(d["costs"]["discounted"]),
        da.money(kommune["discounted_net"]),
        da.kr(d["gains"]["discounted"]),
    ]
    if d["break_even_year"] is not None:
        figures.append(f"tjent hjem i {d['break_even_year']}")
    else:
        figures.append("tjenes ikke hjem (break-even-år: ikke inden for horisonten)")
    if d["benefit_cost_ratio"] is not None:
        figures.append(f"giver {da.ratio(d['benefit_cost_ratio'])} kr. i gevinst")
    return figures


def test_there_is_an_example_per_published_case() -> None:
    assert len(EXAMPLES) >= 6


@pytest.mark.parametrize("short", [True, False], ids=["kort", "fuld"])
@pytest.mark.parametrize("path", EXAMPLES, ids=IDS)
def test_pdf_pages_render_and_say_the_engines_figures(
    path: Path, short: bool, tmp_path: Path
) -> None:
    pdf = _report(path, short, "pdf")
    assert pdf.startswith(b"%PDF-")
    pages = pdf_pages(pdf, tmp_path / "sider")
    if short:
        assert len(pages) == 1, "sagsfremstillingen skal være på én side"
    else:
        assert len(pages) >= 4
    for page in pages:
        # a page of text has a few per cent ink; a blank page none
        assert png_ink(page) > 0.005, f"{page.name} er tom"
    text = pdf_text(pdf, tmp_path / "tekst")
    for figure in _figures(_engine(path)):
        assert figure in text, f"{figure!r} mangler i rapporten"
    assert "budgetøkonomisk model, ikke en velfærdsøkonomisk" in text
    assert "illustrative" in text
    assert f"Side {len(pages)} af {len(pages)}" in text


@pytest.mark.parametrize("path", EXAMPLES, ids=IDS)
def test_full_pdf_has_every_chart(path: Path, tmp_path: Path) -> None:
    doc = full_document(load_report_data(path, date=DATE))
    text = pdf_text(_report(path, False, "pdf"), tmp_path)
    charts = doc.charts()
    assert {c.key for c in charts} >= {"cumulative", "yearly", "who_pays", "by_budget_item"}
    for chart in charts:
        assert chart.title in text
        assert chart.source in text


@pytest.mark.parametrize("short", [True, False], ids=["kort", "fuld"])
@pytest.mark.parametrize("path", EXAMPLES, ids=IDS)
def test_html_is_self_contained_with_every_chart(path: Path, short: bool) -> None:
    html = _report(path, short, "html").decode("utf-8")
    assert html.startswith("<!DOCTYPE html>")
    # nothing is fetched: no external style sheet, script, font or image
    for pattern in ("<link", "<script", 'src="http', "url(", "@import"):
        assert pattern not in html
    text = html_text(html)
    for figure in _figures(_engine(path)):
        assert figure in text, f"{figure!r} mangler i rapporten"
    data = load_report_data(path, date=DATE)
    doc = short_document(data) if short else full_document(data)
    svgs = html_charts(html)
    assert list(svgs) == [c.key for c in doc.charts()]
    for key, svg in svgs.items():
        assert svg.startswith(b"<?xml") and b"<svg" in svg, key
        # drawn: axes, bars or lines and the tick labels (text is drawn as paths)
        assert svg.count(b"<path") > 20, f"figuren {key} er tom"
        assert b"http://" not in svg.replace(b"http://www.w3.org/", b"").replace(
            b"http://purl.org/dc/", b""
        ).replace(b"http://creativecommons.org/", b"").replace(b"https://matplotlib.org/", b"")


@pytest.mark.parametrize("fmt", ["pdf", "html"])
@pytest.mark.parametrize("short", [True, False], ids=["kort", "fuld"])
@pytest.mark.parametrize("path", EXAMPLES, ids=IDS)
def test_same_input_gives_the_same_bytes(path: Path, short: bool, fmt: str) -> None:
    first = _report(path, short, fmt)
    data = load_report_data(path, date=DATE)
    again = render(short_document(data) if short else full_document(data), fmt)  # type: ignore[arg-type]
    assert again == first


@pytest.mark.parametrize("fmt", ["pdf", "html"])
def test_the_date_option_changes_the_report(fmt: str) -> None:
    path = EXAMPLES[0]
    other = render(short_document(load_report_data(path, date="2027-01-01")), fmt)  # type: ignore[arg-type]
    assert other != _report(path, True, fmt)
    assert b"2027-01-01" in other or fmt == "pdf"


def test_no_dates_in_pdf_metadata() -> None:
    pdf = _report(EXAMPLES[0], True, "pdf")
    assert b"/CreationDate" not in pdf and b"/ModDate" not in pdf
    assert b"som-xl" in pdf
