"""``som-xl build [--out FIL] [--overskriv]``: build the Excel workbook, never losing a file."""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from ..output import keep_previous

__all__ = ["add_parser", "keep_previous", "run"]


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``som-xl build`` to the command line's parser.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        The subcommands of som-xl's parser (built by :mod:`som_xl.cli.main`).
    """
    b = sub.add_parser("build", help="byg Excel-projektmappen")
    b.add_argument(
        "--out",
        metavar="FIL",
        default="workbooks/SOM.xlsx",
        help="projektmappens fil, .xlsx (standard: workbooks/SOM.xlsx)",
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
        ``out`` (the file to write) and ``overwrite`` (bool).

    Returns
    -------
    int
        0; a folder as ``out`` or a file that cannot be written or kept is raised as
        :class:`~som_xl.errors.InputError` (exit code 2).
    """
    from ...errors import InputError, Problem
    from ...files import read_stamp, write_atomic, write_stamp
    from ...workbook.build import build_workbook_bytes

    path = Path(args.out)
    if path.is_dir():
        raise InputError(Problem(str(path), "", "er en mappe; angiv et filnavn, fx SOM.xlsx"))
    from ..output import check_out

    check_out(path, ".xlsx")  # Excel opens a workbook by its name's suffix
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
    print(f"Projektmappen er bygget: {path}")
    return 0
