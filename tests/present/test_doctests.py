"""The examples in the docstrings of som_xl.present and som_xl.cli run (as part of the suite)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from types import ModuleType

import pytest

import som_xl.cli
import som_xl.present


def _modules(package: ModuleType) -> list[str]:
    found = [package.__name__]
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        found.append(info.name)
    return sorted(found)


@pytest.mark.parametrize("name", [*_modules(som_xl.present), *_modules(som_xl.cli)])
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    failures, _tests = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0


def test_public_functions_have_examples() -> None:
    """Every public function of the presentation layer shows how it is called."""
    for name in _modules(som_xl.present):
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", ()):
            obj = getattr(module, attr)
            if (
                callable(obj)
                and not isinstance(obj, type)
                and getattr(obj, "__module__", "") == name
            ):
                assert obj.__doc__ and ">>>" in obj.__doc__, f"{name}.{attr} has no example"
