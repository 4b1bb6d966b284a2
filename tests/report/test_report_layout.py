"""The PDF's page layout as a reader meets it: no near-empty page, no heading or short block
stranded at a page's foot, short tables and key-figure blocks on one page."""

from __future__ import annotations

from pathlib import Path

import pytest

from som_xl.report import load_report_data
from som_xl.report.blocks import Block, Bullets, Chart, Document, Facts, Heading, Paragraph, Table
from som_xl.report.document import full_document
from som_xl.report.pdf import render_pdf
from tests.paths import ROOT
from tests.report.helpers import pdf_page_texts

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
DATE = "2026-03-31"
#: The running head and the foot (stamp, page number) alone are about 25 words.
MIN_WORDS = 80


def _line(ax: object) -> None:
    ax.plot([2025, 2026], [0, 1])  # type: ignore[attr-defined]


def _doc(*blocks: Block) -> Document:
    return Document("Prøve", "Rapport", tuple(blocks), "stempel", short=False)


def _filler(n: int) -> list[Block]:
    """n paragraphs of about four lines each, to push the next block to a page's foot."""
    text = "Et afsnit, der fylder siden op med almindelig tekst om indsatsen og dens forløb. " * 5
    return [Paragraph(f"Fyld {i}. {text}") for i in range(n)]


def _page_of(pages: list[str], text: str) -> int:
    found = [i for i, page in enumerate(pages) if text in page]
    assert found, f"{text!r} står ikke i rapporten"
    return found[0]


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_no_page_but_the_last_is_nearly_empty(path: Path, tmp_path: Path) -> None:
    """Before: Cool Kids' page 2 held one list item (45 words with head and foot), because
    'Nettoresultatet over tid' forced a new page; Efterforsorg's page 7 only 'Usikkerhed'."""
    pdf = render_pdf(full_document(load_report_data(path, date=DATE)))
    pages = pdf_page_texts(pdf, tmp_path)
    for n, page in enumerate(pages[:-1], start=1):
        assert len(page.split()) >= MIN_WORDS, f"side {n} er næsten tom: {page[:300]}"


@pytest.mark.parametrize("n", range(8, 14))
def test_a_heading_and_its_intro_stay_with_the_chart(n: int, tmp_path: Path) -> None:
    """However much text comes before, the heading, its paragraph and the chart share a page."""
    chart = Chart("c", "Figurens titel", "Kilde: prøve.", "alt", _line, height=2.6)
    doc = _doc(
        *_filler(n),
        Heading("Afsnittets overskrift", 1),
        Paragraph("Et kort indledende afsnit om figuren."),
        chart,
    )
    pages = pdf_page_texts(render_pdf(doc), tmp_path)
    at = _page_of(pages, "Afsnittets overskrift")
    assert _page_of(pages, "Et kort indledende afsnit") == at
    assert _page_of(pages, "Figurens titel") == at


@pytest.mark.parametrize("n", range(8, 14))
def test_short_lists_facts_and_tables_are_not_split(n: int, tmp_path: Path) -> None:
    bullets = Bullets(("Første punkt", "Andet punkt", "Tredje punkt"), numbered=True)
    facts = Facts(tuple((f"Etiket {i}", f"Værdi {i}") for i in range(6)))
    table = Table(
        ("År", "Beløb"),
        tuple((str(2025 + i), f"{i}.000") for i in range(10)),
        "lr",
        (0.5, 0.5),
    )
    for block, first, last in (
        (bullets, "Første punkt", "Tredje punkt"),
        (facts, "Etiket 0", "Etiket 5"),
        (table, "2025", "2034"),
    ):
        pages = pdf_page_texts(render_pdf(_doc(*_filler(n), block)), tmp_path)
        assert _page_of(pages, first) == _page_of(pages, last), block.kind


def test_a_long_table_breaks_with_its_header_and_keeps_its_total_line(tmp_path: Path) -> None:
    table = Table(
        ("År", "Beløb"),
        (*((str(2025 + i), f"{i}.000") for i in range(40)), ("I alt", "780.000")),
        "lr",
        (0.5, 0.5),
        total=True,
    )
    for n in range(4):
        pages = pdf_page_texts(render_pdf(_doc(*_filler(n), table, *_filler(1))), tmp_path)
        assert len(pages) >= 2
        assert _page_of(pages, "2064") == _page_of(pages, "I alt")
        for page in pages:
            if "20" in page and "Beløb" not in page:
                pytest.fail("en side af tabellen mangler overskriftsrækken")


def test_long_chart_labels_are_wrapped_not_cut() -> None:
    """'Sociale serviceydelser for børn og unge' (39 characters) read 'Sociale serviceydelser
    for børn og un…' on the chart of budget items."""
    from matplotlib.figure import Figure

    from som_xl.report import charts

    data = load_report_data(ROOT / "examples" / "cool_kids.yaml", date=DATE)
    ax = Figure().add_subplot()
    charts.by_budget_item(data, ax)
    ticks = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    items = {str(r["budget_item"]) for r in data.result["by_budget_item"]}
    assert "Sociale serviceydelser for børn og unge" in items
    assert set(ticks) == items


def test_the_histograms_legend_is_below_the_bars() -> None:
    """The legend sat in the upper right corner, over the histogram's bars."""
    from matplotlib.figure import Figure

    from som_xl.report import charts
    from som_xl.report.html import chart_svg

    data = load_report_data(ROOT / "examples" / "cool_kids.yaml", date=DATE, standard=True)
    chart = next(c for c in full_document(data).charts() if c.key == "histogram")
    assert chart.legend_below
    assert chart_svg(chart).startswith(b"<?xml")  # draws with the legend outside the axes
    fig = Figure(figsize=(6, 3))
    ax = fig.add_axes((0.1, 0.3, 0.85, 0.6))
    with charts.house_style():
        chart.draw(ax)
    legend = ax.get_legend()
    assert legend is not None
    fig.canvas.draw()
    box = legend.get_window_extent().transformed(ax.transAxes.inverted())
    assert box.y1 <= 0, "tegnforklaringen står inde i figuren"
