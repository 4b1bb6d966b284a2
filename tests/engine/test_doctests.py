"""The examples in the engine's and the results' docstrings run (part of `make test`)."""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil

import pytest

import som_xl.engine
import som_xl.results

MODULES = [
    m.name
    for package in (som_xl.engine, som_xl.results)
    for m in pkgutil.iter_modules(package.__path__, package.__name__ + ".")
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"


def test_public_functions_have_examples() -> None:
    for name in MODULES:
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", []):
            obj = getattr(module, attr)
            if inspect.isfunction(obj) and obj.__module__ == name:
                doc = obj.__doc__ or ""
                assert "Examples" in doc, f"{name}.{attr} has no Examples section"
