"""The knowledge-base sheets: column specs shared by writer and reader, and the real
KnowledgeBase the reader builds from them."""

from __future__ import annotations

import io
from dataclasses import fields
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter

from som_xl.errors import InputError
from som_xl.kb import KnowledgeBase, load_kb
from som_xl.workbook import kb_columns as K
from som_xl.workbook import kb_tables as KT
from som_xl.workbook import text as T
from som_xl.workbook.build import build_workbook
from som_xl.workbook.cells import Sheet
from som_xl.workbook.kb_read import workbook_defaults
from som_xl.workbook.model import BookKB, book_kb, default_inputs
from som_xl.workbook.read import READ_KB_RANGE, read_content
from som_xl.workbook.read_cells import Cells
from som_xl.workbook.style import Formats
from tests.paths import ROOT as ROOT_DIR
from tests.workbook_scenarios import FIXTURE_KB

ROOT = ROOT_DIR
KBS = {
    "fixture": FIXTURE_KB,
    "min": ROOT / "tests" / "fixtures" / "kb_min",
    "udfs": ROOT / "tests" / "fixtures" / "kb_udfs",
    "real": ROOT / "knowledge",
}


def _specs(profile_len: int) -> list[K.TableSpec]:
    return [
        K.GROUPS,
        K.SERVICES,
        K.consequences_spec(profile_len),
        K.EFFECTS,
        K.SOURCES,
        K.INDEX,
        K.RATES,
        K.ITEMS,
    ]


def _tables(bkb: BookKB) -> list[tuple[K.TableSpec, list[Any]]]:
    """Every knowledge-base table with its records, as the workbook writes them."""
    return [
        (K.GROUPS, list(bkb.groups)),
        (K.SERVICES, list(bkb.services)),
        (K.consequences_spec(bkb.profile_len), list(bkb.consequences)),
        (K.EFFECTS, list(bkb.effects)),
        (K.SOURCES, list(bkb.sources)),
        (K.INDEX, K.index_rows(bkb)),
        (K.RATES, K.step_rows(bkb)),
        (K.ITEMS, K.item_rows(bkb)),
    ]


def test_every_record_field_has_one_column() -> None:
    """Headers are unique per table; every record field is written by exactly one spec."""
    for spec in _specs(12):
        headers = spec.headers()
        assert len(set(headers)) == len(headers), spec.sheet
        read = {(c.attr, c.part) for c in spec.columns if c.derive is None}
        assert len(read) == len([c for c in spec.columns if c.derive is None])
        attrs = {attr for attr, _ in read}
        assert attrs == {f.name for f in fields(spec.record)}, spec.sheet


def test_spec_positions_are_the_workbooks() -> None:
    """Columns other sheets refer to (Priser, Forside) sit where the workbook has them."""
    assert [c.header for c in K.SERVICES.columns][:6] == [
        "Id",
        "Ydelse",
        "Enhed",
        "Retning",
        "Udgiftspost",
        "Prisår",
    ]
    assert K.SERVICES.col("status") == 9 and K.SERVICES.col("note") == 12
    assert K.GROUPS.col("status") == 7 and K.EFFECTS.col("status") == 10
    # status after the 10 years, 5 during-course columns, tail, recommended and assumed_from
    assert K.consequences_spec(10).col("status") == 28


@pytest.mark.parametrize("name", list(KBS))
def test_writing_and_reading_a_table_gives_the_same_records(name: str, tmp_path: Path) -> None:
    """write_table then read_table (by header) returns every record unchanged."""
    bkb = book_kb(load_kb(KBS[name]))
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    fmt = Formats(wb)
    tables = _tables(bkb)
    labels = K.Labels.of(bkb)
    sheets: dict[str, Sheet] = {}
    # each table on its own sheet, the header in row 3 and shifted right by one column
    for n, (spec, records) in enumerate(tables):
        sheet = sheets.setdefault(f"{n}", Sheet(wb, fmt, f"{n}"))
        KT.write_headers(sheet, spec, 2, widths=True)
        KT.write_table(sheet, spec, records, 3, labels)
    wb.close()
    data = buffer.getvalue()
    cells = Cells(openpyxl.load_workbook(io.BytesIO(data)), data)
    for n, (spec, records) in enumerate(tables):
        local = K.TableSpec(f"{n}", spec.record, spec.columns, spec.wrap, spec.plain, spec.group)
        assert KT.read_table(cells, local, 2, len(records)) == records, spec.sheet
    assert cells.problems == []


def _move_column(ws: Any, src: int, dst: int) -> None:
    """Move column src (1-based) of a sheet to the end, then into dst, shifting the rest."""
    rows = range(1, ws.max_row + 1)
    values = [[ws.cell(r, c).value for c in range(1, ws.max_column + 1)] for r in rows]
    for row in values:
        row.insert(dst - 1, row.pop(src - 1))
    for r, row in zip(rows, values, strict=True):
        for c, value in enumerate(row, start=1):
            ws.cell(r, c).value = value


@pytest.fixture(scope="module")
def fixture_kb() -> KnowledgeBase:
    return load_kb(FIXTURE_KB)


@pytest.fixture(scope="module")
def base(fixture_kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_workbook(tmp_path_factory.mktemp("kb") / "SOM.xlsx", kb=fixture_kb)


def test_the_reader_finds_columns_by_their_headers(base: Path, tmp_path: Path) -> None:
    """Moved VD columns read the same: the reader goes by header, not by position."""
    before = read_content(base)
    wb = openpyxl.load_workbook(base)
    _move_column(wb[T.VD_YDELSER], 10, 2)  # Status before Ydelse
    _move_column(wb[T.VD_KONSEKVENSER], 5, 20)  # Ydelses-id after the citation block
    _move_column(wb[T.VD_MAALGRUPPER], 1, 14)  # Id last
    wb.save(tmp_path / "moved.xlsx")
    after = read_content(tmp_path / "moved.xlsx")
    assert after.bkb == before.bkb
    assert after.kb.services == before.kb.services


@pytest.mark.parametrize(
    ("sheet", "cell", "header", "where"),
    [
        (T.VD_YDELSER, "J3", "Status", "A3"),
        (T.VD_YDELSER, "F3", "Prisår", "A3"),
        (T.VD_KONSEKVENSER, "G3", "År 1", "A3"),
        (T.VD_INDEKS, "A5", "År", "A5"),
    ],
)
def test_a_missing_column_is_named(
    base: Path, tmp_path: Path, sheet: str, cell: str, header: str, where: str
) -> None:
    """A renamed header is reported at the header row, alone (nothing is resolved)."""
    wb = openpyxl.load_workbook(base)
    wb[sheet][cell] = "Omdøbt"
    wb.save(tmp_path / "renamed.xlsx")
    with pytest.raises(InputError) as info:
        read_content(tmp_path / "renamed.xlsx")
    message = T.READ_KB_COLUMN.format(header=header)
    assert [(p.where, p.message) for p in info.value.problems] == [(f"{sheet}!{where}", message)]


def _carried(kb: KnowledgeBase, defaults: Any) -> dict[str, Any]:
    """What the workbook carries of a knowledge base (kb_read's documented losses)."""

    def cited(value: Any, keep_locator: bool = True) -> Any:
        text = " ".join(p for p in (value.derivation or "", value.note or "") if p)
        derived = value.status == "derived"
        update = {
            "derivation": (text or None) if derived else None,
            "note": None if derived else (text or None),
        }
        if not keep_locator:
            update.update(locator=None, derivation=None, note=None, also=())
        return value.model_copy(update=update)

    used = dict.fromkeys(s.unit for s in kb.services.values())
    return {
        "sources": dict(kb.sources),
        "units": {u: kb.units[u] for u in used},
        "budget_items": dict(kb.budget_items),
        # a service's refusion rule is not carried: its prices already hold the split
        "services": {
            k: cited(v).model_copy(update={"refusion": None})
            if hasattr(v, "refusion")
            else cited(v)
            for k, v in kb.services.items()
        },
        # baseline use is carried by VD Udgangsforbrug, cited as every value
        "target_groups": {
            k: cited(v).model_copy(
                update={"baseline": {sid: cited(b) for sid, b in v.baseline.items()}}
            )
            for k, v in kb.target_groups.items()
        },
        "consequences": {k: tuple(cited(c) for c in v) for k, v in kb.consequences.items()},
        "effects": {k: cited(v) for k, v in kb.effects.items()},
        "price_index": cited(kb.price_index, keep_locator=False),
        "discount_rates": {k: cited(v, False) for k, v in kb.discount_rates.items()},
        "defaults": defaults,
        "fingerprint": kb.fingerprint,
    }


@pytest.mark.parametrize("name", list(KBS))
def test_the_reader_returns_the_knowledge_base(name: str, tmp_path: Path) -> None:
    """Build from a KnowledgeBase, read it back: the same records, ids for the labels."""
    kb = load_kb(KBS[name])
    path = build_workbook(tmp_path / "SOM.xlsx", kb=kb)
    content = read_content(path)
    read = content.kb
    assert isinstance(read, KnowledgeBase)
    bkb = book_kb(kb)
    defaults = workbook_defaults(default_inputs(kb, bkb), bkb)
    assert defaults == kb.defaults.model_copy(
        update={"horizon_years": min(kb.defaults.horizon_years, 50)}
    )
    expected = _carried(kb, defaults)
    for key, value in expected.items():
        assert getattr(read, key) == value, key
    assert read.path == path
    # the workbook's view of the read knowledge base is what its sheets hold
    assert book_kb(read) == content.bkb == bkb


@pytest.mark.parametrize(
    ("attr", "value", "message"),
    [
        ("evidence_level", 0, "evidensniveauet skal være 1, 2 eller 3"),
        ("evidence_level", 4, "evidensniveauet skal være 1, 2 eller 3"),
        ("success_rate", 5, "succesraten"),
        ("success_rate_high", -0.5, "succesraten"),
    ],
)
def test_a_damaged_effect_is_named(
    base: Path, tmp_path: Path, attr: str, value: float, message: str
) -> None:
    """An effect's evidence level or success rate out of bounds on an unlocked VD Effekter
    is reported at its cell (the fuzz test found a level of 0 as an internal error)."""
    from openpyxl.utils import get_column_letter

    wb = openpyxl.load_workbook(base)
    cell = f"{get_column_letter(K.EFFECTS.col(attr) + 1)}4"  # the first effect's row
    wb[T.VD_EFFEKTER][cell] = value
    wb.save(tmp_path / "damaged.xlsx")
    with pytest.raises(InputError) as info:
        read_content(tmp_path / "damaged.xlsx")
    problems = [(p.where, p.message) for p in info.value.problems]
    assert any(
        where == f"{T.VD_EFFEKTER}!{cell}" and message in text for where, text in problems
    ), problems


def test_an_effect_range_upside_down_is_named(base: Path, tmp_path: Path) -> None:
    """A lower bound above the upper bound is named at the lower bound's cell."""
    from openpyxl.utils import get_column_letter

    wb = openpyxl.load_workbook(base)
    ws = wb[T.VD_EFFEKTER]
    low = f"{get_column_letter(K.EFFECTS.col('success_rate_low') + 1)}4"
    high = f"{get_column_letter(K.EFFECTS.col('success_rate_high') + 1)}4"
    ws[low], ws[high] = 0.6, 0.2
    wb.save(tmp_path / "upside.xlsx")
    with pytest.raises(InputError) as info:
        read_content(tmp_path / "upside.xlsx")
    problems = [(p.where, p.message) for p in info.value.problems]
    assert (f"{T.VD_EFFEKTER}!{low}", READ_KB_RANGE) in problems, problems
