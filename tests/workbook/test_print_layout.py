"""The built workbook prints readably (user trial: Beregning on 42 pages, the histogram split).

The sheets with a column per year print to the built scenario's horizon, not all 50 possible
years: the default 10-year book prints Beregning on 3 pages (before: 42, all years to 2074 at
55 %), Omkostninger, Omkostningsvurdering and Hurtigt skøn on one page each (before: 10, 10
and one page shrunk to a strip). A 50-year book prints its years across pages with the labels
repeated. Usikkerhed's distribution table and its chart start a page of their own. One
LibreOffice run renders both books; pdftotext reads each page's header, which names the sheet
(``&A``).
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from som_xl.kb import load_kb
from som_xl.workbook import text as T
from som_xl.workbook.build import build_workbook
from som_xl.workbook.model import book_kb, default_inputs
from tests.libreoffice import _run, soffice
from tests.workbook.test_print_pages import _pages


def _years(pages: list[str]) -> set[int]:
    """The years 2025-2074 that a sheet's pages show."""
    return {int(w) for p in pages for w in p.split() if w.isdigit() and 2025 <= int(w) <= 2074}


def test_year_sheets_print_to_the_horizon_and_the_histogram_on_one_page(tmp_path: Path) -> None:
    if soffice() is None or not (shutil.which("pdfinfo") and shutil.which("pdftotext")):
        pytest.skip("LibreOffice or poppler-utils (pdfinfo, pdftotext) is not installed")
    kb = load_kb()
    inp = default_inputs(kb, book_kb(kb))
    assert inp.horizon == 10
    src = tmp_path / "kilde"
    books = [
        build_workbook(src / "h10.xlsx", kb=kb, inputs=inp),
        build_workbook(src / "h50.xlsx", kb=kb, inputs=dataclasses.replace(inp, horizon=50)),
    ]
    _run(books, tmp_path / "pdf", "pdf", 600)
    h10, h50 = (tmp_path / "pdf" / f"{b.stem}.pdf" for b in books)
    # the 10-year book: each year sheet on at most these pages, the years 2025-2034 only
    limits = {T.BEREGNING: 4, T.OMKOSTNINGER: 1, T.OMKOSTNINGSVURDERING: 1, T.SKOEN: 1}
    for sheet, most in limits.items():
        pages = _pages(h10, sheet)
        assert 1 <= len(pages) <= most, (sheet, len(pages))
        assert max(_years(pages)) == 2034, sheet
    # the 50-year book: Beregning's years to 2074 across pages, its labels on every page
    pages = _pages(h50, T.BEREGNING)
    # (four bands of years, each five pages down since the rows of units from assumed
    # profile years, provenance per profile year)
    assert 3 < len(pages) <= 20
    assert max(_years(pages)) == 2074
    top = [i for i, p in enumerate(pages) if "Diskonteringsfaktor" in p]
    assert len(top) >= 4, top  # the top rows' labels on the first page of each band of years
    for pdf in (h10, h50):
        # the distribution's 20 bins and the chart's title on one page (before: 15 bins on
        # one page, 5 and half the chart on the next); a bin line that shares its text line
        # with the chart's axis labels may not end in '%', hence 18
        pages = [p for p in _pages(pdf, "Usikkerhed") if "Fra (kr.)" in p]
        assert len(pages) == 1, pdf.name
        page = pages[0]
        assert "trækningerne" in page
        lines = page.split("Fra (kr.)", 1)[1].splitlines()
        assert sum(1 for line in lines if line.rstrip().endswith("%")) >= 18, pdf.name


def test_konsekvenser_prints_the_profile_years_the_horizon_reaches() -> None:
    """Konsekvenser printed all 50 profile years (and the price columns after them) whatever
    the horizon; now its print area ends at profile year H (an H-year horizon reaches at most
    k = H − 1), at the sheet's last profile year for 50 years, as the other year sheets."""
    import io

    import openpyxl

    from som_xl.workbook.build import build_workbook_bytes
    from som_xl.workbook.layout import Layout, col

    kb = load_kb()
    bkb = book_kb(kb)
    lay = Layout(bkb.counts())
    inp = default_inputs(kb, bkb)
    for horizon, years in ((10, 10), (3, 3), (50, lay.cons_years)):
        data = build_workbook_bytes(kb, dataclasses.replace(inp, horizon=horizon))
        ws = openpyxl.load_workbook(io.BytesIO(data))[T.KONSEKVENSER]
        last = col(lay.cons_profile_col + years - 1)
        area = str(ws.print_area)
        assert area.split(":")[1].startswith(f"${last}$"), (horizon, area)
        assert ws.print_title_cols == "$A:$B" and ws.print_title_rows == (
            f"${lay.cons_header_row + 1}:${lay.cons_header_row + 1}"
        )
