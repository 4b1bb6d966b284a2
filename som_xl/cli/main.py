"""The command line: ``som-xl calc | skoen | usikkerhed | sammenlign | kb | validate | build |
read``.

This module sets up the parser (one module per command in :mod:`som_xl.cli.commands`),
dispatches, and turns every failure into an exit code and a Danish message:
0 success, 2 bad input (a Danish message, never a traceback), 1 internal error,
130 interrupted.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import types
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from .._version import __version__
from ..errors import InputError
from .commands import NAMES, command

__all__ = ["main"]


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """som-xl's parser: every command's subparser, or with ``only`` that command's alone.

    A command line that starts with a command's name is parsed by that command's subparser
    (argparse's own rule), so the parser with that subparser alone parses it exactly as the
    whole one, messages included: the others' modules are neither imported nor built.
    """
    p = argparse.ArgumentParser(
        prog="som-xl",
        description="Socialøkonomisk investeringsmodel (SØM): beregn, skøn og slå op i "
        "vidensdatabasen.",
    )
    p.add_argument(
        "--version",
        action="version",
        version=f"som-xl {__version__}",
        help="vis versionen og afslut",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="KOMMANDO")
    for name in NAMES if only is None else (only,):
        command(name).add_parser(sub)
    return p


#: argparse's own texts in Danish (it looks them up through gettext's ``_`` at run time).
_ARGPARSE_DA = {
    "usage: ": "brug: ",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fejl: %(message)s\n",
    "the following arguments are required: %s": "disse argumenter mangler: %s",
    "invalid %(type)s value: %(value)r": "ugyldig værdi (skal være et tal): %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ukendt valg: %(value)r (vælg mellem %(choices)s)"
    ),
    "unrecognized arguments: %s": "ukendte argumenter: %s",
    "expected one argument": "forventer én værdi",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "not allowed with argument %s": "kan ikke bruges sammen med %s",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tvetydigt tilvalg: %(option)s kan betyde %(matches)s"
    ),
    "show this help message and exit": "vis denne hjælp og afslut",
    "show program's version number and exit": "vis versionen og afslut",
    "positional arguments": "argumenter",
    "options": "tilvalg",
}


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Build the parser and parse with argparse's own texts in Danish (restored afterwards)."""
    args = list(sys.argv[1:] if argv is None else argv)
    original = argparse._  # type: ignore[attr-defined]
    argparse._ = lambda text: _ARGPARSE_DA.get(text) or original(text)  # type: ignore[attr-defined]
    try:
        return _parser(args[0] if args and args[0] in NAMES else None).parse_args(args)
    finally:
        argparse._ = original  # type: ignore[attr-defined]


def _warnings_are_errors() -> bool:
    """Whether the caller turned every warning into an error (the tests do; ``-W error``).

    Then a warning stays an error, and the last guard reports it as an internal error, so
    a test sees any warning that would otherwise reach a user; else warnings are silenced.
    """
    for action, message, category, module, line in warnings.filters:
        if (
            message is None
            and module is None
            and line == 0
            and issubclass(RuntimeWarning, category)
        ):
            return bool(action == "error")  # the first filter that applies to any warning
    return False


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code (the ``som-xl`` console script).

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after ``som-xl``; default ``sys.argv[1:]``.

    Returns
    -------
    int
        0 success, 2 bad input or usage, 1 internal error, 130 interrupted.

    Examples
    --------
    >>> main(["kb", "list", "ting"])
    2
    """
    with _start_up(exiting=argv is None):
        return _run(argv)


#: Container objects allocated between two young-generation garbage collections while a
#: command runs (Python's default is 700).
_YOUNG_COLLECTION = 100_000


@contextmanager
def _start_up(exiting: bool) -> Iterator[None]:
    """Settings that make a command start and end sooner and change none of its results
    (issue 9).

    Loading numpy, pydantic and the models allocates hundreds of thousands of long-lived
    objects; with Python's default threshold the garbage collector runs about a hundred
    times while they load and finds almost nothing. Afterwards every object is set aside
    (``gc.freeze``): when the command is the process (``exiting``: ``som-xl`` on the
    command line), Python's shutdown then does not examine them again and again as it
    clears the modules (about 50 ms); called from Python (``main([...])``), they are moved
    to the oldest generation instead (``unfreeze``, unexamined: garbage among them is found
    by the next full collection) and the caller's threshold is restored. pydantic also looks
    for plugins in every installed package's metadata when it builds its first validator;
    the command line as a process uses none, and is spared importing the loader
    (:func:`_skip_plugin_loader`; a Python caller's environment and modules are left alone).
    The process also runs numpy's linear algebra on one thread (:func:`_one_blas_thread`).
    """
    if exiting:  # the process's own environment only, never a Python caller's
        os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
        _skip_plugin_loader()
        _one_blas_thread()
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], _YOUNG_COLLECTION), *threshold[1:])
    try:
        yield
    finally:
        gc.freeze()
        if not exiting:
            gc.unfreeze()
            gc.set_threshold(*threshold)


#: The values of ``PYDANTIC_DISABLE_PLUGINS`` with which pydantic loads no plugin at all.
_NO_PLUGINS = ("__all__", "1", "true")


#: The variables that set how many threads numpy's BLAS library starts when numpy loads
#: (OpenBLAS in numpy's wheels; OpenMP and MKL builds read the others).
BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _one_blas_thread() -> None:
    """Let numpy's BLAS library start one thread, not one per core (issue 9: start-up).

    OpenBLAS starts a thread per core when numpy is imported and gives each its buffers. On
    this project's idle two-core machine that costs nothing measurable, but on a busy one
    (other work running) numpy loaded about 70 ms sooner with one thread (0,165 s against
    0,235 s), and ``usikkerhed`` with 10.000 draws ran 0,43 s against 0,56 s: som-xl's
    matrices are small (years × consequences, and draws × years for ``usikkerhed``), so one
    thread computes them at least as fast (``benchmarks/bench_startup.py`` times both).
    Only variables the user has not set are set, and only before numpy is loaded, when they
    take effect.
    """
    if "numpy" in sys.modules:
        return
    for name in BLAS_THREADS:
        os.environ.setdefault(name, "1")


def _skip_plugin_loader() -> None:
    """Spare the process pydantic's plugin loader when plugins are off (issue 9: start-up).

    pydantic imports its plugin loader when it builds its first validator, and that module
    imports ``importlib.metadata`` (with ``email``, ``socket``, ``zipfile``: about 25 ms)
    only to scan the installed packages' metadata, which it then skips when
    ``PYDANTIC_DISABLE_PLUGINS`` turns every plugin off: its ``get_plugins()`` returns no
    plugins. With every plugin off, and the loader not loaded yet, this puts in its place a
    module whose ``get_plugins()`` returns the same: no plugins.
    """
    name = "pydantic.plugin._loader"
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in _NO_PLUGINS or name in sys.modules:
        return
    loader = types.ModuleType(name, "pydantic's plugin loader with every plugin off (som-xl).")
    loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
    sys.modules[name] = loader


def _run(argv: Sequence[str] | None) -> int:
    try:
        args = _parse_args(argv)
    except SystemExit as exc:  # argparse: usage errors exit 2, --help/--version exit 0
        return int(exc.code or 0)
    try:
        with warnings.catch_warnings():
            if not _warnings_are_errors():
                warnings.simplefilter("ignore")  # a user never reads a Python warning
            return int(args.func(args))
    except InputError as exc:
        print(f"Fejl: {exc.text()}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Afbrudt.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # pragma: no cover - the last guard against tracebacks
        if os.environ.get("SOM_XL_DEBUG"):
            raise
        print(
            f"Intern fejl i som-xl ({type(exc).__name__}: {exc}). Kør med SOM_XL_DEBUG=1 "
            "for detaljer, og meld fejlen til udviklerne.",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
