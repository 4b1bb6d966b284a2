"""One module per command. Each has ``add_parser(subparsers)`` and ``run(args) -> exit code``.

Heavy modules (the engine's inputs, the workbook builder and reader) are imported inside
``run``, so building the parser stays cheap.
"""

from __future__ import annotations

from . import build, calc, kb, rapport, read, sammenlign, skoen, usikkerhed, validate

__all__ = ["COMMANDS"]

#: In the order ``som-xl --help`` lists them.
COMMANDS = (calc, skoen, usikkerhed, sammenlign, rapport, kb, validate, build, read)
