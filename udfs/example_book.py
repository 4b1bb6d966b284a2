"""The example workbook's inputs and the helper that writes cells and function calls.

:mod:`udfs.build_example` lays out the sheets; this module holds what it writes with:
the example's inputs (:class:`Example`), the record of every function call
(:class:`UdfCall`, :data:`CHECKS`), :class:`Book` (xlsxwriter plus the values written, so a
function's arguments can be read back and its Python result cached in the file) and the
cell formats.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from . import som_udfs

__all__ = [
    "CHECKS",
    "EXAMPLE",
    "Book",
    "Example",
    "UdfCall",
    "example_scenario",
    "formats",
    "style",
]


@dataclass(frozen=True)
class Example:
    """The example's inputs, as a finance officer types them into the sheet."""

    name: str = "ACT-team til borgere i hjemløshed"
    target_group: str = "voksne_hjemloeshed"
    start_year: int = 2025
    horizon_years: int = 10
    price_year: int = 2024
    discount_rate: str = "fm"
    course_years: int = 1
    success_rate: float = 0.30
    budget_years: tuple[int, ...] = (2025, 2026, 2027, 2028)
    participants: tuple[int, ...] = (20, 20, 20, 0)
    #: (label, purse, amounts per budget year); negative = saved cost
    costs: tuple[tuple[str, str, tuple[float, ...]], ...] = (
        ("Opstart og uddannelse", "kommune", (250_000, 0, 0, 0)),
        ("ACT-team, løn og drift", "kommune", (1_500_000, 1_500_000, 1_500_000, 0)),
        ("Sparet bostøtte (SEL § 85)", "kommune", (-300_000, -300_000, -300_000, 0)),
        ("Psykiater i teamet", "region", (200_000, 200_000, 200_000, 0)),
    )
    #: own (local) unit price: (service id, kommune price, price year)
    local_price: tuple[str, float, int] = ("forsorgshjem_doegn", 1_650.0, 2024)
    #: SOM_PRIS lines: (service id, purse, quantity)
    price_lines: tuple[tuple[str, str, float], ...] = (
        ("forsorgshjem_doegn", "kommune", 365),
        ("psykiatrisk_sengedag", "region", 10),
    )
    quick: tuple[int, float] = (20, 60_000.0)  # SOM_SKOEN: participants, price per participant
    #: SOM_UDVALG: (budget item, committee) of the kommune
    committees: tuple[tuple[str, str], ...] = (
        ("Indsatsens omkostninger", "Socialudvalget"),
        ("Sociale serviceydelser for voksne", "Socialudvalget"),
    )
    #: SOM_OPFOELGNING: realised (year, participants, successes, costs in kr.)
    realised: tuple[tuple[int, int, int, float], ...] = ((2025, 18, 5, 1_600_000.0),)


EXAMPLE = Example()


def example_scenario(ex: Example = EXAMPLE) -> dict[str, Any]:
    """The example as a §4 scenario dict, written directly (not through the adapter)."""
    costs = [
        {"label": label, "kind": "once", "year": year, "amount": amount, "purse": purse}
        for label, purse, amounts in ex.costs
        for year, amount in zip(ex.budget_years, amounts, strict=True)
        if amount
    ]
    sid, price, year = ex.local_price
    return {
        "name": ex.name,
        "target_group": ex.target_group,
        "start_year": ex.start_year,
        "horizon_years": ex.horizon_years,
        "price_year": ex.price_year,
        "discount_rate": ex.discount_rate,
        "course_years": ex.course_years,
        "participants": dict(zip(ex.budget_years, ex.participants, strict=True)),
        "success_rate": ex.success_rate,
        "costs": costs,
        "services": [{"id": sid, "prices": {"kommune": price}, "price_year": year}],
    }


@dataclass(frozen=True)
class UdfCall:
    """One cell with an SØM function; args are the formula's arguments as written."""

    sheet: str
    cell: str
    func: str
    args: tuple[str, ...]
    rows: int  # size of the result (1 × 1 for a single value)
    cols: int
    #: xlwings Server's functions namespace ("SOM" gives =SOM.SOM_PRIS(...)); "" for none
    namespace: str = ""

    @property
    def name(self) -> str:
        """The function's name as the formula writes it (with the namespace, if any)."""
        return f"{self.namespace}.{self.func}" if self.namespace else self.func

    @property
    def formula(self) -> str:
        return f"={self.name}({','.join(self.args)})"


#: Ordinary formulas that depend on the functions: name -> (sheet, cell). The tests compare
#: LibreOffice's values of these cells with the engine's figures.
CHECKS: dict[str, tuple[str, str]] = {}


@dataclass
class Book:
    """xlsxwriter plus a record of the values written, to evaluate function arguments."""

    wb: Workbook
    values: dict[tuple[str, int, int], Any] = field(default_factory=dict)
    calls: list[UdfCall] = field(default_factory=list)
    fmt: dict[str, Any] = field(default_factory=dict)
    namespace: str = ""

    def put(self, ws: Worksheet, row: int, col: int, value: Any, fmt: str | None = None) -> None:
        self.values[(ws.name, row, col)] = value
        ws.write(row, col, value, self.fmt.get(fmt or ""))

    def ref_values(self, sheet: str, ref: str) -> Any:
        """The values of a range reference like 'A5:B12' (2-D) or a cell like 'B9' (scalar)."""
        from xlsxwriter.utility import xl_cell_to_rowcol

        ref = ref.replace("$", "")
        if ":" not in ref:
            r, c = xl_cell_to_rowcol(ref)
            return self.values.get((sheet, r, c))
        a, b = ref.split(":")
        (r1, c1), (r2, c2) = xl_cell_to_rowcol(a), xl_cell_to_rowcol(b)
        return [
            [self.values.get((sheet, r, c)) for c in range(c1, c2 + 1)] for r in range(r1, r2 + 1)
        ]

    def udf(
        self, ws: Worksheet, row: int, col: int, func: str, args: list[str], fmt: str | None = None
    ) -> Any:
        """Write a function call with its Python result as the cached value(s)."""
        values = [self._arg(ws.name, a) for a in args]
        result = getattr(som_udfs, func)(*values)
        cell = xl_rowcol_to_cell(row, col)
        rows, cols = (len(result), len(result[0])) if isinstance(result, list) else (1, 1)
        call = UdfCall(ws.name, cell, func, tuple(args), rows, cols, self.namespace)
        self.calls.append(call)
        f = self.fmt.get(fmt or "fn")
        if isinstance(result, list):
            ws.write_dynamic_array_formula(
                row,
                col,
                row + rows - 1,
                col + cols - 1,
                call.formula,
                self.fmt["fn_head"],
                result[0][0],
            )
            # The spilled cells hold the results as cached values (as Excel saves them),
            # each with a number format that fits its column or row.
            for i, line in enumerate(result):
                for j, v in enumerate(line):
                    self.values[(ws.name, row + i, col + j)] = v
                    if i or j:
                        look = self.fmt[style(result, i, j)]
                        if isinstance(v, str):
                            ws.write_string(row + i, col + j, v, look)
                        else:
                            ws.write_number(row + i, col + j, v, look)
        else:
            ws.write_formula(row, col, call.formula, f, result)
            self.values[(ws.name, row, col)] = result
        return result

    def formula(
        self, ws: Worksheet, row: int, col: int, text: str, value: Any, fmt: str | None = None
    ) -> Any:
        """Write an ordinary formula with its value, computed here from the functions' results,
        as the cached value (so a viewer without the functions shows the real figure)."""
        self.values[(ws.name, row, col)] = value
        ws.write_formula(row, col, text, self.fmt[fmt] if fmt else None, value)
        return value

    def column(self, sheet: str, col: int, first: int, last: int) -> list[Any]:
        """The values written in one column, rows first … last."""
        return [self.values.get((sheet, r, col)) for r in range(first, last + 1)]

    def arg(self, sheet: str, text: str) -> Any:
        """A function argument as Excel passes it: a literal, a cell or a range's values."""
        return self._arg(sheet, text)

    def _arg(self, sheet: str, text: str) -> Any:
        if text == "":
            return None
        if text.startswith('"'):
            return text.strip('"')
        try:
            return float(text)
        except ValueError:
            if "!" in text:
                other, ref = text.split("!")
                return self.ref_values(other.strip("'"), ref)
            return self.ref_values(sheet, text)


_PERCENT_ROWS = {
    "Succesrate",
    "Break-even-succesrate",
    "Observeret succesrate",
    "Andel af gevinsterne på illustrative værdier",
}
_WHOLE_ROWS = {
    "Prisniveau (år)",
    "Break-even-år",
    "Deltagere",
    "Målgrupper",
    "Ydelser",
}


def style(table: list[list[Any]], i: int, j: int) -> str:
    """The format of a spilled cell: header, year, factor, share or kroner."""
    if i == 0:
        return "fn_head"
    head = str(table[0][j])
    if table[0][0] in ("nøgletal", "oplysning") and j >= 1:
        label = str(table[i][0])
        if label in _PERCENT_ROWS:
            return "fn_pct"
        if label == "Gevinst pr. omkostningskrone":
            return "fn_ratio"
        return "fn_whole" if label in _WHOLE_ROWS or label.startswith("Værdier") else "fn"
    if head in ("år", "alder fra", "alder til", "prisår", "break-even-år"):
        return "fn_whole"
    if head == "gevinst pr. kr.":
        return "fn_ratio"
    if head == "diskonteringsfaktor":
        return "fn_factor"
    if head in ("kommune", "region", "stat") and table[0][0] == "ydelse":
        return "fn_kr"
    if head.startswith("år "):
        return "fn_general"
    return "fn"


def formats(wb: Workbook) -> dict[str, Any]:
    """The workbook's cell formats by name: input cells grey, function cells blue."""
    base = {"font_name": "Calibri", "font_size": 11}
    return {
        "": wb.add_format(base),
        "title": wb.add_format({**base, "bold": True, "font_size": 16}),
        "h": wb.add_format({**base, "bold": True, "font_size": 12, "font_color": "#1F4E79"}),
        "head": wb.add_format({**base, "bold": True, "bottom": 1, "bg_color": "#D9E1F2"}),
        "note": wb.add_format({**base, "italic": True, "font_color": "#595959"}),
        "note_wrap": wb.add_format(
            {**base, "italic": True, "font_color": "#595959", "text_wrap": True, "valign": "top"}
        ),
        "in": wb.add_format(
            {**base, "bg_color": "#EDEDED", "border": 1, "border_color": "#BFBFBF"}
        ),
        "in_kr": wb.add_format(
            {
                **base,
                "bg_color": "#EDEDED",
                "border": 1,
                "border_color": "#BFBFBF",
                "num_format": "#,##0",
            }
        ),
        "in_pct": wb.add_format(
            {
                **base,
                "bg_color": "#EDEDED",
                "border": 1,
                "border_color": "#BFBFBF",
                "num_format": "0%",
            }
        ),
        "fn": wb.add_format({**base, "bg_color": "#DDEBF7", "num_format": "#,##0"}),
        "fn_kr": wb.add_format({**base, "bg_color": "#DDEBF7", "num_format": "#,##0.00"}),
        "fn_head": wb.add_format({**base, "bg_color": "#BDD7EE", "bold": True}),
        "fn_whole": wb.add_format({**base, "bg_color": "#DDEBF7", "num_format": "0"}),
        "fn_factor": wb.add_format({**base, "bg_color": "#DDEBF7", "num_format": "0.0000"}),
        "fn_pct": wb.add_format({**base, "bg_color": "#DDEBF7", "num_format": "0.0%"}),
        "fn_ratio": wb.add_format({**base, "bg_color": "#DDEBF7", "num_format": "0.00"}),
        "fn_general": wb.add_format({**base, "bg_color": "#DDEBF7", "num_format": "General"}),
        "kr": wb.add_format({**base, "num_format": "#,##0"}),
        "kr_bold": wb.add_format({**base, "num_format": "#,##0", "bold": True, "top": 1}),
        "bold": wb.add_format({**base, "bold": True, "top": 1}),
        "wrap": wb.add_format({**base, "text_wrap": True, "valign": "top"}),
    }
