"""The built workbook prints readably (user trial: Beregning on 42 pages, the histogram split).

The sheets with a column per year print to the built scenario's horizon (10 years here), not
all 50 possible years; Usikkerhed's distribution table and its chart start a page of their
own. LibreOffice renders the default workbook once; pdftotext reads each page's header, which
names the sheet (``&A``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from som_xl.kb import load_kb
from som_xl.workbook import text as T
from som_xl.workbook.build import build_workbook
from som_xl.workbook.model import book_kb, default_inputs
from tests.libreoffice import _run, soffice
from tests.workbook.test_print_pages import _pages


def test_year_sheets_print_to_the_horizon_and_the_histogram_on_one_page(tmp_path: Path) -> None:
    if soffice() is None or not (shutil.which("pdfinfo") and shutil.which("pdftotext")):
        pytest.skip("LibreOffice or poppler-utils (pdfinfo, pdftotext) is not installed")
    kb = load_kb()
    inp = default_inputs(kb, book_kb(kb))
    assert inp.horizon == 10
    book = build_workbook(tmp_path / "kilde" / "bog.xlsx", kb=kb, inputs=inp)
    _run([book], tmp_path / "pdf", "pdf", 600)
    pdf = tmp_path / "pdf" / "bog.pdf"
    # before: 42, 10, 10 and 1 unreadable page (all 50 year columns, to 2074)
    limits = {T.BEREGNING: 4, T.OMKOSTNINGER: 1, T.OMKOSTNINGSVURDERING: 1, T.SKOEN: 1}
    for sheet, most in limits.items():
        pages = _pages(pdf, sheet)
        assert 1 <= len(pages) <= most, (sheet, len(pages))
        text = "\n".join(pages)
        assert "2034" in text and "2035" not in text, sheet
    # the distribution's 20 bins and the chart's title on one page (before: 15 bins on one
    # page, 5 and half the chart on the next); a bin line that shares its text line with the
    # chart's axis labels may not end in '%', hence 18
    pages = [p for p in _pages(pdf, "Usikkerhed") if "Fra (kr.)" in p]
    assert len(pages) == 1
    page = pages[0]
    assert "trækningerne" in page
    lines = page.split("Fra (kr.)", 1)[1].splitlines()
    assert sum(1 for line in lines if line.rstrip().endswith("%")) >= 18
