"""``som-xl rapport FIL --out rapport.pdf|rapport.html [--kort] [--dato ÅÅÅÅ-MM-DD] [--standard]``.

The decision report from a scenario file or a filled-in workbook: the full report with
charts, or (``--kort``) the one-page sagsfremstilling. The format follows ``--out``'s
suffix. The same input and date give the same bytes; ``--dato`` fixes the date (default:
today). The uncertainty analysis runs where the scenario has an ``uncertainty:`` block, or
with ``--standard`` (the standard ranges, also for a workbook); its seed makes it repeatable.

Examples
--------
>>> import tempfile
>>> from som_xl.cli import main
>>> tmp = tempfile.TemporaryDirectory()
>>> main(["rapport", "examples/cool_kids.yaml", "--kort", "--dato", "2026-01-02",
...       "--out", f"{tmp.name}/sag.html"])
Rapporten er skrevet: .../sag.html
0
>>> main(["rapport", "examples/cool_kids.yaml", "--out", f"{tmp.name}/sag.docx"])
2
>>> tmp.cleanup()
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...report import Format

__all__ = ["add_parser", "run"]

#: --out's suffix -> the report's format.
SUFFIXES: dict[str, Format] = {".pdf": "pdf", ".html": "html", ".htm": "html"}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``som-xl rapport`` to the command line's parser.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        The subcommands of som-xl's parser (built by :mod:`som_xl.cli.main`).
    """
    r = sub.add_parser(
        "rapport",
        help="lav beslutningsrapporten (PDF eller HTML) fra et scenarie eller en projektmappe",
        description="Lav beslutningsrapporten: den fulde rapport med figurer, eller med "
        "--kort en sagsfremstilling på én side. Formatet følger filnavnet i --out.",
    )
    r.add_argument("file", type=Path, metavar="FIL", help="scenariefil (.yaml/.json) eller .xlsx")
    r.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="FIL",
        help="rapportens fil: .pdf eller .html",
    )
    r.add_argument(
        "--overskriv",
        "--overwrite",
        dest="overwrite",
        action="store_true",
        help="overskriv en eksisterende --out-fil (ellers gemmes den som NAVN.forrige-N)",
    )
    r.add_argument(
        "--kort",
        action="store_true",
        help="kun sagsfremstillingen på én side (til et udvalgsmøde)",
    )
    r.add_argument(
        "--dato",
        default=None,
        metavar="ÅÅÅÅ-MM-DD",
        help="rapportens dato (standard: i dag); samme inddata og dato giver samme fil",
    )
    r.add_argument(
        "--standard",
        action="store_true",
        help="regn usikkerheden med standardintervallerne, hvor scenariet ingen fordeling "
        "giver (som 'uncertainty: standard'); også for en projektmappe",
    )
    r.set_defaults(func=run)


def _date(text: str | None) -> str:
    from ...errors import InputError, Problem

    if text is None:
        return dt.date.today().isoformat()
    try:
        return dt.date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise InputError(
            Problem("--dato", "", f"skal være en dato som 2026-03-31 (værdi: {text!r})")
        ) from None


def run(args: argparse.Namespace) -> int:
    """Make the report and write it to ``--out``.

    Parameters
    ----------
    args : argparse.Namespace
        ``file``, ``out``, ``kort`` (bool) and ``dato`` (str or None).

    Returns
    -------
    int
        0; a problem with the file or the options is raised as
        :class:`~som_xl.errors.InputError` (exit code 2).
    """
    from ...errors import InputError, Problem
    from ...report import make_report
    from ..output import emit

    fmt = SUFFIXES.get(args.out.suffix.lower())
    if fmt is None:
        raise InputError(
            Problem(
                str(args.out),
                "",
                "filnavnet skal ende på .pdf eller .html (rapportens format følger filnavnet)",
            )
        )
    if args.out.resolve() == args.file.resolve():
        raise InputError(Problem(str(args.out), "", "må ikke overskrive inddata-filen"))
    date = _date(args.dato)
    data = make_report(args.file, fmt=fmt, short=args.kort, date=date, standard=args.standard)
    emit(data, args.out, "Rapporten er skrevet", args.overwrite)
    return 0
