"""What `som-xl calc` loads at start-up (issue 9, item 7): the chosen command's module alone,
and none of the modules it does not use (`importlib.metadata` through pydantic's plugin
loader, the trace, the knowledge files' models, ...); parsing stays as with every command."""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from som_xl.cli.commands import NAMES
from tests.paths import ROOT

#: The module (``som_xl.cli.main`` the attribute is the function).
cli = importlib.import_module("som_xl.cli.main")

COOL_KIDS = str(ROOT / "examples" / "cool_kids.yaml")

#: Modules that `som-xl calc FILE` (text output, the knowledge base from its cache) does not
#: use, and so must not import: each costs start-up time (issue 9, item 7).
UNUSED = (
    "importlib.metadata",  # pydantic's plugin loader (som_xl.cli.main._skip_plugin_loader)
    "som_xl.engine.tracing",  # the trace: for the workbook, not for printing a result
    "som_xl.kb.file_models",  # the knowledge files as written: read on a cache miss only
    "som_xl.present.followup",  # only for a scenario with realised years
    "tempfile",  # only when a file is written
    "json",  # only for JSON in or out
    "difflib",  # only for a message with a suggestion
)

#: `som-xl calc FILE` as the console script runs it (argv from the command line), then what
#: it imported of UNUSED and of the commands' modules.
PROCESS = (
    "import sys, contextlib, io\n"
    "from som_xl.cli import main\n"
    f"sys.argv[1:] = ['calc', {COOL_KIDS!r}]\n"
    "with contextlib.redirect_stdout(io.StringIO()):\n"
    "    rc = main()\n"
    f"print(rc, sorted(m for m in sys.modules if m in {UNUSED!r}\n"
    "                  or m.startswith('som_xl.cli.commands.')))\n"
)


def _process(env: dict[str, str]) -> str:
    for _ in range(2):  # the first run fills the knowledge base's cache
        out = subprocess.run(
            [sys.executable, "-c", PROCESS], capture_output=True, text=True, check=True, env=env
        )
    return out.stdout.strip()


def test_calc_as_a_process_loads_its_command_alone_and_nothing_it_does_not_use(
    tmp_path: Path,
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    env["SOM_XL_CACHE_DIR"] = str(tmp_path)
    assert _process(env) == "0 ['som_xl.cli.commands.calc']"


def test_plugins_named_by_the_user_still_load_through_pydantic(tmp_path: Path) -> None:
    """A PYDANTIC_DISABLE_PLUGINS that turns off some plugins only is the user's: pydantic's
    own loader then runs (and reads the packages' metadata)."""
    env = {**os.environ, "PYDANTIC_DISABLE_PLUGINS": "some_plugin"}
    env["SOM_XL_CACHE_DIR"] = str(tmp_path)
    rc, _, loaded = _process(env).partition(" ")
    assert rc == "0" and "'importlib.metadata'" in loaded


def test_the_loader_in_place_answers_as_pydantics_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """With every plugin off, pydantic's get_plugins() returns no plugins; so does the module
    put in its place (the assumption of som_xl.cli.main._skip_plugin_loader)."""
    from pydantic.plugin import _loader

    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "__all__")
    own = list(_loader.get_plugins())
    monkeypatch.delitem(sys.modules, "pydantic.plugin._loader")
    cli._skip_plugin_loader()
    assert sys.modules["pydantic.plugin._loader"] is not _loader
    assert list(sys.modules["pydantic.plugin._loader"].get_plugins()) == own == []


def test_main_called_from_python_leaves_pydantics_loader_alone() -> None:
    before = sys.modules.get("pydantic.plugin._loader")
    with contextlib.redirect_stdout(io.StringIO()):
        assert cli.main(["calc", COOL_KIDS]) == 0
    assert sys.modules.get("pydantic.plugin._loader") is before


#: Command lines for every command: help, missing and unknown arguments, bad values, a
#: valid line; their exit codes, output and parsed arguments must not depend on whether the
#: other commands' subparsers were built.
ARGVS = [
    *([name, "--help"] for name in NAMES),
    *([name] for name in NAMES),
    *([name, "x.yaml", "--bogus"] for name in NAMES),
    *([name, "--version"] for name in NAMES),
    ["calc", COOL_KIDS],
    ["calc", COOL_KIDS, "--json", "--csv"],
    ["calc", COOL_KIDS, "--out"],
    ["calc", COOL_KIDS, "extra"],
    ["calc", "-h", COOL_KIDS],
    ["usikkerhed", COOL_KIDS, "--n", "abc"],
    ["kb", "list", "ting"],
    ["kb", "list", "--help"],
    ["kb", "sog"],
    ["rapport", COOL_KIDS, "--format", "doc"],
    ["validate"],
    ["--version"],
    ["--help"],
    [],
    ["calcx", COOL_KIDS],
    ["--bogus", "calc", COOL_KIDS],
]


def _parse(argv: list[str]) -> tuple[Any, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            parsed: Any = sorted(vars(cli._parse_args(argv)).items())
        except SystemExit as exc:
            parsed = ("exit", exc.code)
    return parsed, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("argv", ARGVS, ids=" ".join)
def test_the_chosen_commands_parser_alone_parses_as_the_whole_parser(
    argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = _parse(argv)
    whole: Callable[[str | None], Any] = cli._parser
    monkeypatch.setattr(cli, "_parser", lambda only=None: whole(None))
    assert fast == _parse(argv)


def test_calc_alone_builds_only_calcs_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[str | None] = []
    whole = cli._parser

    def spy(only: str | None = None) -> Any:
        built.append(only)
        return whole(only)

    monkeypatch.setattr(cli, "_parser", spy)
    _parse(["calc", COOL_KIDS])
    _parse(["--help"])
    _parse(["calcx"])
    assert built == ["calc", None, None]


def test_commands_registry_lists_every_module() -> None:
    folder = Path(cli.__file__).parent / "commands"
    modules = {p.stem for p in folder.glob("*.py") if p.stem != "__init__"}
    assert modules == set(NAMES)


#: `som-xl calc FILE` as a process, then its BLAS variables and how many threads it runs
#: (Linux: one entry per thread under /proc/self/task).
BLAS_PROCESS = (
    "import os, sys, contextlib, io\n"
    "from som_xl.cli import main\n"
    "from som_xl.cli.main import BLAS_THREADS\n"
    f"sys.argv[1:] = ['calc', {COOL_KIDS!r}]\n"
    "with contextlib.redirect_stdout(io.StringIO()):\n"
    "    rc = main()\n"
    "print(rc, [os.environ.get(v) for v in BLAS_THREADS], len(os.listdir('/proc/self/task')))\n"
)


def _blas_process(**env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in cli.BLAS_THREADS}
    out = subprocess.run(
        [sys.executable, "-c", BLAS_PROCESS],
        capture_output=True,
        text=True,
        check=True,
        env={**clean, **env},
    )
    return out.stdout.strip()


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in /proc")
def test_calc_as_a_process_runs_numpy_on_one_blas_thread(tmp_path: Path) -> None:
    """Without the setting, OpenBLAS would start a thread per core as numpy loads (on a
    machine with one core there is one thread either way, and the variables still show it)."""
    assert _blas_process(SOM_XL_CACHE_DIR=str(tmp_path)) == "0 ['1', '1', '1'] 1"


def test_a_blas_setting_of_the_users_own_is_kept(tmp_path: Path) -> None:
    out = _blas_process(SOM_XL_CACHE_DIR=str(tmp_path), OPENBLAS_NUM_THREADS="2")
    assert out.startswith("0 ['2', '1', '1'] ")


def test_main_called_from_python_leaves_the_blas_setting_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in cli.BLAS_THREADS:
        monkeypatch.delenv(name, raising=False)
    with contextlib.redirect_stdout(io.StringIO()):
        assert cli.main(["calc", COOL_KIDS]) == 0
    assert [os.environ.get(v) for v in cli.BLAS_THREADS] == [None, None, None]
