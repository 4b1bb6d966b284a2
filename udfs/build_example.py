"""Build workbooks/SOM-funktioner.xlsx: a small municipal budget sheet that uses the functions.

Run ``python -m udfs.build_example [OUT.xlsx]`` (``make workbook`` does). The workbook shows
each function in a realistic place: settings, participants and costs typed in as a finance
officer would, SOM_PRIS next to budget lines, SOM_NETTORESULTAT's year table with ordinary
formulas under it, a four-year budget overview pulled with SUMIFS from the "rækker" view,
a quick estimate and the knowledge-base lists.

Cached values are the functions' own results (so the file shows numbers before the add-in
recalculates). The builder records every function call (:class:`UdfCall`) and the ordinary
formulas that depend on them (:data:`CHECKS`); the tests recalculate those formulas with
LibreOffice after writing the functions' Python results into the sheet.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from som_xl.errors import InputError
from som_xl.functions.help import HELP
from som_xl.kb import KnowledgeBase, load_kb

from . import som_udfs

__all__ = ["CHECKS", "EXAMPLE", "UdfCall", "build", "example_scenario", "main"]

OUT = Path(__file__).resolve().parents[1] / "workbooks" / "SOM-funktioner.xlsx"


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

    @property
    def formula(self) -> str:
        return f"={self.func}({','.join(self.args)})"


#: Ordinary formulas that depend on the functions: name -> (sheet, cell). The tests compare
#: LibreOffice's values of these cells with the engine's figures.
CHECKS: dict[str, tuple[str, str]] = {}


@dataclass
class _Book:
    """xlsxwriter plus a record of the values written, to evaluate function arguments."""

    wb: Workbook
    values: dict[tuple[str, int, int], Any] = field(default_factory=dict)
    calls: list[UdfCall] = field(default_factory=list)
    fmt: dict[str, Any] = field(default_factory=dict)

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
        call = UdfCall(ws.name, cell, func, tuple(args), rows, cols)
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
                        style = self.fmt[_style(result, i, j)]
                        if isinstance(v, str):
                            ws.write_string(row + i, col + j, v, style)
                        else:
                            ws.write_number(row + i, col + j, v, style)
        else:
            ws.write_formula(row, col, call.formula, f, result)
            self.values[(ws.name, row, col)] = result
        return result

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


_PERCENT_ROWS = {"Succesrate", "Break-even-succesrate"}
_WHOLE_ROWS = {"Prisniveau (år)", "Tilbagebetalingsår", "Deltagere", "Målgrupper", "Ydelser"}


def _style(table: list[list[Any]], i: int, j: int) -> str:
    """The format of a spilled cell: header, year, factor, share or kroner."""
    if i == 0:
        return "fn_head"
    head = str(table[0][j])
    if table[0][0] in ("nøgletal", "oplysning") and j == 1:
        label = str(table[i][0])
        if label in _PERCENT_ROWS:
            return "fn_pct"
        if label == "Gevinst pr. omkostningskrone":
            return "fn_ratio"
        return "fn_whole" if label in _WHOLE_ROWS or label.startswith("Værdier") else "fn"
    if head in ("år", "alder fra", "alder til", "prisår"):
        return "fn_whole"
    if head == "diskonteringsfaktor":
        return "fn_factor"
    if head in ("kommune", "region", "stat") and table[0][0] == "ydelse":
        return "fn_kr"
    if head.startswith("år "):
        return "fn_general"
    return "fn"


def _formats(wb: Workbook) -> dict[str, Any]:
    base = {"font_name": "Calibri", "font_size": 11}
    return {
        "": wb.add_format(base),
        "title": wb.add_format({**base, "bold": True, "font_size": 16}),
        "h": wb.add_format({**base, "bold": True, "font_size": 12, "font_color": "#1F4E79"}),
        "head": wb.add_format({**base, "bold": True, "bottom": 1, "bg_color": "#D9E1F2"}),
        "note": wb.add_format({**base, "italic": True, "font_color": "#595959"}),
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


def build(out: Path | str = OUT, kb: KnowledgeBase | None = None) -> list[UdfCall]:
    """Write the example workbook; return the function calls it contains."""
    kb = kb or load_kb()
    ex = EXAMPLE
    missing = [
        sid
        for sid in {ex.local_price[0], *(s for s, _, _ in ex.price_lines)}
        if sid not in kb.services
    ]
    if ex.target_group not in kb.target_groups or missing:
        raise SystemExit(
            "Eksemplet bruger ids, som vidensdatabasen ikke har: "
            + ", ".join(
                [*missing, *([ex.target_group] * (ex.target_group not in kb.target_groups))]
            )
        )
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(out), {"use_future_functions": True})
    wb.set_properties(
        {
            "title": "SØM-funktioner i et budgetark",
            "author": "som-xl",
            "created": dt.datetime(2025, 1, 1),
            "comments": f"Vidensdatabase {kb.fingerprint}",
        }
    )
    book = _Book(wb, fmt=_formats(wb))
    CHECKS.clear()
    readme = wb.add_worksheet("Læs mig")
    budget = wb.add_worksheet("Budget")
    data = wb.add_worksheet("Data")
    groups = wb.add_worksheet("Målgrupper")
    services = wb.add_worksheet("Ydelser")
    cons = wb.add_worksheet("Konsekvenser")
    about = wb.add_worksheet("Om")
    _readme(book, readme)
    _budget(book, budget, ex)
    _lists(book, data, groups, services, cons, about, ex)
    budget.activate()
    wb.close()
    return book.calls


def _readme(book: _Book, ws: Worksheet) -> None:
    ws.set_column(0, 0, 24)
    ws.set_column(1, 1, 100)
    book.put(ws, 0, 0, "SØM-funktioner i et budgetark", "title")
    lines = [
        "Arket 'Budget' er et lille kommunalt budgetark, der bruger SØM som Excel-funktioner.",
        "Grå celler er input. Blå celler er SØM-funktioner; de kræver xlwings-tilføjelsen "
        "(klassisk, xlwings Server eller xlwings Lite), se README-afsnittet "
        "'SØM i dit eget regneark'.",
        "Uden tilføjelsen viser Excel #NAVN?; de gemte tal er fra da filen blev bygget.",
        "Alle beløb er kr. i prisniveauet fra indstillingerne. Positive nettotal = gevinst "
        "for den offentlige sektor.",
        "Ydelser og priser med status 'illustrativ' er pladsholdere; brug lokale tal.",
    ]
    for i, text in enumerate(lines):
        book.put(ws, 2 + i, 0, text, "note")
    row = 3 + len(lines)
    book.put(ws, row, 0, "Funktion", "head")
    book.put(ws, row, 1, "Beskrivelse og argumenter", "head")
    for name in som_udfs.__all__:
        description, args = HELP[name]
        row += 1
        book.put(ws, row, 0, f"{name}({', '.join(a for a, _ in args)})", "bold")
        book.put(ws, row, 1, description, "wrap")
        for arg, doc in args:
            row += 1
            book.put(ws, row, 0, f"  {arg}")
            book.put(ws, row, 1, doc, "wrap")


def _budget(book: _Book, ws: Worksheet, ex: Example) -> None:
    put = book.put
    ws.set_column(0, 0, 44)
    ws.set_column(1, 8, 19)
    put(ws, 0, 0, f"Budgetnotat: {ex.name} (eksempel)", "title")
    put(ws, 1, 0, "Grå = input, blå = SØM-funktion, resten er almindelige formler.", "note")

    # 1. Settings (A5:B12)
    put(ws, 3, 0, "1. Indstillinger", "h")
    settings = [
        ("Navn", ex.name, "in"),
        ("Målgruppe", ex.target_group, "in"),
        ("Startår", ex.start_year, "in"),
        ("Horisont (år)", ex.horizon_years, "in"),
        ("Prisår", ex.price_year, "in"),
        ("Diskonteringsrente", ex.discount_rate, "in"),
        ("Forløbsår", ex.course_years, "in"),
        ("Succesrate", ex.success_rate, "in_pct"),
    ]
    for i, (label, value, fmt) in enumerate(settings):
        put(ws, 4 + i, 0, label)
        put(ws, 4 + i, 1, value, fmt)
    settings_ref, price_year_ref, rate_ref = "A5:B12", "$B$9", "$B$10"

    # 2. Participants (A15:E16), years across like a budget
    n = len(ex.budget_years)
    put(ws, 13, 0, "2. Deltagere pr. startår", "h")
    put(ws, 14, 0, "År", "head")
    put(ws, 15, 0, "Deltagere")
    for j, (year, count) in enumerate(zip(ex.budget_years, ex.participants, strict=True)):
        put(ws, 14, 1 + j, year, "head")
        put(ws, 15, 1 + j, count, "in")
    participants_ref = f"A15:{xl_rowcol_to_cell(15, n)}"

    # 3. Costs (A19:F23), wide layout
    put(ws, 17, 0, "3. Omkostninger (kr.; negativ = sparet)", "h")
    put(ws, 18, 0, "Omkostning", "head")
    put(ws, 18, 1, "Kasse", "head")
    for j, year in enumerate(ex.budget_years):
        put(ws, 18, 2 + j, year, "head")
    for i, (label, purse, amounts) in enumerate(ex.costs):
        put(ws, 19 + i, 0, label, "in")
        put(ws, 19 + i, 1, purse, "in")
        for j, amount in enumerate(amounts):
            if amount:
                put(ws, 19 + i, 2 + j, amount, "in_kr")
            else:
                ws.write_blank(19 + i, 2 + j, None, book.fmt["in_kr"])
    last_cost = 18 + len(ex.costs)
    costs_ref = f"A19:{xl_rowcol_to_cell(last_cost, 1 + n)}"

    # 4. Local price (A27:C28)
    r = last_cost + 3
    put(ws, r - 1, 0, "4. Lokale priser (erstatter vidensdatabasens)", "h")
    for j, head in enumerate(("Ydelse", "Kommune", "Prisår")):
        put(ws, r, j, head, "head")
    sid, price, year = ex.local_price
    put(ws, r + 1, 0, sid, "in")
    put(ws, r + 1, 1, price, "in_kr")
    put(ws, r + 1, 2, year, "in")
    services_ref = f"{xl_rowcol_to_cell(r, 0)}:{xl_rowcol_to_cell(r + 1, 2)}"

    # 5. Prices from the knowledge base (SOM_PRIS)
    r += 4
    put(ws, r - 1, 0, "5. Priser fra vidensdatabasen (SOM_PRIS)", "h")
    for j, head in enumerate(("Ydelse", "Kasse", "Pris pr. enhed", "Antal", "Beløb")):
        put(ws, r, j, head, "head")
    for i, (psid, purse, qty) in enumerate(ex.price_lines):
        row = r + 1 + i
        put(ws, row, 0, psid, "in")
        put(ws, row, 1, purse, "in")
        book.udf(
            ws,
            row,
            2,
            "SOM_PRIS",
            [xl_rowcol_to_cell(row, 0), xl_rowcol_to_cell(row, 1), price_year_ref],
            "fn_kr",
        )
        put(ws, row, 3, qty, "in")
        ws.write_formula(
            row, 4, f"={xl_rowcol_to_cell(row, 2)}*{xl_rowcol_to_cell(row, 3)}", book.fmt["kr"]
        )
        CHECKS[f"price_line_{i + 1}"] = (ws.name, xl_rowcol_to_cell(row, 4))

    args = [settings_ref, participants_ref, costs_ref, "", services_ref]

    # 7. The year table (placed first in rows so that section 6 can refer to its size)
    r_budget = r + len(ex.price_lines) + 3
    r_year = r_budget + 8
    put(ws, r_year - 1, 0, "7. Nettoresultat år for år (SOM_NETTORESULTAT)", "h")
    table = book.udf(ws, r_year, 0, "SOM_NETTORESULTAT", [*args, '"år"'])
    first, last = r_year + 1, r_year + len(table) - 1
    total = last + 1
    put(ws, total, 0, "I alt", "bold")
    for col in (1, 2, 3, 5):
        a, b = xl_rowcol_to_cell(first, col), xl_rowcol_to_cell(last, col)
        ws.write_formula(total, col, f"=SUM({a}:{b})", book.fmt["kr_bold"])
    for name, col in (
        ("total_costs", 1),
        ("total_gains", 2),
        ("total_net", 3),
        ("total_discounted_net", 5),
    ):
        CHECKS[name] = (ws.name, xl_rowcol_to_cell(total, col))
    years = f"{xl_rowcol_to_cell(first, 0)}:{xl_rowcol_to_cell(last, 0)}"
    net = f"{xl_rowcol_to_cell(first, 3)}:{xl_rowcol_to_cell(last, 3)}"
    cum = f"{xl_rowcol_to_cell(first, 6)}:{xl_rowcol_to_cell(last, 6)}"

    # 8. Key figures
    r = total + 3
    put(ws, r - 1, 0, "8. Nøgletal", "h")
    put(ws, r, 0, "Nettoresultat (nutidsværdi), sum af kolonnen")
    ws.write_formula(r, 1, f"={xl_rowcol_to_cell(total, 5)}", book.fmt["kr"])
    put(ws, r + 1, 0, "Nettoresultat (nutidsværdi), SOM_NUTIDSVAERDI")
    book.udf(ws, r + 1, 1, "SOM_NUTIDSVAERDI", [net, rate_ref])
    put(ws, r + 2, 0, "Kontrol: forskel (skal være 0)")
    ws.write_formula(
        r + 2,
        1,
        f"=ROUND({xl_rowcol_to_cell(r, 1)}-{xl_rowcol_to_cell(r + 1, 1)},2)",
        book.fmt["kr"],
    )
    put(ws, r + 3, 0, "Tilbagebetalingsår (første år med akkumuleret ≥ 0)")
    ws.write_formula(
        r + 3,
        1,
        f'=IF(COUNTIF({cum},">=0")=0,"ikke inden for horisonten",MINIFS({years},{cum},">=0"))',
    )
    put(ws, r + 4, 0, "Kommunens nettoresultat (nutidsværdi)")
    CHECKS["pv_difference"] = (ws.name, xl_rowcol_to_cell(r + 2, 1))
    CHECKS["payback_year"] = (ws.name, xl_rowcol_to_cell(r + 3, 1))
    CHECKS["kommune_discounted_net"] = (ws.name, xl_rowcol_to_cell(r + 4, 1))

    # 9. Split by purse
    r_purse = r + 7
    put(ws, r_purse - 1, 0, '9. Fordeling på kasser (SOM_NETTORESULTAT, visning "kasse")', "h")
    purse = book.udf(ws, r_purse, 0, "SOM_NETTORESULTAT", [*args, '"kasse"'])
    labels = f"{xl_rowcol_to_cell(r_purse + 1, 0)}:{xl_rowcol_to_cell(r_purse + len(purse) - 1, 0)}"
    pv = f"{xl_rowcol_to_cell(r_purse + 1, 6)}:{xl_rowcol_to_cell(r_purse + len(purse) - 1, 6)}"
    ws.write_formula(r + 4, 1, f'=INDEX({pv},MATCH("Kommune",{labels},0))', book.fmt["kr"])

    # 10. Quick estimate
    r_quick = r_purse + len(purse) + 2
    put(ws, r_quick - 1, 0, "10. Budgetøkonomisk skøn (SOM_SKOEN)", "h")
    put(ws, r_quick, 0, "Deltagere")
    put(ws, r_quick, 1, ex.quick[0], "in")
    put(ws, r_quick + 1, 0, "Pris pr. deltager")
    put(ws, r_quick + 1, 1, ex.quick[1], "in_kr")
    book.udf(
        ws,
        r_quick + 3,
        0,
        "SOM_SKOEN",
        ["$B$6", xl_rowcol_to_cell(r_quick, 1), xl_rowcol_to_cell(r_quick + 1, 1)],
    )

    # 6. Budget overview for the municipality, from the tidy rows on sheet Data
    put(ws, r_budget - 1, 0, "6. Budgetoverslag for kommunen (SUMIFS på arket Data)", "h")
    put(ws, r_budget, 0, "Post", "head")
    for j, year in enumerate(ex.budget_years):
        put(ws, r_budget, 1 + j, year, "head")
    rows = "Data!$A$2:$A$5000", "Data!$B$2:$B$5000", "Data!$D$2:$D$5000", "Data!$E$2:$E$5000"
    yr, ps, kind, val = rows
    lines: list[tuple[str, Callable[[str], str]]] = [
        (
            "Indsatsens udgifter (kommune)",
            lambda y: f'=SUMIFS({val},{yr},{y},{ps},"Kommune",{kind},"omkostning")',
        ),
        (
            "Mindreudgifter og merindtægter (kommune)",
            lambda y: f'=SUMIFS({val},{yr},{y},{ps},"Kommune",{kind},"gevinst")',
        ),
    ]
    for i, (label, formula) in enumerate(lines):
        put(ws, r_budget + 1 + i, 0, label)
        for j in range(n):
            y = xl_rowcol_to_cell(r_budget, 1 + j, row_abs=True)
            ws.write_formula(r_budget + 1 + i, 1 + j, formula(y), book.fmt["kr"])
    put(ws, r_budget + 3, 0, "Netto for kommunen", "bold")
    put(ws, r_budget + 4, 0, "Netto for hele den offentlige sektor", "bold")
    for j, year in enumerate(ex.budget_years):
        c, g = xl_rowcol_to_cell(r_budget + 1, 1 + j), xl_rowcol_to_cell(r_budget + 2, 1 + j)
        ws.write_formula(r_budget + 3, 1 + j, f"={g}-{c}", book.fmt["kr_bold"])
        y = xl_rowcol_to_cell(r_budget, 1 + j, row_abs=True)
        ws.write_formula(
            r_budget + 4,
            1 + j,
            f'=SUMIFS({val},{yr},{y},{kind},"gevinst")-SUMIFS({val},{yr},{y},{kind},"omkostning")',
            book.fmt["kr_bold"],
        )
        CHECKS[f"budget_kommune_cost_{year}"] = (ws.name, xl_rowcol_to_cell(r_budget + 1, 1 + j))
        CHECKS[f"budget_kommune_gain_{year}"] = (ws.name, xl_rowcol_to_cell(r_budget + 2, 1 + j))
        CHECKS[f"budget_kommune_net_{year}"] = (ws.name, xl_rowcol_to_cell(r_budget + 3, 1 + j))
        CHECKS[f"budget_public_net_{year}"] = (ws.name, xl_rowcol_to_cell(r_budget + 4, 1 + j))
    book.udf(
        book.wb.get_worksheet_by_name("Data"),
        0,
        0,
        "SOM_NETTORESULTAT",
        [f"Budget!{a}" if a else "" for a in args] + ['"rækker"'],
    )


def _lists(
    book: _Book,
    data: Worksheet,
    groups: Worksheet,
    services: Worksheet,
    cons: Worksheet,
    about: Worksheet,
    ex: Example,
) -> None:
    data.set_column(0, 5, 18)
    data.set_column(2, 2, 36)
    groups.set_column(0, 6, 22)
    services.set_column(0, 9, 18)
    cons.set_column(0, 20, 14)
    about.set_column(0, 1, 32)
    book.put(groups, 0, 0, "Antal målgrupper")
    book.udf(groups, 2, 0, "SOM_MAALGRUPPER", [])
    groups.write_formula(0, 1, "=COUNTA(A4:A500)")
    CHECKS["n_target_groups"] = (groups.name, "B1")
    book.put(services, 0, 0, "Søgeord (tom = alle)")
    book.put(services, 0, 1, "", "in")
    book.put(services, 1, 0, "Antal ydelser")
    book.udf(services, 3, 0, "SOM_YDELSER", ["B1"])
    services.write_formula(1, 1, "=COUNTA(A5:A1000)")
    CHECKS["n_services"] = (services.name, "B2")
    book.put(cons, 0, 0, "Målgruppe")
    book.put(cons, 0, 1, ex.target_group, "in")
    book.udf(cons, 2, 0, "SOM_KONSEKVENSER", ["B1"])
    book.udf(about, 0, 0, "SOM_INFO", [])


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else OUT
    try:
        calls = build(out)
    except InputError as exc:
        print(f"Eksemplet kunne ikke bygges:\n{exc.text()}", file=sys.stderr)
        return 2
    print(f"Skrev {out} ({len(calls)} SØM-funktionskald)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
