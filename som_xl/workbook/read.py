"""Reading a filled-in workbook back (``som-xl read``): inputs → the engine's Resolved.

The reader reads only constants: the yellow input cells and the knowledge-base sheets. It
never relies on formula results, so a workbook saved by any program (also one that does
not recalculate) reads the same. An input cell that holds a formula (a user may type
``=1500000*0.8``) is read through its cached result when the file has one.

Everything settles through :func:`som_xl.workbook.values.resolve_workbook`: the inputs become
a scenario settled by the one resolver, the path the builder takes for the cached values,
so ``som-xl read`` computes what the workbook shows.
Problems name ``sheet!cell`` in Danish; the input file is opened read-only and never
modified.

Where things are: this module opens the file and reads the knowledge-base sheets through
their column specifications (:mod:`.kb_columns`, :mod:`.kb_tables`) into the workbook's
view (``BookKB``) and a real ``KnowledgeBase`` (:mod:`.kb_read`); :mod:`.read_inputs`
reads the yellow cells, :mod:`.read_cells` gives typed cell access.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path
from typing import Any, Final

import openpyxl
from openpyxl.workbook.workbook import Workbook

from ..errors import InputError, Problem
from ..inputs import Resolved
from ..inputs import fields as F
from ..kb import KnowledgeBase
from . import kb_columns as K
from . import kb_tables as KT
from . import text as T
from .book import BookBaseline, BookConsequence, BookEffect, BookGroup, BookService
from .kb_read import knowledge_base, workbook_defaults
from .layout import MIN_PROFILE, YEARS, Counts, Layout
from .model import BookKB, Inputs
from .read_cells import Cells
from .read_inputs import read_inputs
from .read_package import READ_XML_FORBIDDEN, forbidden_xml, read_package
from .read_sheets import read_variants
from .values import resolve_workbook

__all__ = [
    "MAX_TABLE_ROWS",
    "WorkbookContent",
    "read_checked",
    "read_content",
    "read_workbook",
]

#: The most rows the layout stamp may give one knowledge-base table; the knowledge base's
#: largest table has about 200. The reader visits no more rows than this.
MAX_TABLE_ROWS: Final = 5_000
#: The longest layout stamp read (a stamp is about 150 characters).
MAX_STAMP_CHARS: Final = 1_000

READ_KB_INDEX: Final = (
    "prisindekset skal have hvert år én gang og et tal over 0; arket er ændret eller beskadiget"
)
READ_KB_PRICE_YEAR: Final = (
    "ydelsens prisår ({year}) findes ikke i prisindekset (arket "
    + T.VD_INDEKS
    + "); arket er ændret eller beskadiget"
)
READ_KB_EVIDENCE: Final = "evidensniveauet skal være 1, 2 eller 3; arket er ændret eller beskadiget"
READ_KB_RANGE: Final = (
    "succesratens nedre grænse er større end den øvre; arket er ændret eller beskadiget"
)
READ_KB_UNKNOWN: Final = "{what} findes ikke på arket '{table}'; arket er ændret eller beskadiget"
READ_KB_N_CONS: Final = (
    "antallet af konsekvenser passer ikke med arket '"
    + T.VD_KONSEKVENSER
    + "' ({n}); arket er ændret eller beskadiget"
)
READ_STAMP_LIMIT: Final = (
    "projektmappens layoutstempel (navnet 'som.layout') siger {key}={value}; det skal "
    "ligge mellem {low} og {high}. Stemplet er ændret eller beskadiget; byg en ny "
    "projektmappe med 'som-xl build' og overfør jeres tal"
)
READ_STAMP_ROWS: Final = (
    "projektmappens layoutstempel (navnet 'som.layout') siger {key}={value}, men arket "
    "'{sheet}' har kun {rows} rækker. Stemplet er ændret eller beskadiget; byg en ny "
    "projektmappe med 'som-xl build' og overfør jeres tal"
)
#: Which sheet holds the rows a count of the stamp gives (profile counts columns).
_COUNT_SHEETS: Final = {
    "services": T.VD_YDELSER,
    "groups": T.VD_MAALGRUPPER,
    "cons_rows": T.VD_KONSEKVENSER,
    "effects": T.VD_EFFEKTER,
    "sources": T.VD_KILDER,
    "baselines": T.VD_UDGANGSFORBRUG,
    "index_years": T.VD_INDEKS,
    "steps": T.VD_INDEKS,
    "schedules": T.VD_INDEKS,
    "budget_items": T.VD_INDEKS,
    "max_cons": T.KONSEKVENSER,
}


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
        :func:`~som_xl.workbook.values.resolve_workbook` settles the inputs against.
    inputs : Inputs
        The yellow cells.
    layout : Layout
        Where everything is, rebuilt from the stamp ``som.layout``.
    version : str
        The som-xl version that built the workbook ('' if not stamped).
    variants : dict
        The sheet *Varianter*'s filled rows: ``{name: {"success_rate": x}}``.
    """

    def __init__(
        self,
        kb: KnowledgeBase,
        bkb: BookKB,
        inputs: Inputs,
        layout: Layout,
        version: str,
        variants: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        """Hold what :func:`read_content` read."""
        self.kb = kb
        self.bkb = bkb
        self.inputs = inputs
        self.layout = layout
        self.version = version
        self.variants = dict(variants or {})
        self._resolved: Resolved | None = None

    def resolve(self) -> Resolved:
        """The scenario the workbook calculates, as the engine's Resolved (settled once)."""
        if self._resolved is None:
            self._resolved = resolve_workbook(self.inputs, self.bkb, self.layout, self.kb)[0]
        return self._resolved

    def scenario(self, resolved: Resolved | None = None) -> dict[str, Any]:
        """The workbook's scenario (needing no knowledge base) with its ``variants:``."""
        out = (resolved or self.resolve()).to_scenario()
        if self.variants:
            out["variants"] = {k: dict(v) for k, v in self.variants.items()}
        return out


def read_workbook(path: Path) -> Resolved:
    """Read a SØM workbook and settle it into a scenario that needs no knowledge base."""
    return read_content(path).resolve()


def read_checked(path: Path) -> WorkbookContent:
    """Read a workbook as ``som-xl read`` does: problems name the workbook, and a workbook
    whose sheet *Kontrol* reports input errors (in its cached values) is refused.

    Parameters
    ----------
    path : Path
        A filled-in workbook.

    Returns
    -------
    WorkbookContent
        Its inputs already settled (:meth:`WorkbookContent.resolve`). Raises InputError: a
        cell's problem, in the cells or in settling them, reads
        ``<workbook>, <sheet>!<cell>: ...``.
    """
    from dataclasses import replace

    from .read_sheets import kontrol_problems

    try:
        content = read_content(path)
        content.resolve()  # settling the inputs finds problems too (a year outside the horizon)
    except InputError as exc:  # a cell's problem names the workbook too
        book = str(path)
        raise InputError(
            [replace(p, where=f"{book}, {p.where}") if "!" in p.where else p for p in exc.problems]
        ) from None
    problems = kontrol_problems(path)
    if problems:
        raise InputError(problems)
    return content


def read_content(path: Path) -> WorkbookContent:
    """Read the knowledge base and the inputs of a SØM workbook (raises InputError)."""
    path = Path(path)
    where = str(path)
    data = read_package(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's notes on unsupported extensions
            wb = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for damaged packages
        message = READ_XML_FORBIDDEN if forbidden_xml(exc) else T.READ_DAMAGED
        raise InputError(Problem(where, "", message)) from None
    stamp = wb.defined_names.get("som.layout")
    if stamp is None or stamp.attr_text is None:
        raise InputError(Problem(where, "", T.READ_FOREIGN))
    counts = _parse_stamp(stamp.attr_text)
    if counts is None:
        found = stamp.attr_text.strip('="').split(";")[0][:40]
        raise InputError(Problem(where, "", T.READ_LAYOUT.format(found=found)))
    missing = [name for name in T.SHEETS if name not in wb.sheetnames]
    if missing:
        raise InputError(
            [Problem(where, "", T.READ_SHEET_MISSING.format(sheet=m)) for m in missing]
        )
    _check_counts(counts, wb, where)
    cells = Cells(wb, data)
    layout = Layout(counts)
    bkb = _read_kb(cells, layout)
    inputs = read_inputs(cells, layout, bkb)
    variants = read_variants(cells, inputs.name or T.SCENARIO_DEFAULT_NAME)
    if cells.problems:
        problems = list(cells.problems)
        # also report what the settings make wrong, all together
        if cells.settings_ok and cells.kb_complete:
            kb = knowledge_base(bkb, workbook_defaults(inputs, bkb), path)
            try:
                resolve_workbook(inputs, bkb, layout, kb)
            except InputError as exc:
                problems += [p for p in exc.problems if p not in problems]
        raise InputError(problems)
    version = (
        cells.text(*_name_cell(wb, "som.version")) if "som.version" in wb.defined_names else ""
    )
    kb = knowledge_base(bkb, workbook_defaults(inputs, bkb), path)
    return WorkbookContent(kb, bkb, inputs, layout, version, variants)


def _parse_stamp(text: str) -> Counts | None:
    """The counts of a stamp; None for another version or a mangled stamp.

    A stamp is short ASCII; a long one or one of other digits (``²``, thousands of
    digits, which Python refuses to convert) is refused before it is parsed.
    """
    if len(text) > MAX_STAMP_CHARS or not text.isascii():
        return None
    try:
        return Counts.parse(text)
    except ValueError:
        return None


def _check_counts(counts: Counts, wb: Workbook, where: str) -> None:
    """Refuse a layout stamp that makes the reader visit more rows than the sheets hold.

    Each count is bounded (:data:`MAX_TABLE_ROWS` rows, profile columns between
    :data:`~.layout.MIN_PROFILE` and the horizon) and must fit in the rows its sheet has,
    so a forged stamp never makes the reader create millions of cells.
    """
    problems = []
    for key, value in counts.__dict__.items():
        low, high = (MIN_PROFILE, YEARS) if key == "profile" else (0, MAX_TABLE_ROWS)
        if key == "max_cons":
            high = min(high, counts.cons_rows)
        if not low <= value <= high:
            message = READ_STAMP_LIMIT.format(key=key, value=value, low=low, high=high)
            problems.append(Problem(where, "", message))
            continue
        sheet = _COUNT_SHEETS.get(key)
        rows = int(wb[sheet].max_row) if sheet in wb.sheetnames else None
        if rows is not None and value > rows:
            message = READ_STAMP_ROWS.format(key=key, value=value, sheet=sheet, rows=rows)
            problems.append(Problem(where, "", message))
    if problems:
        raise InputError(problems)


def _check_kb(
    c: Cells,
    lay: Layout,
    index: list[K.IndexRow],
    services: list[BookService],
    steps: list[K.StepRow],
    groups: list[BookGroup],
    consequences: list[BookConsequence],
    items: list[K.ItemRow],
) -> None:
    """The rules the knowledge base's loader checks, applied to its sheets.

    The sheets are locked, not sealed: a user can unlock them and change a value. What the
    calculation relies on (each index year once with a value above 0, every price year in
    the index, rates and success rates within the field table's bounds, profile units
    within bounds) is checked here, reported at ``sheet!cell`` and nothing is resolved, so
    a damaged sheet never becomes an internal error or a division by zero.
    """
    problems = len(c.problems)
    years: set[int] = set()
    for i, row in enumerate(index):
        if row.year in years or not row.value > 0:
            c.add(T.VD_INDEKS, lay.idx_header + 2 + i, 0, READ_KB_INDEX, row.year)
        years.add(row.year)
    known_items = {item.label for item in items} | {item.id for item in items}
    for i, service in enumerate(services):
        if service.price_year not in years:
            text = READ_KB_PRICE_YEAR.format(year=service.price_year)
            c.add(T.VD_YDELSER, lay.vd_first + i, 0, text, service.id)
        if service.budget_item not in known_items:
            text = READ_KB_UNKNOWN.format(what="udgiftsposten", table=T.VD_INDEKS)
            c.add(T.VD_YDELSER, lay.vd_first + i, 0, text, service.budget_item)
    service_ids = {service.id for service in services}
    group_ids = {group.id for group in groups}
    for i, consequence in enumerate(consequences):
        if consequence.service not in service_ids:
            text = READ_KB_UNKNOWN.format(what="ydelsen", table=T.VD_YDELSER)
            c.add(T.VD_KONSEKVENSER, lay.vd_first + i, 0, text, consequence.service)
        if consequence.group not in group_ids:
            text = READ_KB_UNKNOWN.format(what="målgruppen", table=T.VD_MAALGRUPPER)
            c.add(T.VD_KONSEKVENSER, lay.vd_first + i, 0, text, consequence.group)
    for j, step in enumerate(steps):
        message = F.check("discount_rate", step.rate, cells=True)
        if message is not None:
            c.add(T.VD_INDEKS, lay.rate_header + 2 + j, 0, _kb(message), step.rate)
    for i, group in enumerate(groups):
        n_cons = sum(1 for consequence in consequences if consequence.group == group.id)
        if group.n_cons != n_cons or n_cons > lay.counts.max_cons:
            text = READ_KB_N_CONS.format(n=n_cons)
            c.add(T.VD_MAALGRUPPER, lay.vd_first + i, 0, text, group.n_cons)
        if group.success_rate is None:
            continue
        message = F.check("success_rate", group.success_rate, cells=True)
        if message is not None:
            c.add(T.VD_MAALGRUPPER, lay.vd_first + i, 0, _kb(message), group.success_rate)
    for i, consequence in enumerate(consequences):
        for units in consequence.profile:
            message = F.check("consequences[].profile[]", units, cells=True)
            if message is not None:
                c.add(T.VD_KONSEKVENSER, lay.vd_first + i, 0, _kb(message), units)
                break
    if len(c.problems) > problems:
        c.kb_complete = False


def _check_effects(c: Cells, header: int, effects: list[BookEffect]) -> None:
    """Each effect's evidence level (1-3) and success rates (within the field table's bounds).

    The knowledge base's loader checks the same; on an unlocked sheet a level of 0 or a
    success rate of 5 would otherwise reach the calculation (the fuzz test found the level).
    """
    where = KT.locate(c, K.EFFECTS, header)
    problems = len(c.problems)
    for i, effect in enumerate(effects):
        row = header + 1 + i
        if effect.evidence_level not in T.EVIDENCE_LEVELS:
            col = where[K.EFFECTS.col("evidence_level")] or 0
            c.add(T.VD_EFFEKTER, row, col, READ_KB_EVIDENCE, effect.evidence_level)
        for attr in ("success_rate", "success_rate_low", "success_rate_high"):
            rate = getattr(effect, attr)
            message = None if rate is None else F.check("success_rate", rate, cells=True)
            if message is not None:
                col = where[K.EFFECTS.col(attr)] or 0
                c.add(T.VD_EFFEKTER, row, col, _kb(message), rate)
        low, high = effect.success_rate_low, effect.success_rate_high
        if low is not None and high is not None and low > high:
            col = where[K.EFFECTS.col("success_rate_low")] or 0
            c.add(T.VD_EFFEKTER, row, col, READ_KB_RANGE, low)
    if len(c.problems) > problems:
        c.kb_complete = False


def _check_baselines(
    c: Cells,
    lay: Layout,
    baselines: list[BookBaseline],
    services: list[BookService],
    groups: list[BookGroup],
) -> None:
    """Every baseline names a known group and service once, with units within bounds."""
    problems = len(c.problems)
    service_ids = {s.id for s in services}
    group_ids = {g.id for g in groups}
    seen: set[str] = set()
    for i, b in enumerate(baselines):
        r = lay.vd_first + i
        if b.service not in service_ids:
            text = READ_KB_UNKNOWN.format(what="ydelsen", table=T.VD_YDELSER)
            c.add(T.VD_UDGANGSFORBRUG, r, 0, text, b.service)
        if b.group not in group_ids:
            text = READ_KB_UNKNOWN.format(what="målgruppen", table=T.VD_MAALGRUPPER)
            c.add(T.VD_UDGANGSFORBRUG, r, 0, text, b.group)
        if b.key in seen:
            c.add(T.VD_UDGANGSFORBRUG, r, 0, _kb("målgruppe og ydelse står to gange"), b.key)
        seen.add(b.key)
        message = F.check("baseline.<service>", b.units, cells=True)
        if message is not None:
            c.add(T.VD_UDGANGSFORBRUG, r, 0, _kb(message), b.units)
    if len(c.problems) > problems:
        c.kb_complete = False


def _kb(message: str) -> str:
    """A field table's message about a knowledge-base cell."""
    return f"vidensdatabasens værdi: {message}; arket er ændret eller beskadiget"


def _name_cell(wb: Workbook, name: str) -> tuple[str, int, int]:
    """(sheet, row, column) of a single-cell defined name."""
    dn = wb.defined_names[name]
    for sheet, coord in dn.destinations:
        cell = wb[sheet][coord.replace("$", "")]
        return (sheet, cell.row - 1, cell.column - 1)
    raise KeyError(name)


def _read_kb(c: Cells, lay: Layout) -> BookKB:
    """The knowledge-base sheets, read by their column specifications (kb_columns)."""
    n = lay.counts
    header = lay.vd_first - 1
    groups = KT.read_table(c, K.GROUPS, header, n.groups)
    services = KT.read_table(c, K.SERVICES, header, n.services)
    consequences = KT.read_table(c, K.consequences_spec(n.profile), header, n.cons_rows)
    effects = KT.read_table(c, K.EFFECTS, header, n.effects)
    sources = KT.read_table(c, K.SOURCES, header, n.sources)
    baselines = KT.read_table(c, K.BASELINES, header, n.baselines)
    index: list[K.IndexRow] = KT.read_table(c, K.INDEX, lay.idx_header + 1, n.index_years)
    steps: list[K.StepRow] = KT.read_table(c, K.RATES, lay.rate_header + 1, n.steps)
    items: list[K.ItemRow] = KT.read_table(c, K.ITEMS, lay.items_header + 1, n.budget_items)
    if c.kb_complete:  # a missing column is reported alone, not as its consequences
        _check_kb(c, lay, index, services, steps, groups, consequences, items)
        _check_baselines(c, lay, baselines, services, groups)
        _check_effects(c, header, effects)
    label, base = K.parse_index_heading(c.kb_text(T.VD_INDEKS, lay.idx_header, 0))
    fingerprint = ""
    if "som.vidensdatabase" in c.wb.defined_names:
        fingerprint = c.kb_text(*_name_cell(c.wb, "som.vidensdatabase"))
    version = ""
    if "som.vidensdatabase_version" in c.wb.defined_names:
        version = c.kb_text(*_name_cell(c.wb, "som.vidensdatabase_version"))
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
        item_committees=tuple(i.committee for i in items),
        fingerprint=fingerprint,
        version=version,
        baselines=tuple(baselines),
    )
