"""The examples in the inputs' docstrings run (part of `make test`)."""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil

import pytest

import som_xl.inputs

MODULES = [
    *(m.name for m in pkgutil.iter_modules(som_xl.inputs.__path__, "som_xl.inputs.")),
    "som_xl.errors",
    "som_xl.validation",
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
