"""Every case of the catalogue (tests/broken/catalogue.py): one Danish message, fast, nothing lost.

For each hostile or damaged input the CLI exits with the expected code (2 for bad input, 0
for a build beside an odd stamp) and prints one Danish message with the expected fragment,
naming the file; never a traceback, a warning or English; within the case's time bound,
and a bomb within 200 MB. No file that was there before is changed, and a build keeps
every byte the user had (a changed workbook is kept under another name).
"""

from __future__ import annotations

import hashlib
import re
import time
import tracemalloc
from pathlib import Path

import pytest

from som_xl.cli import main
from som_xl.kb import load_kb
from som_xl.workbook.build import build_workbook
from tests.broken.catalogue import CASES, Case
from tests.paths import TESTS
from tests.workbook_scenarios import FIXTURE_KB

#: English phrases of parsers, the operating system and Python that must never reach a user.
ENGLISH = re.compile(
    r"found|expected|could not|constructor|while scanning|Permission|denied|symbolic|"
    r"Expecting|delimiter|Traceback|Error\b|Errno|No such|Is a directory|Warning|warning|"
    r"Intern fejl|Unable|invalid|\bfile\b"
)
MEMORY_BYTES = 200_000_000


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("catalogue") / "SOM.xlsx"
    return build_workbook(path, kb=load_kb(FIXTURE_KB)).read_bytes()


def _snapshot(folder: Path) -> dict[str, str]:
    """Every regular file under the folder (links not followed) → its SHA-256."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            out[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def test_the_catalogue_is_large_and_names_are_unique() -> None:
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))
    files = [p for p in (TESTS / "broken").rglob("*.yaml")]
    assert len(CASES) + len(files) >= 60
    assert len(CASES) >= 60


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_catalogue(
    case: Case, base: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = case.make(tmp_path, base)
    before = _snapshot(tmp_path)
    capsys.readouterr()
    start = time.perf_counter()
    code = main(argv)
    seconds = time.perf_counter() - start
    out, err = capsys.readouterr()
    message = err if case.code == 2 else out
    assert code == case.code, err or out
    assert case.expect in message, message
    assert not ENGLISH.search(out + err), out + err
    if case.code == 2:
        assert out == ""
        assert message.startswith("Fejl: ") and message.count("Fejl:") == 1, message
        named = [a for a in argv[1:] if "/" in a]
        assert any(Path(a).name in message for a in named), message
    else:
        assert err == ""
    assert seconds < case.seconds, f"{seconds:.2f} s"
    after = _snapshot(tmp_path)
    if argv[0] == "build":
        # nothing of the user's is lost: every content that was there is there still (the
        # build stamp is som-xl's own note, replaced by each build)
        users = {h for name, h in before.items() if not name.endswith(".sha256")}
        assert users <= set(after.values())
        for path in tmp_path.iterdir():
            assert not path.name.endswith(".tmp")
    else:
        assert after == before  # a read or a calc never writes to its input
    if case.heavy:
        tracemalloc.start()
        try:
            main(argv)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        capsys.readouterr()
        assert peak < MEMORY_BYTES, f"{peak / 1e6:.0f} MB"
