"""The SØM workbook: generated with xlsxwriter from the knowledge base, live native formulas.

``build_workbook(path)`` writes ``workbooks/SOM.xlsx``: Danish sheets in the order a user
works, inputs in yellow unlocked cells, every result a native formula of the inputs
(functions that Excel 2010 and LibreOffice 7.4 both compute), each formula cell with the
engine's value as its cached result, defined names (``som.*``) for inputs and headline
outputs, and the knowledge base on locked sheets with source and status for every value.

The build is deterministic: the same knowledge base and version give identical bytes.
"""

from __future__ import annotations

import datetime as dt
import math
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from .._version import __version__
from ..conventions import (
    COST_BUDGET_ITEM,
    DIRECTION_LABELS,
    MAX_DISCOUNT_RATE,
    MIN_DISCOUNT_RATE,
    PURSE_LABELS,
    STATUS_LABELS,
)
from ..engine import BREAK_EVEN_TOLERANCE
from ..files import write_atomic
from ..kb import KnowledgeBase, load_kb
from . import layout as L
from . import text as T
from .layout import (
    N_OWN_SERVICES,
    N_PART_COSTS,
    N_YEAR_COSTS,
    YEARS,
    Layout,
    a1,
    col,
    ref,
    rng,
    xref,
)
from .model import BookKB, Inputs, book_kb, default_inputs, own_service_id
from .values import Values, compute

__all__ = ["BUILD_DATE", "NAMES", "build_workbook", "build_workbook_bytes"]

#: Fixed creation date in the workbook's properties (deterministic builds).
BUILD_DATE = dt.datetime(2026, 1, 1, 0, 0, 0)

#: The documented defined names (README "Projektmappen"): name -> Danish description.
NAMES: dict[str, str] = {
    "som.navn": "scenariets navn",
    "som.startaar": "startår",
    "som.horisont": "tidshorisont i år (1-50)",
    "som.slutaar": "sidste år i beregningen (formel)",
    "som.prisaar": "prisniveau (prisår)",
    "som.prisindeks": "prisindeks for prisniveauet (formel)",
    "som.diskontering": "valgt diskontering (renteforløb eller fast rente)",
    "som.diskonteringsrente": "den faste diskonteringsrente (bruges ved 'Fast rente')",
    "som.forloebsaar": "forløbets længde i år",
    "som.maalgruppe": "valgt målgruppe (navn)",
    "som.maalgruppe_id": "valgt målgruppes id (formel)",
    "som.indsats": "valgt indsats (effektstudie), kun som forslag",
    "som.succesrate": "succesrate (andel, netto efter dødvægt)",
    "som.deltagere": "nye deltagere pr. år (50 celler, startåret først)",
    "som.nettoresultat": "nettoresultat, udiskonteret (kr.)",
    "som.nettoresultat_nv": "nettoresultat, nutidsværdi (kr.)",
    "som.omkostninger_nv": "omkostninger, nutidsværdi (kr.)",
    "som.gevinster_nv": "gevinster, nutidsværdi (kr.)",
    "som.breakeven_aar": "break-even-år (tekst hvis intet inden for horisonten)",
    "som.breakeven_succesrate": "break-even-succesrate (andel)",
    "som.bcr": "gevinst pr. omkostningskrone (nutidsværdi)",
    "som.skoen_maalgruppe": "hurtigt skøn: målgruppe",
    "som.skoen_deltagere": "hurtigt skøn: deltagere",
    "som.skoen_pris": "hurtigt skøn: omkostning pr. deltager (kr.)",
    "som.skoen_succesrate": "hurtigt skøn: anvendt succesrate",
    "som.skoen_nettoresultat": "hurtigt skøn: nettoresultat, udiskonteret (kr.)",
    "som.skoen_nettoresultat_nv": "hurtigt skøn: nettoresultat, nutidsværdi (kr.)",
    "som.version": "som-xl-versionen, der byggede projektmappen",
    "som.vidensdatabase": "vidensdatabasens fingeraftryk",
}

# Colours.
C_INPUT = "#FFF2CC"
C_INPUT_BORDER = "#BF9000"
C_HEADER = "#1F4E79"
C_KEY = "#DDEBF7"
C_SECTION = "#2E75B6"
C_ILLUSTRATIVE = "#F8CBAD"
C_OUT = "#EDEDED"
C_OUT_FONT = "#A6A6A6"
C_NOTE = "#595959"
C_TAB_INPUT = "#FFC000"
C_TAB_RESULT = "#70AD47"
C_TAB_KB = "#A6A6A6"

KR = "#,##0;[Red]-#,##0"
KR2 = "#,##0.00;[Red]-#,##0.00"
KR_KEY = '#,##0 "kr.";[Red]-#,##0 "kr."'
PCT = "0.0%"
YEAR = "0"
UNITS = '#,##0.00;-#,##0.00;"–"'
FACTOR = "0.000000"
INT = "0"
#: Characters per line in the merged text cells of 'Indsats og målgruppe' (C:H).
WIDE = 88
#: The engine's break-even tolerance as a formula literal.
TOL = f"{-BREAK_EVEN_TOLERANCE:.15g}".upper()


def _q(text: str) -> str:
    """A text literal in a formula."""
    return '"' + text.replace('"', '""') + '"'


def _height(chars: int, width: int) -> float:
    """Row height for wrapped text of this many characters in a column this wide."""
    return 15.0 * max(1, math.ceil(chars / width))


class _Formats:
    """xlsxwriter formats, made once per property set."""

    def __init__(self, wb: Workbook) -> None:
        self._wb = wb
        self._cache: dict[tuple[tuple[str, Any], ...], Format] = {}

    def __call__(self, **props: Any) -> Format:
        key = tuple(sorted(props.items()))
        if key not in self._cache:
            self._cache[key] = self._wb.add_format(props)
        return self._cache[key]

    def input(self, num_format: str | None = None, **props: Any) -> Format:
        base = {
            "bg_color": C_INPUT,
            "border": 1,
            "border_color": C_INPUT_BORDER,
            "locked": False,
        }
        if num_format:
            base["num_format"] = num_format
        return self(**base, **props)

    def header(self, **props: Any) -> Format:
        return self(
            bold=True,
            font_color="#FFFFFF",
            bg_color=C_HEADER,
            text_wrap=True,
            valign="top",
            border=1,
            border_color="#FFFFFF",
            **props,
        )

    def title(self) -> Format:
        return self(bold=True, font_size=16, font_color=C_HEADER)

    def section(self) -> Format:
        return self(bold=True, font_size=12, font_color=C_SECTION)

    def note(self, **props: Any) -> Format:
        return self(italic=True, font_color=C_NOTE, **props)

    def wrap(self, **props: Any) -> Format:
        return self(text_wrap=True, valign="top", **props)


class _Sheet:
    """One worksheet with helpers that pair each formula with its cached value."""

    def __init__(self, wb: Workbook, fmt: _Formats, name: str) -> None:
        self.ws: Worksheet = wb.add_worksheet(name)
        self.name = name
        self.fmt = fmt

    def text(self, row: int, column: int, value: str, fmt: Format | None = None) -> None:
        if value == "":
            self.ws.write_blank(row, column, None, fmt)
        else:
            self.ws.write_string(row, column, value, fmt)

    def number(self, row: int, column: int, value: float, fmt: Format | None = None) -> None:
        self.ws.write_number(row, column, value, fmt)

    def value(self, row: int, column: int, value: Any, fmt: Format | None = None) -> None:
        """A constant: blank for None, else number or text."""
        if value is None or value == "":
            self.ws.write_blank(row, column, None, fmt)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            self.ws.write_number(row, column, float(value), fmt)
        else:
            self.ws.write_string(row, column, str(value), fmt)

    def formula(
        self, row: int, column: int, formula: str, value: Any, fmt: Format | None = None
    ) -> None:
        """A formula with its cached value (numbers, text, or an error such as '#N/A')."""
        if isinstance(value, float) and not math.isfinite(value):
            value = "#N/A" if math.isnan(value) else "#NUM!"
        if isinstance(value, bool):
            value = int(value)
        self.ws.write_formula(row, column, formula, fmt, "" if value is None else value)

    def merged(
        self, row: int, c1: int, c2: int, value: str, fmt: Format, height: float | None = None
    ) -> None:
        self.ws.merge_range(row, c1, row, c2, value, fmt)
        if height is not None:
            self.ws.set_row(row, height)

    def wide(
        self, row: int, c1: int, c2: int, value: Any, fmt: Format, formula: str | None = None
    ) -> None:
        """A value or formula in merged cells c1..c2 of a row (the top-left cell holds it)."""
        self.ws.merge_range(row, c1, row, c2, "", fmt)
        if formula is not None:
            self.formula(row, c1, formula, value, fmt)
        else:
            self.value(row, c1, value, fmt)

    def note(self, row: int, column: int, text: str) -> None:
        self.ws.write_comment(
            row, column, text, {"author": T.NOTE_AUTHOR, "x_scale": 2.2, "y_scale": 1.3}
        )

    def validate(
        self, r1: int, c1: int, r2: int, c2: int, key: str, options: dict[str, Any]
    ) -> None:
        title, message, error = T.VALIDATION[key]
        opts = {
            "input_title": title,
            "input_message": message,
            "error_title": title,
            "error_message": error,
            "ignore_blank": True,
        }
        opts.update(options)
        self.ws.data_validation(r1, c1, r2, c2, opts)


class _Builder:
    def __init__(self, wb: Workbook, bkb: BookKB, inp: Inputs, values: Values) -> None:
        self.wb = wb
        self.bkb = bkb
        self.inp = inp
        self.v = values
        self.lay = values.layout
        self.f = _Formats(wb)
        self.sheets: dict[str, _Sheet] = {}
        for name in T.SHEETS:
            self.sheets[name] = _Sheet(wb, self.f, name)
        # Set while building, used by later sheets:
        self.participants_total = ""  # Indsats: participants within the horizon
        self.w_row = 0  # Konsekvenser: the gain per successful citizen, year by year
        self.calc_rows: dict[str, int] = {}  # Beregning: rows of the totals

    # --- names ----------------------------------------------------------------------------
    def name(
        self, name: str, sheet: str, r1: int, c1: int, r2: int | None = None, c2: int | None = None
    ) -> None:
        target = ref(sheet, r1, c1) if r2 is None or c2 is None else rng(sheet, r1, c1, r2, c2)
        self.wb.define_name(name, f"={target}")

    # --- the whole workbook ---------------------------------------------------------------
    def build(self) -> None:
        self.lists()
        self.vd_index()
        self.vd_groups()
        self.vd_services()
        self.vd_consequences()
        self.vd_effects()
        self.vd_sources()
        self.forside()
        self.settings()
        self.indsats()
        self.costs()
        self.prices()
        self.consequences()
        self.calculation()
        self.result()
        self.skoen()
        self.checklist()
        self.finish()

    # --- Lister -----------------------------------------------------------------------------
    def lists(self) -> None:
        s = self.sheets[T.LISTER]
        lay = self.lay
        lists: dict[str, Sequence[Any]] = {
            "Aktører": list(PURSE_LABELS.values()),
            "Ja/Nej": [T.JA, T.NEJ],
            "Art": list(T.COST_KINDS),
            "Retning": list(DIRECTION_LABELS.values()),
            "Udgiftsposter": self.bkb.item_labels,
            "Diskontering": self.bkb.discount_choices,
            "Indsatser": self.bkb.effect_choices,
            "Prisår": [y for y, _ in self.bkb.index],
        }
        names = {
            "Aktører": "liste.aktoerer",
            "Ja/Nej": "liste.janej",
            "Art": "liste.art",
            "Retning": "liste.retning",
            "Udgiftsposter": "liste.poster",
            "Diskontering": "liste.diskontering",
            "Indsatser": "liste.indsatser",
            "Prisår": "liste.prisaar",
        }
        for key, items in lists.items():
            c = lay.list_col(key)
            s.text(0, c, key, self.f.header())
            for i, item in enumerate(items):
                s.value(
                    lay.list_first + i,
                    c,
                    item,
                    self.f(num_format=YEAR) if key == "Prisår" else None,
                )
            self.name(names[key], T.LISTER, lay.list_first, c, lay.list_first + len(items) - 1, c)
        s.ws.set_column(0, len(lists) - 1, 28)
        s.ws.freeze_panes(1, 0)

    # --- knowledge-base sheets --------------------------------------------------------------
    def _vd_header(
        self, s: _Sheet, title: str, cols: Sequence[str], widths: Sequence[float]
    ) -> None:
        s.text(0, 0, title, self.f.title())
        s.text(1, 0, T.VD_INTRO, self.f.note())
        for c, (h, w) in enumerate(zip(cols, widths, strict=True)):
            s.text(2, c, h, self.f.header())
            s.ws.set_column(c, c, w)
        s.ws.freeze_panes(3, 2)
        s.ws.set_row(2, 32)

    def _status(self, status: str) -> tuple[str, Format | None]:
        label = STATUS_LABELS.get(status, status)
        if status == "illustrative":
            return label, self.f(bg_color=C_ILLUSTRATIVE, bold=True)
        return label, None

    def _row_fmt(self, status: str, **props: Any) -> Format:
        if status == "illustrative":
            return self.f(bg_color=C_ILLUSTRATIVE, valign="top", **props)
        return self.f(valign="top", **props)

    def vd_groups(self) -> None:
        s = self.sheets[T.VD_MAALGRUPPER]
        lay = self.lay
        self._vd_header(
            s,
            T.VD_MAALGRUPPER,
            T.VD_GROUP_COLS,
            (22, 34, 13, 9, 9, 40, 40, 14, 30, 16, 30, 34, 12, 12),
        )
        for i, g in enumerate(self.bkb.groups):
            r = lay.vd_first + i
            row = self._row_fmt(g.status, text_wrap=True)
            status, sfmt = self._status(g.status)
            values: list[Any] = [
                g.id,
                g.label,
                g.area,
                g.age_min,
                g.age_max,
                g.register_definition,
                g.success_measure,
                status,
                g.source,
                g.locator,
                g.note,
                g.effect,
                g.success_rate,
                g.n_cons,
            ]
            for c, value in enumerate(values):
                f = sfmt if c == 7 and sfmt else row
                if c == 12:
                    f = self._row_fmt(g.status, num_format=PCT)
                s.value(r, c, value, f)
        last = lay.vd_first + len(self.bkb.groups) - 1
        for name, c in (
            ("vd.mg_id", 0),
            ("vd.mg_navn", 1),
            ("vd.mg_omraade", 2),
            ("vd.mg_alder_fra", 3),
            ("vd.mg_alder_til", 4),
            ("vd.mg_register", 5),
            ("vd.mg_succesmaal", 6),
            ("vd.mg_status", 7),
            ("vd.mg_kilde", 8),
            ("vd.mg_indsats", 11),
            ("vd.mg_succesrate", 12),
        ):
            self.name(name, T.VD_MAALGRUPPER, lay.vd_first, c, last, c)

    def vd_services(self) -> None:
        s = self.sheets[T.VD_YDELSER]
        lay = self.lay
        self._vd_header(
            s,
            T.VD_YDELSER,
            T.VD_SERVICE_COLS,
            (26, 40, 10, 9, 30, 8, 12, 12, 12, 14, 30, 14, 40, 30),
        )
        for i, x in enumerate(self.bkb.services):
            r = lay.vd_first + i
            row = self._row_fmt(x.status)
            status, sfmt = self._status(x.status)
            values: list[Any] = [
                x.id,
                x.label,
                x.unit,
                DIRECTION_LABELS[x.direction],
                x.budget_item,
                x.price_year,
                *x.prices,
                status,
                x.source,
                x.locator,
                x.note,
                x.description,
            ]
            for c, value in enumerate(values):
                f = row
                if c == 5:
                    f = self._row_fmt(x.status, num_format=YEAR)
                elif 6 <= c <= 8:
                    f = self._row_fmt(x.status, num_format=KR2)
                elif c == 9 and sfmt:
                    f = sfmt
                s.value(r, c, value, f)

    def vd_consequences(self) -> None:
        s = self.sheets[T.VD_KONSEKVENSER]
        lay = self.lay
        k_len = self.bkb.profile_len
        cols = [*T.VD_CONS_COLS, *(f"{T.CONS_YEAR}{k + 1}" for k in range(k_len)), *T.VD_CONS_TAIL]
        widths = [26, 22, 28, 5, 26, 34, *([9] * k_len), 14, 30, 14, 30]
        self._vd_header(s, T.VD_KONSEKVENSER, cols, widths)
        labels = {g.id: g.label for g in self.bkb.groups}
        services = {x.id: x.label for x in self.bkb.services}
        for i, c in enumerate(self.bkb.consequences):
            r = lay.vd_first + i
            row = self._row_fmt(c.status)
            status, sfmt = self._status(c.status)
            head: list[Any] = [
                c.key,
                c.group,
                labels.get(c.group, c.group),
                c.nr,
                c.service,
                services.get(c.service, c.service),
            ]
            for cc, value in enumerate(head):
                s.value(r, cc, value, row)
            for k, value in enumerate(c.profile):
                s.value(
                    r, lay.vdc_profile_col + k, value, self._row_fmt(c.status, num_format=UNITS)
                )
            for k in range(len(c.profile), k_len):
                s.value(r, lay.vdc_profile_col + k, None, row)
            tail = [status, c.source, c.locator, c.note]
            for cc, value in enumerate(tail):
                s.value(r, lay.vdc_tail_col + cc, value, sfmt if cc == 0 and sfmt else row)
        last = lay.vd_first + len(self.bkb.consequences) - 1
        self.name("vd.k_noegle", T.VD_KONSEKVENSER, lay.vd_first, 0, last, 0)
        self.name("vd.k_ydelse", T.VD_KONSEKVENSER, lay.vd_first, 4, last, 4)
        self.name(
            "vd.k_profil",
            T.VD_KONSEKVENSER,
            lay.vd_first,
            lay.vdc_profile_col,
            last,
            lay.vdc_profile_col + k_len - 1,
        )
        s.ws.freeze_panes(3, 6)

    def vd_effects(self) -> None:
        s = self.sheets[T.VD_EFFEKTER]
        lay = self.lay
        self._vd_header(
            s,
            T.VD_EFFEKTER,
            T.VD_EFFECT_COLS,
            (40, 20, 30, 20, 28, 10, 28, 22, 11, 30, 14, 30, 14, 30),
        )
        labels = {g.id: g.label for g in self.bkb.groups}
        for i, e in enumerate(self.bkb.effects):
            r = lay.vd_first + i
            row = self._row_fmt(e.status, text_wrap=True)
            status, sfmt = self._status(e.status)
            values: list[Any] = [
                e.display,
                e.id,
                e.intervention,
                e.target_group,
                labels.get(e.target_group, ""),
                e.evidence_level,
                e.outcome,
                e.effect_size,
                e.success_rate,
                e.context,
                status,
                e.source,
                e.locator,
                e.note,
            ]
            for c, value in enumerate(values):
                f = row
                if c == 8:
                    f = self._row_fmt(e.status, num_format=PCT)
                elif c == 10 and sfmt:
                    f = sfmt
                s.value(r, c, value, f)
        last = lay.vd_first + max(len(self.bkb.effects), 1) - 1
        for name, c in (
            ("vd.e_navn", 0),
            ("vd.e_mg_id", 3),
            ("vd.e_mg", 4),
            ("vd.e_evidens", 5),
            ("vd.e_udfald", 6),
            ("vd.e_stoerrelse", 7),
            ("vd.e_succesrate", 8),
            ("vd.e_kontekst", 9),
            ("vd.e_status", 10),
            ("vd.e_kilde", 11),
        ):
            self.name(name, T.VD_EFFEKTER, lay.vd_first, c, last, c)

    def vd_sources(self) -> None:
        s = self.sheets[T.VD_KILDER]
        lay = self.lay
        self._vd_header(s, T.VD_KILDER, T.VD_SOURCE_COLS, (26, 50, 26, 7, 50, 12, 50))
        for i, x in enumerate(self.bkb.sources):
            r = lay.vd_first + i
            for c, value in enumerate(
                (x.id, x.title, x.publisher, x.year, x.url, x.accessed, x.note)
            ):
                s.value(
                    r, c, value, self.f(num_format=YEAR, valign="top") if c == 3 else self.f.wrap()
                )

    def vd_index(self) -> None:
        s = self.sheets[T.VD_INDEKS]
        lay = self.lay
        f = self.f
        s.text(0, 0, T.VD_INDEKS, f.title())
        s.text(1, 0, T.VD_INTRO, f.note())
        s.ws.set_column(0, 0, 44)
        s.ws.set_column(1, 1, 12)
        s.ws.set_column(2, 5, 14)
        s.ws.set_column(6, YEARS, 7)
        # Price index.
        s.text(
            lay.idx_header,
            0,
            f"{T.VD_INDEX_HEADER}: {self.bkb.index_label} ({self.bkb.index_base})",
            f.section(),
        )
        for c, h in enumerate((*T.VD_INDEX_COLS, "Status", "Kilde")):
            s.text(lay.idx_header + 1, c, h, f.header())
        status, sfmt = self._status(self.bkb.index_status)
        for i, (year, value) in enumerate(self.bkb.index):
            r = lay.idx_first + i
            s.number(r, 0, year, f(num_format=YEAR, align="left"))
            s.number(r, 1, value, f(num_format="0.0##"))
            if i == 0:
                s.text(r, 2, status, sfmt)
                s.text(r, 3, self.bkb.index_source)
        last = lay.idx_first + len(self.bkb.index) - 1
        self.name("vd.indeks_aar", T.VD_INDEKS, lay.idx_first, 0, last, 0)
        self.name("vd.indeks", T.VD_INDEKS, lay.idx_first, 1, last, 1)
        # Discount schedules.
        s.text(lay.rate_header, 0, T.VD_RATES_HEADER, f.section())
        for c, h in enumerate(T.VD_RATES_COLS):
            s.text(lay.rate_header + 1, c, h, f.header())
        r = lay.rate_first
        spans: list[tuple[int, int]] = []
        for sched in self.bkb.schedules:
            start = r
            status, sfmt = self._status(sched.status)
            for n, (from_year, rate) in enumerate(sched.steps):
                s.text(r, 0, sched.id)
                s.text(r, 1, sched.label)
                s.number(r, 2, from_year, f(num_format=INT, align="left"))
                s.number(r, 3, rate, f(num_format="0.0%"))
                if n == 0:
                    s.text(r, 4, status, sfmt)
                    s.text(r, 5, sched.source)
                r += 1
            spans.append((start, r - 1))
        # Rate in force in discounted year i, per schedule.
        s.text(lay.grid_header, 0, T.VD_GRID_HEADER, f.section())
        s.text(lay.grid_header + 1, 0, "Navn", f.header())
        for i in range(1, YEARS + 1):
            s.number(lay.grid_header + 1, i, i, f.header(num_format=INT))
        for n, (sched, (r1, r2)) in enumerate(zip(self.bkb.schedules, spans, strict=True)):
            gr = lay.grid_first + n
            s.text(gr, 0, sched.label)
            froms = rng(None, r1, 2, r2, 2)
            rates = rng(None, r1, 3, r2, 3)
            for i in range(1, YEARS + 1):
                head = (
                    a1(lay.grid_header + 1, i, False).rstrip("0123456789")
                    + "$"
                    + str(lay.grid_header + 2)
                )
                rate = [x for fy, x in sched.steps if fy <= i][-1]
                s.formula(
                    gr, i, f"=INDEX({rates},MATCH({head},{froms},1))", rate, f(num_format="0.0%")
                )
        last = lay.grid_first + len(self.bkb.schedules) - 1
        self.name("vd.rente_navne", T.VD_INDEKS, lay.grid_first, 0, last, 0)
        self.name("vd.rentesatser", T.VD_INDEKS, lay.grid_first, 1, last, YEARS)
        # Budget items.
        s.text(lay.items_header, 0, T.VD_ITEMS_HEADER, f.section())
        for c, h in enumerate(T.VD_ITEMS_COLS):
            s.text(lay.items_header + 1, c, h, f.header())
        for i, (iid, label, area) in enumerate(self.bkb.budget_items):
            s.text(lay.items_first + i, 0, iid)
            s.text(lay.items_first + i, 1, label)
            s.text(lay.items_first + i, 2, area)
        s.ws.freeze_panes(3, 1)

    # --- Forside ----------------------------------------------------------------------------
    def forside(self) -> None:
        s = self.sheets[T.FORSIDE]
        f = self.f
        s.ws.set_column(0, 0, 3)
        s.ws.set_column(1, 1, 24)
        s.ws.set_column(2, 2, 104)
        s.ws.set_column(3, 3, 14)
        s.text(0, 1, T.TITLE, f.title())
        s.merged(1, 1, 2, T.SUBTITLE, f.wrap(), 33)
        s.merged(
            2,
            1,
            2,
            T.FORSIDE_EXAMPLE,
            f(text_wrap=True, valign="top", bg_color=C_INPUT, bold=True),
            18,
        )
        r = 4
        links = {name: name for name in T.SHEETS}
        for title, lines in (
            T.FORSIDE_DOES,
            T.FORSIDE_DOES_NOT,
            T.FORSIDE_STEPS,
            T.FORSIDE_COLOURS,
        ):
            s.text(r, 1, title, f.section())
            r += 1
            for line in lines:
                target = next((n for n in links if line.lstrip("0123456789. ").startswith(n)), None)
                if target is not None and title == T.FORSIDE_STEPS[0]:
                    s.ws.write_url(
                        r,
                        1,
                        f"internal:{ref(target, 0, 0, False)}",
                        f(font_color="#0563C1", underline=1, valign="top"),
                        string=target,
                    )
                s.text(r, 2, line, f.wrap())
                s.ws.set_row(r, 30 if len(line) > 105 else 15)
                r += 1
            r += 1
        # Data status: counted live from the knowledge-base sheets.
        s.text(r, 1, T.FORSIDE_STATUS_HEADER, f.section())
        r += 1
        counts = {"published": 0, "derived": 0, "illustrative": 0}
        b = self.bkb
        statuses = [x.status for x in b.services] + [x.status for x in b.groups]
        statuses += [x.status for x in b.consequences] + [x.status for x in b.effects]
        statuses += [x.status for x in b.schedules]
        for status in statuses:
            counts[status] += 1
        counts[self.bkb.index_status] += 1
        ranges = self._status_ranges()
        first = r
        for status, label in T.FORSIDE_STATUS_ROWS:
            text = STATUS_LABELS[status]
            formula = "=" + "+".join(f"COUNTIF({x},{_q(text)})" for x in ranges)
            s.text(r, 2, label, f(bg_color=C_ILLUSTRATIVE) if status == "illustrative" else None)
            s.formula(r, 3, formula, counts[status], f(num_format=INT, bold=True))
            r += 1
        s.text(r, 2, T.FORSIDE_STATUS_TOTAL, f(bold=True))
        s.formula(
            r,
            3,
            f"=SUM({rng(None, first, 3, r - 1, 3, False)})",
            sum(counts.values()),
            f(num_format=INT, bold=True, top=1),
        )
        r += 2
        s.text(r, 1, T.FORSIDE_VERSION)
        s.text(r, 2, __version__, f(align="left"))
        self.name("som.version", T.FORSIDE, r, 2)
        r += 1
        s.text(r, 1, T.FORSIDE_FINGERPRINT)
        s.text(r, 2, self.bkb.fingerprint, f(align="left"))
        self.name("som.vidensdatabase", T.FORSIDE, r, 2)
        r += 2
        s.text(r, 1, T.FORSIDE_NAMES, f.note())

    def _status_ranges(self) -> list[str]:
        lay = self.lay
        b = self.bkb
        out = [
            rng(T.VD_YDELSER, lay.vd_first, 9, lay.vd_first + len(b.services) - 1, 9),
            rng(T.VD_MAALGRUPPER, lay.vd_first, 7, lay.vd_first + len(b.groups) - 1, 7),
            rng(
                T.VD_KONSEKVENSER,
                lay.vd_first,
                lay.vdc_tail_col,
                lay.vd_first + len(b.consequences) - 1,
                lay.vdc_tail_col,
            ),
            rng(T.VD_INDEKS, lay.idx_first, 2, lay.idx_first, 2),
            rng(T.VD_INDEKS, lay.rate_first, 4, lay.rate_first + lay.counts.steps - 1, 4),
        ]
        if b.effects:
            out.insert(
                3, rng(T.VD_EFFEKTER, lay.vd_first, 10, lay.vd_first + len(b.effects) - 1, 10)
            )
        return out

    # --- Indstillinger ----------------------------------------------------------------------
    def settings(self) -> None:
        s = self.sheets[T.INDSTILLINGER]
        f = self.f
        lay = self.lay
        inp = self.inp
        c = lay.settings_col
        s.ws.set_column(0, 0, 3)
        s.ws.set_column(1, 1, 32)
        s.ws.set_column(2, 2, 62)
        s.ws.set_column(3, 3, 100)
        s.text(0, 1, T.SETTINGS_TITLE, f.title())
        s.merged(1, 1, 3, T.SETTINGS_INTRO, f.wrap(), 18)
        rows = lay.settings_rows
        for key, r in rows.items():
            label, help_text = T.SETTINGS_INPUTS[key]
            s.text(r, 1, label, f(bold=True))
            s.text(r, 3, help_text, f.note(text_wrap=True))
            self.name(f"som.{key}", T.INDSTILLINGER, r, c)
        s.value(rows["navn"], c, inp.name, f.input())
        s.value(rows["startaar"], c, inp.start_year, f.input(YEAR, align="left"))
        s.value(rows["horisont"], c, inp.horizon, f.input(INT, align="left"))
        s.formula(
            rows["slutaar"],
            c,
            "=som.startaar+som.horisont-1",
            inp.start_year + inp.horizon - 1,
            f(num_format=YEAR, align="left"),
        )
        s.value(rows["prisaar"], c, inp.price_year, f.input(YEAR, align="left"))
        s.formula(
            rows["prisindeks"],
            c,
            "=INDEX(vd.indeks,MATCH(som.prisaar,vd.indeks_aar,0))",
            self.bkb.index_map[inp.price_year],
            f(num_format="0.0##", align="left"),
        )
        s.value(rows["diskontering"], c, inp.discount, f.input())
        s.value(rows["diskonteringsrente"], c, inp.fixed_rate, f.input(PCT, align="left"))
        s.value(rows["forloebsaar"], c, inp.course_years, f.input(INT, align="left"))
        s.validate(
            rows["startaar"],
            c,
            rows["startaar"],
            c,
            "startaar",
            {"validate": "integer", "criteria": "between", "minimum": 2000, "maximum": 2100},
        )
        s.validate(
            rows["horisont"],
            c,
            rows["horisont"],
            c,
            "horisont",
            {"validate": "integer", "criteria": "between", "minimum": 1, "maximum": YEARS},
        )
        s.validate(
            rows["prisaar"],
            c,
            rows["prisaar"],
            c,
            "prisaar",
            {"validate": "list", "source": "=liste.prisaar"},
        )
        s.validate(
            rows["diskontering"],
            c,
            rows["diskontering"],
            c,
            "diskontering",
            {"validate": "list", "source": "=liste.diskontering"},
        )
        s.validate(
            rows["diskonteringsrente"],
            c,
            rows["diskonteringsrente"],
            c,
            "diskonteringsrente",
            {
                "validate": "decimal",
                "criteria": "between",
                "minimum": MIN_DISCOUNT_RATE,
                "maximum": MAX_DISCOUNT_RATE,
            },
        )
        s.validate(
            rows["forloebsaar"],
            c,
            rows["forloebsaar"],
            c,
            "forloebsaar",
            {"validate": "integer", "criteria": "between", "minimum": 1, "maximum": 20},
        )
        s.ws.conditional_format(
            rows["diskonteringsrente"],
            c,
            rows["diskonteringsrente"],
            c,
            {
                "type": "formula",
                "criteria": f"=som.diskontering<>{_q(T.FAST_RENTE)}",
                "format": f(font_color=C_OUT_FONT, bg_color=C_OUT),
            },
        )
        for key in ("horisont", "diskontering", "forloebsaar", "prisaar"):
            s.note(rows[key], c, T.SETTINGS_INPUTS[key][1])
        s.note(rows["startaar"], c, T.NOTES["startaar"])
        s.note(rows["diskonteringsrente"], c, T.NOTES["diskonteringsrente"])

    # --- Indsats og målgruppe -----------------------------------------------------------------
    def indsats(self) -> None:
        s = self.sheets[T.INDSATS]
        f = self.f
        lay = self.lay
        inp = self.inp
        b = self.bkb
        c = lay.value_col
        c2 = c + 5  # texts span the columns C:H
        s.ws.set_column(0, 0, 3)
        s.ws.set_column(1, 1, 32)
        s.ws.set_column(c, c2, 14)
        s.text(0, 1, T.INDSATS_TITLE, f.title())
        s.merged(1, 1, c2, T.INDSATS_INTRO, f.wrap(), 30)
        group = b.group_by_label(inp.target_group)
        assert group is not None
        # Target group.
        r0 = lay.group_row
        s.text(r0 - 1, 1, T.INDSATS_GROUP_HEADER, f.section())
        for i, label in enumerate(T.INDSATS_GROUP_ROWS):
            s.text(r0 + i, 1, label, f(bold=i == 0, valign="top"))
        s.wide(r0, c, c2, inp.target_group, f.input())
        self.name("som.maalgruppe", T.INDSATS, r0, c)
        s.validate(r0, c, r0, c, "maalgruppe", {"validate": "list", "source": "=vd.mg_navn"})
        s.note(r0, c, T.NOTES["maalgruppe"])
        m = "MATCH(som.maalgruppe,vd.mg_navn,0)"
        age = (
            f"{group.age_min}-{group.age_max} år"
            if group.age_max is not None
            else f"{group.age_min} år og derover"
        )
        details: list[tuple[str, Any]] = [
            (f"=INDEX(vd.mg_id,{m})", group.id),
            (f"=INDEX(vd.mg_omraade,{m})", group.area),
            (
                f'=INDEX(vd.mg_alder_fra,{m})&IF(INDEX(vd.mg_alder_til,{m})="",'
                f'" år og derover","-"&INDEX(vd.mg_alder_til,{m})&" år")',
                age,
            ),
            (f"=INDEX(vd.mg_register,{m})", group.register_definition),
            (f"=INDEX(vd.mg_succesmaal,{m})", group.success_measure),
            (f"=INDEX(vd.mg_status,{m})", STATUS_LABELS[group.status]),
            (f"=INDEX(vd.mg_kilde,{m})", group.source),
        ]
        texts = {
            3: [g.register_definition for g in b.groups],
            4: [g.success_measure for g in b.groups],
            6: [g.source for g in b.groups],
        }
        for i, (formula, value) in enumerate(details):
            s.wide(r0 + 1 + i, c, c2, value, f.wrap(), formula)
            if i in texts:
                s.ws.set_row(r0 + 1 + i, _height(max(len(x) for x in texts[i]), WIDE))
        self.name("som.maalgruppe_id", T.INDSATS, r0 + 1, c)
        s.ws.conditional_format(
            r0 + 6,
            c,
            r0 + 6,
            c,
            {
                "type": "cell",
                "criteria": "==",
                "value": _q(STATUS_LABELS["illustrative"]),
                "format": f(bg_color=C_ILLUSTRATIVE),
            },
        )
        # Intervention.
        e0 = lay.effect_row
        s.text(e0 - 1, 1, T.INDSATS_EFFECT_HEADER, f.section())
        for i, label in enumerate(T.INDSATS_EFFECT_ROWS):
            s.text(e0 + i, 1, label, f(bold=i == 0, valign="top"))
        s.wide(e0, c, c2, inp.intervention, f.input())
        self.name("som.indsats", T.INDSATS, e0, c)
        s.validate(e0, c, e0, c, "indsats", {"validate": "list", "source": "=liste.indsatser"})
        s.note(e0, c, T.NOTES["indsats"])
        effect = next((e for e in b.effects if e.display == inp.intervention), None)
        em = "MATCH(som.indsats,vd.e_navn,0)"
        none = f"som.indsats={_q(T.INGEN_INDSATS)}"

        def eff(formula: str, value: Any) -> tuple[str, Any]:
            return (f'=IF({none},"",IFERROR({formula},""))', value if effect is not None else "")

        labels = {g.id: g.label for g in b.groups}
        levels = ",".join(_q(T.EVIDENCE_LEVELS[k]) for k in (1, 2, 3))
        rate_value: Any = ""
        if effect is not None and effect.success_rate is not None:
            rate_value = effect.success_rate
        warn = effect is not None and effect.target_group != group.id
        edetails: list[tuple[str, Any]] = [
            eff(f'INDEX(vd.e_mg,{em})&""', labels.get(effect.target_group, "") if effect else ""),
            eff(
                f"CHOOSE(INDEX(vd.e_evidens,{em}),{levels})",
                T.EVIDENCE_LEVELS[effect.evidence_level] if effect else "",
            ),
            eff(f'INDEX(vd.e_udfald,{em})&""', effect.outcome if effect else ""),
            eff(f'INDEX(vd.e_stoerrelse,{em})&""', effect.effect_size if effect else ""),
            eff(f'IF(INDEX(vd.e_succesrate,{em})="","",INDEX(vd.e_succesrate,{em}))', rate_value),
            eff(f'INDEX(vd.e_kontekst,{em})&""', effect.context if effect else ""),
            eff(
                f'INDEX(vd.e_status,{em})&", "&INDEX(vd.e_kilde,{em})',
                f"{STATUS_LABELS[effect.status]}, {effect.source}" if effect else "",
            ),
            (
                f'=IF({none},"",IF(IFERROR(INDEX(vd.e_mg_id,{em})=som.maalgruppe_id,FALSE),"",{_q(T.OTHER_GROUP_WARNING)}))',
                T.OTHER_GROUP_WARNING if warn else "",
            ),
        ]
        for i, (formula, value) in enumerate(edetails):
            fm = f.wrap(num_format=PCT, align="left") if i == 4 else f.wrap()
            if i == 7:
                fm = f.wrap(bold=True, font_color="#C00000")
            s.wide(e0 + 1 + i, c, c2, value, fm, formula)
        etexts = {
            2: [e.outcome for e in b.effects],
            3: [e.effect_size for e in b.effects],
            5: [e.context for e in b.effects],
            6: [f"{STATUS_LABELS[e.status]}, {e.source}" for e in b.effects],
            7: [T.OTHER_GROUP_WARNING],
        }
        for i, xs in etexts.items():
            s.ws.set_row(e0 + 1 + i, _height(max((len(x) for x in xs), default=0), WIDE))
        # Success rate, with the knowledge base's suggestion beside and below it.
        sr = lay.success_row
        s.text(sr, 1, T.INDSATS_SUCCESS, f(bold=True))
        s.value(sr, c, inp.success_rate, f.input(PCT, align="left", bold=True))
        self.name("som.succesrate", T.INDSATS, sr, c)
        s.validate(
            sr,
            c,
            sr,
            c,
            "succesrate",
            {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 1},
        )
        s.note(sr, c, T.NOTES["succesrate"])
        erate = a1(e0 + 5, c, True)
        gm = f"INDEX(vd.mg_succesrate,{m})"
        suggestion: Any = (
            rate_value
            if rate_value != ""
            else (group.success_rate if group.success_rate is not None else "")
        )
        s.formula(
            sr,
            3,
            f'=IF(ISNUMBER({erate}),{erate},IF({gm}="","",{gm}))',
            suggestion,
            f(num_format=PCT, align="left", italic=True),
        )
        source_text = (
            (T.INDSATS_SUCCESS_HINT + inp.intervention)
            if rate_value != ""
            else (
                T.INDSATS_SUCCESS_HINT + group.effect
                if group.success_rate is not None
                else T.INDSATS_SUCCESS_NONE
            )
        )
        s.wide(
            sr + 1,
            c,
            c2,
            source_text,
            f.note(),
            f"=IF(ISNUMBER({erate}),{_q(T.INDSATS_SUCCESS_HINT)}&som.indsats,"
            f'IF({gm}="",{_q(T.INDSATS_SUCCESS_NONE)},{_q(T.INDSATS_SUCCESS_HINT)}&INDEX(vd.mg_indsats,{m})))',
        )
        # Participants per year.
        h = lay.part_header_row
        yc_, pc_, nc_ = lay.part_year_col, lay.part_col, lay.part_note_col
        s.text(h - 1, yc_, T.INDSATS_PARTICIPANTS_HEADER, f.section())
        for i, label in enumerate(T.INDSATS_PARTICIPANTS_COLS):
            s.text(h, yc_ + i, label, f.header())
        s.ws.set_row(h, 30)
        for t in range(YEARS):
            r = lay.part_first + t
            s.formula(
                r, yc_, f"=som.startaar+{t}", inp.start_year + t, f(num_format=YEAR, align="left")
            )
            n = inp.participants.get(t)
            s.value(r, pc_, n, f.input(INT))
            outside = n is not None and n != 0 and t >= inp.horizon
            s.formula(
                r,
                nc_,
                f'=IF(AND({a1(r, pc_)}<>0,{a1(r, yc_)}>som.slutaar),{_q(T.OUTSIDE_HORIZON)},"")',
                T.OUTSIDE_HORIZON if outside else "",
                f(font_color="#C00000"),
            )
        first, last = lay.part_first, lay.part_last
        self.name("som.deltagere", T.INDSATS, first, pc_, last, pc_)
        p0, y0_ = a1(first, pc_), a1(first, yc_)
        s.validate(
            first,
            pc_,
            last,
            pc_,
            "deltagere",
            {
                "validate": "custom",
                "value": (
                    f"=AND(ISNUMBER({p0}),{p0}>=0,{p0}=INT({p0}),OR({p0}=0,{y0_}<=som.slutaar))"
                ),
            },
        )
        s.note(first, pc_, T.NOTES["deltagere"])
        s.ws.conditional_format(
            first,
            yc_,
            last,
            nc_,
            {
                "type": "formula",
                "criteria": f"=${col(yc_)}{first + 1}>som.slutaar",
                "format": f(font_color=C_OUT_FONT, bg_color=C_OUT),
            },
        )
        tr = last + 1
        s.text(tr, yc_, "", f(top=1))
        s.text(tr, nc_, T.INDSATS_PARTICIPANTS_TOTAL, f(bold=True, top=1))
        total = sum(n for t, n in inp.participants.items() if t < inp.horizon)
        s.formula(
            tr,
            pc_,
            f"=SUMIFS({rng(None, first, pc_, last, pc_)},"
            f'{rng(None, first, yc_, last, yc_)},"<="&som.slutaar)',
            total,
            f(num_format=INT, bold=True, top=1),
        )
        self.participants_total = ref(T.INDSATS, tr, pc_)
        s.ws.freeze_panes(3, 0)

    # --- Omkostninger -----------------------------------------------------------------------
    def costs(self) -> None:
        s = self.sheets[T.OMKOSTNINGER]
        f = self.f
        lay = self.lay
        inp = self.inp
        v = self.v
        yc0 = lay.cost_year_col
        s.ws.set_column(0, 0, 3)
        s.ws.set_column(1, 1, 30)
        s.ws.set_column(2, 2, 17)
        s.ws.set_column(3, 3, 10)
        s.ws.set_column(4, 4, 30)
        s.ws.set_column(5, 5, 10)
        s.ws.set_column(yc0, yc0 + YEARS - 1, 12)
        s.ws.set_column(yc0 + YEARS, yc0 + YEARS, 16)
        s.text(0, 1, T.COSTS_TITLE, f.title())
        s.merged(1, 1, 8, T.COSTS_INTRO, f.wrap(), 30)
        # Year costs.
        h = lay.ycost_first - 1
        s.text(h - 1, 1, T.COSTS_YEAR_HEADER, f.section())
        for i, label in enumerate(T.COSTS_COLS):
            s.text(h, 1 + i, label, f.header())
        for t in range(YEARS):
            s.formula(
                h,
                yc0 + t,
                f"={xref(T.BEREGNING, lay.calc_rows['year'], lay.year_col + t)}",
                inp.start_year + t,
                f.header(num_format=YEAR),
            )
        s.text(h, yc0 + YEARS, T.COSTS_TOTAL, f.header())
        s.ws.set_row(h, 30)
        calc_first = lay.calc_cost_first
        for n, r in enumerate(lay.ycost_rows):
            yc = inp.year_costs[n]
            s.value(r, L.C_LABEL, yc.label if yc else None, f.input())
            s.value(r, L.C_KIND, yc.kind if yc else None, f.input())
            s.value(r, L.C_PURSE, yc.purse if yc else None, f.input())
            s.value(r, L.C_ITEM, yc.item if yc else None, f.input())
            s.value(r, L.C_YEAR, yc.price_year if yc else None, f.input(YEAR))
            for t in range(YEARS):
                s.value(r, yc0 + t, yc.amounts.get(t) if yc else None, f.input(KR))
            crow = calc_first + n
            total = float(v.costs[n].values.sum())
            s.formula(
                r,
                yc0 + YEARS,
                f"={ref(T.BEREGNING, crow, lay.calc_total_col)}",
                total,
                f(num_format=KR, bold=True),
            )
        r1, r2 = lay.ycost_first, lay.ycost_rows[-1]
        self._cost_validation(s, r1, r2)
        year_head = a1(h, yc0, False).rstrip("0123456789")
        s.validate(
            r1,
            yc0,
            r2,
            yc0 + YEARS - 1,
            "beloeb",
            {
                "validate": "custom",
                "value": (
                    f"=AND(ISNUMBER({a1(r1, yc0)}),{a1(r1, yc0)}>=0,"
                    f"{year_head}${h + 1}<=som.slutaar)"
                ),
            },
        )
        s.ws.conditional_format(
            h,
            yc0,
            r2,
            yc0 + YEARS - 1,
            {
                "type": "formula",
                "criteria": f"={year_head}${h + 1}>som.slutaar",
                "format": f(font_color=C_OUT_FONT, bg_color=C_OUT),
            },
        )
        s.note(r1, L.C_KIND, T.NOTES["omk_art"])
        s.note(r1, yc0, T.NOTES["beloeb"])
        # Per-participant costs.
        h2 = lay.pcost_first - 1
        s.text(h2 - 1, 1, T.COSTS_PART_HEADER, f.section())
        for i, label in enumerate(
            (*T.COSTS_COLS, T.COSTS_PER_PARTICIPANT, T.COSTS_PARTICIPANTS, T.COSTS_TOTAL)
        ):
            s.text(h2, 1 + i, label, f.header())
        s.ws.set_row(h2, 30)
        total_participants = float(v.starters.sum())
        for n, r in enumerate(lay.pcost_rows):
            pc = inp.part_costs[n]
            s.value(r, L.C_LABEL, pc.label if pc else None, f.input())
            s.value(r, L.C_KIND, pc.kind if pc else None, f.input())
            s.value(r, L.C_PURSE, pc.purse if pc else None, f.input())
            s.value(r, L.C_ITEM, pc.item if pc else None, f.input())
            s.value(r, L.C_YEAR, pc.price_year if pc else None, f.input(YEAR))
            s.value(r, lay.cost_amount_col, pc.amount if pc else None, f.input(KR))
            s.formula(
                r,
                L.C_PART_COUNT,
                f"={self.participants_total}",
                total_participants,
                f(num_format=INT),
            )
            crow = calc_first + N_YEAR_COSTS + n
            total = float(v.costs[N_YEAR_COSTS + n].values.sum())
            s.formula(
                r,
                L.C_PART_TOTAL,
                f"={ref(T.BEREGNING, crow, lay.calc_total_col)}",
                total,
                f(num_format=KR, bold=True),
            )
        p1, p2 = lay.pcost_first, lay.pcost_rows[-1]
        self._cost_validation(s, p1, p2)
        s.note(p1, lay.cost_amount_col, T.NOTES["beloeb_pr_deltager"])
        s.validate(
            p1,
            lay.cost_amount_col,
            p2,
            lay.cost_amount_col,
            "beloeb_pr_deltager",
            {"validate": "decimal", "criteria": ">=", "value": 0},
        )
        s.ws.freeze_panes(lay.ycost_first, 2)

    def _cost_validation(self, s: _Sheet, r1: int, r2: int) -> None:
        s.validate(r1, L.C_KIND, r2, L.C_KIND, "art", {"validate": "list", "source": "=liste.art"})
        s.validate(
            r1,
            L.C_PURSE,
            r2,
            L.C_PURSE,
            "aktoer",
            {"validate": "list", "source": "=liste.aktoerer"},
        )
        s.validate(
            r1, L.C_ITEM, r2, L.C_ITEM, "post", {"validate": "list", "source": "=liste.poster"}
        )
        s.validate(
            r1,
            L.C_YEAR,
            r2,
            L.C_YEAR,
            "prisaar_valgfrit",
            {"validate": "list", "source": "=liste.prisaar"},
        )

    # --- Priser -----------------------------------------------------------------------------
    def prices(self) -> None:
        s = self.sheets[T.PRISER]
        f = self.f
        lay = self.lay
        b = self.bkb
        v = self.v
        widths = (
            24,
            40,
            10,
            9,
            30,
            14,
            11,
            11,
            11,
            8,
            11,
            11,
            11,
            9,
            11,
            11,
            12,
            12,
            12,
            13,
            30,
            40,
        )
        for c, w in enumerate(widths):
            s.ws.set_column(c, c, w)
        s.text(0, 1, T.PRICES_TITLE, f.title())
        s.merged(1, 1, 12, T.PRICES_INTRO, f.wrap(), 30)
        s.merged(2, 1, 12, T.PRICES_INTRO2, f.wrap(), 18)
        h = lay.price_header_row
        for c, label in enumerate(T.PRICES_COLS):
            s.text(h, c, label, f.header())
        s.ws.set_row(h, 30)
        for i, x in enumerate(b.services):
            r = lay.price_row(i)
            vr = lay.vd_first + i
            pr = v.prices[i]
            assert pr is not None
            status, sfmt = self._status(x.status)
            texts = [
                (L.P_ID, 0, x.id),
                (L.P_LABEL, 1, x.label),
                (L.P_UNIT, 2, x.unit),
                (L.P_DIR, 3, DIRECTION_LABELS[x.direction]),
                (L.P_ITEM, 4, x.budget_item),
            ]
            for c, vc, value in texts:
                s.formula(r, c, f"={ref(T.VD_YDELSER, vr, vc, False)}", value)
            s.formula(r, L.P_STATUS, f"={ref(T.VD_YDELSER, vr, 9, False)}", status, sfmt)
            for a in range(3):
                s.formula(
                    r,
                    L.P_NAT + a,
                    f"={ref(T.VD_YDELSER, vr, 6 + a, False)}",
                    x.prices[a],
                    f(num_format=KR2),
                )
            s.formula(
                r,
                L.P_NAT_YEAR,
                f"={ref(T.VD_YDELSER, vr, 5, False)}",
                x.price_year,
                f(num_format=YEAR),
            )
            local = self.inp.local_prices.get(x.id)
            for a in range(3):
                s.value(r, L.P_LOCAL + a, local.prices[a] if local else None, f.input(KR2))
            s.value(r, L.P_LOCAL_YEAR, local.price_year if local else None, f.input(YEAR))
            s.formula(
                r,
                L.P_F_NAT,
                f"=som.prisindeks/INDEX(vd.indeks,MATCH({a1(r, L.P_NAT_YEAR)},vd.indeks_aar,0))",
                pr.f_nat,
                f(num_format=FACTOR),
            )
            self._local_factor(s, r, pr.f_loc)
            for a in range(3):
                loc, nat = a1(r, L.P_LOCAL + a), a1(r, L.P_NAT + a)
                s.formula(
                    r,
                    L.P_APPLIED + a,
                    f'=IF({loc}="",{nat}*{a1(r, L.P_F_NAT)},{loc}*{a1(r, L.P_F_LOC)})',
                    pr.applied[a],
                    f(num_format=KR2, bold=True),
                )
            applied_status = T.LOKAL if pr.status == "local" else status
            s.formula(
                r,
                L.P_APPLIED_STATUS,
                f"=IF(COUNT({rng(None, r, L.P_LOCAL, r, L.P_LOCAL + 2, False)})>0,"
                f"{_q(T.LOKAL)},{a1(r, L.P_STATUS)})",
                applied_status,
            )
            s.formula(r, L.P_SOURCE, f"={ref(T.VD_YDELSER, vr, 10, False)}", x.source)
            s.formula(r, L.P_NOTE, f'={ref(T.VD_YDELSER, vr, 12, False)}&""', x.note)
        oh = lay.price_own_header
        s.text(oh, 0, T.OWN_SERVICES_HEADER, f.section())
        s.text(oh, 1, T.PRICES_OWN_HINT, f.note())
        for j in range(N_OWN_SERVICES):
            r = lay.price_row(len(b.services) + j)
            o = self.inp.own_services[j]
            pr = v.prices[len(b.services) + j]
            s.text(r, L.P_ID, own_service_id(j), f(font_color=C_NOTE))
            s.value(r, L.P_LABEL, o.label if o else None, f.input())
            s.value(r, L.P_UNIT, o.unit if o else None, f.input())
            s.value(r, L.P_DIR, o.direction if o else None, f.input())
            s.value(r, L.P_ITEM, o.item if o else None, f.input())
            s.formula(
                r, L.P_STATUS, f'=IF({a1(r, L.P_LABEL)}="","",{_q(T.EGEN)})', T.EGEN if o else ""
            )
            for a in range(3):
                s.value(r, L.P_LOCAL + a, o.prices[a] if o else None, f.input(KR2))
            s.value(r, L.P_LOCAL_YEAR, o.price_year if o else None, f.input(YEAR))
            self._local_factor(s, r, pr.f_loc if pr else 1.0)
            for a in range(3):
                loc = a1(r, L.P_LOCAL + a)
                s.formula(
                    r,
                    L.P_APPLIED + a,
                    f'=IF({loc}="",0,{loc}*{a1(r, L.P_F_LOC)})',
                    pr.applied[a] if pr else 0.0,
                    f(num_format=KR2, bold=True),
                )
            s.formula(
                r,
                L.P_APPLIED_STATUS,
                f'=IF({a1(r, L.P_LABEL)}="","",{_q(T.LOKAL)})',
                T.LOKAL if o else "",
            )
        first, last = lay.price_first, lay.price_last
        for name, c in (
            ("priser.id", L.P_ID),
            ("priser.navn", L.P_LABEL),
            ("priser.enhed", L.P_UNIT),
            ("priser.retning", L.P_DIR),
            ("priser.post", L.P_ITEM),
            ("priser.nat_kommune", L.P_NAT),
            ("priser.nat_region", L.P_NAT + 1),
            ("priser.nat_stat", L.P_NAT + 2),
            ("priser.faktor_nat", L.P_F_NAT),
            ("priser.kommune", L.P_APPLIED),
            ("priser.region", L.P_APPLIED + 1),
            ("priser.stat", L.P_APPLIED + 2),
            ("priser.status", L.P_APPLIED_STATUS),
        ):
            self.name(name, T.PRISER, first, c, last, c)
        kb_last = lay.price_first + len(b.services) - 1
        s.validate(
            first,
            L.P_LOCAL,
            kb_last,
            L.P_LOCAL + 2,
            "pris",
            {"validate": "decimal", "criteria": ">=", "value": 0},
        )
        s.validate(
            first,
            L.P_LOCAL_YEAR,
            last,
            L.P_LOCAL_YEAR,
            "prisaar_valgfrit",
            {"validate": "list", "source": "=liste.prisaar"},
        )
        o1, o2 = lay.price_own_first, last
        s.validate(
            o1,
            L.P_LOCAL,
            o2,
            L.P_LOCAL + 2,
            "pris",
            {"validate": "decimal", "criteria": ">=", "value": 0},
        )
        s.validate(
            o1, L.P_DIR, o2, L.P_DIR, "retning", {"validate": "list", "source": "=liste.retning"}
        )
        s.validate(
            o1, L.P_ITEM, o2, L.P_ITEM, "post", {"validate": "list", "source": "=liste.poster"}
        )
        label = a1(o1, L.P_LABEL, False)
        own_label_rule = (
            f'=AND(COUNTIF(priser.navn,{label})=1,ISERROR(FIND("*",{label})),'
            f'ISERROR(FIND("?",{label})),ISERROR(FIND("~",{label})))'
        )
        s.validate(
            o1,
            L.P_LABEL,
            o2,
            L.P_LABEL,
            "egen_ydelse",
            {"validate": "custom", "value": own_label_rule},
        )
        s.note(first, L.P_LOCAL, T.NOTES["lokal_pris"])
        s.note(o1, L.P_LABEL, T.NOTES["egen_ydelse"])
        s.ws.conditional_format(
            first,
            L.P_STATUS,
            last,
            L.P_STATUS,
            {
                "type": "cell",
                "criteria": "==",
                "value": _q(STATUS_LABELS["illustrative"]),
                "format": f(bg_color=C_ILLUSTRATIVE),
            },
        )
        s.ws.conditional_format(
            first,
            L.P_APPLIED_STATUS,
            last,
            L.P_APPLIED_STATUS,
            {
                "type": "cell",
                "criteria": "==",
                "value": _q(STATUS_LABELS["illustrative"]),
                "format": f(bg_color=C_ILLUSTRATIVE),
            },
        )
        s.ws.freeze_panes(h + 1, 2)

    def _local_factor(self, s: _Sheet, r: int, value: float) -> None:
        y = a1(r, L.P_LOCAL_YEAR)
        s.formula(
            r,
            L.P_F_LOC,
            f'=IF({y}="",1,som.prisindeks/INDEX(vd.indeks,MATCH({y},vd.indeks_aar,0)))',
            value,
            self.f(num_format=FACTOR),
        )

    def _price_pos(self, i: int) -> int:
        """Position of price row i in the Priser ranges (the own-services header counts)."""
        return self.lay.price_row(i) - self.lay.price_first + 1 if i >= 0 else 0

    # --- Konsekvenser -------------------------------------------------------------------------
    def consequences(self) -> None:
        s = self.sheets[T.KONSEKVENSER]
        f = self.f
        lay = self.lay
        b = self.bkb
        v = self.v
        inp = self.inp
        k_len = b.profile_len
        pc = lay.cons_price_col
        widths = (5, 40, 10, 28, 9, 14, 6, 16)
        for c, w in enumerate(widths):
            s.ws.set_column(c, c, w)
        s.ws.set_column(lay.cons_profile_col, lay.cons_profile_col + k_len - 1, 10)
        s.ws.set_column(pc, pc + 3, 12)
        s.ws.set_column(pc + 4, pc + 6, 12, f(font_color=C_NOTE))
        s.text(0, 1, T.CONS_TITLE, f.title())
        s.merged(1, 1, 14, T.CONS_INTRO, f.wrap(), 30)
        s.merged(2, 1, 14, T.CONS_HOWTO, f.wrap(), 30)
        s.merged(3, 1, 14, T.CONS_WARNING, f.wrap(bold=True, font_color="#C00000"), 15)
        h = lay.cons_header_row
        headers = [
            *T.CONS_COLS,
            *(f"{T.CONS_YEAR}{k + 1}" for k in range(k_len)),
            *T.CONS_PRICE_COLS,
        ]
        for c, label in enumerate(headers):
            s.text(h, c, label, f.header())
        s.ws.set_row(h, 30)
        max_cons = lay.counts.max_cons
        k_first = lay.cons_profile_col
        on_fmt = f.input(align="center")
        for i in range(lay.cons_blocks):
            r = lay.cons_block_row(i)
            own = i >= max_cons
            row = v.cons[i]
            pr = v.prices[row.price_row] if row.price_row >= 0 else None
            top = f(top=1, top_color="#8EA9DB")
            s.number(r, L.K_NR, i + 1, f(top=1, top_color="#8EA9DB", align="center", valign="top"))
            vdrow, sid, prow = a1(r, pc + 5), a1(r, pc + 4), a1(r, pc + 6)
            if own:
                oc = inp.own_cons[i - max_cons]
                s.value(
                    r, L.K_LABEL, oc.service if oc else None, f.input(top=1, top_color="#8EA9DB")
                )
                s.validate(
                    r,
                    L.K_LABEL,
                    r,
                    L.K_LABEL,
                    "ydelse",
                    {"validate": "list", "source": "=priser.navn"},
                )
                s.formula(
                    r,
                    pc + 6,
                    f'=IF({a1(r, L.K_LABEL)}="",0,'
                    f"IFERROR(MATCH({a1(r, L.K_LABEL)},priser.navn,0),0))",
                    self._price_pos(row.price_row),
                )
                s.formula(r, pc + 4, f'=IF({prow}=0,"",INDEX(priser.id,{prow}))', row.service)
                s.text(r, pc + 5, "")
                s.text(
                    r,
                    L.K_ROW,
                    T.OWN_CONSEQUENCE_KB_ROW,
                    f(top=1, top_color="#8EA9DB", font_color=C_NOTE),
                )
                for k in range(k_len):
                    s.text(r, k_first + k, "", top)
                on = oc.on if oc else True
            else:
                s.formula(
                    r,
                    pc + 5,
                    f'=IFERROR(MATCH(som.maalgruppe_id&"|"&{a1(r, L.K_NR)},vd.k_noegle,0),0)',
                    v.vd_rows[i],
                )
                s.formula(r, pc + 4, f'=IF({vdrow}=0,"",INDEX(vd.k_ydelse,{vdrow}))', row.service)
                s.formula(
                    r,
                    pc + 6,
                    f'=IF({sid}="",0,IFERROR(MATCH({sid},priser.id,0),0))',
                    self._price_pos(row.price_row),
                )
                s.formula(
                    r,
                    L.K_LABEL,
                    f'=IF({prow}=0,"",INDEX(priser.navn,{prow}))',
                    pr.label if pr else "",
                    f(top=1, top_color="#8EA9DB", bold=True),
                )
                s.text(r, L.K_ROW, T.ROW_KB, f(top=1, top_color="#8EA9DB", font_color=C_NOTE))
                vdrow_abs = f"${col(pc + 5)}{r + 1}"
                for k in range(k_len):
                    value: Any = row.kb_profile[k] if row.kb_profile is not None and pr else ""
                    s.formula(
                        r,
                        k_first + k,
                        f'=IF({vdrow_abs}=0,"",INDEX(vd.k_profil,{vdrow_abs},{k + 1}))',
                        value,
                        f(num_format=UNITS, top=1, top_color="#8EA9DB", font_color=C_NOTE),
                    )
                on = inp.switches[i]
            for c, key in (
                (L.K_UNIT, "enhed"),
                (L.K_ITEM, "post"),
                (L.K_DIR, "retning"),
                (L.K_STATUS, "status"),
            ):
                value = ""
                if pr is not None:
                    value = {
                        "enhed": pr.unit,
                        "post": pr.item,
                        "retning": DIRECTION_LABELS[pr.direction] if pr.direction else "",
                        "status": T.LOKAL
                        if pr.status == "local"
                        else STATUS_LABELS.get(pr.status, pr.status),
                    }[key]
                s.formula(
                    r,
                    c,
                    f'=IF({prow}=0,"",INDEX(priser.{key},{prow})&"")',
                    value,
                    f(top=1, top_color="#8EA9DB", valign="top"),
                )
            s.value(r, L.K_ON, T.JA if on else T.NEJ, on_fmt)
            for a, key in enumerate(("kommune", "region", "stat")):
                s.formula(
                    r,
                    pc + a,
                    f"=IF({prow}=0,0,INDEX(priser.{key},{prow}))",
                    float(v.cons_prices[i, a]),
                    f(num_format=KR2, top=1, top_color="#8EA9DB"),
                )
            s.formula(
                r,
                pc + 3,
                f"=IF({a1(r, L.K_DIR)}={_q(DIRECTION_LABELS['revenue'])},1,-1)"
                f"*({a1(r, pc)}+{a1(r, pc + 1)}+{a1(r, pc + 2)})",
                float(v.cons_ug[i]),
                f(num_format=KR2, top=1, top_color="#8EA9DB", bold=True),
            )
            # Own values and the applied profile.
            s.text(r + 1, L.K_ROW, T.ROW_OWN, f(font_color=C_NOTE))
            s.text(r + 2, L.K_ROW, T.ROW_USED, f(bold=True))
            own_cons = inp.own_cons[i - max_cons] if own else None
            overrides = (
                own_cons.profile if own_cons is not None else ({} if own else inp.overrides[i])
            )
            for k in range(k_len):
                kc = k_first + k
                s.value(r + 1, kc, overrides.get(k + 1), f.input(UNITS))
                label, switch = f"${col(L.K_LABEL)}${r + 1}", f"${col(L.K_ON)}${r + 1}"
                if own:
                    formula = f'=IF(OR({label}="",{switch}<>{_q(T.JA)}),0,{a1(r + 1, kc)})'
                else:
                    own_value, kb_value = a1(r + 1, kc), a1(r, kc)
                    formula = (
                        f'=IF(OR({label}="",{switch}<>{_q(T.JA)}),0,'
                        f'IF({own_value}="",N({kb_value}),{own_value}))'
                    )
                s.formula(r + 2, kc, formula, float(row.applied[k]), f(num_format=UNITS, bold=True))
        first, last = lay.cons_first, lay.cons_summary_row - 2
        s.validate(
            first, L.K_ON, last, L.K_ON, "med", {"validate": "list", "source": "=liste.janej"}
        )
        for i in range(lay.cons_blocks):
            r = lay.cons_block_row(i)
            s.validate(
                r + 1,
                k_first,
                r + 1,
                k_first + k_len - 1,
                "profil",
                {"validate": "decimal", "criteria": "between", "minimum": -1e12, "maximum": 1e12},
            )
        s.note(first, L.K_ON, T.NOTES["med"])
        s.note(first + 1, k_first, T.NOTES["egen_vaerdi"])
        s.text(lay.cons_own_header, 0, T.CONS_OWN_HEADER, f.section())
        s.note(lay.cons_block_row(max_cons), L.K_LABEL, T.NOTES["egen_konsekvens"])
        s.ws.conditional_format(
            first,
            L.K_STATUS,
            last,
            L.K_STATUS,
            {
                "type": "cell",
                "criteria": "==",
                "value": _q(STATUS_LABELS["illustrative"]),
                "format": f(bg_color=C_ILLUSTRATIVE),
            },
        )
        s.ws.conditional_format(
            first,
            L.K_ON,
            last,
            L.K_ON,
            {
                "type": "cell",
                "criteria": "==",
                "value": _q(T.NEJ),
                "format": f(bg_color="#F4B084", bold=True),
            },
        )
        # W(k): gain per successful citizen in the k-th year.
        sr = lay.cons_summary_row
        s.merged(sr, 1, L.K_ROW, T.CONS_SUMMARY, f(bold=True, align="right", top=2))
        for k in range(k_len):
            kc = k_first + k
            terms = "+".join(
                f"{a1(lay.cons_block_row(i) + 2, kc)}*${col(pc + 3)}${lay.cons_block_row(i) + 1}"
                for i in range(lay.cons_blocks)
            )
            s.formula(
                sr,
                kc,
                f"={terms}",
                float(v.w[k]),
                f(num_format=KR, bold=True, top=2, bg_color=C_KEY),
            )
        s.ws.freeze_panes(h + 1, 2)
        self.w_row = sr

    # --- Beregning ----------------------------------------------------------------------------
    def calculation(self) -> None:
        s = self.sheets[T.BEREGNING]
        f = self.f
        lay = self.lay
        v = self.v
        inp = self.inp
        b = self.bkb
        y0 = lay.year_col
        yl = lay.last_year_col
        tc, pvc = lay.calc_total_col, lay.calc_pv_col
        R = lay.calc_rows
        s.ws.set_column(0, 0, 44)
        s.ws.set_column(1, 1, 11)
        s.ws.set_column(2, 2, 9)
        s.ws.set_column(3, 3, 26)
        s.ws.set_column(4, 4, 11)
        s.ws.set_column(y0, yl, 12)
        s.ws.set_column(tc, pvc, 14)
        s.text(0, 0, T.CALC_TITLE, f.title())
        s.text(1, 0, T.CALC_INTRO, f.note())
        for c, label in enumerate(T.CALC_HEADERS):
            s.text(R["year"], c, label, f.header())
        s.text(R["year"], tc, T.CALC_TOTAL, f.header())
        s.text(R["year"], pvc, T.CALC_PV, f.header())
        for key, row in R.items():
            if key != "year":
                s.text(row, 0, T.CALC_ROWS[key], f(bold=key in ("disc", "succ")))

        def yc(t: int) -> str:
            return col(y0 + t)

        def cell(row: int, t: int, abs_row: bool = True) -> str:
            return f"{yc(t)}${row + 1}" if abs_row else f"{yc(t)}{row + 1}"

        def w_cell(k: int) -> str:
            """W(k) on Konsekvenser: the gain per successful citizen in year k."""
            return ref(T.KONSEKVENSER, self.w_row, lay.cons_profile_col + k - 1)

        def prof_cell(block_row: int, k: int) -> str:
            """Year k of a consequence block's applied profile on Konsekvenser."""
            return ref(T.KONSEKVENSER, block_row + 2, lay.cons_profile_col + k - 1)

        k_len = b.profile_len
        horizon = inp.horizon
        for t in range(YEARS):
            c = y0 + t
            s.formula(
                R["year"],
                c,
                f"=som.startaar+{cell(R['t'], t)}",
                inp.start_year + t,
                f.header(num_format=YEAR),
            )
            s.number(R["t"], c, t, f(num_format=INT, font_color=C_NOTE))
            s.formula(
                R["in_h"],
                c,
                f"=IF({cell(R['t'], t)}<som.horisont,1,0)",
                v.in_h[t],
                f(num_format=INT),
            )
            if t == 0:
                s.text(R["rate"], c, "")
                s.number(R["disc"], c, 1.0, f(num_format=FACTOR, bold=True))
            else:
                s.formula(
                    R["rate"],
                    c,
                    f"=IF(som.diskontering={_q(T.FAST_RENTE)},som.diskonteringsrente,"
                    "INDEX(vd.rentesatser,MATCH(som.diskontering,vd.rente_navne,0),"
                    f"{cell(R['t'], t)}))",
                    float(v.rates[t]),
                    f(num_format="0.00%"),
                )
                s.formula(
                    R["disc"],
                    c,
                    f"={cell(R['disc'], t - 1, False)}/(1+{cell(R['rate'], t, False)})",
                    float(v.disc[t]),
                    f(num_format=FACTOR, bold=True),
                )
            s.formula(
                R["starters"],
                c,
                f"=IF({cell(R['in_h'], t)}=1,INDEX(som.deltagere,{cell(R['t'], t)}+1),0)",
                float(v.starters[t]),
                f(num_format="#,##0.##"),
            )
            starters_row = rng(None, R["starters"], y0, R["starters"], yl)
            s.formula(
                R["ended"],
                c,
                f"=IF({cell(R['t'], t)}+1-som.forloebsaar>=0,INDEX({starters_row},"
                f"{cell(R['t'], t)}+2-som.forloebsaar),0)",
                float(v.ended[t]),
                f(num_format="#,##0.##"),
            )
            s.formula(
                R["succ"],
                c,
                f"={cell(R['ended'], t, False)}*som.succesrate",
                float(v.succ[t]),
                f(num_format="#,##0.00", bold=True),
            )
            terms = [f"{cell(R['ended'], t - k)}*{w_cell(k)}" for k in range(1, min(k_len, t) + 1)]
            g1 = f"=IF({cell(R['in_h'], t)}=1,{'+'.join(terms)},0)" if terms else "=0"
            s.formula(R["g1"], c, g1, float(v.g1[t]), f(num_format=KR))
        s.formula(R["g1"], pvc, self._pv(R["g1"]), v.pv_g1, f(num_format=KR))

        # Consequence blocks.
        s.text(lay.calc_cons_header, 0, T.CALC_SECTION_CONS, f.section())
        revenue = _q(DIRECTION_LABELS["revenue"])
        purse_labels = list(PURSE_LABELS.values())
        for i in range(lay.cons_blocks):
            br = lay.calc_block_row(i)
            kr_ = lay.cons_block_row(i)
            pr = v.prices[v.cons[i].price_row] if v.cons[i].price_row >= 0 else None
            label = pr.label if pr is not None else T.EMPTY_ROW
            klabel = ref(T.KONSEKVENSER, kr_, L.K_LABEL)
            s.formula(
                br,
                0,
                f'=IF({klabel}="",{_q(T.EMPTY_ROW)},{klabel})',
                label,
                f(bold=True, top=1, top_color="#8EA9DB"),
            )
            s.text(br, 1, T.KIND_UNITS, f(top=1, top_color="#8EA9DB"))
            s.text(br, 2, "", f(top=1, top_color="#8EA9DB"))
            item = pr.item if pr is not None else ""
            s.formula(
                br,
                3,
                f'={ref(T.KONSEKVENSER, kr_, L.K_ITEM)}&""',
                item,
                f(top=1, top_color="#8EA9DB"),
            )
            s.text(br, 4, "", f(top=1, top_color="#8EA9DB"))
            for t in range(YEARS):
                terms = [
                    f"{cell(R['succ'], t - k)}*{prof_cell(kr_, k)}"
                    for k in range(1, min(k_len, t) + 1)
                ]
                formula = f"=IF({cell(R['in_h'], t)}=1,{'+'.join(terms)},0)" if terms else "=0"
                s.formula(
                    br,
                    y0 + t,
                    formula,
                    float(v.units[i, t]),
                    f(num_format=UNITS, top=1, top_color="#8EA9DB"),
                )
            s.formula(
                br,
                tc,
                f"=SUM({rng(None, br, y0, br, yl, False)})",
                float(v.units[i].sum()),
                f(num_format=UNITS, top=1, top_color="#8EA9DB"),
            )
            s.text(br, pvc, "", f(top=1, top_color="#8EA9DB"))
            for a in range(3):
                r = br + 1 + a
                s.formula(r, 0, f"={a1(br, 0)}", label, f(font_color=C_NOTE))
                s.text(r, 1, T.KIND_GAIN)
                s.text(r, 2, purse_labels[a])
                s.formula(r, 3, f"={a1(br, 3)}", item)
                unit_gain = float(v.cons_prices[i, a]) * (
                    1.0 if pr is not None and pr.direction == "revenue" else -1.0
                )
                s.formula(
                    r,
                    4,
                    f"=IF({ref(T.KONSEKVENSER, kr_, L.K_DIR)}={revenue},1,-1)"
                    f"*{ref(T.KONSEKVENSER, kr_, lay.cons_price_col + a)}",
                    unit_gain,
                    f(num_format=KR2),
                )
                for t in range(YEARS):
                    s.formula(
                        r,
                        y0 + t,
                        f"={yc(t)}{br + 1}*$E{r + 1}",
                        float(v.gains[i, t, a]),
                        f(num_format=KR),
                    )
                s.formula(
                    r,
                    tc,
                    f"=SUM({rng(None, r, y0, r, yl, False)})",
                    float(v.gains[i, :, a].sum()),
                    f(num_format=KR),
                )
                s.formula(
                    r, pvc, self._pv(r), float((v.gains[i, :, a] * v.disc).sum()), f(num_format=KR)
                )

        # Cost rows.
        s.text(lay.calc_cost_header, 0, T.CALC_SECTION_COSTS, f.section())
        for n in range(N_YEAR_COSTS + N_PART_COSTS):
            r = lay.calc_cost_first + n
            is_year = n < N_YEAR_COSTS
            o = lay.ycost_rows[n] if is_year else lay.pcost_rows[n - N_YEAR_COSTS]
            cr = v.costs[n]

            def om(column: int, row: int = o) -> str:
                return ref(T.OMKOSTNINGER, row, column)

            s.formula(r, 0, f'=IF({om(L.C_LABEL)}="","",{om(L.C_LABEL)})', cr.label)
            s.text(r, 1, T.KIND_COST)
            s.formula(
                r,
                2,
                f'=IF({om(L.C_PURSE)}="",{_q(PURSE_LABELS["kommune"])},{om(L.C_PURSE)})',
                cr.purse,
            )
            s.formula(
                r, 3, f'=IF({om(L.C_ITEM)}="",{_q(COST_BUDGET_ITEM)},{om(L.C_ITEM)})', cr.item
            )
            s.formula(
                r,
                4,
                f'=IF({om(L.C_KIND)}={_q(T.ART_SPARET)},-1,1)*IF({om(L.C_YEAR)}="",1,'
                f"som.prisindeks/INDEX(vd.indeks,MATCH({om(L.C_YEAR)},vd.indeks_aar,0)))",
                cr.factor,
                f(num_format=FACTOR),
            )
            for t in range(YEARS):
                if is_year:
                    amount = ref(T.OMKOSTNINGER, o, lay.cost_year_col + t, False)
                    formula = f"=IF({cell(R['in_h'], t)}=1,{amount}*$E{r + 1},0)"
                else:
                    formula = (
                        f"=IF({cell(R['in_h'], t)}=1,"
                        f"{om(lay.cost_amount_col)}*$E{r + 1}*{cell(R['starters'], t)},0)"
                    )
                s.formula(r, y0 + t, formula, float(cr.values[t]), f(num_format=KR))
            s.formula(
                r,
                tc,
                f"=SUM({rng(None, r, y0, r, yl, False)})",
                float(cr.values.sum()),
                f(num_format=KR),
            )
            s.formula(r, pvc, self._pv(r), float((cr.values * v.disc).sum()), f(num_format=KR))

        grey = f(font_color=C_OUT_FONT)
        first_a = f"$A{lay.calc_cons_first + 1}"
        s.ws.conditional_format(
            lay.calc_cons_first,
            0,
            lay.calc_cost_last,
            lay.calc_pv_col,
            {
                "type": "formula",
                "criteria": f'=OR({first_a}="",{first_a}={_q(T.EMPTY_ROW)})',
                "format": grey,
            },
        )
        # Totals.
        top, bottom = lay.calc_cons_first, lay.calc_cost_last
        kinds = rng(None, top, 1, bottom, 1)
        purses = rng(None, top, 2, bottom, 2)
        items_rng = rng(None, top, 3, bottom, 3)
        s.text(lay.calc_total_header, 0, T.CALC_SECTION_TOTALS, f.section())
        rows = {
            key: lay.calc_total(key)
            for key in ("costs", "gains", "net", "dnet", "cum", "cum_u", "flag")
        }
        for key, r in rows.items():
            s.text(r, 0, T.CALC_ROWS[key], f(bold=key in ("net", "cum")))
        series = {
            "costs": v.costs_t,
            "gains": v.gains_t,
            "net": v.net_t,
            "dnet": v.dnet_t,
            "cum": v.cum_t,
            "cum_u": v.cum_u_t,
            "flag": v.flag_t,
        }
        for t in range(YEARS):
            c = y0 + t
            span = f"{yc(t)}${top + 1}:{yc(t)}${bottom + 1}"
            formulas = {
                "costs": f"=SUMIFS({span},{kinds},{_q(T.KIND_COST)})",
                "gains": f"=SUMIFS({span},{kinds},{_q(T.KIND_GAIN)})",
                "net": f"={cell(rows['gains'], t, False)}-{cell(rows['costs'], t, False)}",
                "dnet": f"={cell(rows['net'], t, False)}*{cell(R['disc'], t)}",
                "cum": f"={cell(rows['dnet'], t, False)}"
                if t == 0
                else f"={cell(rows['cum'], t - 1, False)}+{cell(rows['dnet'], t, False)}",
                "cum_u": f"={cell(rows['net'], t, False)}"
                if t == 0
                else f"={cell(rows['cum_u'], t - 1, False)}+{cell(rows['net'], t, False)}",
                "flag": (
                    f"=IF(AND({cell(R['in_h'], t)}=1,{cell(rows['cum'], t, False)}>={TOL}),1,0)"
                ),
            }
            for key, formula in formulas.items():
                fm = (
                    f(num_format=INT)
                    if key == "flag"
                    else f(num_format=KR, bold=key in ("net", "cum"))
                )
                s.formula(rows[key], c, formula, float(series[key][t]), fm)
        for key in ("costs", "gains", "net", "dnet"):
            r = rows[key]
            s.formula(
                r,
                tc,
                f"=SUM({rng(None, r, y0, r, yl, False)})",
                float(series[key].sum()),
                f(num_format=KR, bold=True),
            )
            if key != "dnet":
                s.formula(
                    r,
                    pvc,
                    self._pv(r),
                    float((series[key] * v.disc).sum()),
                    f(num_format=KR, bold=True),
                )

        # By purse.
        s.text(lay.calc_purse_header, 0, T.CALC_SECTION_PURSE, f.section())
        pnet = v.purse_gains - v.purse_costs
        for a, plabel in enumerate(purse_labels):
            rc, rg, rn = (
                lay.calc_purse("costs", a),
                lay.calc_purse("gains", a),
                lay.calc_purse("net", a),
            )
            for r, text, kind in (
                (rc, T.CALC_PURSE_COSTS, T.KIND_COST),
                (rg, T.CALC_PURSE_GAINS, T.KIND_GAIN),
                (rn, T.CALC_PURSE_NET, ""),
            ):
                s.text(r, 0, text + plabel.lower())
                s.text(r, 1, kind)
                s.text(r, 2, plabel)
            for t in range(YEARS):
                span = f"{yc(t)}${top + 1}:{yc(t)}${bottom + 1}"
                s.formula(
                    rc,
                    y0 + t,
                    f"=SUMIFS({span},{kinds},$B{rc + 1},{purses},$C{rc + 1})",
                    float(v.purse_costs[a, t]),
                    f(num_format=KR),
                )
                s.formula(
                    rg,
                    y0 + t,
                    f"=SUMIFS({span},{kinds},$B{rg + 1},{purses},$C{rg + 1})",
                    float(v.purse_gains[a, t]),
                    f(num_format=KR),
                )
                s.formula(
                    rn,
                    y0 + t,
                    f"={yc(t)}{rg + 1}-{yc(t)}{rc + 1}",
                    float(pnet[a, t]),
                    f(num_format=KR),
                )
            for r, arr in ((rc, v.purse_costs[a]), (rg, v.purse_gains[a]), (rn, pnet[a])):
                s.formula(
                    r,
                    tc,
                    f"=SUM({rng(None, r, y0, r, yl, False)})",
                    float(arr.sum()),
                    f(num_format=KR),
                )
                s.formula(r, pvc, self._pv(r), float((arr * v.disc).sum()), f(num_format=KR))

        # By budget item.
        s.text(lay.calc_item_header, 0, T.CALC_SECTION_ITEMS, f.section())
        for bi, (_, blabel, _) in enumerate(b.budget_items):
            for kind, text, arr in (
                ("costs", T.KIND_COST, v.item_costs[bi]),
                ("gains", T.KIND_GAIN, v.item_gains[bi]),
            ):
                r = lay.calc_item(kind, bi)
                s.text(
                    r, 0, (T.CALC_PURSE_COSTS if kind == "costs" else T.CALC_PURSE_GAINS) + blabel
                )
                s.text(r, 1, text)
                s.text(r, 3, blabel)
                for t in range(YEARS):
                    span = f"{yc(t)}${top + 1}:{yc(t)}${bottom + 1}"
                    s.formula(
                        r,
                        y0 + t,
                        f"=SUMIFS({span},{kinds},$B{r + 1},{items_rng},$D{r + 1})",
                        float(arr[t]),
                        f(num_format=KR),
                    )
                s.formula(
                    r,
                    tc,
                    f"=SUM({rng(None, r, y0, r, yl, False)})",
                    float(arr.sum()),
                    f(num_format=KR),
                )
                s.formula(r, pvc, self._pv(r), float((arr * v.disc).sum()), f(num_format=KR))

        # Chart data: #N/A after the horizon, so that the charts stop there.
        s.text(lay.calc_fig_header, 0, T.CALC_SECTION_FIG, f.section())
        nan = float("nan")
        for key, src, arr in (
            ("fig_year", R["year"], [float(inp.start_year + t) for t in range(YEARS)]),
            ("fig_cum", rows["cum"], list(v.cum_t)),
            ("fig_cum_u", rows["cum_u"], list(v.cum_u_t)),
        ):
            r = lay.calc_fig(key)
            s.text(r, 0, T.CALC_ROWS[key])
            for t in range(YEARS):
                s.formula(
                    r,
                    y0 + t,
                    f"=IF({cell(R['in_h'], t)}=1,{cell(src, t)},NA())",
                    arr[t] if t < horizon else nan,
                    f(num_format=YEAR if key == "fig_year" else KR),
                )
        s.ws.freeze_panes(R["t"] + 1, y0)
        self.calc_rows = rows

    def _pv(self, row: int) -> str:
        lay = self.lay
        d = lay.calc_rows["disc"]
        values = rng(None, row, lay.year_col, row, lay.last_year_col, False)
        return f"=SUMPRODUCT({values},{rng(None, d, lay.year_col, d, lay.last_year_col)})"

    # --- Resultat -----------------------------------------------------------------------------
    def _key_figures(
        self,
        s: _Sheet,
        first: Callable[[str], int],
        sheet: str,
        rows: dict[str, int],
        g1_row: int,
        values: dict[str, Any],
        prefix: str,
        lc: int,
    ) -> None:
        """The key figures: label in column lc, value in lc + 1, explanation in lc + 2."""
        f = self.f
        lay = self.lay
        tc, pvc = lay.calc_total_col, lay.calc_pv_col
        y0, yl = lay.year_col, lay.last_year_col
        flag = rows["flag"]
        costs_nv = a1(first("omkostninger_nv"), lc + 1, True)
        gains_nv = a1(first("gevinster_nv"), lc + 1, True)
        years = rng(T.BEREGNING, lay.calc_rows["year"], y0, lay.calc_rows["year"], yl)
        g1_pv = ref(sheet, g1_row, pvc)
        formulas = {
            "nettoresultat": f"={ref(sheet, rows['net'], tc)}",
            "nettoresultat_nv": f"={ref(sheet, rows['net'], pvc)}"
            if sheet == T.BEREGNING
            else f"={ref(sheet, rows['dnet'], tc)}",
            "omkostninger_nv": f"={ref(sheet, rows['costs'], pvc)}",
            "gevinster_nv": f"={ref(sheet, rows['gains'], pvc)}",
            "breakeven_aar": (
                f"=IFERROR(INDEX({years},"
                f"MATCH(1,{rng(sheet, flag, y0, flag, yl)},0)),{_q(T.NO_BREAK_EVEN)})"
            ),
            "breakeven_succesrate": (
                f"=IF(AND({g1_pv}>0,{gains_nv}>0),{costs_nv}/{g1_pv},{_q(T.NO_BREAK_EVEN_RATE)})"
            ),
            "bcr": f"=IF({costs_nv}>0,{gains_nv}/{costs_nv},{_q(T.NO_BCR)})",
        }
        fmts = {
            "breakeven_aar": f(num_format=YEAR, bold=True, bg_color=C_KEY, align="right", border=1),
            "breakeven_succesrate": f(
                num_format=PCT, bold=True, bg_color=C_KEY, align="right", border=1
            ),
            "bcr": f(num_format="0.00", bold=True, bg_color=C_KEY, align="right", border=1),
        }
        for key, (label, help_text) in T.RESULT_KEYS.items():
            r = first(key)
            s.text(r, lc, label, f(bold=True))
            s.formula(
                r,
                lc + 1,
                formulas[key],
                values[key],
                fmts.get(key, f(num_format=KR_KEY, bold=True, bg_color=C_KEY, border=1)),
            )
            s.text(r, lc + 2, help_text, f.note())
            if prefix == "som." or key in ("nettoresultat", "nettoresultat_nv"):
                self.name(f"{prefix}{key}", s.name, r, lc + 1)

    def result(self) -> None:
        s = self.sheets[T.RESULTAT]
        f = self.f
        lay = self.lay
        v = self.v
        res = v.result
        inp = self.inp
        b = self.bkb
        tc, pvc = lay.calc_total_col, lay.calc_pv_col
        s.ws.set_column(0, 0, 2)
        s.ws.set_column(1, 1, 38)
        s.ws.set_column(2, 2, 17)
        s.ws.set_column(3, 8, 15)
        s.ws.set_column(5, 5, 19)
        s.ws.set_column(9, 11, 14)
        s.text(0, 1, T.RESULT_TITLE, f.title())
        echo = (
            '="Scenarie: "&som.navn&"  ·  Målgruppe: "&som.maalgruppe'
            '&"  ·  "&som.startaar&"-"&som.slutaar'
            '&"  ·  Prisniveau "&som.prisaar&"  ·  Succesrate "&ROUND(som.succesrate*100,1)&" %"'
        )
        rate_text = f"{round(inp.success_rate * 100, 1):g}".replace(".", ",")
        echo_value = (
            f"Scenarie: {inp.name}  ·  Målgruppe: {inp.target_group}  ·  {inp.start_year}-"
            f"{inp.start_year + inp.horizon - 1}  ·  Prisniveau {inp.price_year}"
            f"  ·  Succesrate {rate_text} %"
        )
        s.formula(1, 1, echo, echo_value, f(italic=True))
        s.text(lay.res_key_first - 1, 1, T.RESULT_KEY_HEADER, f.section())
        be = res.break_even_year
        bes = res.break_even_success_rate
        bcr = res.benefit_cost_ratio
        values = {
            "nettoresultat": res.net_undiscounted,
            "nettoresultat_nv": res.net_discounted,
            "omkostninger_nv": res.pv_costs,
            "gevinster_nv": res.pv_gains,
            "breakeven_aar": be if be is not None else T.NO_BREAK_EVEN,
            "breakeven_succesrate": bes if bes is not None else T.NO_BREAK_EVEN_RATE,
            "bcr": bcr if bcr is not None else T.NO_BCR,
        }
        self._key_figures(
            s, lay.res_key, T.BEREGNING, self.calc_rows, lay.calc_rows["g1"], values, "som.", 1
        )
        nv = a1(lay.res_key("nettoresultat_nv"), 2, True)
        s.formula(
            lay.res_verdict,
            1,
            f"=IF({nv}>=0,{_q(T.VERDICT_POSITIVE)},{_q(T.VERDICT_NEGATIVE)})",
            T.VERDICT_POSITIVE if res.net_discounted >= 0 else T.VERDICT_NEGATIVE,
            f(bold=True, font_color=C_SECTION),
        )

        # Split tables.
        def split(
            header_row: int,
            first: int,
            title: str,
            labels: list[str],
            rows_c: list[int],
            rows_g: list[int],
        ) -> None:
            s.text(header_row, 1, title, f.section())
            heads = ["", *T.RESULT_SPLIT_COLS]
            for c, label in enumerate(heads):
                s.text(first - 1, 1 + c, label, f.header())
            s.ws.set_row(first - 1, 30)
            for n, label in enumerate(labels):
                r = first + n
                rc, rg = rows_c[n], rows_g[n]
                cu, gu = self._calc_sum(rc, tc), self._calc_sum(rg, tc)
                cd, gd = self._calc_sum(rc, pvc), self._calc_sum(rg, pvc)
                s.text(r, 1, label)
                cells = [
                    (f"={ref(T.BEREGNING, rc, tc)}", cu),
                    (f"={ref(T.BEREGNING, rg, tc)}", gu),
                    (f"={a1(r, 3)}-{a1(r, 2)}", gu - cu),
                    (f"={ref(T.BEREGNING, rc, pvc)}", cd),
                    (f"={ref(T.BEREGNING, rg, pvc)}", gd),
                    (f"={a1(r, 6)}-{a1(r, 5)}", gd - cd),
                ]
                for c, (formula, value) in enumerate(cells):
                    s.formula(r, 2 + c, formula, value, f(num_format=KR, bold=c in (2, 5)))
            tr = first + len(labels)
            s.text(tr, 1, T.RESULT_TOTAL, f(bold=True, top=1))
            for c in range(6):
                column = 2 + c
                total = sum(self._cell_value(first + n, column) for n in range(len(labels)))
                s.formula(
                    tr,
                    column,
                    f"=SUM({rng(None, first, column, tr - 1, column, False)})",
                    total,
                    f(num_format=KR, bold=True, top=1),
                )

        purse_labels = list(PURSE_LABELS.values())
        split(
            lay.res_purse_header,
            lay.res_purse_first,
            T.RESULT_PURSE_HEADER,
            purse_labels,
            [lay.calc_purse("costs", a) for a in range(3)],
            [lay.calc_purse("gains", a) for a in range(3)],
        )
        item_labels = [label for _, label, _ in b.budget_items]
        split(
            lay.res_item_header,
            lay.res_item_first,
            T.RESULT_ITEM_HEADER,
            item_labels,
            [lay.calc_item("costs", i) for i in range(len(item_labels))],
            [lay.calc_item("gains", i) for i in range(len(item_labels))],
        )

        # Year by year: the totals first, then one row per year (blank after the horizon).
        yh = lay.res_year_header
        s.text(yh, 1, T.RESULT_YEAR_HEADER, f.section())
        for c, label in enumerate(T.RESULT_YEAR_COLS):
            s.text(yh + 1, 1 + c, label, f.header())
        s.ws.set_row(yh + 1, 30)
        R = lay.calc_rows
        rows = self.calc_rows
        pnet = v.purse_gains - v.purse_costs
        src = [
            (R["year"], [float(inp.start_year + t) for t in range(YEARS)], YEAR),
            (rows["costs"], list(v.costs_t), KR),
            (rows["gains"], list(v.gains_t), KR),
            (rows["net"], list(v.net_t), KR),
            (R["disc"], list(v.disc), "0.0000"),
            (rows["dnet"], list(v.dnet_t), KR),
            (rows["cum"], list(v.cum_t), KR),
            *((lay.calc_purse("net", a), list(pnet[a]), KR) for a in range(3)),
        ]
        first = lay.res_year_first + 1
        tr = lay.res_year_first
        for t in range(YEARS):
            r = first + t
            inh = ref(T.BEREGNING, R["in_h"], lay.year_col + t)
            for c, (row, arr, nf) in enumerate(src):
                value: Any = arr[t] if t < inp.horizon else ""
                fm = f(num_format=nf, align="left") if c == 0 else f(num_format=nf, bold=c == 6)
                s.formula(
                    r,
                    1 + c,
                    f'=IF({inh}=1,{ref(T.BEREGNING, row, lay.year_col + t)},"")',
                    value,
                    fm,
                )
        s.text(tr, 1, T.RESULT_TOTAL, f(bold=True, bottom=1))
        for c, (_, arr, nf) in enumerate(src):
            if c in (4, 6):
                s.text(tr, 1 + c, "", f(bottom=1))
                continue
            if c == 0:
                continue
            total = float(sum(arr[: inp.horizon]))
            s.formula(
                tr,
                1 + c,
                f"=SUM({rng(None, first, 1 + c, first + YEARS - 1, 1 + c, False)})",
                total,
                f(num_format=nf, bold=True, bottom=1),
            )
        self._charts(s)
        s.ws.freeze_panes(2, 0)

    def _calc_sum(self, row: int, column: int) -> float:
        """The cached total/PV of a Beregning row (from the values already computed)."""
        lay = self.lay
        v = self.v
        pv = column == lay.calc_pv_col
        w = v.disc if pv else 1.0
        for a in range(3):
            if row == lay.calc_purse("costs", a):
                return float((v.purse_costs[a] * w).sum())
            if row == lay.calc_purse("gains", a):
                return float((v.purse_gains[a] * w).sum())
        for bi in range(len(self.bkb.budget_items)):
            if row == lay.calc_item("costs", bi):
                return float((v.item_costs[bi] * w).sum())
            if row == lay.calc_item("gains", bi):
                return float((v.item_gains[bi] * w).sum())
        raise KeyError(row)

    def _cell_value(self, row: int, column: int) -> float:
        """Cached value of a split-table cell (recomputed from the Beregning sums)."""
        lay = self.lay
        for first, n, rows_c, rows_g in (
            (
                lay.res_purse_first,
                3,
                [lay.calc_purse("costs", a) for a in range(3)],
                [lay.calc_purse("gains", a) for a in range(3)],
            ),
            (
                lay.res_item_first,
                len(self.bkb.budget_items),
                [lay.calc_item("costs", i) for i in range(len(self.bkb.budget_items))],
                [lay.calc_item("gains", i) for i in range(len(self.bkb.budget_items))],
            ),
        ):
            if first <= row < first + n:
                k = row - first
                tc, pvc = lay.calc_total_col, lay.calc_pv_col
                cu, gu = self._calc_sum(rows_c[k], tc), self._calc_sum(rows_g[k], tc)
                cd, gd = self._calc_sum(rows_c[k], pvc), self._calc_sum(rows_g[k], pvc)
                return [cu, gu, gu - cu, cd, gd, gd - cd][column - 2]
        raise KeyError((row, column))

    def _charts(self, s: _Sheet) -> None:
        lay = self.lay
        wb = self.wb
        y0, yl = lay.year_col, lay.last_year_col
        calc = T.BEREGNING
        font = {"name": "Calibri", "size": 9}
        cum = wb.add_chart({"type": "scatter", "subtype": "straight_with_markers"})
        assert cum is not None
        fy = lay.calc_fig("fig_year")
        for key, name, colour in (
            ("fig_cum", T.CHART_CUM_SERIES[0], C_HEADER),
            ("fig_cum_u", T.CHART_CUM_SERIES[1], "#ED7D31"),
        ):
            r = lay.calc_fig(key)
            cum.add_series(
                {
                    "name": name,
                    "categories": f"={rng(calc, fy, y0, fy, yl)}",
                    "values": f"={rng(calc, r, y0, r, yl)}",
                    "line": {"color": colour, "width": 2.25},
                    "marker": {
                        "type": "circle",
                        "size": 5,
                        "fill": {"color": colour},
                        "border": {"color": colour},
                    },
                }
            )
        cum.set_title({"name": T.CHART_CUM_TITLE, "name_font": {"size": 12}})
        cum.set_x_axis(
            {
                "name": T.CHART_YEAR_AXIS,
                "num_format": "0",
                "num_font": font,
                "major_gridlines": {"visible": False},
                "label_position": "low",
            }
        )
        cum.set_y_axis(
            {
                "name": T.CHART_KR_AXIS,
                "num_format": "#,##0",
                "num_font": font,
                "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
            }
        )
        cum.set_legend({"position": "bottom"})
        cum.set_size({"width": 600, "height": 350})
        s.ws.insert_chart(lay.res_chart_row, 1, cum, {"x_offset": 0, "y_offset": 4})

        purse = wb.add_chart({"type": "column"})
        assert purse is not None
        p1, p2 = lay.res_purse_first, lay.res_purse_first + 2
        for c, name, colour in ((4, T.CHART_SERIES_U, "#9DC3E6"), (7, T.CHART_SERIES_NV, C_HEADER)):
            purse.add_series(
                {
                    "name": name,
                    "categories": f"={rng(T.RESULTAT, p1, 1, p2, 1)}",
                    "values": f"={rng(T.RESULTAT, p1, c, p2, c)}",
                    "fill": {"color": colour},
                    "data_labels": {"value": True, "num_format": "#,##0", "font": font},
                }
            )
        purse.set_title({"name": T.CHART_PURSE_TITLE, "name_font": {"size": 12}})
        purse.set_y_axis(
            {
                "num_format": "#,##0",
                "num_font": font,
                "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
            }
        )
        purse.set_x_axis({"label_position": "low"})
        purse.set_legend({"position": "bottom"})
        purse.set_size({"width": 600, "height": 350})
        s.ws.insert_chart(lay.res_chart_row, 5, purse, {"x_offset": 10, "y_offset": 4})

        items = wb.add_chart({"type": "bar"})
        assert items is not None
        i1, i2 = lay.res_item_first, lay.res_item_first + len(self.bkb.budget_items) - 1
        items.add_series(
            {
                "name": T.CHART_SERIES_NV,
                "categories": f"={rng(T.RESULTAT, i1, 1, i2, 1)}",
                "values": f"={rng(T.RESULTAT, i1, 7, i2, 7)}",
                "fill": {"color": C_HEADER},
                "invert_if_negative": False,
            }
        )
        items.set_title({"name": T.CHART_ITEM_TITLE, "name_font": {"size": 12}})
        items.set_x_axis(
            {
                "num_format": "#,##0",
                "num_font": font,
                "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
            }
        )
        items.set_y_axis({"reverse": True, "num_font": font, "label_position": "low"})
        items.set_legend({"none": True})
        items.set_size({"width": 560, "height": 20 * (len(self.bkb.budget_items) + 3)})
        s.ws.insert_chart(lay.res_item_header, 9, items, {"x_offset": 10, "y_offset": 0})

    # --- Hurtigt skøn -------------------------------------------------------------------------
    def skoen(self) -> None:
        s = self.sheets[T.SKOEN]
        f = self.f
        lay = self.lay
        v = self.v
        sv = v.skoen
        assert sv is not None
        sk = self.inp.skoen
        b = self.bkb
        y0, yl = lay.year_col, lay.last_year_col
        tc, pvc = lay.calc_total_col, lay.calc_pv_col
        R = lay.calc_rows
        s.ws.set_column(0, 0, 44)
        s.ws.set_column(1, 1, 30)
        s.ws.set_column(2, 2, 22)
        s.ws.set_column(3, 3, 12)
        s.ws.set_column(4, 4, 14)
        s.ws.set_column(y0, yl, 12)
        s.ws.set_column(tc, pvc, 14)
        s.text(0, 0, T.SKOEN_TITLE, f.title())
        s.merged(1, 0, 4, T.SKOEN_INTRO, f.wrap(), 30)
        rows = lay.skoen_rows
        c = 1
        for key, r in rows.items():
            s.text(r, 0, T.SKOEN_INPUTS[key], f(bold=key != "forslag"))
        group = b.group_by_label(sk.target_group)
        assert group is not None
        s.value(rows["maalgruppe"], c, sk.target_group, f.input())
        s.validate(
            rows["maalgruppe"],
            c,
            rows["maalgruppe"],
            c,
            "maalgruppe",
            {"validate": "list", "source": "=vd.mg_navn"},
        )
        gid = a1(rows["maalgruppe"], 2, True)
        m = f"MATCH({a1(rows['maalgruppe'], c, True)},vd.mg_navn,0)"
        s.formula(rows["maalgruppe"], 2, f"=INDEX(vd.mg_id,{m})", group.id, f(font_color=C_NOTE))
        s.value(rows["deltagere"], c, sk.participants, f.input(INT, align="left"))
        s.validate(
            rows["deltagere"],
            c,
            rows["deltagere"],
            c,
            "skoen_deltagere",
            {"validate": "integer", "criteria": ">=", "value": 0},
        )
        s.value(rows["pris"], c, sk.cost, f.input(KR, align="left"))
        s.validate(
            rows["pris"],
            c,
            rows["pris"],
            c,
            "beloeb_pr_deltager",
            {"validate": "decimal", "criteria": ">=", "value": 0},
        )
        s.value(rows["succesrate"], c, sk.success_rate, f.input(PCT, align="left"))
        s.validate(
            rows["succesrate"],
            c,
            rows["succesrate"],
            c,
            "succesrate",
            {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 1},
        )
        s.note(rows["succesrate"], c, T.NOTES["skoen_succesrate"])
        suggestion: Any = group.success_rate if group.success_rate is not None else ""
        s.formula(
            rows["forslag"],
            c,
            f'=IF(INDEX(vd.mg_succesrate,{m})="","",INDEX(vd.mg_succesrate,{m}))',
            suggestion,
            f(num_format=PCT, align="left", italic=True),
        )
        s.formula(rows["forslag"], 2, f'=INDEX(vd.mg_indsats,{m})&""', group.effect, f.note())
        used: Any = (
            sk.success_rate
            if sk.success_rate is not None
            else (group.success_rate if group.success_rate is not None else T.NO_SUCCESS_RATE)
        )
        srate, sugg = a1(rows["succesrate"], c), a1(rows["forslag"], c)
        s.formula(
            rows["anvendt"],
            c,
            f'=IF({srate}="",IF({sugg}="",{_q(T.NO_SUCCESS_RATE)},{sugg}),{srate})',
            used,
            f(num_format=PCT, align="left", bold=True, bg_color=C_KEY),
        )
        for key, name in (
            ("maalgruppe", "som.skoen_maalgruppe"),
            ("deltagere", "som.skoen_deltagere"),
            ("pris", "som.skoen_pris"),
            ("anvendt", "som.skoen_succesrate"),
        ):
            self.name(name, T.SKOEN, rows[key], c)

        # Calculation block (first, so the key figures can refer to it).
        ch = lay.skoen_calc_header
        s.text(ch, 0, T.SKOEN_CALC_HEADER, f.section())
        heads = ("Ydelse", "Ydelses-id", "VD-række", "Prisrække", "Gevinst pr. enhed")
        for i2, label in enumerate(heads):
            s.text(ch + 1, i2, label, f.header())
        s.ws.set_row(ch + 1, 30)
        for t in range(YEARS):
            s.formula(
                ch + 1,
                y0 + t,
                f"={xref(T.BEREGNING, R['year'], y0 + t)}",
                self.inp.start_year + t,
                f.header(num_format=YEAR),
            )
        s.text(ch + 1, tc, T.CALC_TOTAL, f.header())
        s.text(ch + 1, pvc, T.CALC_PV, f.header())
        k_len = b.profile_len
        first = lay.skoen_calc_first
        for i in range(lay.counts.max_cons):
            r = first + i
            sid, vdrow, prow, ug = sv.rows[i]
            label = b.services[prow - 1].label if prow else ""
            s.formula(r, 2, f'=IFERROR(MATCH({gid}&"|"&{i + 1},vd.k_noegle,0),0)', vdrow)
            s.formula(r, 1, f'=IF({a1(r, 2)}=0,"",INDEX(vd.k_ydelse,{a1(r, 2)}))', sid)
            s.formula(r, 3, f'=IF({a1(r, 1)}="",0,IFERROR(MATCH({a1(r, 1)},priser.id,0),0))', prow)
            s.formula(r, 0, f'=IF({a1(r, 3)}=0,"",INDEX(priser.navn,{a1(r, 3)}))', label)
            p = a1(r, 3)
            s.formula(
                r,
                4,
                f"=IF({p}=0,0,IF(INDEX(priser.retning,{p})={_q(DIRECTION_LABELS['revenue'])},1,-1)*INDEX(priser.faktor_nat,{p})"
                f"*(INDEX(priser.nat_kommune,{p})+INDEX(priser.nat_region,{p})+INDEX(priser.nat_stat,{p})))",
                ug,
                f(num_format=KR2),
            )
            for t in range(YEARS):
                kk = f"{xref(T.BEREGNING, R['t'], y0 + t)}+1-som.forloebsaar"
                inh = xref(T.BEREGNING, R["in_h"], y0 + t)
                formula = (
                    f"=IF(AND({inh}=1,$C{r + 1}>0,{kk}>=1,{kk}<={k_len}),"
                    f"som.skoen_deltagere*INDEX(vd.k_profil,$C{r + 1},{kk})*$E{r + 1},0)"
                )
                s.formula(r, y0 + t, formula, float(sv.per_row[i, t]), f(num_format=KR))
            s.formula(
                r,
                tc,
                f"=SUM({rng(None, r, y0, r, yl, False)})",
                float(sv.per_row[i].sum()),
                f(num_format=KR),
            )
            s.formula(
                r, pvc, self._pv_other(r), float((sv.per_row[i] * v.disc).sum()), f(num_format=KR)
            )
        last = first + lay.counts.max_cons - 1
        tr = {
            key: lay.skoen_total(key)
            for key in ("g1", "costs", "gains", "net", "dnet", "cum", "flag")
        }
        labels = {
            "g1": T.CALC_ROWS["g1"],
            "costs": T.CALC_ROWS["costs"],
            "gains": T.CALC_ROWS["gains"],
            "net": T.CALC_ROWS["net"],
            "dnet": T.CALC_ROWS["dnet"],
            "cum": T.CALC_ROWS["cum"],
            "flag": T.CALC_ROWS["flag"],
        }
        for key, r in tr.items():
            s.text(r, 0, labels[key], f(bold=key in ("net", "cum")))
        has_rate = sv.resolved is not None
        dnet = (sv.gains - sv.costs) * v.disc
        cum = np.cumsum(dnet)
        series = {
            "g1": sv.g1,
            "costs": sv.costs,
            "gains": sv.gains,
            "net": sv.gains - sv.costs,
            "dnet": dnet,
            "cum": cum,
            "flag": np.where((v.in_h == 1) & (cum >= -BREAK_EVEN_TOLERANCE), 1.0, 0.0),
        }
        for t in range(YEARS):
            cc = col(y0 + t)
            d = xref(T.BEREGNING, R["disc"], y0 + t)
            inh = xref(T.BEREGNING, R["in_h"], y0 + t)
            tt = xref(T.BEREGNING, R["t"], y0 + t)
            formulas = {
                "g1": f"=SUM({cc}{first + 1}:{cc}{last + 1})",
                "costs": f"=IF({tt}=0,som.skoen_deltagere*som.skoen_pris,0)",
                "gains": f"=som.skoen_succesrate*{cc}{tr['g1'] + 1}",
                "net": f"={cc}{tr['gains'] + 1}-{cc}{tr['costs'] + 1}",
                "dnet": f"={cc}{tr['net'] + 1}*{d}",
                "cum": f"={cc}{tr['dnet'] + 1}"
                if t == 0
                else f"={col(y0 + t - 1)}{tr['cum'] + 1}+{cc}{tr['dnet'] + 1}",
                "flag": f"=IF(AND({inh}=1,{cc}{tr['cum'] + 1}>={TOL}),1,0)",
            }
            for key, formula in formulas.items():
                value: Any = float(series[key][t])
                if not has_rate and key in ("gains", "net", "dnet", "cum", "flag"):
                    value = "#VALUE!"
                s.formula(
                    tr[key],
                    y0 + t,
                    formula,
                    value,
                    f(num_format=INT if key == "flag" else KR, bold=key in ("net", "cum")),
                )
        for key in ("g1", "costs", "gains", "net", "dnet"):
            r = tr[key]
            total: Any = (
                float(series[key].sum()) if has_rate or key in ("g1", "costs") else "#VALUE!"
            )
            s.formula(
                r, tc, f"=SUM({rng(None, r, y0, r, yl, False)})", total, f(num_format=KR, bold=True)
            )
            if key != "dnet":
                pv: Any = (
                    float((series[key] * v.disc).sum())
                    if has_rate or key in ("g1", "costs")
                    else "#VALUE!"
                )
                s.formula(r, pvc, self._pv_other(r), pv, f(num_format=KR, bold=True))

        # Key figures.
        s.text(lay.skoen_key_first - 1, 0, T.SKOEN_RESULT_HEADER, f.section())
        res = sv.result
        if res is not None:
            be, bes, bcr = res.break_even_year, res.break_even_success_rate, res.benefit_cost_ratio
            values: dict[str, Any] = {
                "nettoresultat": res.net_undiscounted,
                "nettoresultat_nv": res.net_discounted,
                "omkostninger_nv": res.pv_costs,
                "gevinster_nv": res.pv_gains,
                "breakeven_aar": be if be is not None else T.NO_BREAK_EVEN,
                "breakeven_succesrate": bes if bes is not None else T.NO_BREAK_EVEN_RATE,
                "bcr": bcr if bcr is not None else T.NO_BCR,
            }
        else:
            values = dict.fromkeys(T.RESULT_KEYS, "#VALUE!")
        self._skoen_keys(s, tr, values)

        # Services likely affected.
        sh = lay.skoen_services_header
        s.text(sh, 0, T.SKOEN_SERVICES_HEADER, f.section())
        for i2, label in enumerate(T.SKOEN_SERVICES_COLS):
            s.text(sh + 1, i2, label, f.header())
        s.text(sh + 1, 4, "|NV|", f.header())
        f1, f2 = lay.skoen_services_first, lay.skoen_services_first + lay.counts.max_cons - 1
        nvs = [
            float((sv.per_row[i] * v.disc).sum())
            * (sv.resolved.success_rate if sv.resolved else float("nan"))
            for i in range(lay.counts.max_cons)
        ]
        absolute = [abs(x) for x in nvs]
        for i in range(lay.counts.max_cons):
            r = f1 + i
            cr = first + i
            sid = sv.rows[i][0]
            lab = b.services[sv.rows[i][2] - 1].label if sv.rows[i][2] else ""
            item = b.services[sv.rows[i][2] - 1].budget_item if sv.rows[i][2] else ""
            s.formula(r, 0, f"={a1(cr, 0)}", lab)
            s.formula(r, 1, f'=IF({a1(cr, 3)}=0,"",INDEX(priser.post,{a1(cr, 3)}))', item)
            s.formula(
                r,
                2,
                f"=som.skoen_succesrate*{a1(cr, pvc)}",
                nvs[i] if has_rate else "#VALUE!",
                f(num_format=KR),
            )
            s.formula(
                r,
                4,
                f"=ABS({a1(r, 2)})",
                absolute[i] if has_rate else "#VALUE!",
                f(num_format=KR, font_color=C_NOTE),
            )
            rank: Any = ""
            if sid and has_rate:
                rank = 1 + sum(1 for x in absolute if x > absolute[i])
            s.formula(
                r,
                3,
                f'=IF({a1(r, 0)}="","",RANK({a1(r, 4)},{rng(None, f1, 4, f2, 4)}))',
                rank if has_rate or not sid else "#VALUE!",
                f(num_format=INT, align="center"),
            )
        s.ws.freeze_panes(3, 0)

    def _skoen_keys(self, s: _Sheet, tr: dict[str, int], values: dict[str, Any]) -> None:
        lay = self.lay
        self._key_figures(s, lay.skoen_key, T.SKOEN, tr, tr["g1"], values, "som.skoen_", 0)

    def _pv_other(self, row: int) -> str:
        lay = self.lay
        d = lay.calc_rows["disc"]
        values = rng(None, row, lay.year_col, row, lay.last_year_col, False)
        return f"=SUMPRODUCT({values},{rng(T.BEREGNING, d, lay.year_col, d, lay.last_year_col)})"

    # --- Forudsætninger ----------------------------------------------------------------------
    def checklist(self) -> None:
        s = self.sheets[T.FORUDSAETNINGER]
        f = self.f
        lay = self.lay
        v = self.v
        s.ws.set_column(0, 0, 3)
        s.ws.set_column(1, 1, 62)
        s.ws.set_column(2, 2, 90)
        s.text(0, 1, T.CHECK_TITLE, f.title())
        s.merged(1, 1, 2, T.CHECK_INTRO, f.wrap(), 18)
        s.text(lay.check_first - 1, 1, T.CHECK_COLS[0], f.header())
        s.text(lay.check_first - 1, 2, T.CHECK_COLS[1], f.header())
        for i, q in enumerate(T.CHECK_QUESTIONS):
            r = lay.check_first + i
            s.text(r, 1, q, f.wrap())
            s.text(r, 2, "", f.input(text_wrap=True, valign="top"))
            s.ws.set_row(r, 48)
        s.note(lay.check_first, 2, T.NOTES["check"])
        ah = lay.check_auto_header
        s.text(ah, 1, T.CHECK_AUTO_HEADER, f.section())
        k1 = lay.cons_first
        kl = lay.cons_block_row(lay.counts.max_cons - 1) + 2
        o1 = lay.cons_block_row(lay.counts.max_cons)
        ol = lay.cons_block_row(lay.cons_blocks - 1) + 2
        k = lay.cons_profile_col
        k_len = self.bkb.profile_len

        def kr(r1: int, r2: int, c: int) -> str:
            return rng(T.KONSEKVENSER, r1, c, r2, c)

        kprof = rng(T.KONSEKVENSER, k1, k, kl, k + k_len - 1)
        used = [row for row in v.cons if row.service]
        off = sum(1 for row in used if not row.on)
        edited = sum(len(o) for o in self.inp.overrides)
        own_used = sum(1 for row in v.cons[lay.counts.max_cons :] if row.service and row.on)
        local = sum(
            1 for p in v.prices[: len(self.bkb.services)] if p is not None and p.status == "local"
        )
        used_status = [v.prices[row.price_row] for row in used if row.on]
        illustrative = sum(1 for p in used_status if p is not None and p.status == "illustrative")
        kb_status = rng(
            T.PRISER,
            lay.price_first,
            L.P_APPLIED_STATUS,
            lay.price_first + len(self.bkb.services) - 1,
            L.P_APPLIED_STATUS,
        )
        formulas = [
            (
                f'=SUMPRODUCT(({kr(k1, ol, L.K_NR)}<>"")*({kr(k1, ol, L.K_LABEL)}<>"")'
                f"*({kr(k1, ol, L.K_ON)}<>{_q(T.JA)}))",
                off,
            ),
            (f"=SUMPRODUCT(({kr(k1, kl, L.K_ROW)}={_q(T.ROW_OWN)})*ISNUMBER({kprof}))", edited),
            (
                f'=SUMPRODUCT(({kr(o1, ol, L.K_NR)}<>"")*({kr(o1, ol, L.K_LABEL)}<>"")'
                f"*({kr(o1, ol, L.K_ON)}={_q(T.JA)}))",
                own_used,
            ),
            (
                f"=COUNTIF({kb_status},{_q(T.LOKAL)})",
                local,
            ),
            (
                f"=SUMPRODUCT(({kr(k1, ol, L.K_STATUS)}={_q(STATUS_LABELS['illustrative'])})"
                f"*({kr(k1, ol, L.K_ON)}={_q(T.JA)}))",
                illustrative,
            ),
        ]
        for i, (label, (formula, value)) in enumerate(zip(T.CHECK_AUTO, formulas, strict=True)):
            r = ah + 1 + i
            s.text(r, 1, label)
            s.formula(r, 2, formula, value, f(num_format=INT, align="left", bold=True))

    # --- protection, print set-up, properties -----------------------------------------------
    def finish(self) -> None:
        wb = self.wb
        lay = self.lay
        wb.set_properties(
            {
                "title": T.TITLE,
                "subject": "Socialøkonomisk investeringsmodel (SØM)",
                "author": "som-xl",
                "company": "som-xl",
                "comments": f"som-xl {__version__}; vidensdatabase {self.bkb.fingerprint}",
                "keywords": "SØM, socialøkonomi, budget",
                "created": BUILD_DATE,
            }
        )
        wb.set_custom_property("som_xl_version", __version__)
        wb.set_custom_property("som_xl_vidensdatabase", self.bkb.fingerprint)
        wb.set_custom_property("som_xl_layout", lay.counts.stamp())
        wb.define_name("som.layout", f'="{lay.counts.stamp()}"')
        tabs = {
            T.INDSTILLINGER: C_TAB_INPUT,
            T.INDSATS: C_TAB_INPUT,
            T.OMKOSTNINGER: C_TAB_INPUT,
            T.KONSEKVENSER: C_TAB_INPUT,
            T.PRISER: C_TAB_INPUT,
            T.FORUDSAETNINGER: C_TAB_INPUT,
            T.RESULTAT: C_TAB_RESULT,
            T.SKOEN: C_TAB_RESULT,
        }
        for name, sheet in self.sheets.items():
            ws = sheet.ws
            if name in tabs:
                ws.set_tab_color(tabs[name])
            elif name.startswith("VD ") or name == T.LISTER:
                ws.set_tab_color(C_TAB_KB)
            ws.protect(
                "",
                {
                    "format_columns": True,
                    "format_rows": True,
                    "select_locked_cells": True,
                    "select_unlocked_cells": True,
                },
            )
            ws.set_paper(9)
            ws.set_landscape()
            ws.fit_to_pages(1, 0)
            ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
            ws.set_header(f"&L&8{T.TITLE}&R&8&A")
            ws.set_footer("&L&8som-xl " + __version__ + "&R&8Side &P af &N")
        res = self.sheets[T.RESULTAT].ws
        res.print_area(0, 0, lay.res_year_first + YEARS, 11)
        self.sheets[T.FORSIDE].ws.activate()


def build_workbook_bytes(kb: KnowledgeBase | None = None, inputs: Inputs | None = None) -> bytes:
    """The workbook as bytes (xlsxwriter warnings are errors)."""
    import io

    kb = kb if kb is not None else load_kb()
    bkb = book_kb(kb)
    inp = inputs if inputs is not None else default_inputs(kb, bkb)
    layout = Layout(bkb.counts())
    values = compute(inp, bkb, layout)
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        wb = xlsxwriter.Workbook(
            buffer,
            {
                "in_memory": True,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        _Builder(wb, bkb, inp, values).build()
        wb.close()
    return buffer.getvalue()


def build_workbook(
    path: Path, *, kb: KnowledgeBase | None = None, inputs: Inputs | None = None
) -> Path:
    """Build the workbook at ``path`` (folders are created; written atomically)."""
    path = Path(path)
    data = build_workbook_bytes(kb, inputs)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data)
    return path
