"""The sheet Udvalg prints on the pages it needs (user trial: an empty second page).

Its year-by-year table has a row for each of the 50 possible years, blank after the
horizon; fitted to the page width, the blank rows spilled onto a second page with only the
repeated title. Now the figures fill page 1 and the year table page 2, for a 10-year and
a 50-year horizon alike. LibreOffice renders the workbook; pdftotext reads each page's
header, which names the sheet (``&A``).
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path

import pytest

from som_xl.kb import load_kb
from som_xl.workbook import text as T
from som_xl.workbook.build import build_workbook
from som_xl.workbook.model import book_kb, default_inputs
from tests.libreoffice import _run, soffice


def _pages(pdf: Path, sheet: str) -> list[str]:
    """The text of each page whose header names ``sheet``."""
    n = int(
        next(
            line.split()[-1]
            for line in subprocess.run(
                ["pdfinfo", str(pdf)], check=True, capture_output=True, text=True
            ).stdout.splitlines()
            if line.startswith("Pages:")
        )
    )
    out = []
    for i in range(1, n + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(i), "-l", str(i), "-layout", str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        if f" {sheet} " in text.splitlines()[0]:
            out.append(text)
    return out


def test_udvalg_prints_figures_then_the_year_table(tmp_path: Path) -> None:
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
    for book, last in zip(books, (2034, 2074), strict=True):
        pages = _pages(tmp_path / "pdf" / f"{book.stem}.pdf", T.UDVALG)
        assert len(pages) == 2, book.name
        first, second = pages
        assert T.UDVALG_RESULT_HEADER in first and T.UDVALG_YEARS_HEADER not in first
        assert T.UDVALG_YEARS_HEADER in second
        years = [int(w) for line in second.splitlines() for w in line.split()[:1] if w.isdigit()]
        assert years[0] == 2025 and years[-1] == last, book.name
