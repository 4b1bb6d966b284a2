"""Fuzzing the CLI with hostile input: exit 0 or 2 with one Danish message, never 1.

Scenario documents (valid ones mutated key by key, random YAML and JSON, random bytes)
go through ``som-xl calc``; workbooks with random input and knowledge-base cells changed to
text, blanks, errors, huge numbers or formulas go through ``som-xl read``. The invariant:
exit 0, or exit 2 with a Danish message naming the file; never exit 1 (an internal error,
also what a warning becomes under the test suite's warnings-as-errors), no traceback, no
English, within the time bound; and the input file is unchanged.

A short profile runs with the test suite; ``make fuzz`` runs the long one.
"""

from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from som_xl.cli import main
from som_xl.kb import load_kb
from som_xl.workbook import text as T
from som_xl.workbook.build import build_workbook
from tests.broken import xlsx
from tests.broken.test_catalogue import ENGLISH
from tests.fuzz import strategies as S
from tests.workbook_scenarios import FIXTURE_KB

#: A guard against a hang or a blow-up (an alias bomb, a huge range), not a speed goal (those
#: live in benchmarks/): generous, so a busy CI machine reading a workbook does not trip it.
SECONDS = 15.0


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.fixture(scope="module")
def base(folder: Path) -> bytes:
    return build_workbook(folder / "base.xlsx", kb=load_kb(FIXTURE_KB)).read_bytes()


def _run(argv: list[str], path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run som-xl and check the invariant; return the exit code and stderr."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    capsys.readouterr()
    start = time.perf_counter()
    code = main(argv)
    seconds = time.perf_counter() - start
    out, err = capsys.readouterr()
    assert code in (0, 2), err
    assert seconds < SECONDS, f"{seconds:.2f} s"
    if code == 2:
        assert out == "" and err.startswith("Fejl: "), err
        assert path.name in err, err
        assert not ENGLISH.search(err), err
    else:
        assert err == "", err
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest  # input unchanged
    return code, err


@S.examples(short=40, long=3000)
@given(doc=S.mutated_scenarios(), as_json=st.booleans())
def test_mutated_scenarios(
    doc: object, as_json: bool, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = folder / ("mutated.json" if as_json else "mutated.yaml")
    path.write_text(S.dump(doc, as_json), encoding="utf-8")
    _run(["calc", str(path)], path, capsys)


@S.examples(short=40, long=3000)
@given(text=S.yaml_text)
def test_random_yaml(text: str, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = folder / "random.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    _run(["calc", str(path)], path, capsys)


@S.examples(short=30, long=2000)
@given(text=S.json_text)
def test_random_json(text: str, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = folder / "random.json"
    path.write_text(text, encoding="utf-8")
    _run(["calc", str(path)], path, capsys)


@S.examples(short=20, long=1000)
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".yaml", ".json", ".xlsx"]))
def test_random_bytes(
    data: bytes, suffix: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = folder / f"random{suffix}"
    path.write_bytes(data)
    command = "read" if suffix == ".xlsx" else "calc"
    code, _ = _run([command, str(path)], path, capsys)
    assert code == 2 or suffix != ".xlsx"


#: The sheets whose cells are changed: the inputs and the knowledge base.
SHEETS = [
    T.INDSTILLINGER,
    T.INDSATS,
    T.OMKOSTNINGER,
    T.KONSEKVENSER,
    T.PRISER,
    T.SKOEN,
    T.VD_YDELSER,
    T.VD_KONSEKVENSER,
    T.VD_MAALGRUPPER,
    T.VD_EFFEKTER,
    T.VD_INDEKS,
]
_REFS: dict[str, list[str]] = {}


def _refs(base: bytes, sheet: str) -> list[str]:
    if sheet not in _REFS:
        _REFS[sheet] = xlsx.cell_refs(base, sheet)
    return _REFS[sheet]


@S.examples(short=15, long=1500)
@given(data=st.data())
def test_workbooks_with_random_cells(
    data: st.DataObject, base: bytes, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cells = {}
    for _ in range(data.draw(st.integers(1, 4), label="cells")):
        sheet = data.draw(st.sampled_from(SHEETS), label="sheet")
        ref = data.draw(st.sampled_from(_refs(base, sheet)), label="cell")
        cells[(sheet, ref)] = data.draw(S.cell_xml, label="value")
    path = folder / "fuzz.xlsx"
    path.write_bytes(xlsx.set_cells(base, cells))
    code, err = _run(["read", str(path)], path, capsys)
    if code == 2:  # a cell's problem names its sheet and cell, or the file as a whole
        assert re.search(r"![A-Z]+\d+|fuzz\.xlsx: ", err), err
