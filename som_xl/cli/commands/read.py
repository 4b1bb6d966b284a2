"""``som-xl read PROJEKTMAPPE``: read a filled-in workbook, calculate it, save its scenario."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from .calc import add_output_options, write_result

if TYPE_CHECKING:
    from ...inputs import Resolved

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``som-xl read`` to the command line's parser.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        The subcommands of som-xl's parser (built by :mod:`som_xl.cli.main`).
    """
    r = sub.add_parser("read", help="læs en udfyldt projektmappe og beregn den")
    r.add_argument("workbook", type=Path, metavar="PROJEKTMAPPE")
    add_output_options(r)
    r.add_argument(
        "--scenario-out",
        type=Path,
        default=None,
        metavar="FIL",
        help="gem scenariet (uden behov for vidensdatabasen) som YAML",
    )
    r.add_argument(
        "--overskriv",
        "--overwrite",
        dest="overwrite",
        action="store_true",
        help="overskriv filen i --scenario-out, hvis den findes",
    )
    r.set_defaults(func=run)


def _save_scenario(res: Resolved, out: Path, workbook: Path, overwrite: bool) -> None:
    import yaml

    from ...errors import InputError, Problem
    from ...files import write_atomic

    if out.resolve() == workbook.resolve():
        raise InputError(Problem(str(out), "", "må ikke overskrive projektmappen"))
    if out.exists() and not overwrite:
        raise InputError(
            Problem(
                str(out), "", "filen findes allerede; vælg et andet navn eller brug --overskriv"
            )
        )
    text = yaml.safe_dump(res.to_scenario(), allow_unicode=True, sort_keys=False)
    write_atomic(out, text.encode("utf-8"))


def run(args: argparse.Namespace) -> int:
    """Read a filled-in workbook, calculate it, save its scenario if asked, and print.

    Parameters
    ----------
    args : argparse.Namespace
        ``workbook``, the output options (:func:`.calc.write_result`), ``scenario_out``
        (a Path or None) and ``overwrite`` (bool).

    Returns
    -------
    int
        0; a problem with the workbook or the options is raised as
        :class:`~som_xl.errors.InputError` (exit code 2).
    """
    from dataclasses import replace

    from ...errors import InputError
    from ...results import calculate
    from ...workbook.read import read_workbook

    try:
        res = read_workbook(args.workbook)
    except InputError as exc:  # a cell's problem names the workbook too
        book = str(args.workbook)
        raise InputError(
            [replace(p, where=f"{book}, {p.where}") if "!" in p.where else p for p in exc.problems]
        ) from None
    result = calculate(res)
    if args.scenario_out:
        _save_scenario(res, args.scenario_out, args.workbook, args.overwrite)
    write_result(result, args, args.workbook, *([args.scenario_out] if args.scenario_out else []))
    return 0
