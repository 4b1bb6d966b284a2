"""``som-xl validate [FIL]``: check the knowledge base, or a scenario file against it.

Examples
--------
>>> from som_xl.cli import main
>>> main(["validate", "examples/cool_kids.yaml"])
Scenariet er gyldigt: examples/cool_kids.yaml
0
>>> main(["validate"])
Vidensdatabasen er gyldig (.../knowledge, fingeraftryk ...).
  ... målgrupper, ... ydelser, ... konsekvenser, ... effekter, ... kilder
  værdier: ... offentliggjorte, ... afledte, ... illustrative
0
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ...present import da

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``som-xl validate`` to the command line's parser.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        The subcommands of som-xl's parser (built by :mod:`som_xl.cli.main`).
    """
    v = sub.add_parser("validate", help="tjek vidensdatabasen eller et scenarie")
    v.add_argument("file", type=Path, nargs="?", default=None, metavar="FIL")
    v.set_defaults(func=run)


def _knowledge_base() -> None:
    from ...kb import kb_health, load_kb

    kb = load_kb()
    counts = kb.status_counts()
    sizes = {
        "target_groups": len(kb.target_groups),
        "services": len(kb.services),
        "consequences": sum(len(c) for c in kb.consequences.values()),
        "effects": len(kb.effects),
        "sources": len(kb.sources),
    }
    print(f"Vidensdatabasen er gyldig ({kb.path}, fingeraftryk {kb.fingerprint}).")
    print("  " + ", ".join(f"{n} {da.KB_KINDS[k].lower()}" for k, n in sizes.items()))
    print("  værdier: " + ", ".join(f"{n} {da.STATUS_PLURALS[s]}" for s, n in counts.items()))
    for line in kb_health(kb):
        print(f"  advarsel: {line}")


def run(args: argparse.Namespace) -> int:
    """Check the knowledge base (with its health warnings), or a scenario file against it.

    Parameters
    ----------
    args : argparse.Namespace
        ``file``: the scenario file, or None for the knowledge base.

    Returns
    -------
    int
        0; a problem is raised as :class:`~som_xl.errors.InputError` (exit code 2).
    """
    if args.file is None:
        _knowledge_base()
        return 0
    from ...inputs import load_scenario, resolve
    from ...kb import load_kb

    spec, lines = load_scenario(args.file)
    resolve(spec, load_kb, str(args.file), lines)
    print(f"Scenariet er gyldigt: {args.file}")
    return 0
