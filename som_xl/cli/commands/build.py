"""``som-xl build [--scenario FIL] [--out FIL] [--overskriv]``: build the Excel workbook, never
losing a file.

With ``--scenario`` the yellow cells hold the scenario file's inputs instead of the built-in
example (:func:`som_xl.workbook.from_scenario.scenario_to_inputs`): a key the sheets cannot
hold is refused with a Danish message naming file, line and key (exit code 2); a detail the
workbook does not keep (the result is the same) is written with a warning ("Advarsel: ...").
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from ..output import keep_previous

if TYPE_CHECKING:
    from ...errors import Problem

__all__ = ["add_parser", "keep_previous", "run"]


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``som-xl build`` to the command line's parser.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        The subcommands of som-xl's parser (built by :mod:`som_xl.cli.main`).
    """
    b = sub.add_parser("build", help="byg Excel-projektmappen (evt. udfyldt med et scenarie)")
    b.add_argument(
        "--scenario",
        metavar="FIL",
        default=None,
        help="udfyld projektmappen med scenariefilen (.yaml/.json) i stedet for eksemplet; "
        "det, projektmappen ikke kan rumme, afvises med fil, linje og nøgle (eller nævnes "
        "som en advarsel, hvor resultatet er det samme)",
    )
    b.add_argument(
        "--out",
        metavar="FIL",
        default=None,
        help="projektmappens fil, .xlsx (standard: workbooks/SOM.xlsx; med --scenario "
        "scenariefilens navn med .xlsx, i samme mappe)",
    )
    b.add_argument(
        "--overskriv",
        "--overwrite",
        dest="overwrite",
        action="store_true",
        help="overskriv en eksisterende fil (ellers gemmes den som NAVN.forrige-N.xlsx)",
    )
    b.set_defaults(func=run)


def _digest(path: Path) -> str | None:
    """The SHA-256 of a file, or None when it cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def run(args: argparse.Namespace) -> int:
    """Build the workbook and write it; a file changed since our last build is kept aside.

    Parameters
    ----------
    args : argparse.Namespace
        ``scenario`` (a scenario file, or None for the built-in example), ``out`` (the
        file to write; None for the default) and ``overwrite`` (bool).

    Returns
    -------
    int
        0; a folder as ``out`` or a file that cannot be written or kept is raised as
        :class:`~som_xl.errors.InputError` (exit code 2).
    """
    from ...errors import InputError, Problem
    from ...files import read_stamp, write_atomic, write_stamp
    from ...workbook.build import build_workbook_bytes

    scenario = getattr(args, "scenario", None)
    if args.out is not None:
        path = Path(args.out)
    else:
        path = Path(scenario).with_suffix(".xlsx") if scenario else Path("workbooks/SOM.xlsx")
    if path.is_dir():
        raise InputError(Problem(str(path), "", "er en mappe; angiv et filnavn, fx SOM.xlsx"))
    from ..output import check_out

    check_out(path, ".xlsx")  # Excel opens a workbook by its name's suffix
    warnings: list[Problem] = []
    if scenario:
        data, warnings = _from_scenario(Path(scenario))
    else:
        data = build_workbook_bytes()
    stamp = path.with_name(f".{path.name}.sha256")  # the hash of our last build at this path
    digest = hashlib.sha256(data).hexdigest()
    if path.exists() and not args.overwrite:
        old = _digest(path)  # None if it cannot be read: then it is kept
        if old is None or (old != read_stamp(stamp) and old != digest):
            # Changed since we built it (or not ours): never lose it, keep it under another name.
            kept = keep_previous(path)
            print(f"Den eksisterende fil er gemt som {kept}")
    write_atomic(path, data)
    if not write_stamp(stamp, digest):
        print(
            f"Bemærk: byggestemplet {stamp} kunne ikke skrives; næste 'som-xl build' gemmer "
            "derfor den eksisterende fil under et andet navn, før den skrives"
        )
    for w in warnings:
        print(f"Advarsel: {w}")
    where = f" med scenariet {scenario}" if scenario else ""
    print(f"Projektmappen er bygget{where}: {path}")
    return 0


def _from_scenario(file: Path) -> tuple[bytes, list[Problem]]:
    """The workbook filled with a scenario file, and the warnings about what it leaves out."""
    from ...inputs import load_scenario
    from ...kb import load_kb
    from ...workbook.build import build_workbook_bytes
    from ...workbook.from_scenario import scenario_to_inputs, uncertainty_not_on_sheet

    spec, lines = load_scenario(file)
    kb = load_kb()
    filled = scenario_to_inputs(spec, kb, str(file), lines)
    data = build_workbook_bytes(kb, filled.inputs)
    missing = uncertainty_not_on_sheet(data, filled.inputs, str(file), lines)
    return data, [*filled.warnings, *([missing] if missing is not None else [])]
