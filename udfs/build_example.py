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
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from som_xl.errors import InputError
from som_xl.functions.help import HELP
from som_xl.kb import KnowledgeBase, load_kb

from . import som_udfs
from .example_book import CHECKS, EXAMPLE, Book, Example, UdfCall, example_scenario, formats

__all__ = ["CHECKS", "EXAMPLE", "Example", "UdfCall", "build", "example_scenario", "main"]

OUT = Path(__file__).resolve().parents[1] / "workbooks" / "SOM-funktioner.xlsx"


def build(
    out: Path | str = OUT, kb: KnowledgeBase | None = None, namespace: str = ""
) -> list[UdfCall]:
    """Write the example workbook; return the function calls it contains.

    ``namespace`` is xlwings Server's functions namespace where one is set
    (``XLWINGS_FUNCTIONS_NAMESPACE=SOM`` registers ``SOM.SOM_PRIS``): the formulas then use
    that name. The default, no namespace, is the name the classic add-in, xlwings Lite and
    xlwings Server without a namespace register (``SOM_PRIS``).
    """
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
    book = Book(wb, fmt=formats(wb), namespace=namespace)
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


def _readme(book: Book, ws: Worksheet) -> None:
    ws.set_column(0, 0, 36)
    ws.set_column(1, 1, 100)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)  # one page wide, as long as it takes
    book.put(ws, 0, 0, "SØM-funktioner i et budgetark", "title")
    lines = [
        "Arket 'Budget' er et lille kommunalt budgetark, der bruger SØM som Excel-funktioner.",
        "Grå celler er input. Blå celler er SØM-funktioner; de kræver xlwings-tilføjelsen "
        "(klassisk, xlwings Server eller xlwings Lite), se README-afsnittet "
        "'SØM i dit eget regneark'.",
        "Uden funktionerne viser filen de tal, der blev beregnet, da den blev bygget (også i "
        "de almindelige formler); så snart Excel genberegner, viser de blå celler #NAVN? og de "
        "almindelige formler, der bygger på dem, en fejl.",
        "Sådan får I funktionerne:",
        "• xlwings Lite (ingen Python på pc'en): Excel i Microsoft 365 (Windows, Mac eller "
        "Excel på nettet). Installér tilføjelsesprogrammet xlwings Lite fra Office-butikken og "
        "indsæt koden og kravene fra mappen udfs/lite (se udfs/lite/README.md).",
        "• xlwings Server (en server i kommunen kører Python): Excel i Microsoft 365 med "
        "Office-tilføjelsesprogrammer. Uden navnerum (XLWINGS_FUNCTIONS_NAMESPACE tom og "
        "XLWINGS_ENVIRONMENT=prod) hedder funktionerne som i denne fil (=SOM_PRIS(...)). Har "
        "serveren et navnerum, fx SOM, hedder de =SOM.SOM_PRIS(...); byg så eksemplet med "
        "samme navnerum: python -m udfs.build_example FIL.xlsx --navnerum SOM.",
        "• Det klassiske xlwings-tilføjelsesprogram: Excel til Windows (skrivebordsversionen) "
        "med Python og pakken xlwings installeret (xlwings addin install), og modulet "
        "udfs/som_udfs.py importeret som UDF-modul.",
        "Alle beløb er kr. i prisniveauet fra indstillingerne. Positive nettotal = gevinst "
        "for den offentlige sektor.",
        "Ydelser og priser med status 'illustrativ' er pladsholdere; brug lokale tal.",
    ]
    for i, text in enumerate(lines):  # across both columns, wrapped
        ws.merge_range(2 + i, 0, 2 + i, 1, "", book.fmt["note_wrap"])
        book.put(ws, 2 + i, 0, text, "note_wrap")
        _fit(ws, 2 + i, text, 136)
    row = 3 + len(lines)
    book.put(ws, row, 0, "Funktion", "head")
    book.put(ws, row, 1, "Beskrivelse og argumenter", "head")
    for name in som_udfs.__all__:
        description, args = HELP[name]
        row += 1
        book.put(ws, row, 0, f"{name}({', '.join(a for a, _ in args)})", "bold")
        book.put(ws, row, 1, description, "wrap")
        _fit(ws, row, description)
        for arg, doc in args:
            row += 1
            book.put(ws, row, 0, f"  {arg}")
            book.put(ws, row, 1, doc, "wrap")
            _fit(ws, row, doc)


def _fit(ws: Worksheet, row: int, text: str, width: int = 100) -> None:
    """A row as high as its wrapped text in a column ``width`` wide (about one character per
    width unit); spreadsheets do not fit the height on their own, and LibreOffice drew such
    rows over each other."""
    lines = max(1, -(-len(text) // width))
    if lines > 1:
        ws.set_row(row, 15 * lines)


def _budget(book: Book, ws: Worksheet, ex: Example) -> None:
    """The sheet "Budget": inputs, SOM_PRIS lines, the results and a budget overview.

    Sections are written in this order (xlsxwriter numbers shared strings by first use, so
    the order keeps the file's bytes); section 6 sits above 7-10 in the sheet but refers to
    the year table's size, so it is written last.
    """
    ws.set_column(0, 0, 44)
    ws.set_column(1, 8, 19)
    book.put(ws, 0, 0, f"Budgetnotat: {ex.name} (eksempel)", "title")
    book.put(ws, 1, 0, "Grå = input, blå = SØM-funktion, resten er almindelige formler.", "note")
    settings_ref, price_year_ref, rate_ref = _settings(book, ws, ex)
    participants_ref = _participants(book, ws, ex)
    costs_ref, last_cost = _costs(book, ws, ex)
    r = last_cost + 3
    services_ref = _local_price(book, ws, ex, r)
    r += 4
    _price_lines(book, ws, ex, r, price_year_ref)
    args = [settings_ref, participants_ref, costs_ref, "", services_ref]
    r_budget = r + len(ex.price_lines) + 3
    total, years, net, cum = _year_table(book, ws, r_budget + 8, args)
    r = total + 3
    _key_figures(book, ws, r, total, (years, net, cum), rate_ref)
    end = _purse_split(book, ws, r + 7, r + 4, args)
    end = _quick(book, ws, ex, end + 2)
    end = _uncertainty(book, ws, end + 3, args)
    _answer(book, ws, end + 2, args)
    settings, participants, costs, consequences, services = (book.arg(ws.name, a) for a in args)
    rows = som_udfs.SOM_NETTORESULTAT(
        settings, participants, costs, consequences, services, "rækker"
    )
    _overview(book, ws, ex, r_budget, rows)
    book.udf(
        book.wb.get_worksheet_by_name("Data"),
        0,
        0,
        "SOM_NETTORESULTAT",
        [f"Budget!{a}" if a else "" for a in args] + ['"rækker"'],
    )


def _settings(book: Book, ws: Worksheet, ex: Example) -> tuple[str, str, str]:
    """1. Settings (A5:B12); returns the range and the price-year and rate cells."""
    book.put(ws, 3, 0, "1. Indstillinger", "h")
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
        book.put(ws, 4 + i, 0, label)
        book.put(ws, 4 + i, 1, value, fmt)
    return "A5:B12", "$B$9", "$B$10"


def _participants(book: Book, ws: Worksheet, ex: Example) -> str:
    """2. Participants (A15:E16), years across like a budget; returns the range."""
    n = len(ex.budget_years)
    book.put(ws, 13, 0, "2. Deltagere pr. startår", "h")
    book.put(ws, 14, 0, "År", "head")
    book.put(ws, 15, 0, "Deltagere")
    for j, (year, count) in enumerate(zip(ex.budget_years, ex.participants, strict=True)):
        book.put(ws, 14, 1 + j, year, "head")
        book.put(ws, 15, 1 + j, count, "in")
    return f"A15:{xl_rowcol_to_cell(15, n)}"


def _costs(book: Book, ws: Worksheet, ex: Example) -> tuple[str, int]:
    """3. Costs (A19:F23), years as columns; returns the range and its last row."""
    book.put(ws, 17, 0, "3. Omkostninger (kr.; negativ = sparet)", "h")
    book.put(ws, 18, 0, "Omkostning", "head")
    book.put(ws, 18, 1, "Aktør", "head")
    for j, year in enumerate(ex.budget_years):
        book.put(ws, 18, 2 + j, year, "head")
    for i, (label, purse, amounts) in enumerate(ex.costs):
        book.put(ws, 19 + i, 0, label, "in")
        book.put(ws, 19 + i, 1, purse, "in")
        for j, amount in enumerate(amounts):
            if amount:
                book.put(ws, 19 + i, 2 + j, amount, "in_kr")
            else:
                ws.write_blank(19 + i, 2 + j, None, book.fmt["in_kr"])
    last_cost = 18 + len(ex.costs)
    return f"A19:{xl_rowcol_to_cell(last_cost, 1 + len(ex.budget_years))}", last_cost


def _local_price(book: Book, ws: Worksheet, ex: Example, r: int) -> str:
    """4. A local price replacing the knowledge base's (header in row r); returns the range."""
    book.put(ws, r - 1, 0, "4. Lokale priser (erstatter vidensdatabasens)", "h")
    for j, head in enumerate(("Ydelse", "Kommune", "Prisår")):
        book.put(ws, r, j, head, "head")
    sid, price, year = ex.local_price
    book.put(ws, r + 1, 0, sid, "in")
    book.put(ws, r + 1, 1, price, "in_kr")
    book.put(ws, r + 1, 2, year, "in")
    return f"{xl_rowcol_to_cell(r, 0)}:{xl_rowcol_to_cell(r + 1, 2)}"


def _price_lines(book: Book, ws: Worksheet, ex: Example, r: int, price_year_ref: str) -> None:
    """5. Budget lines priced with SOM_PRIS (header in row r)."""
    book.put(ws, r - 1, 0, "5. Priser fra vidensdatabasen (SOM_PRIS)", "h")
    for j, head in enumerate(("Ydelse", "Aktør", "Pris pr. enhed", "Antal", "Beløb")):
        book.put(ws, r, j, head, "head")
    for i, (psid, purse, qty) in enumerate(ex.price_lines):
        row = r + 1 + i
        book.put(ws, row, 0, psid, "in")
        book.put(ws, row, 1, purse, "in")
        unit_price = book.udf(
            ws,
            row,
            2,
            "SOM_PRIS",
            [xl_rowcol_to_cell(row, 0), xl_rowcol_to_cell(row, 1), price_year_ref],
            "fn_kr",
        )
        book.put(ws, row, 3, qty, "in")
        text = f"={xl_rowcol_to_cell(row, 2)}*{xl_rowcol_to_cell(row, 3)}"
        book.formula(ws, row, 4, text, unit_price * qty, "kr")
        CHECKS[f"price_line_{i + 1}"] = (ws.name, xl_rowcol_to_cell(row, 4))


def _year_table(
    book: Book, ws: Worksheet, r_year: int, args: list[str]
) -> tuple[int, str, str, str]:
    """7. The year table with ordinary totals; returns the total row and the year, net and
    cumulative columns."""
    book.put(ws, r_year - 1, 0, "7. Nettoresultat år for år (SOM_NETTORESULTAT)", "h")
    table = book.udf(ws, r_year, 0, "SOM_NETTORESULTAT", [*args, '"år"'])
    first, last = r_year + 1, r_year + len(table) - 1
    total = last + 1
    book.put(ws, total, 0, "I alt", "bold")
    for col in (1, 2, 3, 5):
        a, b = xl_rowcol_to_cell(first, col), xl_rowcol_to_cell(last, col)
        value = sum(book.column(ws.name, col, first, last))
        book.formula(ws, total, col, f"=SUM({a}:{b})", value, "kr_bold")
    # a helper column for the payback year (MINIFS is Excel 2019+): the year where the
    # cumulative result is ≥ 0, else blank; MIN of it is the first such year
    book.put(ws, r_year, 8, "År med akk. ≥ 0 (hjælp)")
    for row in range(first, last + 1):
        cum_cell, year_cell = xl_rowcol_to_cell(row, 6), xl_rowcol_to_cell(row, 0)
        cum, year = book.values[(ws.name, row, 6)], book.values[(ws.name, row, 0)]
        value = (year if cum >= 0 else "") if isinstance(cum, int | float) else ""
        text = f'=IF(ISNUMBER({cum_cell}),IF({cum_cell}>=0,{year_cell},""),"")'
        book.formula(ws, row, 8, text, value)
    for name, col in (
        ("total_costs", 1),
        ("total_gains", 2),
        ("total_net", 3),
        ("total_discounted_net", 5),
    ):
        CHECKS[name] = (ws.name, xl_rowcol_to_cell(total, col))

    def column(col: int) -> str:
        return f"{xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(last, col)}"

    return total, column(0), column(3), column(8)


def _key_figures(
    book: Book, ws: Worksheet, r: int, total: int, cols: tuple[str, str, str], rate_ref: str
) -> None:
    """8. Key figures: the present value twice (sum and SOM_NUTIDSVAERDI), payback year."""
    _, net, cum = cols  # cum: the helper column (the year where cumulative ≥ 0)
    book.put(ws, r - 1, 0, "8. Nøgletal", "h")
    book.put(ws, r, 0, "Nettoresultat (nutidsværdi), sum af kolonnen")
    by_sum = book.values[(ws.name, total, 5)]
    book.formula(ws, r, 1, f"={xl_rowcol_to_cell(total, 5)}", by_sum, "kr")
    book.put(ws, r + 1, 0, "Nettoresultat (nutidsværdi), SOM_NUTIDSVAERDI")
    by_pv = book.udf(ws, r + 1, 1, "SOM_NUTIDSVAERDI", [net, rate_ref])
    book.put(ws, r + 2, 0, "Kontrol: forskel (skal være 0)")
    text = f"=ROUND({xl_rowcol_to_cell(r, 1)}-{xl_rowcol_to_cell(r + 1, 1)},2)"
    book.formula(ws, r + 2, 1, text, round(by_sum - by_pv, 2) + 0.0, "kr")
    book.put(ws, r + 3, 0, "Break-even-år (første år med akkumuleret ≥ 0)")
    years = [v for row in book.ref_values(ws.name, cum) for v in row if isinstance(v, int | float)]
    payback = min(years) if years else "ikke inden for horisonten"
    book.formula(
        ws, r + 3, 1, f'=IF(COUNT({cum})=0,"ikke inden for horisonten",MIN({cum}))', payback
    )
    book.put(ws, r + 4, 0, "Kommunens nettoresultat (nutidsværdi)")
    CHECKS["pv_difference"] = (ws.name, xl_rowcol_to_cell(r + 2, 1))
    CHECKS["payback_year"] = (ws.name, xl_rowcol_to_cell(r + 3, 1))
    CHECKS["kommune_discounted_net"] = (ws.name, xl_rowcol_to_cell(r + 4, 1))


def _purse_split(book: Book, ws: Worksheet, r_purse: int, kommune_row: int, args: list[str]) -> int:
    """9. The split by purse; the municipality's figure (row kommune_row of section 8) is
    looked up in it. Returns the row after the table."""
    book.put(
        ws, r_purse - 1, 0, '9. Fordeling på aktører (SOM_NETTORESULTAT, visning "aktør")', "h"
    )
    purse = book.udf(ws, r_purse, 0, "SOM_NETTORESULTAT", [*args, '"aktør"'])
    labels = f"{xl_rowcol_to_cell(r_purse + 1, 0)}:{xl_rowcol_to_cell(r_purse + len(purse) - 1, 0)}"
    pv = f"{xl_rowcol_to_cell(r_purse + 1, 6)}:{xl_rowcol_to_cell(r_purse + len(purse) - 1, 6)}"
    kommune = next(row[6] for row in purse if row[0] == "Kommune")
    text = f'=INDEX({pv},MATCH("Kommune",{labels},0))'
    book.formula(ws, kommune_row, 1, text, kommune, "kr")
    return r_purse + len(purse)


def _quick(book: Book, ws: Worksheet, ex: Example, r_quick: int) -> int:
    """10. The quick estimate (SOM_SKOEN) from two input cells; returns the row after it."""
    book.put(ws, r_quick - 1, 0, "10. Budgetøkonomisk skøn (SOM_SKOEN)", "h")
    book.put(ws, r_quick, 0, "Deltagere")
    book.put(ws, r_quick, 1, ex.quick[0], "in")
    book.put(ws, r_quick + 1, 0, "Pris pr. deltager")
    book.put(ws, r_quick + 1, 1, ex.quick[1], "in_kr")
    table = book.udf(
        ws,
        r_quick + 3,
        0,
        "SOM_SKOEN",
        ["$B$6", xl_rowcol_to_cell(r_quick, 1), xl_rowcol_to_cell(r_quick + 1, 1)],
    )
    return r_quick + 3 + (len(table) if isinstance(table, list) else 1)


def _uncertainty(book: Book, ws: Worksheet, r: int, args: list[str]) -> int:
    """11. How sure is the result: SOM_USIKKERHED and SOM_FOELSOMHED over the same ranges."""
    book.put(ws, r - 1, 0, "11. Usikkerhed (SOM_USIKKERHED og SOM_FOELSOMHED)", "h")
    rows = [
        ("Input", "Fordeling", "Parameter 1", "Parameter 2", "Parameter 3"),
        ("succesrate", "trekant", 0.1, 0.2, 0.3),
        ("omkostninger", "ligefordelt", 0.9, 1.2, None),
        ("trækninger", 2000, None, None, None),
    ]
    for i, line in enumerate(rows):
        for j, v in enumerate(line):
            if v is not None:
                book.put(ws, r + i, j, v, "head" if i == 0 else "in")
    unc = f"{xl_rowcol_to_cell(r, 0)}:{xl_rowcol_to_cell(r + len(rows) - 1, 4)}"
    table = book.udf(ws, r + len(rows) + 1, 0, "SOM_USIKKERHED", [*args, unc])
    r_tornado = r + len(rows) + len(table) + 2
    tornado = book.udf(ws, r_tornado, 0, "SOM_FOELSOMHED", [*args, unc])
    return r_tornado + (len(tornado) if isinstance(tornado, list) else 1)


def _answer(book: Book, ws: Worksheet, r: int, args: list[str]) -> None:
    """12-14. The kommune's answer: payback per aktør, the committees (SOM_UDVALG) with a
    mapping of budget items to committees, and a follow-up (SOM_OPFOELGNING)."""
    book.put(
        ws,
        r,
        0,
        '12. Tilbagebetaling pr. aktør (SOM_NETTORESULTAT, visning "tilbagebetaling")',
        "h",
    )
    payback = book.udf(ws, r + 1, 0, "SOM_NETTORESULTAT", [*args, '"tilbagebetaling"'])
    r += len(payback) + 2
    book.put(ws, r, 0, 'Bemærkning (visning "bemærkning")')
    book.udf(ws, r, 1, "SOM_NETTORESULTAT", [*args, '"bemærkning"'], "")
    r += 2
    book.put(ws, r, 0, "13. Kommunens udvalg (SOM_UDVALG)", "h")
    book.put(ws, r + 1, 0, "Udgiftspost", "head")
    book.put(ws, r + 1, 1, "Udvalg", "head")
    for i, (item, committee) in enumerate(EXAMPLE.committees):
        book.put(ws, r + 2 + i, 0, item, "in")
        book.put(ws, r + 2 + i, 1, committee, "in")
    last = r + 1 + len(EXAMPLE.committees)
    udvalg = f"{xl_rowcol_to_cell(r + 1, 0)}:{xl_rowcol_to_cell(last, 1)}"
    table = book.udf(ws, last + 2, 0, "SOM_UDVALG", [*args, udvalg])
    r = last + 2 + len(table) + 1
    book.put(ws, r, 0, "14. Opfølgning: plan mod realiseret (SOM_OPFOELGNING)", "h")
    for j, head in enumerate(("År", "Deltagere", "Succeser", "Omkostninger")):
        book.put(ws, r + 1, j, head, "head")
    for i, line in enumerate(EXAMPLE.realised):
        for j, v in enumerate(line):
            book.put(ws, r + 2 + i, j, v, "in_kr" if j == 3 else "in")
    last = r + 1 + len(EXAMPLE.realised)
    realised = f"{xl_rowcol_to_cell(r + 1, 0)}:{xl_rowcol_to_cell(last, 3)}"
    years = book.udf(ws, last + 2, 0, "SOM_OPFOELGNING", [*args, realised])
    book.udf(ws, last + 3 + len(years), 0, "SOM_OPFOELGNING", [*args, realised, '"nøgletal"'])


def _sumifs(rows: list[list[Any]], year: int, kind: str, purse: str | None) -> float:
    """What the overview's SUMIFS gives on the tidy rows (Data): year, aktør and kind."""
    return float(
        sum(r[4] for r in rows[1:] if r[0] == year and r[3] == kind and purse in (None, r[1]))
    )


def _overview(book: Book, ws: Worksheet, ex: Example, r_budget: int, data: list[list[Any]]) -> None:
    """6. Budget overview for the municipality: SUMIFS over the tidy rows on sheet Data
    (``data``: those rows, for the cached values)."""
    book.put(ws, r_budget - 1, 0, "6. Budgetoverslag for kommunen (SUMIFS på arket Data)", "h")
    book.put(ws, r_budget, 0, "Post", "head")
    for j, year in enumerate(ex.budget_years):
        book.put(ws, r_budget, 1 + j, year, "head")
    rows = "Data!$A$2:$A$5000", "Data!$B$2:$B$5000", "Data!$D$2:$D$5000", "Data!$E$2:$E$5000"
    yr, ps, kind, val = rows
    lines: list[tuple[str, str, Callable[[str], str]]] = [
        (
            "Indsatsens udgifter (kommune)",
            "omkostning",
            lambda y: f'=SUMIFS({val},{yr},{y},{ps},"Kommune",{kind},"omkostning")',
        ),
        (
            "Mindreudgifter og merindtægter (kommune)",
            "gevinst",
            lambda y: f'=SUMIFS({val},{yr},{y},{ps},"Kommune",{kind},"gevinst")',
        ),
    ]
    for i, (label, art, formula) in enumerate(lines):
        book.put(ws, r_budget + 1 + i, 0, label)
        for j, year in enumerate(ex.budget_years):
            y = xl_rowcol_to_cell(r_budget, 1 + j, row_abs=True)
            value = _sumifs(data, year, art, "Kommune")
            book.formula(ws, r_budget + 1 + i, 1 + j, formula(y), value, "kr")
    book.put(ws, r_budget + 3, 0, "Netto for kommunen", "bold")
    book.put(ws, r_budget + 4, 0, "Netto for hele den offentlige sektor", "bold")
    for j, year in enumerate(ex.budget_years):
        c, g = xl_rowcol_to_cell(r_budget + 1, 1 + j), xl_rowcol_to_cell(r_budget + 2, 1 + j)
        net = _sumifs(data, year, "gevinst", "Kommune") - _sumifs(
            data, year, "omkostning", "Kommune"
        )
        book.formula(ws, r_budget + 3, 1 + j, f"={g}-{c}", net, "kr_bold")
        y = xl_rowcol_to_cell(r_budget, 1 + j, row_abs=True)
        public = _sumifs(data, year, "gevinst", None) - _sumifs(data, year, "omkostning", None)
        text = (
            f'=SUMIFS({val},{yr},{y},{kind},"gevinst")-SUMIFS({val},{yr},{y},{kind},"omkostning")'
        )
        book.formula(ws, r_budget + 4, 1 + j, text, public, "kr_bold")
        CHECKS[f"budget_kommune_cost_{year}"] = (ws.name, xl_rowcol_to_cell(r_budget + 1, 1 + j))
        CHECKS[f"budget_kommune_gain_{year}"] = (ws.name, xl_rowcol_to_cell(r_budget + 2, 1 + j))
        CHECKS[f"budget_kommune_net_{year}"] = (ws.name, xl_rowcol_to_cell(r_budget + 3, 1 + j))
        CHECKS[f"budget_public_net_{year}"] = (ws.name, xl_rowcol_to_cell(r_budget + 4, 1 + j))


def _lists(
    book: Book,
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
    found = book.udf(groups, 2, 0, "SOM_MAALGRUPPER", [])
    book.formula(groups, 0, 1, "=COUNTA(A4:A500)", len(found) - 1)
    CHECKS["n_target_groups"] = (groups.name, "B1")
    book.put(services, 0, 0, "Søgeord (tom = alle)")
    book.put(services, 0, 1, "", "in")
    book.put(services, 1, 0, "Antal ydelser")
    found = book.udf(services, 3, 0, "SOM_YDELSER", ["B1"])
    book.formula(services, 1, 1, "=COUNTA(A5:A1000)", len(found) - 1)
    CHECKS["n_services"] = (services.name, "B2")
    book.put(cons, 0, 0, "Målgruppe")
    book.put(cons, 0, 1, ex.target_group, "in")
    book.udf(cons, 2, 0, "SOM_KONSEKVENSER", ["B1"])
    book.udf(about, 0, 0, "SOM_INFO", [])


def main(argv: list[str] | None = None) -> int:
    """``python -m udfs.build_example [UD.xlsx] [--navnerum NAVN]``."""
    args = list(sys.argv[1:] if argv is None else argv)
    namespace = ""
    if "--navnerum" in args:
        at = args.index("--navnerum")
        if at + 1 >= len(args):
            print("--navnerum kræver et navn, fx --navnerum SOM", file=sys.stderr)
            return 2
        namespace = args[at + 1]
        del args[at : at + 2]
    out = Path(args[0]) if args else OUT
    try:
        calls = build(out, namespace=namespace)
    except InputError as exc:
        print(f"Eksemplet kunne ikke bygges:\n{exc.text()}", file=sys.stderr)
        return 2
    print(f"Skrev {out} ({len(calls)} SØM-funktionskald)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
