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


# --- a realised year without costs (user trial) ---------------------------------------------

NO_COSTS = "  2026: {participants: 9, successes: 3}\n"


@pytest.fixture(scope="module")
def no_costs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture with 2026 realised without costs: the forecast keeps the plan's costs of
    2026 (10.000 kr. × 9 realised participants = 90.000 kr., §3.19), no realised figure."""
    folder = tmp_path_factory.mktemp("opf_uden")
    scenario = folder / "uden_omkostninger.yaml"
    scenario.write_text(FILE.read_text("utf-8") + NO_COSTS, "utf-8")
    out = folder / "SOM.xlsx"
    assert main(["build", "--scenario", str(scenario), "--out", str(out)]) == 0
    return out


def _bemaerk(b: Book, lay: Layout, t: int) -> object:
    return b.value(T.OPFOELGNING, a1(lay.opf_first + t, L.OPF_NOTE))


def test_a_realised_year_without_costs_says_not_given(no_costs: Path) -> None:
    """Bemærk says 'ikke oplyst' beside 2026 (realised, no costs), not beside 2025 (costs
    given) or 2027 (no realised figures); live: typing 2026's costs removes it, clearing
    2025's costs shows it there."""
    b = Book.load(no_costs)
    lay = read_content(no_costs).layout
    assert b.compare_cached() == []
    assert [_bemaerk(b, lay, t) for t in range(3)] == ["", T.OPF_COSTS_NOT_GIVEN, ""]
    assert b.value(T.OPFOELGNING, a1(lay.opf_first + 1, L.OPF_FC_COSTS)) == pytest.approx(90_000)
    assert b.value(T.OPFOELGNING, a1(lay.opf_first + 1, L.OPF_COSTS)) in ("", None)
    c = b.copy()
    c.set(T.OPFOELGNING, a1(lay.opf_first + 1, L.OPF_COSTS), 95_000.0)
    assert _bemaerk(c, lay, 1) == ""
    c.set(T.OPFOELGNING, a1(lay.opf_first, L.OPF_COSTS), None)
    assert _bemaerk(c, lay, 0) == T.OPF_COSTS_NOT_GIVEN


@pytest.mark.libreoffice
def test_libreoffice_says_not_given_and_agrees_with_the_engine(
    no_costs: Path, tmp_path: Path
) -> None:
    """LibreOffice recalculates the sheet: Bemærk as above, the forecast's costs and net
    result equal the engine's (the calculation is unchanged: only the display is)."""
    import openpyxl

    from som_xl.inputs import load_scenario, resolve
    from som_xl.kb import load_kb
    from som_xl.results import calculate
    from tests.libreoffice import recalculate, soffice

    if soffice() is None:
        pytest.skip("LibreOffice (soffice) er ikke installeret")
    done = recalculate([no_costs], tmp_path)[0]
    wb = openpyxl.load_workbook(done, data_only=True)
    ws = wb[T.OPFOELGNING]
    lay = read_content(no_costs).layout
    notes = [ws[a1(lay.opf_first + t, L.OPF_NOTE)].value or "" for t in range(4)]
    assert notes == ["", T.OPF_COSTS_NOT_GIVEN, "", ""]
    scenario = no_costs.with_name("uden_omkostninger.yaml")
    spec, lines = load_scenario(scenario)
    result = calculate(resolve(spec, load_kb, str(scenario), lines))
    follow = result.followup()
    assert follow is not None
    assert [y["costs"] for y in follow["realised"]["years"]] == [pytest.approx(90_000), None]
    for t, cost in enumerate(follow["forecast"]["costs_by_year"]):
        got = ws[a1(lay.opf_first + t, L.OPF_FC_COSTS)].value
        assert got == pytest.approx(cost, rel=1e-9, abs=1e-6)
    net = ws[a1(lay.opf_key_first + 6, 3)].value  # Ny prognose, Nettoresultat (udiskonteret)
    assert net == pytest.approx(result.net_undiscounted, rel=1e-9, abs=1e-6)
