"""Docstrings: every example runs, and every public function documents itself (issue 7).

Two rules, one file (part of ``make test``; there is no ``--doctest-modules`` in pyproject):

* every module of ``som_xl`` (the knowledge files' package aside) runs its docstring examples
  as doctests, one test per module;
* every public function has a numpy-style docstring, as numpy-financial writes them: a
  ``Parameters`` section when it takes arguments, ``Returns`` (or ``Yields``) when it returns
  something, and ``Examples`` with at least one ``>>>`` line. Public means listed in the
  ``__all__`` of ``som_xl`` or of a subpackage's ``__init__``, or in the ``__all__`` of a module
  under the packages in :data:`RULE_PACKAGES` or of one of :data:`RULE_MODULES`.
"""

from __future__ import annotations

import doctest
import fnmatch
import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import som_xl

#: The ``__all__`` functions of every module under these packages fall under the rule.
RULE_PACKAGES = (
    "som_xl.cli",
    "som_xl.engine",
    "som_xl.functions",
    "som_xl.inputs",
    "som_xl.kb",
    "som_xl.present",
    "som_xl.results",
)
#: And these single modules.
RULE_MODULES = ("som_xl", "som_xl.errors", "som_xl.files", "som_xl.validation")

#: Functions that need no ``Examples`` section (they still need ``Parameters`` and
#: ``Returns``). Keep this short; every entry says why an example would be artificial.
NO_EXAMPLE = {
    "som_xl.cli.commands.*.add_parser": (
        "argparse plumbing: it adds the command's subparser to the parser som-xl builds; an "
        "example would build a throwaway parser and show argparse's own objects. How a "
        "command is called is shown where it is called: the module docstrings below."
    ),
    "som_xl.cli.commands.*.run": (
        "called by som_xl.cli.main with the namespace argparse filled in; an example would "
        "rebuild that namespace by hand, every option spelled out. The modules of calc, "
        "skoen, kb and validate run their command the real way, main([...]), in their "
        "docstrings; build and read take seconds (a whole workbook) and run in tests/cli."
    ),
}

#: Public functions whose ``Parameters`` or ``Returns`` sections are still missing, and why
#: (qualified name → reason); they must have their ``Examples``. Strict xfails: once a
#: docstring is completed its test passes unexpectedly and fails, so delete its entry here.
PENDING: dict[str, str] = {}


def _modules() -> list[str]:
    """Every module of som_xl but the knowledge files' package (data, no code)."""
    found = ["som_xl"]
    for info in pkgutil.walk_packages(som_xl.__path__, "som_xl."):
        if not info.name.startswith("som_xl.knowledge"):
            found.append(info.name)
    return sorted(found)


MODULES = _modules()


#: The examples name files by paths from the repository's root (``examples/…``,
#: ``tests/fixtures/…``), as ``make test`` runs them.
ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    module = importlib.import_module(name)
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    result = doctest.testmod(module, optionflags=flags)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"


def _in_rule(name: str) -> bool:
    module = importlib.import_module(name)
    return (
        name in RULE_MODULES
        or hasattr(module, "__path__")  # a (sub)package's __init__: the public API
        or name.startswith(tuple(p + "." for p in RULE_PACKAGES))
    )


def _public_functions() -> dict[str, Callable[..., Any]]:
    """Qualified name (where defined) → function, for every function the rule covers."""
    found: dict[str, Callable[..., Any]] = {}
    for name in filter(_in_rule, MODULES):
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", ()):
            obj = inspect.unwrap(getattr(module, attr))  # through functools' caches
            if inspect.isfunction(obj):
                found.setdefault(f"{obj.__module__}.{obj.__qualname__}", obj)
    return dict(sorted(found.items()))


PUBLIC = _public_functions()


def _section(doc: str, title: str) -> str | None:
    """The text of a numpy-style section (title, dashes, body up to the next section)."""
    match = re.search(rf"^{title}\n-{{3,}}\n(.*?)(?=^\w[\w ]*\n-{{3,}}\n|\Z)", doc, re.M | re.S)
    return match.group(1) if match else None


def _returns_something(func: Callable[..., Any]) -> bool:
    annotation = inspect.signature(func).return_annotation
    return annotation not in (None, "None", "NoReturn", "Never", inspect.Signature.empty)


def _missing_sections(func: Callable[..., Any]) -> list[str]:
    """The ``Parameters`` and ``Returns`` sections a function's docstring lacks."""
    doc = inspect.getdoc(func) or ""
    missing = []
    if inspect.signature(func).parameters and _section(doc, "Parameters") is None:
        missing.append("Parameters")
    if (
        _returns_something(func)
        and _section(doc, "Returns") is None
        and _section(doc, "Yields") is None
    ):
        missing.append("Returns")
    return missing


@pytest.mark.parametrize("qualname", list(PUBLIC))
def test_public_function_has_examples(qualname: str) -> None:
    """An ``Examples`` section with a ``>>>`` line (it runs in :func:`test_doctests`)."""
    if any(fnmatch.fnmatchcase(qualname, pattern) for pattern in NO_EXAMPLE):
        assert inspect.getdoc(PUBLIC[qualname]), f"{qualname} has no docstring"
        return
    examples = _section(inspect.getdoc(PUBLIC[qualname]) or "", "Examples")
    assert examples is not None and ">>>" in examples, f"{qualname} has no Examples with >>>"


def _pending(qualname: str) -> Any:
    if qualname not in PENDING:
        return qualname
    mark = pytest.mark.xfail(strict=True, reason=PENDING[qualname])
    return pytest.param(qualname, marks=mark)


@pytest.mark.parametrize("qualname", [_pending(q) for q in PUBLIC])
def test_public_function_documents_parameters_and_returns(qualname: str) -> None:
    """``Parameters`` when it takes arguments; ``Returns`` (or ``Yields``) when it returns."""
    missing = _missing_sections(PUBLIC[qualname])
    assert not missing, f"{qualname} has no {' or '.join(missing)} section"


def test_the_rule_covers_the_public_api() -> None:
    """The collection is not vacuous: the top-level API and every rule package are in it."""
    for name in ("calculate", "evaluate", "load_kb", "resolve", "discount_factors"):
        func = getattr(som_xl, name)
        assert f"{func.__module__}.{func.__qualname__}" in PUBLIC
    for package in RULE_PACKAGES:
        assert any(q.startswith(package + ".") for q in PUBLIC), package


def test_exclusions_and_pending_name_real_functions() -> None:
    """A stale entry (a function renamed or gone) must not linger in the lists above."""
    for pattern in NO_EXAMPLE:
        assert any(fnmatch.fnmatchcase(q, pattern) for q in PUBLIC), pattern
    for qualname in PENDING:
        assert qualname in PUBLIC, qualname
