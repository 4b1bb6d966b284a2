"""``som-xl skoen``: the budgetøkonomisk skøn (a quick estimate from a few numbers).

Examples
--------
>>> from som_xl.cli import main
>>> main(["skoen", "--maalgruppe", "voksne_hjemloeshed", "--deltagere", "20",
...       "--pris", "60000", "--succesrate", "0.25"])
BUDGETØKONOMISK SKØN (første overslag; brug hele modellen til beslutninger)
Scenarie: Budgetøkonomisk skøn: Voksne i hjemløshed
...
Offentlige ydelser der sandsynligvis påvirkes (største først):
...
0
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ..output import print_json, print_result

if TYPE_CHECKING:
    from ...errors import Problem
    from ...inputs.quick import QuickEstimate

__all__ = ["add_parser", "danish_amount", "danish_count", "danish_number", "danish_share", "run"]

#: Scenario keys of the quick estimate → the command-line options a user typed.
OPTIONS = {
    "participants": "--deltagere",
    "costs": "--pris",
    "success_rate": "--succesrate",
    "start_year": "--startaar",
    "horizon_years": "--horisont",
    "target_group": "--maalgruppe",
    "intervention": "--indsats",
}


def danish_number(text: str, example: str = "0,3 eller 60000", what: str = "et tal") -> float:
    """A number option as a Danish user types it: "0,3" is 0.3, "72.000" is asked about.

    Parameters
    ----------
    text : str
        The option's value.
    example, what : str
        What the text must be and the hint's example where it is no number (the field's own).

    Returns
    -------
    float

    Raises
    ------
    argparse.ArgumentTypeError
        In Danish, where the text is no number or has thousand dots (ask, do not guess).

    Examples
    --------
    >>> danish_number("0,3"), danish_number("60000"), danish_number("1.5")
    (0.3, 60000.0, 1.5)
    >>> danish_number("72.000")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: ligner et tal med tusindtalspunktum: skriv 72000, ...
    """
    from ...inputs.rules import thousands_question

    question = thousands_question(text)
    if question is not None:
        raise argparse.ArgumentTypeError(question)
    plain = text.strip()
    if plain.count(",") == 1 and "." not in plain:
        plain = plain.replace(",", ".")  # a Danish decimal comma
    try:
        return float(plain)
    except ValueError:
        message = f"skal være {what}, fx {example} (fik {text!r})"
        raise argparse.ArgumentTypeError(message) from None


def danish_share(text: str) -> float:
    """A share option (``--succesrate``): as :func:`danish_number`, with a share's hint.

    Parameters
    ----------
    text : str
        The option's value.

    Returns
    -------
    float

    Examples
    --------
    >>> danish_share("0,3")
    0.3
    >>> danish_share("30 %")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: skal være en andel mellem 0 og 1, fx 0,3 for 30 % (fik '30 %')
    """
    return danish_number(text, "0,3 for 30 %", "en andel mellem 0 og 1")


def danish_count(text: str) -> float:
    """A number of participants (``--deltagere``), with its own hint ("fx 20").

    Parameters
    ----------
    text : str
        The option's value.

    Returns
    -------
    float

    Examples
    --------
    >>> danish_count("20")
    20.0
    >>> danish_count("tyve")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: skal være et tal, fx 20 (fik 'tyve')
    """
    return danish_number(text, "20")


def danish_amount(text: str) -> float:
    """An amount in kr. (``--pris``), with its own hint ("fx 60000").

    Parameters
    ----------
    text : str
        The option's value.

    Returns
    -------
    float

    Examples
    --------
    >>> danish_amount("60000,50")
    60000.5
    >>> danish_amount("mange")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: skal være et tal, fx 60000 (kr.) (fik 'mange')
    """
    return danish_number(text, "60000 (kr.)")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``som-xl skoen`` to the command line's parser.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        The subcommands of som-xl's parser (built by :mod:`som_xl.cli.main`).
    """
    s = sub.add_parser("skoen", help="budgetøkonomisk skøn (hurtigt overslag)")
    s.add_argument("--maalgruppe", "--target-group", required=True, help="målgruppens id")
    s.add_argument(
        "--deltagere",
        "--participants",
        type=danish_count,
        required=True,
        help="antal deltagere, der starter i startåret",
    )
    s.add_argument(
        "--pris",
        "--cost-per-participant",
        type=danish_amount,
        required=True,
        help="omkostning pr. deltager i kr.",
    )
    s.add_argument(
        "--succesrate",
        "--success-rate",
        type=danish_share,
        default=None,
        help="andel 0-1 (standard: vidensdatabasens effekt)",
    )
    s.add_argument("--indsats", "--intervention", default=None, help="effektens id")
    s.add_argument(
        "--startaar",
        "--start-year",
        type=int,
        default=None,
        help="startår (standard: vidensdatabasens)",
    )
    s.add_argument(
        "--horisont",
        "--horizon",
        type=int,
        default=None,
        help="tidshorisont i år (standard: vidensdatabasens)",
    )
    s.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    s.set_defaults(func=run)


def _option(p: Problem) -> Problem:
    from ...errors import Problem

    root = p.key.split(".")[0].split("[")[0]
    option = OPTIONS.get(root)
    if option is None:
        return p
    value = p.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # the option was typed as 30, not 30.0
    return Problem("som-xl skoen", option, p.message, value, p.has_value)


def _estimate(args: argparse.Namespace) -> QuickEstimate:
    from ...errors import InputError
    from ...inputs.quick import quick_estimate
    from ...kb import load_kb

    try:
        return quick_estimate(
            load_kb(),
            args.maalgruppe,
            args.deltagere,
            args.pris,
            args.succesrate,
            args.indsats,
            start_year=args.startaar,
            horizon_years=args.horisont,
        )
    except InputError as exc:
        raise InputError([_option(p) for p in exc.problems]) from None


def _print(est: QuickEstimate) -> None:
    from ...present.tables import consequences
    from ...present.text import pct, text_table

    print("BUDGETØKONOMISK SKØN (første overslag; brug hele modellen til beslutninger)")
    if est.effect is not None:
        print(
            f"Succesrate fra vidensdatabasen: {pct(est.result.resolved.success_rate)} "
            f"({est.effect.intervention}, evidensniveau {est.effect.evidence_level})"
        )
    print_result(est.result, sys.stdout)
    print()
    print("Offentlige ydelser der sandsynligvis påvirkes (største først):")
    services = consequences(est.result, est.services)
    print(text_table(services, ("service_label", "budget_item", "discounted_gains")))


def run(args: argparse.Namespace) -> int:
    """Make the quick estimate from the options and print it (as text or JSON).

    Parameters
    ----------
    args : argparse.Namespace
        ``maalgruppe``, ``deltagere``, ``pris`` and the optional ``succesrate``,
        ``indsats``, ``startaar``, ``horisont`` and ``json``.

    Returns
    -------
    int
        0; a bad value is raised as :class:`~som_xl.errors.InputError` naming its option
        (exit code 2).
    """
    est = _estimate(args)
    if args.json:
        data = est.result.to_dict()
        data["effect"] = est.effect.id if est.effect else None
        data["affected_services"] = est.services
        print_json(data, sys.stdout)
        return 0
    _print(est)
    return 0
