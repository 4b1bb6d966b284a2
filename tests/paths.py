"""Where the tests' data are, for test modules in any folder."""

from __future__ import annotations

from pathlib import Path

#: The tests folder and the repository.
TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
