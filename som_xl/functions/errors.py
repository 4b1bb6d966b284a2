"""Answers a cell can show: a clean value or table, or one short Danish error text.

Every function body runs under :func:`guarded`: an :class:`~som_xl.errors.InputError`
becomes ``SØM-fejl i FUNKTION: sted: hvad er galt (værdi: …)`` (the first three problems),
anything else a short "intern fejl" text, and a result with inf or NaN the text
:data:`~.vocabulary.TOO_LARGE`. A cell never shows a traceback, inf or NaN.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Sequence
from typing import Any

from som_xl.errors import InputError, Problem

from .vocabulary import ERROR_PREFIX, TOO_LARGE

__all__ = ["cell_text", "clean", "finite", "guarded"]

_log = logging.getLogger("som_xl.udfs")


def _short(p: Problem, func: str) -> str:
    """One problem as the cell shows it: place, message, value; no scenario-file key.

    The place is the origins' (argument, row, column); a problem placed at the function
    itself (nothing narrower is known) shows no place: the text already names the function.
    """
    where = "" if p.where == func else p.where
    return str(Problem(where, "", p.message, p.value, p.has_value))


def cell_text(func: str, problems: Sequence[Problem]) -> str:
    """A short Danish error text for the cell: the first three problems.

    Parameters
    ----------
    func : str
        The function's name.
    problems : sequence of Problem
        What went wrong, placed in the sheet.

    Returns
    -------
    str
        ``SØM-fejl i FUNC: …; …`` and how many more problems there are.

    Examples
    --------
    >>> cell_text("SOM_PRIS", [Problem("aktoer", "", "ukendt aktør", "x", True)])
    "SØM-fejl i SOM_PRIS: aktoer: ukendt aktør (værdi: 'x')"
    >>> cell_text("SOM_X", [Problem("SOM_X", "name", "skal være en tekst", 1, True)])
    'SØM-fejl i SOM_X: skal være en tekst (værdi: 1)'
    """
    parts = [_short(p, func) for p in problems[:3]]
    more = f" (og {len(problems) - 3} fejl mere)" if len(problems) > 3 else ""
    return f"{ERROR_PREFIX} i {func}: " + "; ".join(parts) + more


def guarded(func: str, compute: Callable[[], Any]) -> Any:
    """Run a function body; turn every failure into a Danish text, never a traceback.

    Parameters
    ----------
    func : str
        The Excel function's name, for the text.
    compute : callable
        The body, without arguments.

    Returns
    -------
    Any
        The body's result made clean (:func:`clean`), or an error text.

    Examples
    --------
    >>> guarded("SOM_X", lambda: [[1.0, None], [2.0]])
    [[1.0, ''], [2.0, '']]
    >>> guarded("SOM_X", lambda: float("inf"))[:31]
    'SØM-fejl i SOM_X: beløbene er f'
    """
    try:
        result = compute()
        if not finite(result):
            return f"{ERROR_PREFIX} i {func}: {TOO_LARGE}"
        return clean(result)
    except InputError as exc:
        return cell_text(func, exc.problems)
    except Exception as exc:  # the cell must show a text, whatever went wrong
        _log.exception("%s fejlede", func)
        detail = f"{type(exc).__name__}: {exc}"
        detail = detail if len(detail) <= 120 else detail[:117] + "..."
        return f"{ERROR_PREFIX} i {func}: intern fejl ({detail}); meld den til it-afdelingen"


def finite(value: Any) -> bool:
    """No inf or NaN anywhere in a result (a number or a table).

    Parameters
    ----------
    value : Any
        A number, a text, or a (nested) list of them; numpy scalars too.

    Returns
    -------
    bool
        False if any float in it is inf or NaN.

    Examples
    --------
    >>> finite([[1.0, "x"]]), finite([[1.0, float("nan")]])
    (True, False)
    """
    if isinstance(value, list | tuple):
        return all(finite(v) for v in value)
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalar
        value = value.item()
    if isinstance(value, float):
        return math.isfinite(value)
    return True


def clean(value: Any) -> Any:
    """Plain Python values for Excel: no inf/NaN, no numpy scalars, rectangular tables.

    Parameters
    ----------
    value : Any
        A value or a table (a list of rows) a function body returned.

    Returns
    -------
    Any
        The value with None, inf and NaN as ``""`` and numpy scalars as Python values; a
        table with short rows padded with ``""`` (an empty table is one empty cell).

    Examples
    --------
    >>> clean([[1, None], [2.5]])
    [[1, ''], [2.5, '']]
    >>> clean([])
    [['']]
    """
    if isinstance(value, list):
        rows = [_clean_row(r) if isinstance(r, list) else [_clean_value(r)] for r in value]
        width = max((len(r) for r in rows), default=0)
        return [r + [""] * (width - len(r)) for r in rows] if rows else [[""]]
    return _clean_value(value)


def _clean_row(row: list[Any]) -> list[Any]:
    return [_clean_value(v) for v in row]


def _clean_value(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, bool | str | int):
        return v
    if hasattr(v, "item"):  # numpy scalar
        v = v.item()
    if isinstance(v, float):
        return v if math.isfinite(v) else ""
    return v
