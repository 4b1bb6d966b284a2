"""Reading a filled-in workbook back (``som-xl read``): inputs → the engine's Resolved.

The reader reads only constants: the yellow input cells and the knowledge-base sheets. It
never relies on formula results, so a workbook saved by any program (also one that does
not recalculate) reads the same. An input cell that holds a formula (a user may type
``=1500000*0.8``) is read through its cached result when the file has one.

Everything settles through :func:`som_xl.workbook_model.resolve_inputs`, the code the
builder uses for the cached values, so ``som-xl read`` computes what the workbook shows.
Problems name ``sheet!cell`` in Danish; the input file is opened read-only and never
modified.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ..conventions import (
    DIRECTION_LABELS,
    DIRECTIONS,
    MAX_DISCOUNT_RATE,
    MIN_DISCOUNT_RATE,
    Direction,
)
from ..errors import InputError, Problem
from ..inputs import Resolved
from ..kb import KnowledgeBase
from . import kb_columns as K
from . import kb_tables as KT
from . import layout as L
from . import text as T
from .kb_read import knowledge_base, workbook_defaults
from .layout import (
    N_OWN_CONS,
    N_OWN_SERVICES,
    YEARS,
    Counts,
    Layout,
    a1,
)
from .model import (
    BookKB,
    Inputs,
    LocalPrice,
    OwnConsequence,
    OwnService,
    PartCost,
    SkoenInputs,
    YearCost,
    lookup_safe,
    resolve_inputs,
)

__all__ = ["WorkbookContent", "read_content", "read_workbook"]

_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: encrypted or .xls


class WorkbookContent:
    """What a workbook holds: its knowledge base, its inputs and its layout.

    Attributes
    ----------
    kb : KnowledgeBase
        The knowledge base the VD sheets hold, with ids for the workbook's labels
        (:func:`som_xl.workbook.kb_read.knowledge_base`; its defaults are the workbook's
        settings).
    bkb : BookKB
        The same knowledge base as the sheets show it (labels), which
        :func:`~som_xl.workbook.model.resolve_inputs` settles the inputs against.
    inputs : Inputs
        The yellow cells.
    layout : Layout
        Where everything is, rebuilt from the stamp ``som.layout``.
    version : str
        The som-xl version that built the workbook ('' if not stamped).
    """

    def __init__(
        self, kb: KnowledgeBase, bkb: BookKB, inputs: Inputs, layout: Layout, version: str
    ) -> None:
        """Hold what :func:`read_content` read."""
        self.kb = kb
        self.bkb = bkb
        self.inputs = inputs
        self.layout = layout
        self.version = version

    def resolve(self) -> Resolved:
        """The scenario the workbook calculates, as the engine's Resolved."""
        return resolve_inputs(self.inputs, self.bkb, self.layout)


def read_workbook(path: Path) -> Resolved:
    """Read a SØM workbook and settle it into a scenario that needs no knowledge base."""
    return read_content(path).resolve()


def read_content(path: Path) -> WorkbookContent:
    """Read the knowledge base and the inputs of a SØM workbook (raises InputError)."""
    path = Path(path)
    where = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(Problem(where, "", T.READ_MISSING)) from None
    except IsADirectoryError:
        raise InputError(Problem(where, "", T.READ_DAMAGED)) from None
    except OSError as exc:
        raise InputError(Problem(where, "", f"{T.READ_DAMAGED} ({exc.strerror})")) from None
    if data.startswith(_CFB_MAGIC):
        raise InputError(Problem(where, "", T.READ_ENCRYPTED))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(Problem(where, "", T.READ_DAMAGED))
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except Exception:  # openpyxl raises many kinds for damaged packages
        raise InputError(Problem(where, "", T.READ_DAMAGED)) from None
    stamp = wb.defined_names.get("som.layout")
    if stamp is None or stamp.attr_text is None:
        raise InputError(Problem(where, "", T.READ_FOREIGN))
    counts = Counts.parse(stamp.attr_text)
    if counts is None:
        found = stamp.attr_text.strip('="').split(";")[0]
        raise InputError(Problem(where, "", T.READ_LAYOUT.format(found=found)))
    missing = [name for name in T.SHEETS if name not in wb.sheetnames]
    if missing:
        raise InputError(
            [Problem(where, "", T.READ_SHEET_MISSING.format(sheet=m)) for m in missing]
        )
    cells = _Cells(wb, data)
    layout = Layout(counts)
    bkb = _read_kb(cells, layout)
    inputs = _read_inputs(cells, layout, bkb)
    if cells.problems:
        problems = list(cells.problems)
        # also report what the settings make wrong, all together
        if cells.settings_ok and cells.kb_complete:
            try:
                resolve_inputs(inputs, bkb, layout)
            except InputError as exc:
                problems += [p for p in exc.problems if p not in problems]
        raise InputError(problems)
    version = (
        cells.text(*_name_cell(wb, "som.version")) if "som.version" in wb.defined_names else ""
    )
    kb = knowledge_base(bkb, workbook_defaults(inputs, bkb), path)
    return WorkbookContent(kb, bkb, inputs, layout, version)


def _name_cell(wb: Workbook, name: str) -> tuple[str, int, int]:
    dn = wb.defined_names[name]
    for sheet, coord in dn.destinations:
        cell = wb[sheet][coord.replace("$", "")]
        return (sheet, cell.row - 1, cell.column - 1)
    raise KeyError(name)


class _Cells:
    """Typed access to cells, collecting Danish problems that name sheet!cell."""

    def __init__(self, wb: Workbook, data: bytes) -> None:
        self.wb = wb
        self.data = data
        self._cached: Workbook | None = None
        self.problems: list[Problem] = []
        self.settings_ok = True  # start year, horizon, price year and course length read
        self.kb_complete = True  # every knowledge-base column found

    def _ws(self, sheet: str) -> Worksheet:
        ws = self.wb[sheet]
        assert isinstance(ws, Worksheet)
        return ws

    def raw(self, sheet: str, row: int, column: int) -> Any:
        value = self._ws(sheet).cell(row + 1, column + 1).value
        if isinstance(value, str) and value.startswith("="):
            value = self._cached_value(sheet, row, column, value)
        if isinstance(value, str) and not value.strip():
            return None
        return value

    def _cached_value(self, sheet: str, row: int, column: int, formula: str) -> Any:
        """An input cell with a formula: its cached result (Excel saves one)."""
        if self._cached is None:
            self._cached = openpyxl.load_workbook(io.BytesIO(self.data), data_only=True)
        value = self._cached[sheet].cell(row + 1, column + 1).value
        if value is None:
            self.add(sheet, row, column, T.READ_FORMULA_INPUT, formula)
        return value

    def add(self, sheet: str, row: int, column: int, message: str, value: object) -> None:
        self.problems.append(Problem(f"{sheet}!{a1(row, column)}", "", message, value, True))

    def text(self, sheet: str, row: int, column: int) -> str:
        value = self.raw(sheet, row, column)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).strip()

    def number(
        self,
        sheet: str,
        row: int,
        column: int,
        label: str,
        *,
        whole: bool = False,
        lo: float | None = None,
        hi: float | None = None,
        required: bool = False,
    ) -> float | None:
        value = self.raw(sheet, row, column)
        if value is None:
            if required:
                self.add(sheet, row, column, f"{label} {T.READ_NUMBER}", None)
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(sheet, row, column, f"{label} {T.READ_TEXT_NUMBER}", value)
            return None
        number = float(value)
        if whole and not number.is_integer():
            self.add(sheet, row, column, f"{label} {T.READ_WHOLE}", value)
            return None
        if (lo is not None and number < lo) or (hi is not None and number > hi):
            lo_text = f"{lo:g}" if lo is not None else "-"
            hi_text = f"{hi:g}" if hi is not None else "-"
            self.add(
                sheet, row, column, f"{label} {T.READ_RANGE.format(lo=lo_text, hi=hi_text)}", value
            )
            return None
        return number

    def whole(self, sheet: str, row: int, column: int, label: str, lo: int, hi: int) -> int | None:
        n = self.number(sheet, row, column, label, whole=True, lo=lo, hi=hi, required=True)
        return int(n) if n is not None else None

    def kb_text(self, sheet: str, row: int, column: int) -> str:
        value = self._ws(sheet).cell(row + 1, column + 1).value
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    def missing_column(self, sheet: str, header_row: int, header: str) -> None:
        """A knowledge-base table lacks a column: reported, and nothing is resolved."""
        message = T.READ_KB_COLUMN.format(header=header)
        self.problems.append(Problem(f"{sheet}!{a1(header_row, 0)}", "", message))
        self.kb_complete = False

    def kb_width(self, sheet: str) -> int:
        return int(self._ws(sheet).max_column)

    def kb_number(self, sheet: str, row: int, column: int) -> float | None:
        value = self._ws(sheet).cell(row + 1, column + 1).value
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(sheet, row, column, T.READ_BAD_KB, value)
            return None
        return float(value)


_DIRECTION: dict[str, Direction] = {DIRECTION_LABELS[d]: d for d in DIRECTIONS}


def _read_kb(c: _Cells, lay: Layout) -> BookKB:
    """The knowledge-base sheets, read by their column specifications (kb_columns)."""
    n = lay.counts
    header = lay.vd_first - 1
    groups = KT.read_table(c, K.GROUPS, header, n.groups)
    services = KT.read_table(c, K.SERVICES, header, n.services)
    consequences = KT.read_table(c, K.consequences_spec(n.profile), header, n.cons_rows)
    effects = KT.read_table(c, K.EFFECTS, header, n.effects)
    sources = KT.read_table(c, K.SOURCES, header, n.sources)
    index: list[K.IndexRow] = KT.read_table(c, K.INDEX, lay.idx_header + 1, n.index_years)
    steps = KT.read_table(c, K.RATES, lay.rate_header + 1, n.steps)
    items: list[K.ItemRow] = KT.read_table(c, K.ITEMS, lay.items_header + 1, n.budget_items)
    label, base = K.parse_index_heading(c.kb_text(T.VD_INDEKS, lay.idx_header, 0))
    fingerprint = ""
    if "som.vidensdatabase" in c.wb.defined_names:
        fingerprint = c.kb_text(*_name_cell(c.wb, "som.vidensdatabase"))
    first = index[0] if index else K.IndexRow(0, 0.0, "illustrative", "")
    return BookKB(
        services=tuple(services),
        groups=tuple(groups),
        consequences=tuple(consequences),
        effects=tuple(effects),
        schedules=K.schedules_from_rows(steps),
        sources=tuple(sources),
        index=tuple((row.year, row.value) for row in index),
        index_label=label,
        index_base=base,
        index_status=first.status,
        index_source=first.source,
        budget_items=tuple((i.id, i.label, i.area) for i in items),
        fingerprint=fingerprint,
    )


def _read_inputs(c: _Cells, lay: Layout, bkb: BookKB) -> Inputs:
    st = T.INDSTILLINGER
    rows = lay.settings_rows
    sc = lay.settings_col

    def label(key: str) -> str:
        return T.SETTINGS_INPUTS[key][0]

    start = c.whole(st, rows["startaar"], sc, label("startaar"), 2000, 2100)
    horizon = c.whole(st, rows["horisont"], sc, label("horisont"), 1, YEARS)
    price_year = c.whole(st, rows["prisaar"], sc, label("prisaar"), 1900, 2200)
    discount = c.text(st, rows["diskontering"], sc)
    rate_row = rows["diskonteringsrente"]
    fixed = c.number(
        st,
        rate_row,
        sc,
        label("diskonteringsrente"),
        required=discount.casefold() == T.FAST_RENTE.casefold(),
    )
    if fixed is not None and not MIN_DISCOUNT_RATE <= fixed <= MAX_DISCOUNT_RATE:
        limits = T.READ_RATE.format(lo=_da(MIN_DISCOUNT_RATE), hi=_da(MAX_DISCOUNT_RATE))
        c.add(st, rate_row, sc, f"{label('diskonteringsrente')} {limits}", c.raw(st, rate_row, sc))
        fixed = None
    course = c.whole(st, rows["forloebsaar"], sc, label("forloebsaar"), 1, 20)
    c.settings_ok = None not in (start, horizon, price_year, course)

    ins = T.INDSATS
    group = c.text(ins, lay.group_row, lay.value_col)
    if not group:
        c.add(ins, lay.group_row, lay.value_col, T.READ_UNKNOWN.format(known=_known(bkb)), None)
    rate = c.number(
        ins, lay.success_row, lay.value_col, T.INDSATS_SUCCESS, lo=0, hi=1, required=True
    )
    participants: dict[int, float] = {}
    for t in range(YEARS):
        n = c.number(ins, lay.part_first + t, lay.part_col, T.INDSATS_PARTICIPANTS_COLS[1])
        if n is None:
            continue
        if n < 0 or not n.is_integer():
            c.add(ins, lay.part_first + t, lay.part_col, T.READ_PEOPLE, n)
            continue
        if n != 0 and start is not None and horizon is not None and t >= horizon:
            first, last = start, start + horizon - 1
            outside = T.READ_OUTSIDE_PEOPLE.format(first=first, last=last)
            c.add(ins, lay.part_first + t, lay.part_col, outside, _plain(n))
            continue
        participants[t] = n

    om = T.OMKOSTNINGER

    def cost_head(r: int) -> tuple[str, str, str, str, int | None]:
        year = c.number(om, r, L.C_YEAR, T.COSTS_COLS[4], whole=True, lo=1900, hi=2200)
        return (
            c.text(om, r, L.C_LABEL),
            c.text(om, r, L.C_KIND),
            c.text(om, r, L.C_PURSE),
            c.text(om, r, L.C_ITEM),
            int(year) if year is not None else None,
        )

    def amount(r: int, column: int, label: str) -> float | None:
        """A cost amount: savings are written as positive amounts of the kind 'Sparet'."""
        a = c.number(om, r, column, label)
        if a is not None and a < 0:
            c.add(om, r, column, f"{label} {T.READ_NEGATIVE_AMOUNT}", c.raw(om, r, column))
            return None
        return a

    year_costs: list[YearCost | None] = []
    for r in lay.ycost_rows:
        head = cost_head(r)
        amounts: dict[int, float] = {}
        for t in range(YEARS):
            a = amount(r, lay.cost_year_col + t, T.VALIDATION["beloeb"][0])
            if a is not None and a != 0:
                amounts[t] = a
        present = any(head[:4]) or head[4] is not None or bool(amounts)
        year_costs.append(YearCost(*head, amounts) if present else None)
    part_costs: list[PartCost | None] = []
    for r in lay.pcost_rows:
        head = cost_head(r)
        per = amount(r, lay.cost_amount_col, T.COSTS_PER_PARTICIPANT)
        present = any(head[:4]) or head[4] is not None or per is not None
        part_costs.append(PartCost(*head, per or 0.0) if present else None)

    ko = T.KONSEKVENSER
    k_len = lay.counts.profile
    max_cons = lay.counts.max_cons

    def profile(r: int) -> dict[int, float]:
        out: dict[int, float] = {}
        for k in range(k_len):
            value = c.number(ko, r, lay.cons_profile_col + k, T.ROW_OWN)
            if value is not None:
                out[k + 1] = value
        return out

    def on(r: int) -> bool:
        """The 'Med' switch: Ja or Nej (any case, as Excel compares); blank is off."""
        text = c.text(ko, r, L.K_ON)
        if text and text.casefold() not in (T.JA.casefold(), T.NEJ.casefold()):
            known = T.READ_UNKNOWN.format(known=f"{T.JA}, {T.NEJ}")
            c.add(ko, r, L.K_ON, known, c.raw(ko, r, L.K_ON))
        return text.casefold() == T.JA.casefold()

    switches, overrides = [], []
    for i in range(max_cons):
        r = lay.cons_block_row(i)
        switches.append(on(r))
        overrides.append(profile(r + 1))
    own_cons: list[OwnConsequence | None] = []
    for j in range(N_OWN_CONS):
        r = lay.cons_block_row(max_cons + j)
        service = c.text(ko, r, L.K_LABEL)
        prof = profile(r + 1)
        if prof and not service:
            c.add(ko, r, L.K_LABEL, T.READ_OWN_CONS_SERVICE, None)
        own_cons.append(OwnConsequence(service, on(r), prof) if service or prof else None)

    pr = T.PRISER

    def prices(r: int) -> tuple[float | None, float | None, float | None]:
        p = [c.number(pr, r, L.P_LOCAL + a, T.PRICES_COLS[L.P_LOCAL + a]) for a in range(3)]
        return (p[0], p[1], p[2])

    def year(r: int) -> int | None:
        y = c.number(pr, r, L.P_LOCAL_YEAR, T.PRICES_COLS[L.P_LOCAL_YEAR], whole=True)
        return int(y) if y is not None else None

    local: dict[str, LocalPrice] = {}
    for i, s in enumerate(bkb.services):
        r = lay.price_row(i)
        p, y = prices(r), year(r)
        if any(v is not None for v in p) or y is not None:
            local[s.id] = LocalPrice(p, y)
    own_services: list[OwnService | None] = []
    labels = {s.label.casefold() for s in bkb.services}
    for j in range(N_OWN_SERVICES):
        r = lay.price_row(len(bkb.services) + j)
        name = c.text(pr, r, L.P_LABEL)
        p, y = prices(r), year(r)
        rest = (c.text(pr, r, L.P_UNIT), c.text(pr, r, L.P_DIR), c.text(pr, r, L.P_ITEM))
        if not name:
            if any(rest) or any(v is not None for v in p):
                c.add(pr, r, L.P_LABEL, T.READ_OWN_SERVICE.format(missing="et navn"), None)
            own_services.append(None)
            continue
        if name.casefold() in labels:
            c.add(pr, r, L.P_LABEL, T.READ_DUPLICATE_LABEL, name)
        if not lookup_safe(name):
            c.add(pr, r, L.P_LABEL, T.READ_LOOKUP_TEXT, name)
        labels.add(name.casefold())
        if rest[1] and rest[1].casefold() not in {d.casefold() for d in _DIRECTION}:
            known = ", ".join(_DIRECTION)
            c.add(pr, r, L.P_DIR, T.READ_UNKNOWN.format(known=known), rest[1])
        own_services.append(OwnService(name, *rest, p, y))

    # The quick estimate is not part of the scenario: its cells are read without complaints.
    sk = T.SKOEN
    srows = lay.skoen_rows

    def quiet(key: str) -> float | None:
        value = c.raw(sk, srows[key], 1)
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return float(value) if ok else None

    skoen = SkoenInputs(
        target_group=c.text(sk, srows["maalgruppe"], 1),
        participants=quiet("deltagere") or 0.0,
        cost=quiet("pris") or 0.0,
        success_rate=quiet("succesrate"),
    )

    def need(value: Any) -> Any:
        return value if value is not None else 0

    return Inputs(
        name=c.text(st, rows["navn"], sc),
        start_year=need(start),
        horizon=need(horizon),
        price_year=need(price_year),
        discount=discount,
        fixed_rate=fixed if fixed is not None else 0.0,
        course_years=need(course),
        target_group=group,
        intervention=c.text(ins, lay.effect_row, lay.value_col) or T.INGEN_INDSATS,
        success_rate=rate if rate is not None else 0.0,
        participants=participants,
        year_costs=year_costs,
        part_costs=part_costs,
        switches=switches,
        overrides=overrides,
        own_cons=own_cons,
        local_prices=local,
        own_services=own_services,
        skoen=skoen,
    )


def _plain(x: float) -> float | int:
    """4.0 -> 4 for messages."""
    return int(x) if x.is_integer() else x


def _da(x: float) -> str:
    """A number as Danish text: 0.2 -> '0,2'."""
    return f"{x:g}".replace(".", ",")


def _known(bkb: BookKB) -> str:
    return ", ".join(g.label for g in bkb.groups)
