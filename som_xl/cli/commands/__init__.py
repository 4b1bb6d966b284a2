"""One module per command. Each has ``add_parser(subparsers)`` and ``run(args) -> exit code``.

A command's module is imported when that command is chosen (``som-xl calc ...`` imports
``calc`` alone) or when the whole parser is built (``som-xl --help``, a misspelled command);
heavy modules (the engine's inputs, the workbook builder and reader) are imported inside
``run``, so building the parser stays cheap.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

__all__ = ["COMMANDS", "NAMES", "command"]

#: The commands, each the name of its module, in the order ``som-xl --help`` lists them.
NAMES = (
    "calc",
    "skoen",
    "usikkerhed",
    "sammenlign",
    "opfoelgning",
    "rapport",
    "kb",
    "validate",
    "build",
    "read",
)


def command(name: str) -> ModuleType:
    """The module of the command ``name`` (one of :data:`NAMES`), imported on first use.

    Parameters
    ----------
    name : str
        A command's name, e.g. ``"calc"``.

    Returns
    -------
    ModuleType
        Its module, with ``add_parser`` and ``run``.

    Examples
    --------
    >>> NAMES[:3]
    ('calc', 'skoen', 'usikkerhed')
    >>> command("calc").__name__
    'som_xl.cli.commands.calc'
    """
    if name not in NAMES:
        raise ValueError(f"no command {name!r}")
    return importlib.import_module(f".{name}", __name__)


def __getattr__(name: str) -> Any:
    """``COMMANDS``: every command's module, in :data:`NAMES`' order (imports them all)."""
    if name == "COMMANDS":
        return tuple(command(n) for n in NAMES)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
