"""``som-xl calc FIL [--json | --csv] [--out FIL]``: calculate a scenario file.

Examples
--------
>>> import tempfile
>>> from som_xl.cli import main
>>> main(["calc", "examples/cool_kids.yaml"])
Scenarie: Cool Kids (eksempel efter Ikast-Brande)
...
Nettoresultat (udiskonteret): ... kr.
Nettoresultat (nutidsværdi):  ... kr.
...
0
>>> tmp = tempfile.TemporaryDirectory()
>>> main(["calc", "examples/cool_kids.yaml", "--csv", "--out", f"{tmp.name}/rækker.csv"])
Rækkerne er skrevet: .../rækker.csv
0
>>> tmp.cleanup()
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..output import check_out, emit, print_json, print_result

if TYPE_CHECKING:
    from ...results import Result

__all__ = ["add_parser", "run", "write_result"]

CSV_HELP = (
    "skriv rækkerne (år, aktør, udgiftspost, art, beløb, beløb (nutidsværdi)) som CSV til "
    "dansk Excel: semikolon, decimalkomma, beløb i kr. med øre, UTF-8 med BOM"
)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``som-xl calc`` to the command line's parser.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        The subcommands of som-xl's parser (built by :mod:`som_xl.cli.main`).
    """
    c = sub.add_parser("calc", help="beregn et scenarie (YAML/JSON)")
    c.add_argument("file", type=Path, metavar="FIL", help="scenariefil (.yaml/.json)")
    add_output_options(c)
    c.add_argument(
        "--overskriv",
        "--overwrite",
        dest="overwrite",
        action="store_true",
        help="overskriv en eksisterende --out-fil (ellers gemmes den som NAVN.forrige-N)",
    )
    c.set_defaults(func=run)


def add_output_options(p: argparse.ArgumentParser) -> None:
    """--json, --csv and --out: shared by the commands that print a result.

    Parameters
    ----------
    p : argparse.ArgumentParser
        A command's parser.
    """
    form = p.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    form.add_argument("--csv", action="store_true", help=CSV_HELP)
    p.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="FIL",
        help="med --csv eller --json: skriv til FIL (.csv/.json) i stedet for skærmen",
    )


def write_result(result: Result, args: argparse.Namespace, *inputs: Path) -> None:
    """Print or write the result as the options ask: text, JSON or CSV, to stdout or --out.

    Parameters
    ----------
    result : Result
    args : argparse.Namespace
        ``json`` and ``csv`` (bool, at most one true) and ``out`` (a Path or None).
    *inputs : Path
        The command's input files, which ``--out`` must not overwrite.

    Raises
    ------
    InputError
        ``--out`` without ``--csv`` or ``--json``, or an ``--out`` with the wrong suffix,
        that is an input, or that cannot be written.

    Examples
    --------
    >>> import argparse, json, tempfile
    >>> from pathlib import Path
    >>> from som_xl.present._example import example_result
    >>> tmp = tempfile.TemporaryDirectory()
    >>> out = Path(tmp.name) / "resultat.json"
    >>> write_result(example_result(), argparse.Namespace(json=True, csv=False, out=out))
    Resultatet er skrevet: .../resultat.json
    >>> json.loads(out.read_text(encoding="utf-8"))["scenario"]
    'Håndregnet eksempel'
    >>> write_result(example_result(), argparse.Namespace(json=False, csv=False, out=out))
    Traceback (most recent call last):
    ...
    som_xl.errors.InputError: --out: bruges sammen med --csv eller --json
    >>> tmp.cleanup()
    """
    if args.out is not None and not (args.json or args.csv):
        from ...errors import InputError, Problem

        raise InputError(Problem("--out", "", "bruges sammen med --csv eller --json"))
    overwrite = bool(getattr(args, "overwrite", False))  # --overskriv
    if args.csv:
        from ...present.grid import csv_bytes
        from ...present.tables import tidy_rows

        if args.out is not None:
            check_out(args.out, ".csv", *inputs)
        emit(csv_bytes(tidy_rows(result)), args.out, "Rækkerne er skrevet", overwrite)
    elif args.json and args.out is not None:
        check_out(args.out, ".json", *inputs)
        import json  # only for --json (issue 9: start-up)

        text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2, allow_nan=False)
        emit((text + "\n").encode("utf-8"), args.out, "Resultatet er skrevet", overwrite)
    elif args.json:
        print_json(result.to_dict(), sys.stdout)
    else:
        print_result(result, sys.stdout)


def run(args: argparse.Namespace) -> int:
    """Load, resolve and calculate a scenario file; print or write the result.

    Parameters
    ----------
    args : argparse.Namespace
        ``file`` (the scenario file) and the output options (:func:`write_result`).

    Returns
    -------
    int
        0; a problem with the file or the options is raised as
        :class:`~som_xl.errors.InputError` (exit code 2).
    """
    from ...inputs import load_scenario, resolve
    from ...kb import load_kb
    from ...results import calculate

    spec, lines = load_scenario(args.file)
    if spec.variants:  # their keys and values, as validate and sammenlign check them
        from .validate import check_scenario

        check_scenario(args.file)
    result = calculate(resolve(spec, load_kb, str(args.file), lines))
    write_result(result, args, args.file)
    return 0
