"""Where everything is in the workbook: one layout shared by the builder and the reader.

Positions are 0-based (row, column) pairs as xlsxwriter uses them; :func:`a1` turns them
into ``A1`` references. The layout depends on a few counts of the knowledge base (how many
services, target groups, ...); the builder stamps them into the defined name ``som.layout``
so that the reader can rebuild the same layout from the file alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from xlsxwriter.utility import quote_sheetname, xl_col_to_name, xl_rowcol_to_cell

from ..inputs.fields import MAX_HORIZON
from . import text as T

__all__ = [
    "CALC_TOTALS",
    "LAYOUT_VERSION",
    "N_CHECK_LINES",
    "N_COMMITTEES",
    "N_COST_ROWS",
    "N_DURING",
    "N_OWN_CONS",
    "N_OWN_SERVICES",
    "N_PART_COSTS",
    "N_RESOURCES",
    "N_VARIANTS",
    "N_YEAR_COSTS",
    "VAR_FIRST",
    "VAR_NAME",
    "VAR_RATE",
    "YEARS",
    "Counts",
    "Layout",
    "a1",
    "col",
    "cons_years",
    "ref",
    "rng",
    "xref",
]

#: Bump when cell positions change; the reader refuses other versions.
LAYOUT_VERSION: Final = 7
#: Year columns: the longest horizon (the field table's bound, one place for both).
YEARS: Final = MAX_HORIZON
N_YEAR_COSTS: Final = 10
N_PART_COSTS: Final = 5
#: Resource rows on Omkostningsvurdering (som-method §3.18), each a cost row on Beregning.
N_RESOURCES: Final = 8
#: Cost rows on Beregning: yearly, per participant, resources, then the realised costs.
N_COST_ROWS: Final = N_YEAR_COSTS + N_PART_COSTS + N_RESOURCES + 1
N_OWN_CONS: Final = 6
#: Konsekvenser: columns for the units per participant in each course year (som-method §3.10).
N_DURING: Final = 5
N_OWN_SERVICES: Final = 8
#: Committee (udvalg) slots on the sheet Udvalg.
N_COMMITTEES: Final = 8
#: Varianter: variant rows (name, net success rate), the first row and the two input columns.
N_VARIANTS: Final = 3
VAR_FIRST: Final = 5
VAR_NAME: Final = 1
VAR_RATE: Final = 2
#: Input problems listed at the top of Resultat (the rest are counted).
N_CHECK_LINES: Final = 5
#: The rows per purse and per committee on Beregning, in row order.
GROUP_KINDS: Final = ("costs", "gains", "net", "cum", "flag")
#: Minimum number of profile columns (knowledge-base profiles are 10 years).
MIN_PROFILE: Final = 10
#: The totals on Beregning, in row order.
CALC_TOTALS: Final = ("costs", "gains", "net", "dnet", "cum", "cum_u", "flag")


def a1(row: int, column: int, absolute: bool = False) -> str:
    """(0, 0) -> 'A1'; absolute -> '$A$1'."""
    return str(xl_rowcol_to_cell(row, column, absolute, absolute))


def col(column: int) -> str:
    """0 -> 'A', 26 -> 'AA'."""
    return str(xl_col_to_name(column))


def ref(sheet: str, row: int, column: int, absolute: bool = True) -> str:
    """A reference to a cell on another sheet: 'Priser'!$A$1."""
    return f"{quote_sheetname(sheet)}!{a1(row, column, absolute)}"


def xref(sheet: str, row: int, column: int) -> str:
    """A cell on another sheet with an absolute row and a relative column: 'Beregning'!F$5."""
    return f"{quote_sheetname(sheet)}!{col(column)}${row + 1}"


def rng(sheet: str | None, r1: int, c1: int, r2: int, c2: int, absolute: bool = True) -> str:
    """A range, optionally on a sheet: 'Priser'!$A$1:$A$9."""
    text = f"{a1(r1, c1, absolute)}:{a1(r2, c2, absolute)}"
    return f"{quote_sheetname(sheet)}!{text}" if sheet else text


def cons_years(profile: int) -> int:
    """Konsekvenser's profile columns for a knowledge base's longest profile: to year 49
    (a 50-year horizon's last year after a course ending in year 0), or longer."""
    return max(profile, YEARS - 1)


@dataclass(frozen=True)
class Counts:
    """Sizes of the knowledge base that decide the layout."""

    services: int
    groups: int
    cons_rows: int  # consequence rows in the knowledge base (all groups)
    max_cons: int  # most consequences of one target group
    profile: int  # profile columns (≥ MIN_PROFILE)
    effects: int
    schedules: int
    steps: int  # discount-schedule steps, all schedules
    index_years: int
    budget_items: int
    sources: int
    baselines: int = 0  # baseline rows (som-method §3.17), all groups

    def stamp(self) -> str:
        """The counts as the text of the name ``som.layout`` (with the layout version)."""
        parts = [f"v{LAYOUT_VERSION}"] + [f"{k}={v}" for k, v in self.__dict__.items()]
        return ";".join(parts)

    @staticmethod
    def parse(text: str) -> Counts | None:
        """The counts from a stamp, or None if the stamp is of another layout version."""
        parts = text.strip().strip('"=').split(";")
        if not parts or parts[0] != f"v{LAYOUT_VERSION}":
            return None
        values: dict[str, int] = {}
        for part in parts[1:]:
            key, _, value = part.partition("=")
            if not value.isdigit():
                return None
            values[key] = int(value)
        try:
            return Counts(**values)
        except TypeError:
            return None


@dataclass(frozen=True)
class Layout:
    counts: Counts

    # Indstillinger: inputs in column C, by key.
    settings_rows: dict[str, int] = field(
        default_factory=lambda: {
            "navn": 3,
            "startaar": 4,
            "horisont": 5,
            "slutaar": 6,
            "prisaar": 7,
            "prisindeks": 8,
            "diskontering": 9,
            "diskonteringsrente": 10,
            "forloebsaar": 11,
            "hale": 12,
            "halerate": 13,
            "frafald": 14,
            "doedvaegt": 15,
            "succesrate_netto": 16,
            "optimisme_omk": 17,
            "optimisme_gev": 18,
        }
    )
    settings_col: int = 2

    # Indsats og målgruppe.
    group_row: int = 4  # the dropdown; details below it
    effect_row: int = 14  # the dropdown; details below it
    success_row: int = 24
    value_col: int = 2
    part_header_row: int = 28  # participants per year: year, participants, remark
    part_first: int = 29  # 50 rows
    part_year_col: int = 1
    part_col: int = 2
    part_note_col: int = 3

    # Omkostninger: label, kind, purse, budget item, price year, then each row's total beside
    # them (frozen with them), then the year columns (or the amount per participant).
    ycost_first: int = 6  # N_YEAR_COSTS rows
    pcost_first: int = 19  # N_PART_COSTS rows
    cost_total_col: int = 6  # G: each cost row's total ("I alt"), both sections
    cost_year_col: int = 7  # H: first year column
    cost_amount_col: int = 7  # H: amount per participant

    # Beregning (and Hurtigt skøn's calculation block): label columns A-E, each row's total
    # and present value beside them (F, G; frozen with them), then the year columns from H.
    calc_total_col: int = 5
    calc_pv_col: int = 6
    year_col: int = 7

    @property
    def last_year_col(self) -> int:
        """The column of year 50."""
        return self.year_col + YEARS - 1

    # --- Indsats --------------------------------------------------------------------------
    @property
    def part_last(self) -> int:
        """The last participants row (year 50)."""
        return self.part_first + YEARS - 1

    @property
    def part_total_row(self) -> int:
        """The row below the participants: their total within the horizon."""
        return self.part_last + 1

    # --- Omkostninger ---------------------------------------------------------------------
    @property
    def ycost_rows(self) -> range:
        """Omkostninger: the rows of yearly amounts."""
        return range(self.ycost_first, self.ycost_first + N_YEAR_COSTS)

    @property
    def pcost_rows(self) -> range:
        """Omkostninger: the rows of amounts per participant."""
        return range(self.pcost_first, self.pcost_first + N_PART_COSTS)

    # --- Konsekvenser ---------------------------------------------------------------------
    cons_drop_row: int = 5  # the drop-off factor (1 − δ)^(k − 1) above each profile year
    cons_header_row: int = 6
    cons_first: int = 7

    @property
    def cons_blocks(self) -> int:
        """Consequence blocks: the target group's (max_cons) and the own ones."""
        return self.counts.max_cons + N_OWN_CONS

    def cons_block_row(self, i: int) -> int:
        """First row (the knowledge-base row) of consequence block i (own blocks after)."""
        if i < self.counts.max_cons:
            return self.cons_first + 3 * i
        return self.cons_own_header + 1 + 3 * (i - self.counts.max_cons)

    @property
    def cons_own_header(self) -> int:
        """Konsekvenser: the heading above the own consequences."""
        return self.cons_first + 3 * self.counts.max_cons

    @property
    def cons_summary_row(self) -> int:
        """The row W(k): the gain per successful citizen in the k-th year."""
        return self.cons_own_header + 1 + 3 * N_OWN_CONS + 1

    cons_during_col: int = 13  # N: N_DURING course years, then the profile
    cons_profile_col: int = 13 + N_DURING  # S

    @property
    def cons_years(self) -> int:
        """Konsekvenser: profile columns, k = 1 … the last year a 50-year horizon reaches
        (or the knowledge base's longest profile): years past a profile follow its tail."""
        return cons_years(self.counts.profile)

    @property
    def cons_price_col(self) -> int:
        """First of: price kommune, region, stat, gain per unit, id, VD row, price row."""
        return self.cons_profile_col + self.cons_years

    # --- Priser ---------------------------------------------------------------------------
    price_header_row: int = 5
    price_first: int = 6

    @property
    def price_own_header(self) -> int:
        """Priser: the heading above the own services."""
        return self.price_first + self.counts.services

    @property
    def price_own_first(self) -> int:
        """Priser: the first own service."""
        return self.price_own_header + 1

    @property
    def price_last(self) -> int:
        """Priser: the last own service (the last row of the priser.* names)."""
        return self.price_own_first + N_OWN_SERVICES - 1

    def price_row(self, i: int) -> int:
        """Row of service i: knowledge-base services first, then own services."""
        if i < self.counts.services:
            return self.price_first + i
        return self.price_own_first + i - self.counts.services

    # --- Beregning ------------------------------------------------------------------------
    calc_rows: dict[str, int] = field(
        default_factory=lambda: {
            "year": 3,
            "t": 4,
            "in_h": 5,
            "rate": 6,
            "disc": 7,
            "starters": 9,
            "ended": 10,
            "succ": 11,
            "g1": 12,
            "gd": 13,
        }
    )
    calc_cons_header: int = 15
    calc_cons_first: int = 16

    def calc_block_row(self, i: int) -> int:
        """Units row of consequence block i (after the course); the units during the course
        follow, then the gains per purse in the next 3 rows."""
        return self.calc_cons_first + 5 * i

    def calc_during_row(self, i: int) -> int:
        """Units of consequence block i during the course (per participant, §3.10)."""
        return self.calc_block_row(i) + 1

    def calc_gain_row(self, i: int, a: int) -> int:
        """Gain of consequence block i to purse a."""
        return self.calc_block_row(i) + 2 + a

    @property
    def calc_cost_header(self) -> int:
        """Beregning: the heading above the cost rows."""
        return self.calc_cons_first + 5 * self.cons_blocks + 1

    @property
    def calc_cost_first(self) -> int:
        """Beregning: the first cost row (yearly amounts, then per participant)."""
        return self.calc_cost_header + 1

    @property
    def calc_cost_last(self) -> int:
        """Beregning: the last cost row."""
        return self.calc_cost_first + N_COST_ROWS - 1

    @property
    def calc_res_first(self) -> int:
        """Beregning: the first resource cost row (Omkostningsvurdering)."""
        return self.calc_cost_first + N_YEAR_COSTS + N_PART_COSTS

    @property
    def calc_real_cost(self) -> int:
        """Beregning: the row of the realised costs (Opfølgning)."""
        return self.calc_res_first + N_RESOURCES

    @property
    def calc_total_header(self) -> int:
        """Beregning: the heading above the totals."""
        return self.calc_cost_last + 2

    def calc_total(self, key: str) -> int:
        """Row of a total on Beregning (a key of :data:`CALC_TOTALS`)."""
        return self.calc_total_header + 1 + CALC_TOTALS.index(key)

    @property
    def calc_totals(self) -> dict[str, int]:
        """Rows of every total on Beregning, by key."""
        return {key: self.calc_total(key) for key in CALC_TOTALS}

    @property
    def calc_purse_header(self) -> int:
        """Beregning: the heading above the split by purse."""
        return self.calc_total("flag") + 2

    def calc_purse(self, kind: str, a: int) -> int:
        """kind: costs | gains | net | cum | flag (GROUP_KINDS); a: purse index."""
        return self.calc_purse_header + 1 + 3 * GROUP_KINDS.index(kind) + a

    @property
    def calc_item_header(self) -> int:
        """Beregning: the heading above the split by budget item."""
        return self.calc_purse("flag", 2) + 2

    def calc_item(self, kind: str, b: int) -> int:
        """kind: costs | gains; b: budget-item index."""
        return self.calc_item_header + 1 + 2 * b + ("costs", "gains").index(kind)

    @property
    def calc_kitem_header(self) -> int:
        """Beregning: the heading above the kommune's flows per budget item."""
        return self.calc_item("gains", self.counts.budget_items - 1) + 2

    def calc_kitem(self, kind: str, b: int) -> int:
        """The kommune's costs or gains of budget item b (the committees sum these)."""
        return self.calc_kitem_header + 1 + 2 * b + ("costs", "gains").index(kind)

    @property
    def calc_com_header(self) -> int:
        """Beregning: the heading above the split by committee."""
        return self.calc_kitem("gains", self.counts.budget_items - 1) + 2

    def calc_com(self, kind: str, c: int) -> int:
        """Committee c's row of a kind (GROUP_KINDS), five rows per committee."""
        return self.calc_com_header + 1 + len(GROUP_KINDS) * c + GROUP_KINDS.index(kind)

    @property
    def calc_fig_header(self) -> int:
        """Beregning: the heading above the chart data."""
        return self.calc_com("flag", N_COMMITTEES - 1) + 2

    def calc_fig(self, key: str) -> int:
        """Beregning: a chart-data row (fig_year, fig_cum, fig_cum_u)."""
        return self.calc_fig_header + 1 + ("fig_year", "fig_cum", "fig_cum_u").index(key)

    @property
    def calc_assumed_header(self) -> int:
        """Beregning: the heading above the units from assumed profile years (provenance)."""
        return self.calc_fig("fig_cum_u") + 2

    def calc_assumed_row(self, i: int) -> int:
        """Units of consequence block i from its assumed profile years at 100 % success
        (column E: the first assumed year, 0 for none)."""
        return self.calc_assumed_header + 1 + i

    def year_cell(self, row: int, t: int, abs_row: bool = True) -> str:
        """Year t's cell of a row with year columns: ``H$10`` (``H10`` when not abs_row).

        Examples
        --------
        >>> lay = Layout(Counts(1, 1, 1, 1, 10, 0, 1, 1, 1, 1, 1))
        >>> lay.year_cell(9, 0), lay.year_cell(9, 1, False)
        ('H$10', 'I10')
        """
        c = col(self.year_col + t)
        return f"{c}${row + 1}" if abs_row else f"{c}{row + 1}"

    # --- Resultat -------------------------------------------------------------------------
    #: The input check: a status line, then N_CHECK_LINES problems.
    res_check_row: int = 2
    res_key_first: int = 2 + 1 + N_CHECK_LINES + 2

    def res_key(self, key: str) -> int:
        """Resultat: the row of a key figure (a key of ``T.RESULT_KEYS``)."""
        return self.res_key_first + list(T.RESULT_KEYS).index(key)

    @property
    def res_verdict(self) -> int:
        """Resultat: the verdict below the key figures."""
        return self.res_key_first + len(T.RESULT_KEYS)

    @property
    def res_provenance(self) -> int:
        """Resultat: the sentence on illustrative values, below the verdict."""
        return self.res_verdict + 1

    @property
    def res_chart_row(self) -> int:
        """Two charts side by side below the key figures."""
        return self.res_verdict + 3

    #: Rows the chart band takes.
    res_chart_rows: int = 18

    @property
    def res_purse_header(self) -> int:
        """Resultat: the heading of the split by purse."""
        return self.res_chart_row + self.res_chart_rows + 1

    @property
    def res_purse_first(self) -> int:
        """Resultat: the first purse row."""
        return self.res_purse_header + 2

    @property
    def res_item_header(self) -> int:
        """Resultat: the heading of the split by budget item."""
        return self.res_purse_first + 3 + 2

    @property
    def res_item_first(self) -> int:
        """Resultat: the first budget-item row."""
        return self.res_item_header + 2

    @property
    def res_year_header(self) -> int:
        """Resultat: the heading of the year-by-year table."""
        return self.res_item_first + self.counts.budget_items + 2

    @property
    def res_year_first(self) -> int:
        """The totals row; the 50 year rows follow."""
        return self.res_year_header + 2

    # --- Udvalg ---------------------------------------------------------------------------
    udv_com_first: int = 5  # N_COMMITTEES committee names in column B

    @property
    def udv_map_first(self) -> int:
        """Udvalg: the first budget item of the mapping (item in B, committee in C)."""
        return self.udv_com_first + N_COMMITTEES + 3

    @property
    def udv_res_first(self) -> int:
        """Udvalg: the first committee row of the result table (after its header)."""
        return self.udv_map_first + self.counts.budget_items + 3

    @property
    def udv_budget_year_row(self) -> int:
        """Udvalg: the budget year input."""
        return self.udv_res_first + N_COMMITTEES + 4

    @property
    def udv_budget_first(self) -> int:
        """Udvalg: the budget view's first row (3 purses, then the committees)."""
        return self.udv_budget_year_row + 2

    @property
    def udv_year_first(self) -> int:
        """Udvalg: the first year row of the net result per committee per year."""
        return self.udv_budget_first + 3 + N_COMMITTEES + 4

    # --- Hurtigt skøn ---------------------------------------------------------------------
    skoen_rows: dict[str, int] = field(
        default_factory=lambda: {
            "maalgruppe": 4,
            "deltagere": 5,
            "pris": 6,
            "succesrate": 7,
            "forslag": 8,
            "anvendt": 9,
        }
    )
    skoen_key_first: int = 12

    def skoen_key(self, key: str) -> int:
        """Hurtigt skøn: the row of a key figure (a key of ``T.SKOEN_KEYS``)."""
        return self.skoen_key_first + T.SKOEN_KEYS.index(key)

    @property
    def skoen_services_header(self) -> int:
        """Hurtigt skøn: the heading of the services likely affected."""
        return self.skoen_key_first + len(T.SKOEN_KEYS) + 1

    @property
    def skoen_services_first(self) -> int:
        """Hurtigt skøn: the first service row."""
        return self.skoen_services_header + 2

    @property
    def skoen_calc_header(self) -> int:
        """Hurtigt skøn: the heading of the calculation block."""
        return self.skoen_services_first + self.counts.max_cons + 1

    @property
    def skoen_calc_first(self) -> int:
        """Hurtigt skøn: the first consequence row of the calculation block."""
        return self.skoen_calc_header + 2

    def skoen_total(self, key: str) -> int:
        """Hurtigt skøn: the row of a total (g1, gd, costs, gains, net, dnet, cum, flag)."""
        keys = ("g1", "gd", "costs", "gains", "net", "dnet", "cum", "flag")
        return self.skoen_calc_first + self.counts.max_cons + 1 + keys.index(key)

    # --- knowledge-base sheets: title, intro, header, data from row 3 -----------------------
    vd_first: int = 3

    # VD Indeks og renter, stacked tables.
    idx_header: int = 3
    idx_first: int = 5

    @property
    def rate_header(self) -> int:
        """VD Indeks og renter: the heading of the discount schedules."""
        return self.idx_first + self.counts.index_years + 1

    @property
    def rate_first(self) -> int:
        """VD Indeks og renter: the first schedule step."""
        return self.rate_header + 2

    @property
    def grid_header(self) -> int:
        """VD Indeks og renter: the heading of the rate grid."""
        return self.rate_first + self.counts.steps + 1

    @property
    def grid_first(self) -> int:
        """VD Indeks og renter: the first schedule's row of the rate grid."""
        return self.grid_header + 2

    @property
    def items_header(self) -> int:
        """VD Indeks og renter: the heading of the budget items."""
        return self.grid_first + self.counts.schedules + 1

    @property
    def items_first(self) -> int:
        """VD Indeks og renter: the first budget item."""
        return self.items_header + 2

    # Lister: one column per list, data from row 1.
    list_first: int = 1

    def list_col(self, name: str) -> int:
        """Lister: the column of a list (a key of ``T.LIST_COLS``)."""
        return T.LIST_COLS.index(name)

    # --- Omkostningsvurdering (som-method §3.18) --------------------------------------------
    #: The header of the resource rows; N_RESOURCES rows follow.
    ov_header: int = 10
    #: Each row's total (kr.), beside the row's inputs and frozen with them.
    ov_total_col: int = 9
    #: The first year column of the quantities (årsværk or timer per year).
    ov_year_col: int = 10

    @property
    def ov_first(self) -> int:
        """Omkostningsvurdering: the first resource row."""
        return self.ov_header + 1

    @property
    def ov_rows(self) -> range:
        """Omkostningsvurdering: the resource rows."""
        return range(self.ov_first, self.ov_first + N_RESOURCES)

    @property
    def ov_sum_first(self) -> int:
        """Omkostningsvurdering: the summary of the cost model's steps (3 rows)."""
        return self.ov_first + N_RESOURCES + 2

    @property
    def ov_wage_header(self) -> int:
        """Omkostningsvurdering: the heading of the knowledge base's wage figures."""
        return self.ov_sum_first + 5

    # --- Opfølgning (som-method §3.19) ----------------------------------------------------
    #: The key figures: planned, observed and applied success rate; plan and forecast.
    opf_key_first: int = 9
    #: The header of the year table; YEARS rows follow.
    opf_header: int = 20

    @property
    def opf_first(self) -> int:
        """Opfølgning: the row of year offset 0."""
        return self.opf_header + 1

    @property
    def opf_last(self) -> int:
        """Opfølgning: the row of year offset YEARS − 1."""
        return self.opf_first + YEARS - 1

    # --- forudsætninger ---------------------------------------------------------------------
    check_first: int = 4

    @property
    def check_auto_header(self) -> int:
        """Forudsætninger: the heading of the live overview."""
        return self.check_first + len(T.CHECK_QUESTIONS) + 1

    # --- references used in formulas -------------------------------------------------------
    def settings_ref(self, key: str) -> tuple[str, int, int]:
        """(sheet, row, column) of a setting by key."""
        return (T.INDSTILLINGER, self.settings_rows[key], self.settings_col)


# --- column positions ---------------------------------------------------------------------

# Priser
P_ID, P_LABEL, P_UNIT, P_DIR, P_ITEM, P_STATUS = 0, 1, 2, 3, 4, 5
P_NAT, P_NAT_YEAR, P_LOCAL, P_LOCAL_YEAR = 6, 9, 10, 13  # NAT and LOCAL: 3 purses each
P_F_NAT, P_F_LOC, P_APPLIED, P_APPLIED_STATUS, P_SOURCE, P_NOTE = 14, 15, 16, 19, 20, 21
# Omkostninger (the total and the amounts: Layout.cost_total_col, cost_year_col, cost_amount_col)
C_LABEL, C_KIND, C_PURSE, C_ITEM, C_YEAR = 1, 2, 3, 4, 5
C_PART_COUNT = 8  # per-participant section: participants, right of the amount per participant
C_PART_TOTAL: Final = Layout.cost_total_col  # per-participant section: the same total column
# Konsekvenser
K_NR, K_LABEL, K_UNIT, K_ITEM, K_DIR, K_STATUS, K_ON, K_ROW = 0, 1, 2, 3, 4, 5, 6, 7
K_TAIL, K_TAIL_RATE = 8, 9  # the tail after the profile (som-method §3.11) and its rate
#: The tail's reason from the knowledge base (a column hidden until its + is clicked).
K_TAIL_REASON = 10
#: Baseline use (som-method §3.17): the knowledge base's, the own (yellow) and the used one in
#: the block's three rows (= use without success); use with success in year 1 beside it.
K_BASE, K_WITH = 11, 12
# Omkostningsvurdering: label, form (årsværk | timer), wage, overhead, purse, item, price year,
# kr. per unit at the price level (formula)
OV_LABEL, OV_FORM, OV_WAGE, OV_OVERHEAD, OV_PURSE, OV_ITEM, OV_YEAR, OV_UNIT = (
    1,
    2,
    3,
    4,
    5,
    6,
    7,
    8,
)
# Opfølgning: year, planned participants, the three inputs, forecast participants, costs,
# gains and net (plan, forecast), a note, then helper columns
(
    OPF_YEAR,
    OPF_PLAN_PART,
    OPF_PART,
    OPF_SUCC,
    OPF_COSTS,
    OPF_FC_PART,
    OPF_PLAN_COSTS,
    OPF_FC_COSTS,
    OPF_PLAN_GAINS,
    OPF_FC_GAINS,
    OPF_PLAN_NET,
    OPF_FC_NET,
    OPF_NOTE,  # "ikke oplyst" where a realised year gives no costs (live)
) = range(1, 14)
(OPF_T, OPF_IN_H, OPF_GIVEN, OPF_PLAN_ENDED, OPF_PLAN_G1, OPF_PLAN_DNET, OPF_PLAN_CUM,
 OPF_PLAN_FLAG) = range(14, 22)  # fmt: skip
# Beregning
B_LABEL, B_KIND, B_PURSE, B_ITEM, B_FACTOR = 0, 1, 2, 3, 4
