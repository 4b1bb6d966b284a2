"""The examples in the workbook package's docstrings run (doctests)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import som_xl.workbook

MODULES = sorted(
    m.name for m in pkgutil.walk_packages(som_xl.workbook.__path__, "som_xl.workbook.")
)


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
