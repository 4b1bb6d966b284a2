"""The knowledge-base sheets as column specifications, shared by the writer and the reader.

Every table on the *VD …* sheets is a :class:`TableSpec`: the sheet, the record type one
row holds, and its :class:`Column` list. A column names its Danish header, the record
attribute it holds, its width and number format, the defined name over its data, and its
:data:`Kind`, which says how a value is written and read back (a status id is written as
its Danish label and read back to the id, a direction likewise, optional numbers as blank
cells, ...). Columns that only help the reader of the sheet (a target group's label beside
its id) are *derived*: written from the other records and skipped when reading.

:func:`som_xl.workbook.kb_tables.write_table` writes records from a spec;
:func:`som_xl.workbook.kb_tables.read_table` finds the columns by their headers and reads
the records back. Other sheets refer to a column through
:meth:`TableSpec.col`, never by a literal column number, so a column can move by changing
its spec alone.

>>> SERVICES.col("status"), SERVICES.col("prices", 2)
(9, 8)
>>> GROUPS.headers()[:3]
('Id', 'Målgruppe', 'Område')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ..conventions import DIRECTION_LABELS, DIRECTIONS, STATUS_LABELS, Direction
from . import text as T
from .book import (
    BookBaseline,
    BookConsequence,
    BookEffect,
    BookGroup,
    BookKB,
    BookSchedule,
    BookService,
    BookSource,
)
from .layout import N_DURING
from .style import INT, KR2, PCT, UNITS, YEAR

__all__ = [
    "BASELINES",
    "CONS_HEAD",
    "DIRECTION_IDS",
    "EFFECTS",
    "GROUPS",
    "INDEX",
    "ITEMS",
    "RATES",
    "SERVICES",
    "SOURCES",
    "STATUS_IDS",
    "Column",
    "IndexRow",
    "ItemRow",
    "Kind",
    "Labels",
    "StepRow",
    "TableSpec",
    "consequences_spec",
    "index_heading",
    "index_rows",
    "item_rows",
    "parse_index_heading",
    "schedules_from_rows",
    "step_rows",
]

#: How a column's value is written and read back.
#:
#: ``text``        text as is (an empty text is a blank cell)
#: ``int``         a whole number (a blank cell reads as 0)
#: ``opt_int``     a whole number or None (a blank cell)
#: ``number``      a number (a blank cell reads as 0.0)
#: ``opt_number``  a number or None (a blank cell)
#: ``status``      a status id written as its Danish label (published → Offentliggjort)
#: ``direction``   a direction id written as its Danish label (revenue → indtægt)
#: ``profile``     one year of a profile; blank after the profile's last year
#: ``tail``        a tail id written as its Danish label (hold → Fasthold; '' blank)
#: ``yesno``       a bool written as Ja or Nej (blank reads as Ja)
Kind = Literal[
    "text",
    "int",
    "opt_int",
    "number",
    "opt_number",
    "status",
    "direction",
    "profile",
    "tail",
    "yesno",
]

#: Status label → status id, direction label → direction id (the reader's way back).
STATUS_IDS: dict[str, str] = {label: status for status, label in STATUS_LABELS.items()}
DIRECTION_IDS: dict[str, Direction] = {DIRECTION_LABELS[d]: d for d in DIRECTIONS}
TAIL_IDS: dict[str, str] = {label: tail for tail, label in T.TAIL_LABELS.items()}


@dataclass(frozen=True)
class Labels:
    """Labels by id, for the derived columns (a target group's name beside its id)."""

    groups: Mapping[str, str]
    services: Mapping[str, str]
    units: Mapping[str, str] = field(default_factory=dict)  # service id → unit label

    @classmethod
    def of(cls, bkb: BookKB) -> Labels:
        """The labels of a knowledge base as the workbook shows it."""
        return cls(
            {g.id: g.label for g in bkb.groups},
            {s.id: s.label for s in bkb.services},
            {s.id: s.unit for s in bkb.services},
        )


@dataclass(frozen=True)
class Column:
    """One column of a knowledge-base table.

    Attributes
    ----------
    header : str
        The Danish header; the reader finds the column by it.
    attr : str
        The record attribute the column holds.
    kind : Kind
        How the value is written and read back.
    width : float or None
        Column width (None: the sheet sets its widths itself).
    num_format : str or None
        Number format of the data cells.
    part : int or None
        For a tuple attribute (prices, profile): which element the column holds.
    name : str or None
        Defined name over the column's data cells (used by formulas), if any.
    derive : callable or None
        For a derived column: the value from the record and :class:`Labels`. Derived
        columns are written, never read back.
    align : str or None
        Horizontal alignment (plain tables only).
    first_only : bool
        Written on the first row of each group of rows only (plain tables: the status and
        source of the price index and of each discount schedule).
    """

    header: str
    attr: str
    kind: Kind = "text"
    width: float | None = None
    num_format: str | None = None
    part: int | None = None
    name: str | None = None
    derive: Callable[[Any, Labels], Any] | None = None
    align: str | None = None
    first_only: bool = False

    def value(self, record: Any, labels: Labels) -> Any:
        """The constant this column writes for a record (None for a blank cell)."""
        if self.derive is not None:
            return self.derive(record, labels)
        value = getattr(record, self.attr)
        if self.part is not None:
            value = value[self.part] if self.part < len(value) else None
        if self.kind == "status":
            return STATUS_LABELS.get(value, value)
        if self.kind == "direction":
            return DIRECTION_LABELS[value]
        if self.kind == "tail":
            return T.TAIL_LABELS.get(value, value)
        if self.kind == "yesno":
            return T.JA if value else T.NEJ
        return value


@dataclass(frozen=True)
class TableSpec:
    """The columns of one knowledge-base table and the record one row holds.

    Attributes
    ----------
    sheet : str
        The sheet the table is on.
    record : type
        The record class; the reader calls it with the non-derived attributes.
    columns : tuple of Column
        The columns, left to right from column A.
    wrap : bool
        Whether text wraps in the table's rows.
    plain : bool
        A plain table (on *VD Indeks og renter*): no status colour for whole rows.
    group : str or None
        For plain tables with ``first_only`` columns: the attribute whose runs of equal
        values form a group (None: the whole table is one group).
    """

    sheet: str
    record: type
    columns: tuple[Column, ...]
    wrap: bool = False
    plain: bool = False
    group: str | None = None

    def headers(self) -> tuple[str, ...]:
        """The headers, left to right."""
        return tuple(c.header for c in self.columns)

    def col(self, attr: str, part: int | None = None) -> int:
        """The position (0 = column A) of the column holding ``attr`` (element ``part``).

        Raises KeyError if the table has no such column.
        """
        for i, c in enumerate(self.columns):
            if c.attr == attr and c.part == part and c.derive is None:
                return i
        raise KeyError((self.sheet, attr, part))

    def named(self) -> list[tuple[str, int]]:
        """The defined names over columns: (name, position), left to right."""
        return [(c.name, i) for i, c in enumerate(self.columns) if c.name is not None]


# --- the records of the stacked tables on 'VD Indeks og renter' ----------------------------


@dataclass(frozen=True)
class IndexRow:
    """One year of the price index (status and source are the index's, on the first row)."""

    year: int
    value: float
    status: str
    source: str


@dataclass(frozen=True)
class StepRow:
    """One step of a discount schedule (status and source on the schedule's first step)."""

    id: str
    label: str
    from_year: int
    rate: float
    status: str
    source: str


@dataclass(frozen=True)
class ItemRow:
    """A budget item: id, label and main area."""

    id: str
    label: str
    area: str
    committee: str = ""


def index_rows(bkb: BookKB) -> list[IndexRow]:
    """The price index as rows."""
    return [IndexRow(y, v, bkb.index_status, bkb.index_source) for y, v in bkb.index]


def step_rows(bkb: BookKB) -> list[StepRow]:
    """Every discount schedule's steps as rows, schedule after schedule."""
    return [
        StepRow(s.id, s.label, from_year, rate, s.status, s.source)
        for s in bkb.schedules
        for from_year, rate in s.steps
    ]


def schedules_from_rows(rows: Sequence[StepRow]) -> tuple[BookSchedule, ...]:
    """The discount schedules from their step rows (the inverse of :func:`step_rows`)."""
    steps: dict[str, list[StepRow]] = {}
    for row in rows:
        steps.setdefault(row.id, []).append(row)
    return tuple(
        BookSchedule(
            sid,
            rs[0].label,
            tuple((r.from_year, r.rate) for r in rs),
            rs[0].status,
            rs[0].source,
        )
        for sid, rs in steps.items()
    )


def item_rows(bkb: BookKB) -> list[ItemRow]:
    """The budget items as rows."""
    committees = bkb.item_committees or ("",) * len(bkb.budget_items)
    return [ItemRow(*item, c) for item, c in zip(bkb.budget_items, committees, strict=True)]


def index_heading(label: str, base: str) -> str:
    """The price-index heading, which carries its label and base.

    >>> index_heading("Nettoprisindeks", "2015=100")
    'Prisindeks: Nettoprisindeks (2015=100)'
    >>> parse_index_heading(index_heading("Nettoprisindeks", "2015=100"))
    ('Nettoprisindeks', '2015=100')
    """
    return f"{T.VD_INDEX_HEADER}: {label} ({base})"


def parse_index_heading(text: str) -> tuple[str, str]:
    """Label and base from the price-index heading (see :func:`index_heading`)."""
    head = text.removeprefix(f"{T.VD_INDEX_HEADER}: ")
    label, _, base = head.rpartition(" (")
    return label, base.removesuffix(")")


# --- the specifications -----------------------------------------------------------------


def _cited(
    width_source: float, width_locator: float, width_note: float, status_name: str = ""
) -> tuple[Column, ...]:
    """Status, source, locator and note: the citation block every value carries."""
    return (
        Column("Status", "status", "status", 14, name=status_name or None),
        Column("Kilde", "source", width=width_source),
        Column("Placering i kilden", "locator", width=width_locator),
        Column("Udregning / bemærkning", "note", width=width_note),
    )


GROUPS = TableSpec(
    T.VD_MAALGRUPPER,
    BookGroup,
    (
        Column("Id", "id", width=22, name="vd.mg_id"),
        Column("Målgruppe", "label", width=34, name="vd.mg_navn"),
        Column("Område", "area", width=13, name="vd.mg_omraade"),
        Column("Alder fra", "age_min", "int", 9, name="vd.mg_alder_fra"),
        Column("Alder til", "age_max", "opt_int", 9, name="vd.mg_alder_til"),
        Column("Registerdefinition", "register_definition", width=40, name="vd.mg_register"),
        Column("Succesmål", "success_measure", width=40, name="vd.mg_succesmaal"),
        Column("Status", "status", "status", 14, name="vd.mg_status"),
        Column("Kilde", "source", width=30, name="vd.mg_kilde"),
        Column("Placering i kilden", "locator", width=16),
        Column("Udregning / bemærkning", "note", width=30),
        Column("Foreslået indsats", "effect", width=34, name="vd.mg_indsats"),
        Column(
            "Foreslået succesrate",
            "success_rate",
            "opt_number",
            12,
            PCT,
            name="vd.mg_succesrate",
        ),
        Column("Antal konsekvenser", "n_cons", "int", 12),
    ),
    wrap=True,
)

SERVICES = TableSpec(
    T.VD_YDELSER,
    BookService,
    (
        Column("Id", "id", width=26),
        Column("Ydelse", "label", width=40),
        Column("Enhed", "unit", width=10),
        Column("Retning", "direction", "direction", 9),
        Column("Udgiftspost", "budget_item", width=30),
        Column("Prisår", "price_year", "int", 8, YEAR),
        Column("Kommune", "prices", "number", 12, KR2, part=0),
        Column("Region", "prices", "number", 12, KR2, part=1),
        Column("Stat", "prices", "number", 12, KR2, part=2),
        *_cited(30, 14, 40),
        Column("Beskrivelse", "description", width=30),
    ),
)

#: The columns of 'VD Konsekvenser' before the profile years.
CONS_HEAD: tuple[Column, ...] = (
    Column("Nøgle", "key", width=26, name="vd.k_noegle", derive=lambda c, _: c.key),
    Column("Målgruppe-id", "group", width=22),
    Column(
        "Målgruppe", "group_label", width=28, derive=lambda c, lab: lab.groups.get(c.group, c.group)
    ),
    Column("Nr.", "nr", "int", 5),
    Column("Ydelses-id", "service", width=26, name="vd.k_ydelse"),
    Column(
        "Ydelse",
        "service_label",
        width=34,
        derive=lambda c, lab: lab.services.get(c.service, c.service),
    ),
)


def consequences_spec(profile_len: int) -> TableSpec:
    """'VD Konsekvenser': key and ids, one column per profile year, the citation block.

    Parameters
    ----------
    profile_len : int
        Profile columns (the longest profile, at least ``MIN_PROFILE``).

    Returns
    -------
    TableSpec
        The table; its profile columns hold ``profile`` elements 0 … profile_len − 1.

    Examples
    --------
    >>> spec = consequences_spec(10)
    >>> spec.col("profile", 0), spec.col("status"), spec.headers()[6]
    (6, 28, 'År 1')
    """
    years = tuple(
        Column(f"{T.CONS_YEAR}{k + 1}", "profile", "profile", 9, UNITS, part=k)
        for k in range(profile_len)
    )
    during = tuple(
        Column(f"{T.CONS_DURING}{k + 1}", "during", "profile", 11, UNITS, part=k)
        for k in range(N_DURING)
    )
    tail = (
        Column("Profilår", "years", "int", 8, name="vd.k_aar", derive=lambda c, _: len(c.profile)),
        Column("Hale", "tail", "tail", 10, name="vd.k_hale"),
        Column("Aftagsrate", "tail_rate", "opt_number", 10, PCT, name="vd.k_halerate"),
        Column("Halens begrundelse", "tail_reason", width=40, name="vd.k_halebegrundelse"),
        Column("Anbefalet", "recommended", "yesno", 10, name="vd.k_anbefalet"),
        Column("Anbefalingens begrundelse", "recommended_reason", width=40, name="vd.k_anbefaling"),
        Column(T.VD_ASSUMED_FROM, "assumed_from", "opt_int", 10, name="vd.k_antaget"),
    )
    cited = _cited(30, 14, 30, "vd.k_status")
    return TableSpec(
        T.VD_KONSEKVENSER, BookConsequence, (*CONS_HEAD, *years, *during, *tail, *cited)
    )


BASELINES = TableSpec(
    T.VD_UDGANGSFORBRUG,
    BookBaseline,
    (
        Column("Nøgle", "key", width=40, name="vd.gf_noegle", derive=lambda b, _: b.key),
        Column("Målgruppe-id", "group", width=26),
        Column(
            "Målgruppe", "group_label", width=34, derive=lambda b, lab: lab.groups.get(b.group, "")
        ),
        Column("Ydelses-id", "service", width=24),
        Column(
            "Ydelse",
            "service_label",
            width=34,
            derive=lambda b, lab: lab.services.get(b.service, b.service),
        ),
        Column("Enhed", "unit", width=10, derive=lambda b, lab: lab.units.get(b.service, "")),
        Column(
            "Udgangsforbrug pr. borger pr. år",
            "units",
            "number",
            16,
            UNITS,
            name="vd.gf_enheder",
        ),
        *_cited(30, 40, 40),
    ),
    wrap=True,
)

EFFECTS = TableSpec(
    T.VD_EFFEKTER,
    BookEffect,
    (
        Column("Visningsnavn", "display", width=40, name="vd.e_navn"),
        Column("Id", "id", width=20),
        Column("Indsats", "intervention", width=30),
        Column("Målgruppe-id", "target_group", width=20, name="vd.e_mg_id"),
        Column(
            "Målgruppe",
            "target_group_label",
            width=28,
            name="vd.e_mg",
            derive=lambda e, lab: lab.groups.get(e.target_group, ""),
        ),
        Column("Evidensniveau", "evidence_level", "int", 10, name="vd.e_evidens"),
        Column("Udfald", "outcome", width=28, name="vd.e_udfald"),
        Column("Effektstørrelse", "effect_size", width=22, name="vd.e_stoerrelse"),
        Column("Succesrate", "success_rate", "opt_number", 11, PCT, name="vd.e_succesrate"),
        Column("Kontekst", "context", width=30, name="vd.e_kontekst"),
        Column("Status", "status", "status", 14, name="vd.e_status"),
        Column("Kilde", "source", width=30, name="vd.e_kilde"),
        Column("Placering i kilden", "locator", width=14),
        Column("Udregning / bemærkning", "note", width=30),
        Column(
            "Succesrate, lav (95 %-KI)",
            "success_rate_low",
            "opt_number",
            11,
            PCT,
            name="vd.e_lav",
        ),
        Column(
            "Succesrate, høj (95 %-KI)",
            "success_rate_high",
            "opt_number",
            11,
            PCT,
            name="vd.e_hoej",
        ),
        Column("Kilde til intervallet", "range_source", width=30),
        Column("Placering (interval)", "range_locator", width=14),
    ),
    wrap=True,
)

SOURCES = TableSpec(
    T.VD_KILDER,
    BookSource,
    (
        Column("Id", "id", width=26),
        Column("Titel", "title", width=50),
        Column("Udgiver", "publisher", width=26),
        Column("År", "year", "int", 7, YEAR),
        Column("Adresse", "url", width=50),
        Column("Hentet", "accessed", width=12),
        Column("Bemærkning", "note", width=50),
    ),
    wrap=True,
)

INDEX = TableSpec(
    T.VD_INDEKS,
    IndexRow,
    (
        Column("År", "year", "int", num_format=YEAR, align="left", name="vd.indeks_aar"),
        Column("Indeks", "value", "number", num_format="0.0##", name="vd.indeks"),
        Column("Status", "status", "status", first_only=True),
        Column("Kilde", "source", first_only=True),
    ),
    plain=True,
)

RATES = TableSpec(
    T.VD_INDEKS,
    StepRow,
    (
        Column("Id", "id"),
        Column("Navn", "label"),
        Column("Fra år nr.", "from_year", "int", num_format=INT, align="left"),
        Column("Rente", "rate", "number", num_format="0.0%"),
        Column("Status", "status", "status", first_only=True),
        Column("Kilde", "source", first_only=True),
    ),
    plain=True,
    group="id",
)

ITEMS = TableSpec(
    T.VD_INDEKS,
    ItemRow,
    (
        Column("Id", "id"),
        Column("Post", "label"),
        Column("Hovedområde", "area"),
        Column("Udvalg (standard)", "committee"),
    ),
    plain=True,
)
