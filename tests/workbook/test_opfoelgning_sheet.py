"""*Opfølgning* (som-method §3.19) after a user trial, recalculated without Excel.

A gross success rate with deadweight (45 % with, 15 % without: net 30 %) and realised
successes: the observed rate replaces the net rate as the method prescribes, and the sheet
says live (beside the key figures) that counted successes may include the deadweight, in the
command line's words (:data:`som_xl.inputs.followup.DEADWEIGHT_WARNING`). With an input error
elsewhere the forecast shows a text, and the differences (E16:E17) are blank, not #VALUE!.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from som_xl.cli import main
from som_xl.inputs.followup import DEADWEIGHT_WARNING
from som_xl.workbook import layout as L
from som_xl.workbook import text as T
from som_xl.workbook.layout import Layout, a1
from som_xl.workbook.read import read_content
from tests.formula_engine import Book
from tests.paths import TESTS

FILE = TESTS / "fixtures" / "opfoelgning_doedvaegt.yaml"


@pytest.fixture(scope="module")
def path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("opf") / "SOM.xlsx"
    assert main(["build", "--scenario", str(FILE), "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def book(path: Path) -> Book:
    return Book.load(path)


@pytest.fixture(scope="module")
def lay(path: Path) -> Layout:
    return read_content(path).layout


def _note(b: Book, lay: Layout) -> object:
    return b.value(T.OPFOELGNING, a1(lay.opf_key_first, 3))


def test_the_deadweight_note_is_live_and_cached_as_the_engine_words_it(
    book: Book, lay: Layout
) -> None:
    assert book.compare_cached() == []
    assert _note(book, lay) == DEADWEIGHT_WARNING.format(b="15 %")
    deadweight = a1(lay.settings_rows["doedvaegt"], lay.settings_col)
    b = book.copy()
    b.set(T.INDSTILLINGER, deadweight, 0.125)
    assert _note(b, lay) == DEADWEIGHT_WARNING.format(b="12,5 %")
    b.set(T.INDSTILLINGER, deadweight, 0.0)
    assert _note(b, lay) == ""
    b = book.copy()
    b.set(T.OPFOELGNING, a1(lay.opf_first, L.OPF_SUCC), None)  # no realised successes
    assert _note(b, lay) == ""


def test_an_input_error_leaves_the_differences_blank(book: Book, lay: Layout) -> None:
    """Success rate typed as 30 (not 0,3): Resultat says 'Ret inputfejl først', and so do
    the forecast's cells here; the differences beside them were #VALUE!."""
    b = book.copy()
    b.set(T.INDSATS, a1(lay.success_row, lay.value_col), 30.0)
    assert b.name_value("som.inputfejl") >= 1
    h = lay.opf_key_first + 5
    for r in (h + 1, h + 2):
        assert b.value(T.OPFOELGNING, a1(r, 3)) == T.INPUT_ERROR_SHORT
        assert b.value(T.OPFOELGNING, a1(r, 4)) == ""


@pytest.mark.libreoffice
def test_libreoffice_shows_the_same_note(path: Path, lay: Layout, tmp_path: Path) -> None:
    """The note's native formula (a Danish percentage built without a locale) in LibreOffice."""
    import openpyxl

    from tests.libreoffice import recalculate, soffice

    if soffice() is None:
        pytest.skip("LibreOffice (soffice) er ikke installeret")
    done = recalculate([path], tmp_path)[0]
    ws = openpyxl.load_workbook(done, data_only=True)[T.OPFOELGNING]
    assert ws[a1(lay.opf_key_first, 3)].value == DEADWEIGHT_WARNING.format(b="15 %")
