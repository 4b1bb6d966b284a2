"""Result.frame: the JSON contract's tables as pandas DataFrames."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from som_xl.results import Result
from som_xl.results.frames import COLUMNS, FRAMES
from tests.conftest import run, standalone
from tests.results.test_same_numbers import EXAMPLES, _example


def _check(result: Result) -> None:
    data = result.to_dict()
    for name in FRAMES:
        df = result.frame(name)
        assert isinstance(df, pd.DataFrame)
        assert list(df.columns) == COLUMNS[name]
        expected = [{c: row[c] for c in COLUMNS[name]} for row in data[name]]
        assert df.to_dict("records") == expected, name
        # The JSON keys are the column names (net_by_year, a list per group, aside).
        for row in data[name]:
            assert set(row) - {"net_by_year"} == set(COLUMNS[name])


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_frames_equal_the_json_tables(path: Path) -> None:
    _check(_example(path))


def test_frames_of_the_hand_example() -> None:
    r = run(standalone())
    _check(r)
    years = r.frame("years")
    assert years["year"].tolist() == [2025, 2026, 2027, 2028]
    assert years["gains"].tolist() == pytest.approx([0, 66000, 171000, 99000])
    rows = r.frame("rows")
    by_kind = rows.groupby("kind")["value"].sum()
    assert by_kind["cost"] == pytest.approx(230000)
    assert by_kind["gain"] == pytest.approx(336000)
    purse = r.frame("by_purse").set_index("purse")
    assert purse.loc["kommune", "costs"] == pytest.approx(130000)


def test_empty_tables_keep_their_columns() -> None:
    r = run(standalone(costs=[], success_rate=0))
    rows = r.frame("rows")
    assert rows.empty
    assert list(rows.columns) == COLUMNS["rows"]


def test_unknown_table() -> None:
    message = r"no result table 'purses'; tables: years, by_purse, by_committee"
    with pytest.raises(ValueError, match=message):
        run(standalone()).frame("purses")


def test_importing_som_xl_does_not_import_pandas() -> None:
    code = "import sys, som_xl, som_xl.cli, som_xl.results; print('pandas' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"
