"""``som-xl read PROJEKTMAPPE``: read a filled-in workbook, calculate it, save its scenario.

``--usikkerhed`` prints the uncertainty analysis of the workbook's scenario instead (as
``som-xl usikkerhed`` does for a scenario file), from the ranges on its sheet *Usikkerhed*.
A workbook whose sheet *Kontrol* reports input errors (in the values the file was saved
with) is refused with those errors.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .calc import add_output_options, write_result

if TYPE_CHECKING:
    from ...inputs import Resolved
    from ...kb import KnowledgeBase

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``som-xl read`` to the command line's parser.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        The subcommands of som-xl's parser (built by :mod:`som_xl.cli.main`).
    """
    r = sub.add_parser("read", help="læs en udfyldt projektmappe og beregn den")
    r.add_argument(
        "workbook", type=Path, metavar="PROJEKTMAPPE", help="udfyldt projektmappe (.xlsx)"
    )
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
        help=(
            "overskriv filerne i --scenario-out og --out, hvis de findes (ellers afvises "
            "--scenario-out, og en --out-fil gemmes som NAVN.forrige-N)"
        ),
    )
    r.add_argument(
        "--usikkerhed",
        action="store_true",
        help="vis usikkerhedsanalysen (som 'som-xl usikkerhed') ud fra intervallerne på arket "
        "Usikkerhed i stedet for resultatet; med --json som JSON",
    )
    r.set_defaults(func=run)


def _check_scenario_out(out: Path, workbook: Path, overwrite: bool) -> None:
    """Refuse a --scenario-out that is a folder, the workbook, or an existing file."""
    from ...errors import InputError, Problem

    if out.is_dir():
        raise InputError(
            Problem(str(out), "", "er en mappe; angiv et filnavn til scenariet, fx scenarie.yaml")
        )
    if out.resolve() == workbook.resolve():
        raise InputError(Problem(str(out), "", "må ikke overskrive projektmappen"))
    if out.exists() and not overwrite:
        raise InputError(
            Problem(
                str(out), "", "filen findes allerede; vælg et andet navn eller brug --overskriv"
            )
        )


def _save_scenario(scenario: dict[str, Any], out: Path) -> None:
    import yaml

    from ...files import write_atomic
    from ...inputs.rules import decimal_text

    class _Dumper(yaml.SafeDumper):
        """Floats such as 303.872 get a fourth decimal: not read back as thousand dots."""

    def _float(dumper: yaml.SafeDumper, value: float) -> yaml.Node:
        if value != value or value in (float("inf"), float("-inf")):
            return dumper.represent_float(value)
        return dumper.represent_scalar("tag:yaml.org,2002:float", decimal_text(value))

    _Dumper.add_representer(float, _float)
    text = yaml.dump(scenario, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    write_atomic(out, text.encode("utf-8"))


def run(args: argparse.Namespace) -> int:
    """Read a filled-in workbook, calculate it, save its scenario if asked, and print.

    Parameters
    ----------
    args : argparse.Namespace
        ``workbook``, the output options (:func:`.calc.write_result`), ``scenario_out``
        (a Path or None), ``overwrite`` and ``usikkerhed`` (bool).

    Returns
    -------
    int
        0; a problem with the workbook or the options is raised as
        :class:`~som_xl.errors.InputError` (exit code 2).
    """
    from ...errors import InputError, Problem
    from ...results import calculate
    from ...workbook.read import read_checked

    if args.scenario_out:
        _check_scenario_out(args.scenario_out, args.workbook, args.overwrite)
    if args.usikkerhed and (args.csv or args.out):
        raise InputError(
            Problem("--usikkerhed", "", "kan kun bruges med --json (uden --csv/--out)")
        )
    content = read_checked(args.workbook)
    res = content.resolve()
    if args.usikkerhed:
        return _uncertainty(res, content.scenario(res), args, content.kb)
    result = calculate(res)
    if args.scenario_out:
        _save_scenario(content.scenario(res), args.scenario_out)
    write_result(result, args, args.workbook, *([args.scenario_out] if args.scenario_out else []))
    if args.scenario_out:  # said as every other write says it; stderr where stdout is data
        import sys

        data = (args.json or args.csv) and args.out is None
        print(f"Scenariet er skrevet: {args.scenario_out}", file=sys.stderr if data else sys.stdout)
    return 0


def _uncertainty(
    res: Resolved, scenario: dict[str, Any], args: argparse.Namespace, kb: KnowledgeBase | None
) -> int:
    """Print the uncertainty analysis of the workbook's ranges (as ``som-xl usikkerhed``)."""
    import sys

    from ...errors import InputError, Problem
    from ...results.uncertainty import analyse
    from ...workbook.read_sheets import default_rate, read_uncertainty
    from ..output import print_json
    from .usikkerhed import print_uncertainty

    unc = read_uncertainty(args.workbook, res.success_rate, default_rate(res, kb))
    if unc is None:
        raise InputError(
            Problem(
                str(args.workbook),
                "",
                "projektmappen har intet ark 'Usikkerhed'; byg en ny med 'som-xl build' og "
                "overfør jeres tal",
            )
        )
    if args.scenario_out:
        _save_scenario(scenario, args.scenario_out)
    u = analyse(res, unc, where=str(args.workbook))
    if args.json:
        print_json(u.to_dict(), sys.stdout)
    else:
        print_uncertainty(u, sys.stdout)
    return 0
