"""Baseline use in the workbook (som-method §3.17) and the checks of the method's inputs.

The knowledge base's baselines live on *VD Udgangsforbrug*; each consequence block on
*Konsekvenser* looks its own up live for the chosen target group and service, takes an own
value over it (yellow), and shows the use without success (the baseline) beside the use with
success in year 1. A reduction beyond the baseline is a warning: marked red, listed on
Kontrol and Resultat in the resolver's words, the result still shown. Recalculated by the
strict formula engine (tests/formula_engine.py); tests/workbook/test_workbook_libreoffice.py's
case ``udgangsforbrug`` and the LibreOffice test at the end check the same in LibreOffice.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from som_xl.errors import InputError
from som_xl.inputs.profiles import reduction_warning
from som_xl.kb import load_kb
from som_xl.results import calculate
from som_xl.workbook import layout as L
from som_xl.workbook import text as T
from som_xl.workbook.build import build_workbook
from som_xl.workbook.layout import Layout, a1
from som_xl.workbook.read import read_content, read_workbook
from som_xl.workbook.sheets.consequences import base_helper
from tests.formula_engine import Book
from tests.libreoffice import recalculate, soffice
from tests.workbook_edit import Editor, edit
from tests.workbook_scenarios import named_values

HEADLINES = ("som.nettoresultat", "som.nettoresultat_nv", "som.breakeven_aar", "som.bcr")


@pytest.fixture(scope="module")
def path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workbook of the real knowledge base (voksne_hjemloeshed has a baseline: 129)."""
    return build_workbook(tmp_path_factory.mktemp("udgangsforbrug") / "SOM.xlsx")


@pytest.fixture(scope="module")
def lay(path: Path) -> Layout:
    return read_content(path).layout


@pytest.fixture(scope="module")
def book(path: Path) -> Book:
    return Book.load(path)


@pytest.fixture(scope="module")
def block(path: Path) -> int:
    """The forsorgshjem block of the default group (voksne_hjemloeshed)."""
    content = read_content(path)
    group = content.bkb.group_by_label(content.inputs.target_group)
    assert group is not None and group.id == "voksne_hjemloeshed"
    rows = content.bkb.group_consequences(group.id)
    return next(i for i, c in enumerate(rows) if c.service == "forsorgshjem_doegn")


def _at(lay: Layout, i: int, row: int, column: int) -> str:
    return a1(lay.cons_block_row(i) + row, column)


def test_the_knowledge_base_baseline_is_looked_up_live(book: Book, lay: Layout, block: int) -> None:
    """VD Udgangsforbrug holds 129 døgn for voksne_hjemloeshed (Danmarks Statistik, 2020)."""
    k = T.KONSEKVENSER
    assert book.value(k, _at(lay, block, 0, L.K_BASE)) == 129
    assert book.value(k, _at(lay, block, 2, L.K_BASE)) == 129  # used: no own value
    # with success in year 1: 129 + (-129) = 0 døgn; not below 0, so no warning
    assert book.value(k, _at(lay, block, 2, L.K_WITH)) == 0
    assert book.name_value("som.advarsler") == 0
    other = next(i for i in range(lay.counts.max_cons) if i != block)
    assert book.value(k, _at(lay, other, 2, L.K_BASE)) in ("", None)  # no baseline: blank
    # another group: the lookup follows the group (kvinder_krisecenter: krisecenter, 84)
    b = book.copy()
    b.set(T.INDSATS, a1(lay.group_row, lay.value_col), "Kvinder på krisecenter (vold mod kvinder)")
    values = [b.value(k, _at(lay, i, 0, L.K_BASE)) for i in range(lay.counts.max_cons)]
    assert 84 in values


def _own(book: Book, lay: Layout, block: int, units: float) -> Book:
    b = book.copy()
    b.set(T.KONSEKVENSER, _at(lay, block, 1, L.K_BASE), units)
    return b


def test_an_own_baseline_below_the_reduction_warns_and_calculates_on(
    path: Path, book: Book, lay: Layout, block: int, tmp_path: Path
) -> None:
    """Own baseline 100.5 døgn; the profile's year 1 is -129: use with success is
    100.5 - 129 = -28.5 døgn, so the reduction exceeds the baseline. Years 2-4 (-119.8,
    -111.2, -103.2) exceed it too; the workbook names the largest (year 1), the engine every
    year. The headline figures stay (a baseline changes no flow)."""
    b = _own(book, lay, block, 100.5)
    k = T.KONSEKVENSER
    assert b.value(k, _at(lay, block, 2, L.K_BASE)) == 100.5
    assert b.value(k, _at(lay, block, 2, L.K_WITH)) == pytest.approx(-28.5)
    assert b.value(k, _at(lay, block, 0, base_helper(lay, "flag"))) == 1
    want = reduction_warning("forsorgshjem_doegn", -129, 1, 100.5, "døgn")
    assert "med 129 døgn i år 1" in want and "udgangsforbruget på 100,5 døgn" in want
    assert b.name_value("som.inputfejl") == 0
    assert b.name_value("som.advarsler") == 1
    for headline in HEADLINES:
        assert b.name_value(headline) == book.name_value(headline), headline
    r0 = lay.res_check_row
    assert b.value(T.RESULTAT, a1(r0, 1)).startswith("1" + T.RESULT_CHECK_WARN[:10])
    assert b.value(T.RESULTAT, a1(r0 + 1, 1)) == T.RESULT_WARN_PREFIX + want
    # the reader: the own cell becomes the scenario's baseline; the engine warns alike
    changed = edit(path, tmp_path / "own.xlsx", lambda e: e.baseline(block, 100.5))
    res = read_workbook(changed)
    assert dict(res.baseline)["forsorgshjem_doegn"] == 100.5
    # the resolved scenario writes out every baseline it uses: the own one, and the knowledge
    # base's for the group's other services (since 2026.12.5: emergency visits, admissions)
    kb_baselines = {
        sid: b.units for sid, b in res_kb_baselines(res).items() if sid != "forsorgshjem_doegn"
    }
    assert res.to_scenario()["baseline"] == {"forsorgshjem_doegn": 100.5, **kb_baselines}
    warnings = calculate(res).warnings
    assert want in warnings
    assert len(warnings) == 4  # years 1-4: 129, 119.8, 111.2, 103.2 > 100.5; 95.8 is not


def test_a_baseline_at_the_reduction_does_not_warn(book: Book, lay: Layout, block: int) -> None:
    """129 + (-129) = 0: use falls to nothing, not below; the resolver's condition is
    profile < -baseline."""
    b = _own(book, lay, block, 129)
    assert b.name_value("som.advarsler") == 0


def test_read_json_carries_the_calc_warnings(path: Path, block: int, tmp_path: Path) -> None:
    """`som-xl read --json` on a workbook with an own baseline has the same warnings as
    `som-xl calc --json` on the scenario it saves."""
    changed = edit(path, tmp_path / "own.xlsx", lambda e: e.baseline(block, 60))
    scenario = tmp_path / "scenarie.yaml"

    def cli(*args: str) -> dict[str, Any]:
        code = "from som_xl.cli import main; raise SystemExit(main())"
        done = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
        )
        out: dict[str, Any] = json.loads(done.stdout)
        return out

    read = cli("read", str(changed), "--json", "--scenario-out", str(scenario))
    calc = cli("calc", str(scenario), "--json")
    assert read["warnings"] and read["warnings"] == calc["warnings"]
    assert any("udgangsforbruget på 60 døgn" in w for w in read["warnings"])


def test_two_own_baselines_for_one_service_are_an_input_error(
    path: Path, book: Book, lay: Layout, block: int, tmp_path: Path
) -> None:
    """A service has one baseline: an own consequence of the same service with another own
    value is refused live (Kontrol) and by the reader, naming the cell."""
    own_block = lay.counts.max_cons
    label = read_content(path).bkb.service("forsorgshjem_doegn").label

    def change(e: Editor) -> None:
        e.baseline(block, 100)
        e.own_consequence(0, label, {1: -10})
        e.baseline(own_block, 90)

    changed = edit(path, tmp_path / "two.xlsx", change)
    with pytest.raises(InputError) as exc:
        read_workbook(changed)
    where = f"{T.KONSEKVENSER}!{_at(lay, own_block, 1, L.K_BASE)}"
    assert any(p.where == where and "ét udgangsforbrug" in str(p) for p in exc.value.problems)
    b = Book.load(changed, cached=False)
    assert b.name_value("som.inputfejl") >= 1
    assert b.name_value("som.nettoresultat") == T.INPUT_ERROR_SHORT
    # the same value twice is one baseline: fine, and the own consequence uses it

    def same_value(e: Editor) -> None:
        change(e)
        e.baseline(own_block, 100)

    same = edit(path, tmp_path / "same.xlsx", same_value)
    assert dict(read_workbook(same).baseline)["forsorgshjem_doegn"] == 100
    b = Book.load(same, cached=False)
    assert b.name_value("som.inputfejl") == 0
    assert b.value(T.KONSEKVENSER, _at(lay, own_block, 2, L.K_BASE)) == 100


#: Inputs the live checks must catch: (sheet, where, value as Excel holds it). Typing 30 for
#: 30 % (a share above its bound), text, a value outside the field table's bounds.
BROKEN: dict[str, tuple[str, str, Any]] = {
    "frafald_30": (T.INDSTILLINGER, "frafald", 30.0),
    "frafald_tekst": (T.INDSTILLINGER, "frafald", "ti procent"),
    "frafald_negativ": (T.INDSTILLINGER, "frafald", -0.1),
    "doedvaegt_over_succesraten": (T.INDSTILLINGER, "doedvaegt", 0.9),
    "optimisme_omk_over_10": (T.INDSTILLINGER, "optimisme_omk", 12.0),
    "optimisme_gev_20": (T.INDSTILLINGER, "optimisme_gev", 20.0),
    "halerate_0": (T.INDSTILLINGER, "halerate", 0.0),
    "halerate_tekst": (T.INDSTILLINGER, "halerate", "20 %"),
    "hale_ukendt": (T.INDSTILLINGER, "hale", "Langsomt"),
    "egen_halerate_20": (T.KONSEKVENSER, "tail_rate", 20.0),
    "under_forloeb_tekst": (T.KONSEKVENSER, "during", "to"),
    "udgangsforbrug_negativt": (T.KONSEKVENSER, "base", -1.0),
    "udgangsforbrug_tekst": (T.KONSEKVENSER, "base", "100 døgn"),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_a_broken_method_input_withholds_the_result(book: Book, lay: Layout, name: str) -> None:
    sheet, key, value = BROKEN[name]
    own_row = lay.cons_block_row(0) + 1
    where, named = {
        "tail_rate": (a1(own_row, L.K_TAIL_RATE), a1(own_row, L.K_ON)),
        "during": (a1(own_row, lay.cons_during_col), a1(own_row, L.K_ON)),
        "base": (a1(own_row, L.K_BASE), a1(own_row, L.K_ON)),
    }.get(key, (a1(lay.settings_rows.get(key, 0), lay.settings_col),) * 2)
    b = book.copy()
    b.set(sheet, where, value)
    assert b.name_value("som.inputfejl") >= 1
    for headline in HEADLINES:
        assert b.name_value(headline) == T.INPUT_ERROR_SHORT, headline
    first = str(b.value(T.RESULTAT, a1(lay.res_check_row + 1, 1)))
    assert f"{sheet}!{named}" in first, first  # the cell (a setting) or the row (Konsekvenser)
    assert "skal" in first or "vælg" in first, first


def test_a_sound_method_input_passes(book: Book, lay: Layout) -> None:
    """The bounds themselves are fine: 100 % drop-off, 1000 % optimism on costs, a decaying
    default tail at 100 %."""
    b = book.copy()
    for key, value in (("frafald", 1.0), ("optimisme_omk", 10.0), ("halerate", 1.0)):
        b.set(T.INDSTILLINGER, a1(lay.settings_rows[key], lay.settings_col), value)
    b.set(T.INDSTILLINGER, a1(lay.settings_rows["hale"], lay.settings_col), "Aftag")
    assert b.name_value("som.inputfejl") == 0


def test_the_tail_reason_is_on_konsekvenser(book: Book, lay: Layout, path: Path) -> None:
    """Each knowledge-base block shows its tail's reason (a column hidden until its + is
    clicked), live from VD Konsekvenser."""
    content = read_content(path)
    group = content.bkb.group_by_label(content.inputs.target_group)
    assert group is not None
    for i, c in enumerate(content.bkb.group_consequences(group.id)):
        got = book.value(T.KONSEKVENSER, _at(lay, i, 0, L.K_TAIL_REASON))
        assert (got or "") == c.tail_reason
    assert any(c.tail_reason for c in content.bkb.group_consequences(group.id))
    ws = openpyxl.load_workbook(path)[T.KONSEKVENSER]
    dim = ws.column_dimensions[a1(0, L.K_TAIL_REASON).rstrip("1")]
    assert dim.hidden and dim.outlineLevel == 1


@pytest.mark.libreoffice
def test_libreoffice_shows_the_warning_and_withholds_on_a_bad_drop_off(
    path: Path, lay: Layout, block: int, tmp_path: Path
) -> None:
    """LibreOffice recalculates a copy with an own baseline below the reduction (the warning
    shown on Resultat, the headline unchanged) and one with drop-off typed as 30 (the
    headline shows the text, som.inputfejl at least 1)."""
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) er ikke installeret")
    own = edit(path, tmp_path / "eget.xlsx", lambda e: e.baseline(block, 100.5))
    bad = edit(path, tmp_path / "frafald.xlsx", lambda e: e.setting("frafald", 30))
    standard, own_lo, bad_lo = recalculate([path, own, bad], tmp_path / "lo")
    base, got, broken = (named_values(p) for p in (standard, own_lo, bad_lo))
    assert got["som.inputfejl"] == 0 and got["som.advarsler"] == 1
    for headline in HEADLINES:
        assert got[headline] == pytest.approx(base[headline], rel=1e-12), headline
    assert got["som.nettoresultat_nv"] == pytest.approx(
        calculate(read_workbook(own)).net_discounted, rel=1e-9
    )
    want = reduction_warning("forsorgshjem_doegn", -129, 1, 100.5, "døgn")
    ws = openpyxl.load_workbook(own_lo, data_only=True)[T.RESULTAT]
    assert ws[a1(lay.res_check_row + 1, 1)].value == T.RESULT_WARN_PREFIX + want
    assert want in calculate(read_workbook(own)).warnings
    assert broken["som.inputfejl"] >= 1
    for headline in HEADLINES:
        assert broken[headline] == T.INPUT_ERROR_SHORT, headline
    ws = openpyxl.load_workbook(bad_lo, data_only=True)[T.RESULTAT]
    first = ws[a1(lay.res_check_row + 1, 1)].value
    assert f"{T.INDSTILLINGER}!{a1(lay.settings_rows['frafald'], lay.settings_col)}" in first


def test_kb_baselines_survive_the_round_trip(path: Path) -> None:
    """VD Udgangsforbrug reads back into the knowledge base with units, status and source."""
    read = read_content(path).kb
    real = load_kb()
    for gid, g in real.target_groups.items():
        assert set(read.target_groups[gid].baseline) == set(g.baseline)
        for sid, b in g.baseline.items():
            got = read.target_groups[gid].baseline[sid]
            assert (got.units, got.status, got.source, got.locator) == (
                b.units,
                b.status,
                b.source,
                b.locator,
            )


def res_kb_baselines(res: Any) -> dict[str, Any]:
    """The knowledge base's baselines for the resolved scenario's target group."""
    from som_xl.kb import load_kb

    return dict(load_kb().target_groups[res.target_group].baseline)
