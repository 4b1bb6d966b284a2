"""What else a filled-in workbook says: its own input checks and its uncertainty ranges.

* :func:`kontrol_problems`: the sheet *Kontrol* counts the inputs' problems live
  (``som.inputfejl``) and words each one. Where the file carries the cached values of a
  program that recalculated it (Excel, LibreOffice), a count above 0 means the workbook
  itself says its inputs are wrong; ``som-xl read`` then refuses it with those messages. A
  file without cached values (written by a program that does not calculate) says nothing.
* :func:`read_variants`: the filled rows of *Varianter* (name, net success rate) as the
  scenario's ``variants: {navn: {success_rate: x}}``, so ``som-xl read --scenario-out`` and
  ``som-xl sammenlign`` compare what the sheet shows.
* :func:`read_uncertainty`: the yellow ranges of *Usikkerhed* (a distribution, trekant or
  normal (95 %-interval), and low, typical, high for the success rate's factor and for
  multipliers of every cost and every gain) as the uncertainty block of the workbook's
  scenario (som-method §3.20), with the sheet's draws and seed, so ``som-xl read
  --usikkerhed`` and ``som-xl rapport`` analyse what the sheet shows.
"""

from __future__ import annotations

import io
import math
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, Problem
from . import text as T
from .layout import a1

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

    from ..inputs import Resolved
    from ..inputs.uncertainty import UncertaintySpec
    from ..kb import KnowledgeBase
    from .read_cells import Cells
    from .sheets.usikkerhed import SheetRange

__all__ = ["default_rate", "kontrol_problems", "read_uncertainty", "read_variants"]

#: The most check messages named in one refusal (the sheet says the rest).
MAX_NAMED = 10


def _cached(path: Path) -> Workbook:
    """The workbook with its cached values (read-only; the file is checked as the reader does)."""
    import openpyxl

    from .read_package import read_package

    data = read_package(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl's notes on unsupported extensions
        try:
            return openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        except Exception:  # openpyxl raises many kinds for damaged packages
            raise InputError(Problem(str(path), "", T.READ_DAMAGED)) from None


def _name_cells(wb: Workbook, name: str) -> list[tuple[str, str]]:
    """(sheet, range) of a defined name; [] where the workbook has no such name."""
    defined = wb.defined_names.get(name)
    return list(defined.destinations) if defined is not None else []


def kontrol_problems(path: Path) -> list[Problem]:
    """The problems the sheet *Kontrol* reports in the file's cached values.

    Parameters
    ----------
    path : Path
        A workbook built by som-xl.

    Returns
    -------
    list of Problem
        One per failing check (at most :data:`MAX_NAMED`, then one naming how many more),
        each at ``Kontrol!E<row>`` with the sheet's own Danish message; [] where the count
        ``som.inputfejl`` is 0 or has no cached value.
    """
    wb = _cached(path)
    try:
        count_at = _name_cells(wb, "som.inputfejl")
        if not count_at:
            return []
        sheet, cell = count_at[0]
        count = wb[sheet][cell.replace("$", "")].value
        if not isinstance(count, int | float) or isinstance(count, bool) or count <= 0:
            return []
        book = str(path)
        found: list[Problem] = []
        for sheet, cells in _name_cells(wb, "kontrol.besked"):
            got = wb[sheet][cells.replace("$", "")]
            rows = got if isinstance(got, tuple) else ((got,),)
            for row in rows:
                for c in row if isinstance(row, tuple) else (row,):
                    status = wb[sheet].cell(c.row, c.column - 1).value  # Status, left of it
                    if status == T.CHECK_FOLLOWS:
                        continue  # a consequence of a problem named above, not counted
                    if isinstance(c.value, str) and c.value.strip():
                        found.append(
                            Problem(f"{book}, {sheet}!{c.coordinate}", "", c.value.strip())
                        )
        n = int(count)
        head = Problem(
            book,
            "",
            f"arket {T.KONTROL} melder {n} inputfejl (som.inputfejl = {n}); ret dem i "
            "projektmappen, gem den, og læs den igen",
        )
        more = len(found) - MAX_NAMED
        tail = [Problem(book, "", f"og {more} fejl mere på arket {T.KONTROL}")] if more > 0 else []
        return [head, *found[:MAX_NAMED], *tail]
    finally:
        wb.close()


def read_uncertainty(
    path: Path, success_rate: float, rate_default: SheetRange | None = None
) -> UncertaintySpec | None:
    """The uncertainty block the sheet *Usikkerhed* gives the workbook's scenario.

    Parameters
    ----------
    path : Path
        A workbook built by som-xl.
    success_rate : float
        The scenario's (net) success rate: the sheet's success-rate row holds factors on it
        (the result at most 1).
    rate_default : SheetRange, optional
        The success-rate row's live default (:func:`default_rate`). Its four cells are
        formulas a user may type over; a file saved by a program that does not calculate
        (openpyxl) keeps no values for them, and then the row is this default, as the
        formulas would give it. Without it such a row is reported as blank.

    Returns
    -------
    UncertaintySpec or None
        The rows' distributions for ``success_rate``, ``costs`` and ``consequences`` (each
        row's choice, ``trekant`` or ``normal (95 %-interval)``, and its low, typical and
        high value, turned into a distribution by :func:`.sheets.usikkerhed.spec_of`, as
        the table stamped at build time), the sheet's draws and seed; None where the
        workbook has no such sheet (an older build).

    Raises
    ------
    InputError
        Where a row's distribution is not one of the list, or its values are not three
        numbers 0-100 with low ≤ typical ≤ high (and low < high for a normal one), naming
        the cells.
    """
    from pydantic import ValidationError

    from .book import by_text
    from .sheets import usikkerhed as U

    wb = _cached(path)
    try:
        if U.SHEET not in wb.sheetnames:
            return None
        ws = wb[U.SHEET]
        ranges: dict[str, U.SheetRange] = {}
        problems: list[Problem] = []
        dists = {label: key for key, label in U.DIST_LABELS.items()}
        for key in U.INPUTS:
            r = U.R_FACTOR if key == "success_rate" else U.ROWS[key]
            cols = (U.C_DIST, U.C_LOW, U.C_MODE, U.C_HIGH)
            if (
                key == "success_rate"
                and rate_default is not None
                and all(ws.cell(row=r + 1, column=c + 1).value is None for c in cols)
            ):
                ranges[key] = rate_default  # the live defaults, saved without values
                continue
            label: Any = ws.cell(row=r + 1, column=U.C_DIST + 1).value
            dist = by_text(dists, label) if isinstance(label, str) else None
            if dist is None:
                allowed = " eller ".join(f"'{x}'" for x in U.DIST_LABELS.values())
                where = f"{path}, {U.SHEET}!{a1(r, U.C_DIST)}"
                problems.append(Problem(where, "", f"fordelingen skal være {allowed}", label, True))
            values: list[float] = []
            for c in (U.C_LOW, U.C_MODE, U.C_HIGH):
                value: Any = ws.cell(row=r + 1, column=c + 1).value
                where = f"{path}, {U.SHEET}!{a1(r, c)}"
                if (
                    not isinstance(value, int | float)
                    or isinstance(value, bool)
                    or not math.isfinite(value)
                    or not 0 <= value <= 100
                ):
                    problems.append(
                        Problem(where, "", "skal være et tal mellem 0 og 100", value, True)
                    )
                    continue
                values.append(float(value))
            if len(values) < 3 or dist is None:
                continue
            where = f"{path}, {U.SHEET}!{a1(r, U.C_LOW)}:{a1(r, U.C_HIGH)}"
            if not values[0] <= values[1] <= values[2]:
                problems.append(Problem(where, "", "lav ≤ typisk ≤ høj skal gælde", values, True))
            elif dist == "normal" and not values[0] < values[2]:
                problems.append(Problem(where, "", _NO_SPREAD, values, True))
            else:
                ranges[key] = U.SheetRange(dist, values[0], values[1], values[2])
        if problems:
            raise InputError(problems)
    finally:
        wb.close()
    try:
        return U.spec_of(ranges, success_rate)
    except ValidationError:  # a normal success rate with no spread left after × s, ≤ 1
        r = U.R_FACTOR
        where = f"{path}, {U.SHEET}!{a1(r, U.C_LOW)}:{a1(r, U.C_HIGH)}"
        rate = f"{success_rate:g}".replace(".", ",")
        message = (
            f"{_NO_SPREAD}; ganget på succesraten ({rate}) og afkortet til højst 1 (100 %) "
            "giver lav og høj samme værdi"
        )
        raise InputError(Problem(where, "", message)) from None


def default_rate(resolved: Resolved, kb: KnowledgeBase | None) -> SheetRange:
    """The success-rate row's live default on *Usikkerhed* for a read scenario: the
    command line's standard range (the same rule the sheet's formulas and the build use).

    Parameters
    ----------
    resolved : Resolved
        The workbook's scenario, settled.
    kb : KnowledgeBase or None
        The knowledge base the workbook carries (its effects' intervals).

    Returns
    -------
    SheetRange
        The row as factors on the success rate.
    """
    from ..inputs.uncertainty import standard_rate_range
    from .sheets import usikkerhed as U

    named = resolved.intervention.id if resolved.intervention is not None else None
    rate = resolved.success_rate
    standard = standard_rate_range(rate, resolved.target_group, kb, None, named)
    return U.default_ranges(standard, rate)["success_rate"]


#: A normal row without spread (sd = (high − low) / 3,92 must be above 0).
_NO_SPREAD = (
    "ved normal (95 %-interval) skal lav være mindre end høj (spredningen er (høj − lav) / 3,92)"
)


def read_variants(c: Cells, base: str) -> dict[str, dict[str, Any]]:
    """The variants the sheet *Varianter* gives the workbook's scenario.

    Parameters
    ----------
    c : Cells
        The workbook's cells (problems are added to ``c.problems``, naming sheet and cell).
    base : str
        The scenario's own name (a variant may not take it).

    Returns
    -------
    dict
        ``{name: {"success_rate": x}}`` in the sheet's order; an empty row adds none, and a
        workbook without the sheet (an older build) has none.
    """
    from . import layout as L

    if T.VARIANTER not in c.wb.sheetnames:
        return {}
    out: dict[str, dict[str, Any]] = {}
    seen: dict[str, str] = {}
    for k in range(L.N_VARIANTS):
        r = L.VAR_FIRST + k
        name = c.text(T.VARIANTER, r, L.VAR_NAME)
        given = c.raw(T.VARIANTER, r, L.VAR_RATE) is not None
        if not name and not given:
            continue
        if not name:
            c.add(T.VARIANTER, r, L.VAR_NAME, T.VAR_MSG_NAME, None)
            continue
        rate = c.field(T.VARIANTER, r, L.VAR_RATE, "success_rate", "Netto-succesraten")
        if not given:
            c.add(T.VARIANTER, r, L.VAR_RATE, T.VAR_MSG_RATE, None)
        key = name.casefold()
        if key == base.casefold():
            c.add(T.VARIANTER, r, L.VAR_NAME, T.VAR_MSG_BASE, name)
        elif key in seen:
            c.add(T.VARIANTER, r, L.VAR_NAME, f"{T.VAR_MSG_TWICE} (også i {seen[key]})", name)
        else:
            seen[key] = f"{T.VARIANTER}!{a1(r, L.VAR_NAME)}"
            if rate is not None:
                out[name] = {"success_rate": rate}
    return out
