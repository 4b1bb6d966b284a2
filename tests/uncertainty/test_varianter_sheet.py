"""The sheet Varianter: named variants of the success rate beside the base, live.

LibreOffice recalculates a workbook whose variant rows were filled in (as a user would in
Excel); every figure of the sheet must equal ``compare()`` on the scenario ``som-xl read``
reads from the same file (with its ``variants:``), which is what ``som-xl sammenlign``
prints. The reader turns the rows into ``variants:``; bad rows are input errors named by
cell, on the sheet and on Kontrol.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from som_xl.cli import main
from som_xl.conventions import PURSE_LABELS
from som_xl.errors import InputError
from som_xl.kb import load_kb
from som_xl.results.compare import cases_from_data, compare
from som_xl.workbook import layout as L
from som_xl.workbook import text as T
from som_xl.workbook.build import build_workbook
from som_xl.workbook.layout import VAR_FIRST, VAR_NAME, VAR_RATE, a1
from som_xl.workbook.read import read_content
from som_xl.workbook.sheets import varianter as V
from tests.libreoffice import recalculate, soffice
from tests.workbook_edit import Editor, edit
from tests.workbook_scenarios import FIXTURE_KB, SCENARIOS

FILLED = {"lav": 0.2, "høj": 0.65}


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_workbook(tmp_path_factory.mktemp("var") / "SOM.xlsx")


def _fill(rows: dict[int, tuple[Any, Any]]) -> Any:
    def change(e: Editor) -> None:
        for k, (name, rate) in rows.items():
            e.set(V.SHEET, VAR_FIRST + k, VAR_NAME, name)
            e.set(V.SHEET, VAR_FIRST + k, VAR_RATE, rate)

    return change


def _sheet(path: Path) -> dict[str, list[Any]]:
    """The comparison's rows: label -> [base, v1, v1 − base, v2, …] as recalculated."""
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb[V.SHEET]
    out: dict[str, list[Any]] = {}
    for n, _ in enumerate(V.ROWS):
        r = V.R_CMP_HEAD + 1 + n
        label = ws.cell(r + 1, 1).value
        if label:
            out[str(label)] = [ws.cell(r + 1, c + 1).value for c in range(1, 8)]
    return out


def test_the_sheet_sits_after_usikkerhed_and_an_empty_row_adds_no_variant(book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames.index(V.SHEET) == wb.sheetnames.index("Usikkerhed") + 1
    assert read_content(book).variants == {}
    assert "variants" not in read_content(book).scenario()


#: The base scenarios the variants are filled into: the default workbook and copies with the
#: optimism bias on gains and costs (§3.14, sign-dependent), realised years with an observed
#: success rate (§3.19: it replaces every variant's rate, in the engine as on the sheet), no
#: success at all (s₀ = 0) and saved costs.
BASES = (
    "standard",
    "frafald_doedvaegt_optimisme",
    "omkostningsvurdering_opfoelgning",
    "ingen_succes",
    "negative_beloeb",
)


@pytest.fixture(scope="module")
def recalculated(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[Path, Path]]:
    """Each base with variant 1 and 3 filled (variant 2 empty), and LibreOffice's
    recalculation of it, in one LibreOffice run."""
    if soffice() is None:
        pytest.skip("LibreOffice er ikke installeret")
    src = tmp_path_factory.mktemp("varianter")
    book = build_workbook(src / "standard.xlsx", kb=load_kb(FIXTURE_KB))
    rows = _fill({0: ("lav", FILLED["lav"]), 2: ("høj", FILLED["høj"])})
    files = {}
    for name in BASES:
        change = SCENARIOS.get(name)

        def both(e: Editor, change: Any = change) -> None:
            if change is not None:
                change(e)
            rows(e)

        files[name] = edit(book, src / f"{name}-v.xlsx", both)
    done = recalculate(list(files.values()), tmp_path_factory.mktemp("lo"))
    return {n: (f, d) for (n, f), d in zip(files.items(), done, strict=True)}


@pytest.mark.parametrize("name", BASES)
def test_recalculated_sheet_equals_sammenlign(
    recalculated: dict[str, tuple[Path, Path]], name: str
) -> None:
    filled, out = recalculated[name]
    content = read_content(filled)
    assert content.variants == {k: {"success_rate": v} for k, v in FILLED.items()}
    cmp = compare(cases_from_data(content.scenario(), str(filled)), content.kb)
    base, low, high = cmp.cases
    got = _sheet(out)
    columns = {0: low, 2: high}
    assert got["Nettoresultat (nutidsværdi)"][0] == pytest.approx(base.net, rel=1e-9)
    observed = content.resolve().observed_success_rate
    for k, case in columns.items():
        c = 1 + 2 * k  # the value column after the base (index 0)
        applied = FILLED[case.case.label] if observed is None else observed
        assert got["Anvendt netto-succesrate"][c] == pytest.approx(applied, rel=1e-12)
        for label, want, diff in (
            ("Nettoresultat (nutidsværdi)", case.net, case.difference),
            ("Omkostninger (nutidsværdi)", case.costs, case.costs - base.costs),
            ("Gevinster (nutidsværdi)", case.gains, case.gains - base.gains),
        ):
            assert got[label][c] == pytest.approx(want, rel=1e-9, abs=1e-6), label
            assert got[label][c + 1] == pytest.approx(diff, rel=1e-9, abs=1e-6), label
        for p, purse in PURSE_LABELS.items():
            row = got[f"{purse} (nutidsværdi)"]
            assert row[c] == pytest.approx(case.by_purse[p], rel=1e-9, abs=1e-6), p
            assert row[c + 1] == pytest.approx(case.difference_by_purse[p], rel=1e-9, abs=1e-6)
        committees = {k_[len("Udvalg: ") :]: v for k_, v in got.items() if k_.startswith("Udvalg")}
        # every committee of the comparison is on the sheet; a slot without flows shows 0
        assert set(case.by_committee) <= set(committees)
        for com, row in committees.items():
            want_c = case.by_committee.get(com, 0.0)
            assert row[c] == pytest.approx(want_c, rel=1e-9, abs=1e-6), com
        year = case.result.break_even_year
        assert got["Break-even-år"][c] == (year if year is not None else T.NO_BREAK_EVEN)
        rate = case.result.break_even_success_rate
        if rate is None:
            assert got["Break-even-succesrate"][c] == T.NO_BREAK_EVEN_RATE
        else:
            assert got["Break-even-succesrate"][c] == pytest.approx(rate, rel=1e-9)
    if observed is not None:  # §3.19: the observed rate replaces every variant's
        assert low.net == pytest.approx(base.net, rel=1e-12)
    # the empty row: blank columns
    assert got["Nettoresultat (nutidsværdi)"][3] in (None, "")
    # the split of PV(g1) by block and purse adds up to Beregning's PV(g1)
    wb = openpyxl.load_workbook(out, data_only=True)
    ws = wb[V.SHEET]
    lay = content.layout
    first, last = V.R_HELP + 2, V.R_HELP + 2 + lay.cons_blocks - 1
    total = sum(
        ws.cell(r + 1, c + 1).value or 0.0 for r in range(first, last + 1) for c in (7, 8, 9)
    )
    g1 = wb[T.BEREGNING].cell(lay.calc_rows["g1"] + 1, lay.calc_pv_col + 1).value
    assert total == pytest.approx(g1, rel=1e-9)
    # no input error: Kontrol counts none
    assert wb[T.KONTROL].cell(4, 3).value == 0


def test_read_back_round_trip(
    book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled = edit(book, tmp_path / "v.xlsx", _fill({0: ("lav", 0.2), 1: ("høj", 0.65)}))
    out = tmp_path / "scenarie.yaml"
    assert main(["read", str(filled), "--scenario-out", str(out)]) == 0
    capsys.readouterr()
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["variants"] == {"lav": {"success_rate": 0.2}, "høj": {"success_rate": 0.65}}
    # sammenlign on the saved file and on the workbook itself give the same figures
    assert main(["sammenlign", str(out), "--json"]) == 0
    from_file = yaml.safe_load(capsys.readouterr().out)
    assert main(["sammenlign", str(filled), "--json"]) == 0
    from_book = yaml.safe_load(capsys.readouterr().out)
    assert [c["label"] for c in from_book["cases"]][1:] == ["lav", "høj"]
    for a, b in zip(from_file["cases"], from_book["cases"], strict=True):
        assert a["discounted_net"] == pytest.approx(b["discounted_net"], rel=1e-12)
        assert a["by_committee"] == pytest.approx(b["by_committee"], rel=1e-12)


@pytest.mark.parametrize(
    ("rows", "cell", "text"),
    [
        ({0: ("lav", 45)}, (0, VAR_RATE), "mellem 0 og 1"),
        ({0: ("lav", 0.1), 1: ("LAV", 0.3)}, (1, VAR_NAME), T.VAR_MSG_TWICE),
        ({0: (None, 0.3)}, (0, VAR_NAME), T.VAR_MSG_NAME),
        ({0: ("lav", None), 1: ("høj", 0.5)}, (0, VAR_RATE), T.VAR_MSG_RATE),
        ({0: ("lav", "høj")}, (0, VAR_RATE), "Netto-succesraten"),
    ],
)
def test_a_bad_row_is_named_by_cell(
    book: Path,
    tmp_path: Path,
    rows: dict[int, tuple[Any, Any]],
    cell: tuple[int, int],
    text: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    bad = edit(book, tmp_path / "bad.xlsx", _fill(rows))
    with pytest.raises(InputError) as exc:
        read_content(bad)
    where = f"{V.SHEET}!{a1(VAR_FIRST + cell[0], cell[1])}"
    assert where in exc.value.text() and text in exc.value.text()
    assert main(["read", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}, {where}" in err and "Traceback" not in err


def test_a_name_clashing_with_the_base_is_refused(book: Path, tmp_path: Path) -> None:
    def change(e: Editor) -> None:
        e.setting("navn", "Vores ACT")
        _fill({0: ("vores act", 0.3)})(e)

    with pytest.raises(InputError) as exc:
        read_content(edit(book, tmp_path / "navn.xlsx", change))
    assert f"{V.SHEET}!{a1(VAR_FIRST, VAR_NAME)}" in exc.value.text()
    assert T.VAR_MSG_BASE in exc.value.text()


@pytest.mark.skipif(soffice() is None, reason="LibreOffice er ikke installeret")
def test_bad_rows_are_input_errors_on_the_sheet_and_on_kontrol(book: Path, tmp_path: Path) -> None:
    rows = {0: ("lav", 45), 1: ("x", 0.1), 2: ("X", 0.2)}
    (out,) = recalculate([edit(book, tmp_path / "bad.xlsx", _fill(rows))], tmp_path / "lo")
    wb = openpyxl.load_workbook(out, data_only=True)
    ws = wb[V.SHEET]
    messages = [ws.cell(VAR_FIRST + k + 1, V.C_MESSAGE + 1).value for k in range(L.N_VARIANTS)]
    assert messages == [T.VAR_MSG_RATE, T.VAR_MSG_TWICE, T.VAR_MSG_TWICE]
    assert ws.cell(V.R_CHECK + 1, 1).value.startswith("Fejl")
    kontrol = wb[T.KONTROL]
    assert kontrol.cell(4, 3).value == 1
    listed = [
        kontrol.cell(r, 5).value for r in range(6, kontrol.max_row + 1) if kontrol.cell(r, 5).value
    ]
    assert any(f"{V.SHEET}!{a1(VAR_FIRST, VAR_NAME)}" in m for m in listed)
    # som-xl read refuses the recalculated workbook with Kontrol's message too
    with pytest.raises(InputError):
        read_content(out)


def test_the_report_of_a_workbook_compares_its_variants(book: Path, tmp_path: Path) -> None:
    from som_xl.report.source import load_report_data

    filled = edit(book, tmp_path / "r.xlsx", _fill({0: ("lav", 0.2), 2: ("høj", 0.65)}))
    data = load_report_data(filled, date="2026-01-02")
    assert data.variants is not None
    assert [v.name for v in data.variants][1:] == ["lav", "høj"]
    cmp = compare(cases_from_data(read_content(filled).scenario(), str(filled)), load_kb)
    for v, c in zip(data.variants, cmp.cases, strict=True):
        assert v.net_discounted == pytest.approx(c.net, rel=1e-12)
    assert load_report_data(book, date="2026-01-02").variants is None


def test_live_defaults_saved_without_values_read_as_the_standard(
    book: Path, tmp_path: Path
) -> None:
    """The success rate's row on Usikkerhed is live formulas; openpyxl saves them without
    values. Read back, the row is the standard the build cached (the formulas' rule), and
    without the default the blank row is reported at its cells."""
    from som_xl.errors import InputError
    from som_xl.workbook.read_sheets import default_rate, read_uncertainty

    saved = edit(book, tmp_path / "uden_cache.xlsx", lambda e: None)
    content = read_content(saved)
    res = content.resolve()
    built = read_uncertainty(book, res.success_rate)
    again = read_uncertainty(saved, res.success_rate, default_rate(res, content.kb))
    assert built is not None and again is not None
    assert again.success_rate == built.success_rate
    with pytest.raises(InputError, match="Usikkerhed!B"):
        read_uncertainty(saved, res.success_rate)
