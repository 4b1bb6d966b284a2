"""The generated workbook without a spreadsheet engine: structure, determinism, cached values.

LibreOffice recalculation is in tests/workbook/test_workbook_libreoffice.py.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter

from som_xl.kb import KnowledgeBase, load_kb
from som_xl.results import calculate
from som_xl.workbook import text as T
from som_xl.workbook.build import NAMES, build_workbook, build_workbook_bytes
from som_xl.workbook.layout import YEARS, Counts, Layout
from som_xl.workbook.model import book_kb, default_inputs
from som_xl.workbook.read import read_content
from som_xl.workbook.sheets import usikkerhed as U
from tests.paths import ROOT as ROOT_DIR
from tests.paths import TESTS
from tests.workbook_dump import dump
from tests.workbook_scenarios import FIXTURE_KB, named_values

ROOT = ROOT_DIR
GOLDEN = TESTS / "golden" / "workbook_fixture.txt"

#: Functions that Excel 2010 and LibreOffice 7.4 both compute (and nothing volatile).
ALLOWED = {
    "ABS", "AND", "CHOOSE", "COLUMN", "COUNT", "COUNTA", "COUNTIF", "IF", "IFERROR", "INDEX",
    "INT", "MAX", "ROW", "ROWS",
    "ISNUMBER", "MATCH", "MIN", "N", "NA", "OR", "RANK", "ROUND", "SIGN", "SUM", "SUMIFS",
    "SUMPRODUCT",
    "TEXT",  # with a pattern of zeros only ("000"), which every locale reads alike
    # Excel 2010's names (written _xlfn.NORM.…); LibreOffice and Gnumeric compute both
    "NORM.DIST", "NORM.INV",
}  # fmt: skip


@pytest.fixture(scope="module")
def fixture_kb() -> KnowledgeBase:
    return load_kb(FIXTURE_KB)


@pytest.fixture(scope="module")
def book(fixture_kb: KnowledgeBase) -> bytes:
    return build_workbook_bytes(fixture_kb)


@pytest.fixture(scope="module")
def wb(book: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(book))


def _formulas(wb: Any) -> list[tuple[str, str, str]]:
    return [
        (ws.title, c.coordinate, c.value)
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("=")
    ]


def test_deterministic(fixture_kb: KnowledgeBase, book: bytes, tmp_path: Path) -> None:
    assert build_workbook_bytes(fixture_kb) == book
    a = build_workbook(tmp_path / "a" / "SOM.xlsx", kb=fixture_kb)
    b = build_workbook(tmp_path / "b.xlsx", kb=fixture_kb)
    assert a.read_bytes() == b.read_bytes() == book


def test_stamps_version_and_fingerprint(fixture_kb: KnowledgeBase, book: bytes) -> None:
    import som_xl

    values = named_values_from_bytes(book)
    assert values["som.version"] == som_xl.__version__
    assert values["som.vidensdatabase"] == fixture_kb.fingerprint
    wb = openpyxl.load_workbook(io.BytesIO(book))
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    assert props["som_xl_version"] == som_xl.__version__
    assert props["som_xl_vidensdatabase"] == fixture_kb.fingerprint
    assert wb.properties.created is not None and wb.properties.created.year == 2026
    counts = Counts.parse(wb.defined_names["som.layout"].attr_text)
    assert counts == book_kb(fixture_kb).counts()


def named_values_from_bytes(data: bytes) -> dict[str, Any]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.xlsx"
        path.write_bytes(data)
        return named_values(path)


def test_documented_names_exist_and_readme(wb: Any) -> None:
    names = set(wb.defined_names)
    assert set(NAMES) <= names
    required = {
        "som.startaar", "som.horisont", "som.prisaar", "som.diskonteringsrente",
        "som.succesrate", "som.forloebsaar", "som.nettoresultat", "som.nettoresultat_nv",
        "som.breakeven_aar", "som.breakeven_succesrate", "som.bcr",
    }  # fmt: skip
    assert required <= names
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in NAMES:
        assert f"`{name}`" in readme, f"{name} er ikke beskrevet i README"


def test_xlsxwriter_warnings_are_errors() -> None:
    """xlsxwriter only warns about bad names; the build turns warnings into errors."""
    wb = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
    wb.add_worksheet("A")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(UserWarning):
            wb.define_name("AB12", "=A!$A$1")  # looks like a cell reference
        with pytest.raises(UserWarning):
            wb.define_name("som navn", "=A!$A$1")  # a space
        wb.define_name("som.startaar", "=A!$A$1")  # a dot is fine
    wb.close()


def test_only_portable_functions(wb: Any) -> None:
    used: set[str] = set()
    for _, _, formula in _formulas(wb):
        text = re.sub(r'"[^"]*"', '""', formula)
        used |= set(re.findall(r"([A-Z][A-Z0-9.]*)\(", text))
    assert used <= ALLOWED, used - ALLOWED
    assert "NPV" not in used and "OFFSET" not in used and "INDIRECT" not in used


def test_text_only_pads_with_zeros(wb: Any) -> None:
    """TEXT's patterns are locale-dependent except digit placeholders: only "0…" is used."""
    patterns = {p for _, _, f in _formulas(wb) for p in re.findall(r'TEXT\([^"]*"([^"]*)"\)', f)}
    assert patterns and all(re.fullmatch("0+", p) for p in patterns), patterns


def test_every_formula_cell_has_a_cached_value(book: bytes, wb: Any) -> None:
    cached = openpyxl.load_workbook(io.BytesIO(book), data_only=True)
    blank_ok = 0
    for sheet, coord, _ in _formulas(wb):
        value = cached[sheet][coord].value
        if value is None:
            blank_ok += 1  # a formula that yields "" (text), cached as an empty string
    assert len(_formulas(wb)) > 7000
    assert blank_ok < len(_formulas(wb)) / 4


def test_cached_values_are_the_engines(
    fixture_kb: KnowledgeBase, book: bytes, tmp_path: Path
) -> None:
    bkb = book_kb(fixture_kb)
    inp = default_inputs(fixture_kb, bkb)
    content = read_content(_write(book, tmp_path))
    assert content.inputs == inp
    result = calculate(content.resolve())
    values = named_values_from_bytes(book)
    assert values["som.nettoresultat"] == pytest.approx(result.net_undiscounted, rel=1e-12)
    assert values["som.nettoresultat_nv"] == pytest.approx(result.net_discounted, rel=1e-12)
    assert values["som.omkostninger_nv"] == pytest.approx(result.pv_costs, rel=1e-12)
    assert values["som.gevinster_nv"] == pytest.approx(result.pv_gains, rel=1e-12)
    assert values["som.breakeven_aar"] == result.break_even_year
    assert values["som.breakeven_succesrate"] == pytest.approx(result.break_even_success_rate)
    assert values["som.bcr"] == pytest.approx(result.benefit_cost_ratio, rel=1e-12)
    assert values["som.succesrate"] == inp.success_rate
    assert values["som.horisont"] == inp.horizon


def _write(data: bytes, folder: Path) -> Path:
    path = folder / "SOM.xlsx"
    path.write_bytes(data)
    return path


def test_inputs_unlocked_formulas_locked_sheets_protected(
    wb: Any, fixture_kb: KnowledgeBase
) -> None:
    lay = Layout(book_kb(fixture_kb).counts())
    for ws in wb.worksheets:
        assert ws.protection.sheet, ws.title
        assert ws.protection.password is None, ws.title
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("="):
                    # Usikkerhed's live defaults are inputs a user may type over
                    if (ws.title, c.coordinate) in U.LIVE_DEFAULT_CELLS:
                        assert not c.protection.locked, f"{ws.title}!{c.coordinate}"
                        continue
                    assert c.protection.locked, f"{ws.title}!{c.coordinate}"
    inputs = [
        (T.INDSTILLINGER, lay.settings_rows["horisont"], lay.settings_col),
        (T.INDSTILLINGER, lay.settings_rows["diskonteringsrente"], lay.settings_col),
        (T.INDSATS, lay.group_row, lay.value_col),
        (T.INDSATS, lay.success_row, lay.value_col),
        (T.INDSATS, lay.part_first + YEARS - 1, lay.part_col),
        (T.OMKOSTNINGER, lay.ycost_first, lay.cost_year_col + YEARS - 1),
        (T.KONSEKVENSER, lay.cons_block_row(0) + 1, lay.cons_profile_col),
        (T.PRISER, lay.price_first, 10),
        (T.FORUDSAETNINGER, lay.check_first, 2),
        (T.SKOEN, lay.skoen_rows["succesrate"], 1),
    ]
    for sheet, r, c in inputs:
        cell = wb[sheet].cell(r + 1, c + 1)
        assert not cell.protection.locked, f"{sheet}!{cell.coordinate}"
        assert cell.fill.fgColor.rgb.endswith("FFF2CC"), f"{sheet}!{cell.coordinate}"


def test_print_setup_frozen_panes_and_comments(wb: Any, fixture_kb: KnowledgeBase) -> None:
    bkb = book_kb(fixture_kb)
    lay = Layout(bkb.counts())
    horizon = default_inputs(fixture_kb, bkb).horizon
    # the year sheets print to the built horizon: (first year column), fitted to the width
    years = {
        T.BEREGNING: lay.year_col,
        T.OMKOSTNINGER: lay.cost_year_col,
        T.OMKOSTNINGSVURDERING: lay.ov_year_col,
        T.SKOEN: lay.year_col,
        T.KONSEKVENSER: lay.cons_profile_col,  # profile years 1 … H (H ≤ its 49 or more)
    }
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert str(ws.page_setup.paperSize) == "9"  # A4
        if ws.title == T.UDVALG:  # the figures, then the year table on a page of its own
            assert not ws.sheet_properties.pageSetUpPr.fitToPage
            assert [b.id for b in ws.row_breaks.brk] == [lay.udv_year_first - 2]
            assert ws.page_setup.scale == 40
            continue
        if ws.title == "Usikkerhed":  # the distribution and its chart start a page
            assert not ws.sheet_properties.pageSetUpPr.fitToPage
            assert len(ws.row_breaks.brk) == 1
            assert str(ws.print_area).split("!")[1].startswith("$A$1:$J$")
            continue
        if ws.title in years:
            last = openpyxl.utils.get_column_letter(years[ws.title] + horizon)
            assert str(ws.print_area).split("!")[1].startswith(f"$A$1:${last}$"), ws.title
            assert ws.print_title_rows, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        # Resultat: one page, Eksempler one page down (1 is the default, left out of the
        # file); the others fit to width; a wide table across pages repeats its labels
        want = (1, None) if ws.title in (T.RESULTAT, T.EKSEMPLER) else (0,)
        assert ws.page_setup.fitToHeight in want, ws.title
        if (ws.page_setup.fitToWidth or 1) > 1:
            assert ws.print_title_rows and ws.print_title_cols, ws.title
    for name in (T.INDSATS, T.OMKOSTNINGER, T.KONSEKVENSER, T.PRISER, T.BEREGNING, T.RESULTAT):
        assert wb[name].freeze_panes, name
    comments = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.comment]
    assert len(comments) >= 10
    assert all(c.comment.author == "som-xl" for c in comments)


def test_validations_in_danish(wb: Any, fixture_kb: KnowledgeBase) -> None:
    lay = Layout(book_kb(fixture_kb).counts())

    def find(sheet: str, r: int, c: int) -> Any:
        coord = wb[sheet].cell(r + 1, c + 1).coordinate
        for dv in wb[sheet].data_validations.dataValidation:
            if coord in dv.sqref:
                return dv
        raise AssertionError(f"ingen validering i {sheet}!{coord}")

    rate = find(T.INDSATS, lay.success_row, lay.value_col)
    assert (rate.type, rate.formula1, rate.formula2) == ("decimal", "0", "1")
    assert "0 %" in rate.error and rate.showErrorMessage and rate.prompt
    horizon = find(T.INDSTILLINGER, lay.settings_rows["horisont"], lay.settings_col)
    assert (horizon.type, horizon.formula1, horizon.formula2) == ("whole", "1", "50")
    people = find(T.INDSATS, lay.part_first + 7, lay.part_col)
    assert people.type == "custom" and "som.slutaar" in people.formula1
    amounts = find(T.OMKOSTNINGER, lay.ycost_first + 2, lay.cost_year_col + 30)
    assert amounts.type == "custom" and "som.slutaar" in amounts.formula1
    group = find(T.INDSATS, lay.group_row, lay.value_col)
    assert group.type == "list" and group.formula1 == "vd.mg_navn"
    on = find(T.KONSEKVENSER, lay.cons_block_row(2), 6)
    assert on.type == "list" and on.formula1 == "liste.janej"


def test_illustrative_values_are_marked(wb: Any) -> None:
    ws = wb[T.VD_YDELSER]
    marked = [row[9] for row in ws.iter_rows(min_row=4) if row[9].value == "illustrativ"]
    assert marked and all(c.fill.fgColor.rgb.endswith("F8CBAD") for c in marked)


def test_status_counts_on_forside(book: bytes, fixture_kb: KnowledgeBase) -> None:
    cached = openpyxl.load_workbook(io.BytesIO(book), data_only=True)
    ws = cached[T.FORSIDE]
    counts = fixture_kb.status_counts()
    found = {}
    for row in ws.iter_rows():
        for c in row:
            for status, label in T.FORSIDE_STATUS_ROWS:
                if c.value == label:
                    found[status] = ws.cell(c.row, c.column + 1).value
    assert found == counts


def test_golden_dump(book: bytes) -> None:
    text = dump(book)
    if os.environ.get("SOM_XL_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.exists(), (
        "kør SOM_XL_UPDATE_GOLDEN=1 pytest tests/workbook/test_workbook.py -k golden"
    )
    expected = GOLDEN.read_text(encoding="utf-8")
    if text != expected:
        import difflib

        diff = "\n".join(
            list(difflib.unified_diff(expected.splitlines(), text.splitlines(), lineterm=""))[:60]
        )
        pytest.fail(
            "projektmappens struktur er ændret; gennemse forskellen og opdatér med "
            f"SOM_XL_UPDATE_GOLDEN=1:\n{diff}"
        )


def test_build_script_and_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`build_workbook.py` (what `make workbook` runs) and `som-xl build` write the file."""
    from som_xl.cli import main

    monkeypatch.setenv("SOM_XL_KNOWLEDGE", str(FIXTURE_KB))
    out = tmp_path / "mappe" / "SOM.xlsx"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "build_workbook.py"), "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    assert out.exists() and "Projektmappen er bygget" in proc.stdout
    out2 = tmp_path / "cli.xlsx"
    assert main(["build", "--out", str(out2)]) == 0
    assert out2.read_bytes() == out.read_bytes()
    assert os.stat(out2).st_mode & 0o044, "projektmappen skal kunne læses af andre"


def test_real_knowledge_base_builds(tmp_path: Path) -> None:
    """The shipped knowledge base builds, and the reader gets the engine's numbers back."""
    kb = load_kb()
    data = build_workbook_bytes(kb)
    content = read_content(_write(data, tmp_path))
    assert content.bkb == book_kb(kb)
    assert content.inputs == default_inputs(kb, content.bkb)
    result = calculate(content.resolve())
    values = named_values_from_bytes(data)
    assert values["som.nettoresultat_nv"] == pytest.approx(result.net_discounted, rel=1e-12)
    assert len(data) < 3_000_000


def test_minimal_knowledge_base(tmp_path: Path) -> None:
    """A knowledge base with one target group and short profiles builds and reads back."""
    kb = load_kb(TESTS / "fixtures" / "kb_min")
    data = build_workbook_bytes(kb)
    content = read_content(_write(data, tmp_path))
    assert content.bkb == book_kb(kb)
    assert content.bkb.profile_len == 10  # profiles shorter than 10 years get 10 columns
    result = calculate(content.resolve())
    values = named_values_from_bytes(data)
    assert values["som.nettoresultat_nv"] == pytest.approx(result.net_discounted, rel=1e-12)
    assert values["som.bcr"] == pytest.approx(result.benefit_cost_ratio, rel=1e-12)


def test_knowledge_base_edition_on_forside_and_read_back(tmp_path: Path) -> None:
    """The real knowledge base's edition (knowledge/VERSION) stands on Forside under the name
    som.vidensdatabase_version, and the reader carries it into the result's kb_version."""
    kb = load_kb()
    assert kb.version  # the shipped knowledge base has an edition
    path = tmp_path / "SOM.xlsx"
    path.write_bytes(build_workbook_bytes(kb))
    content = read_content(path)
    assert content.bkb.version == kb.version
    wb = openpyxl.load_workbook(path)
    sheet, cell = next(iter(wb.defined_names["som.vidensdatabase_version"].destinations))
    assert wb[sheet][cell.replace("$", "")].value == kb.version


def test_a_consequence_not_recommended_starts_switched_off(tmp_path: Path) -> None:
    """kb_min's second consequence is not recommended (with a reason): its switch starts at
    Nej, the reason stands below its name, and neither the workbook nor the engine counts it."""
    from som_xl.workbook import layout as L

    kb = load_kb(TESTS / "fixtures" / "kb_min")
    path = _write(build_workbook_bytes(kb), tmp_path)
    content = read_content(path)
    lay = content.layout
    assert content.inputs.switches[:2] == [True, False]
    ws = openpyxl.load_workbook(path)[T.KONSEKVENSER]
    r = lay.cons_block_row(1)
    assert ws.cell(r + 1, L.K_ON + 1).value == T.NEJ
    cached = openpyxl.load_workbook(path, data_only=True)[T.KONSEKVENSER]
    reason = cached.cell(r + 2, L.K_LABEL + 1).value
    assert reason == T.NOT_RECOMMENDED + "Testværdi: ikke anbefalet."
    services = [sid for sid, _ in content.resolve().consequences]
    assert services == ["forsorgshjem_doegn"]


def test_settings_help_texts_and_labels_fit(wb: Any, fixture_kb: KnowledgeBase) -> None:
    """*Indstillinger*: each wrapped help text (column D, 100 characters wide) has a row tall
    enough for its lines (else LibreOffice draws it over the next rows and Excel cuts it), and
    column B is wide enough for the longest bold label (e.g. "Netto succesrate (brugt i
    beregningen)" was cut by the value cell)."""
    ws = wb[T.INDSTILLINGER]
    rows = Layout(book_kb(fixture_kb).counts()).settings_rows
    for key, r in rows.items():
        label, help_text = T.SETTINGS_INPUTS[key]
        lines = -(-len(help_text) // 100)
        assert (ws.row_dimensions[r + 1].height or 15.0) >= 15.0 * lines, key
        assert ws.column_dimensions["B"].width >= 1.1 * len(label), key


def test_followup_key_texts_fit_their_cells(wb: Any) -> None:
    """*Opfølgning*: the key figures' labels fit column B and the observed rate's text (no
    course has ended) fits its cell: LibreOffice cut both ("…b er afsluttet endnu")."""
    ws = wb[T.OPFOELGNING]
    for label in (*T.OPF_KEYS, T.OPF_ENDED):
        assert len(label) <= ws.column_dimensions["B"].width, label
    assert len(T.OPF_NO_OBSERVED) <= ws.column_dimensions["C"].width - 2
