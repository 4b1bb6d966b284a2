"""``som-xl opfoelgning FIL [--json]``: plan against realised figures and the new forecast.

A scenario file with a ``realised:`` block (som-method §3.19) is calculated twice: as planned
(without the realised years) and as the new forecast (realised participants and costs in their
years, the observed success rate for every cohort). Without a ``realised:`` block the command
says how to write one.

Examples
--------
>>> from som_xl.cli.commands import opfoelgning
>>> opfoelgning.__name__
'som_xl.cli.commands.opfoelgning'
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..output import notes, print_json

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``som-xl opfoelgning`` to the command line's parser.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        The subcommands of som-xl's parser (built by :mod:`som_xl.cli.main`).
    """
    c = sub.add_parser(
        "opfoelgning",
        help="opfølgning: plan mod realiserede tal og ny prognose (realised: i scenariet)",
    )
    c.add_argument("file", type=Path, metavar="FIL", help="scenariefil med realised:")
    c.add_argument(
        "--json", action="store_true", help="skriv plan, realiseret og prognose som JSON"
    )
    c.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Calculate the plan and the forecast of a scenario with realised years; print them.

    Parameters
    ----------
    args : argparse.Namespace
        ``file`` (the scenario file) and ``json``.

    Returns
    -------
    int
        0; a scenario without realised years is an :class:`~som_xl.errors.InputError`.
    """
    from ...errors import InputError, Problem
    from ...inputs import load_scenario, resolve
    from ...kb import load_kb
    from ...present import da
    from ...present.answer import provenance_sentence
    from ...present.followup import followup_text
    from ...results import calculate

    spec, lines = load_scenario(args.file)
    result = calculate(resolve(spec, load_kb, str(args.file), lines))
    followup = result.followup()
    if followup is None:
        raise InputError(
            Problem(
                str(args.file),
                "",
                "scenariet har ingen realiserede tal; tilføj fx "
                "realised: {2025: {participants: 18, successes: 4, costs: 950000}}",
            )
        )
    if args.json:
        data = {
            "scenario": result.resolved.name,
            **followup,
            "warnings": result.warnings,
            "provenance": result.provenance,
            **result.origin(),
        }  # provenance as calc --json gives it (the same keys)
        print_json(data, sys.stdout)
        return 0
    # the same tables as the Excel function SOM_OPFOELGNING (som_xl.present.followup)
    sentence = provenance_sentence(result)
    out = [
        f"{da.KEY_FIGURES['scenario']}: {result.resolved.name}",
        "",
        *followup_text(result),
        *(["", sentence] if sentence else []),
        *notes(result),  # warnings, illustrative values, "Vidensdatabase: version …"
    ]
    print("\n".join(out), file=sys.stdout)
    return 0
