"""*Eksempler*: every example file listed, its figures som-xl's, and the choice that looks one up.

* The catalogue lists every file in examples/ with the texts of its header and the figures
  tests/cases pins for it (one source: the files, read when the workbook is built).
* Choosing an id looks that example up (tests/formula_engine.py recalculates the sheet for
  every id, and for an unknown one).
* With Cool Kids typed into the input sheets and chosen, every compared row says "Ja" and the
  workbook's own net result equals som-xl's for the example: checked by the formula engine
  and by LibreOffice; choosing another example then reports the rows that differ.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from som_xl.example_cases import load_examples
from som_xl.workbook import text as T
from som_xl.workbook.build import build_workbook_bytes
from som_xl.workbook.layout import a1
from som_xl.workbook.sheets import eksempler as E
from tests.formula_engine import Book
from tests.libreoffice import recalculate, soffice
from tests.workbook_edit import Editor, edit

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = load_examples(ROOT / "examples")
FIELD_KEYS = [key for key, _label, _where in T.EX_FIELDS]
CHOICE = a1(E.R_CHOICE, E.C_EX)


def pinned(example: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        (ROOT / "tests" / "cases" / f"{example}.yaml").read_text(encoding="utf-8")
    )
    return data["expect"]


def field_cell(key: str, column: int) -> str:
    return a1(E.R_CHOSEN_FIRST + FIELD_KEYS.index(key), column)


@pytest.fixture(scope="module")
def book_bytes() -> bytes:
    return build_workbook_bytes()


@pytest.fixture(scope="module")
def sheet(book_bytes: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(book_bytes))[T.EKSEMPLER]


def test_the_sheet_lists_every_example(sheet: Any) -> None:
    def cell(r: int, key: str) -> Any:
        return sheet.cell(r + 1, E._col(key) + 1).value

    rows = range(E.R_ALL_FIRST, E.R_ALL_FIRST + len(EXAMPLES))
    assert [cell(r, "id") for r in rows] == [e.id for e in EXAMPLES]
    assert cell(E.R_ALL_FIRST + len(EXAMPLES), "id") is None, "one row per example file"
    for r, example in zip(rows, EXAMPLES, strict=True):
        assert cell(r, "kilde") == example.source
        assert cell(r, "offentliggjort") == example.published
        assert cell(r, "offentliggjort_resultat") == example.published_result
        assert cell(r, "antaget") == example.assumed
        assert cell(r, "forskel") == example.difference
        want = pinned(example.id)
        assert cell(r, "nettoresultat_nv") == pytest.approx(
            want["net_result"]["discounted"], abs=0.005
        )
        assert cell(r, "nettoresultat") == pytest.approx(
            want["net_result"]["undiscounted"], abs=0.005
        )
        assert cell(r, "omkostninger_nv") == pytest.approx(want["costs"]["discounted"], abs=0.005)
        for purse in ("kommune", "region", "stat"):
            assert cell(r, f"{purse}_nv") == pytest.approx(
                want["by_purse"][purse]["discounted_net"], abs=0.005
            )
        year = want["break_even_year"]
        assert cell(r, "breakeven_aar") == (year if year is not None else T.NO_BREAK_EVEN)
        assert cell(r, "breakeven_succesrate") == pytest.approx(
            want["break_even_success_rate"], rel=1e-9
        )


def test_an_example_the_knowledge_base_cannot_resolve_says_why(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.workbook_scenarios import FIXTURE_KB

    monkeypatch.setenv("SOM_XL_KNOWLEDGE", str(FIXTURE_KB))
    ws = openpyxl.load_workbook(io.BytesIO(build_workbook_bytes()))[T.EKSEMPLER]
    nets = [
        ws.cell(r + 1, E._col("nettoresultat_nv") + 1).value
        for r in range(E.R_ALL_FIRST, E.R_ALL_FIRST + len(EXAMPLES))
    ]
    prefix = T.EX_NOT_RESOLVED.split("{")[0]
    assert any(isinstance(v, str) and v.startswith(prefix) for v in nets), nets
    # the self-contained example needs no knowledge base and is still calculated
    assert nets[[e.id for e in EXAMPLES].index("egen_beregning")] == pytest.approx(219512.40)


def test_the_choice_is_a_dropdown_of_the_ids(sheet: Any) -> None:
    rules = [dv for dv in sheet.data_validations.dataValidation if CHOICE in str(dv.sqref)]
    assert len(rules) == 1 and rules[0].type == "list"
    first = E.R_ALL_FIRST + 1
    last = E.R_ALL_FIRST + len(EXAMPLES)
    col = openpyxl.utils.get_column_letter(E._col("id") + 1)
    assert rules[0].formula1 == f"Eksempler!${col}${first}:${col}${last}"
    assert sheet[CHOICE].value == EXAMPLES[0].id


def test_choosing_looks_the_example_up(book_bytes: bytes) -> None:
    book = Book.load(book_bytes)
    net = field_cell("nettoresultat_nv", E.C_EX)
    success = field_cell("succesrate", E.C_EX)
    for example in EXAMPLES:
        book.set(T.EKSEMPLER, CHOICE, example.id)
        assert book.value(T.EKSEMPLER, net) == pytest.approx(
            pinned(example.id)["net_result"]["discounted"], abs=0.005
        )
        spec = yaml.safe_load(example.path.read_text(encoding="utf-8"))
        assert book.value(T.EKSEMPLER, success) == pytest.approx(spec["success_rate"])
    book.set(T.EKSEMPLER, CHOICE, "findes_ikke")
    assert book.value(T.EKSEMPLER, net) == T.EX_UNKNOWN_CHOICE


def type_cool_kids(e: Editor) -> None:
    """examples/cool_kids.yaml typed into the input sheets, as a user would."""
    spec = yaml.safe_load((ROOT / "examples" / "cool_kids.yaml").read_text(encoding="utf-8"))
    e.setting("navn", spec["name"])
    e.setting("startaar", spec["start_year"])
    e.setting("horisont", spec["horizon_years"])
    e.setting("prisaar", spec["price_year"])
    e.setting("forloebsaar", spec["course_years"])
    e.target_group("Børn og unge med angst, depression eller anden affektiv lidelse (6-13 år)")
    e.intervention(T.INGEN_INDSATS)
    e.success_rate(spec["success_rate"])
    e.participants({t: None for t in range(10)})
    e.participants({year - spec["start_year"]: n for year, n in spec["participants"].items()})
    per_child, training = spec["costs"]
    e.year_cost(
        0,
        label=training["label"],
        kind=T.ART_OPSTART,
        amounts={t: (training["amount"] if t == 0 else None) for t in range(3)},
    )
    for n in (1, 2):
        e.year_cost(
            n, label=None, kind=None, purse=None, item=None, amounts=dict.fromkeys(range(3))
        )
    e.part_cost(0, label=per_child["label"], kind=T.ART_DRIFT, amount=per_child["amount"])
    e.set(T.EKSEMPLER, E.R_CHOICE, E.C_EX, "cool_kids")


def choose_rr2(e: Editor) -> None:
    type_cool_kids(e)
    e.set(T.EKSEMPLER, E.R_CHOICE, E.C_EX, "rr2_adhd")


def comparison(values: Any) -> dict[str, tuple[Any, Any, Any]]:
    """Each compared row: (the example's value, the workbook's, Ens?)."""
    return {
        key: tuple(values(field_cell(key, c)) for c in (E.C_EX, E.C_NOW, E.C_SAME))
        for key in FIELD_KEYS
    }  # type: ignore[misc]


def check_cool_kids(values: Any) -> None:
    rows = comparison(values)
    assert {k: v[2] for k, v in rows.items() if v[2] != T.EX_NO_COMPARE} == dict.fromkeys(
        (k for k, v in rows.items() if v[2] != T.EX_NO_COMPARE), T.JA
    ), rows
    assert values(a1(E.R_STATUS, E.C_EX)) == T.EX_STATUS_SAME
    want = pinned("cool_kids")["net_result"]["discounted"]
    assert rows["nettoresultat_nv"][0] == pytest.approx(want, abs=0.005)
    assert rows["nettoresultat_nv"][1] == pytest.approx(want, abs=0.5)


def check_rr2_chosen(values: Any) -> None:
    rows = comparison(values)
    assert rows["succesrate"][0] == pytest.approx(0.20) and rows["succesrate"][2] == T.NEJ
    assert rows["nettoresultat_nv"][0] == pytest.approx(
        pinned("rr2_adhd")["net_result"]["discounted"], abs=0.005
    )
    differ = sum(1 for v in rows.values() if v[2] == T.NEJ)
    assert differ > 0 and values(a1(E.R_STATUS, E.C_EX)) == f"{differ}{T.EX_STATUS_DIFF}"


def test_cool_kids_typed_in_is_som_xl_formula_engine(tmp_path: Path, book_bytes: bytes) -> None:
    src = tmp_path / "SOM.xlsx"
    src.write_bytes(book_bytes)
    typed = Book.load(edit(src, tmp_path / "cool_kids.xlsx", type_cool_kids), cached=False)
    check_cool_kids(lambda cell: typed.value(T.EKSEMPLER, cell))
    other = Book.load(edit(src, tmp_path / "rr2.xlsx", choose_rr2), cached=False)
    check_rr2_chosen(lambda cell: other.value(T.EKSEMPLER, cell))


@pytest.mark.libreoffice
def test_cool_kids_typed_in_is_som_xl_libreoffice(tmp_path: Path, book_bytes: bytes) -> None:
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) er ikke installeret")
    src = tmp_path / "SOM.xlsx"
    src.write_bytes(book_bytes)
    files = [
        edit(src, tmp_path / "cool_kids.xlsx", type_cool_kids),
        edit(src, tmp_path / "rr2.xlsx", choose_rr2),
    ]
    typed, other = (
        openpyxl.load_workbook(p, data_only=True)[T.EKSEMPLER]
        for p in recalculate(files, tmp_path / "lo")
    )
    check_cool_kids(lambda cell: typed[cell].value)
    check_rr2_chosen(lambda cell: other[cell].value)
