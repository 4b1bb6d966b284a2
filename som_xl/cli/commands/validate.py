"""``som-xl validate [FIL]``: check the knowledge base, or a scenario file against it."""

from __future__ import annotations

import argparse
from pathlib import Path

from ...present import da

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    if args.file is None:
        _knowledge_base()
        return 0
    from ...inputs import load_scenario, resolve
    from ...kb import load_kb

    spec, lines = load_scenario(args.file)
    resolve(spec, load_kb, str(args.file), lines)
    print(f"Scenariet er gyldigt: {args.file}")
    return 0
