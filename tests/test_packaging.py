"""The wheel holds the whole package: every subpackage, every module and the knowledge base.

pyproject.toml lists the packages explicitly, so a new subpackage that is not added there
works in the repository (editable install) but is missing from the wheel that xlwings Lite
and servers install. This test builds the wheel from a clean copy of the project, checks
its contents against the source tree, and imports every module from the unpacked wheel.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "som_xl"
KNOWLEDGE = ROOT / "knowledge"

#: Left out of the copy: at the top level, build output and local environments.
TOP_LEVEL_SKIP = {".git", ".venv", "build", "dist", "workbooks", ".hypothesis"}
#: Left out everywhere: caches.
SKIP = {"__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache"}


def _ignore(directory: str, names: list[str]) -> set[str]:
    skipped = {n for n in names if n in SKIP or n.endswith(".egg-info")}
    if Path(directory).resolve() == ROOT:
        skipped |= TOP_LEVEL_SKIP & set(names)
    return skipped


def _version(name: str) -> tuple[int, ...]:
    try:
        text = importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return ()
    return tuple(int(part) for part in text.split(".")[:2] if part.isdigit())


def _build_isolation_needed() -> bool:
    """Whether pip must fetch the build backend (pyproject: setuptools>=68 and wheel).

    setuptools 70.1 and newer build wheels on their own; older ones need the wheel package.
    """
    setuptools = _version("setuptools")
    if setuptools < (68,):
        return True
    return setuptools < (70, 1) and importlib.util.find_spec("wheel") is None


def build_wheel(tmp: Path) -> Path:
    """Build the project's wheel from a copy of the source tree (no stale build/ reused)."""
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=_ignore)
    out = tmp / "dist"
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(src)]
    if not _build_isolation_needed():
        cmd.insert(-1, "--no-build-isolation")
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp, env=env)
    assert proc.returncode == 0, f"pip wheel failed:\n{proc.stdout}\n{proc.stderr}"
    wheels = list(out.glob("som_xl-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_wheel_holds_every_package_module_and_knowledge_file(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())

    packages = sorted(
        p.parent for p in PACKAGE.rglob("__init__.py") if "__pycache__" not in p.parts
    )
    assert PACKAGE in packages
    missing_packages = [
        str(p.relative_to(ROOT))
        for p in packages
        if f"{p.relative_to(ROOT).as_posix()}/__init__.py" not in names
    ]
    assert not missing_packages, f"packages missing from the wheel: {missing_packages}"

    modules = [p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts]
    missing_modules = [
        str(p.relative_to(ROOT)) for p in modules if p.relative_to(ROOT).as_posix() not in names
    ]
    assert not missing_modules, (
        f"modules missing from the wheel (a folder without __init__.py, or a package not "
        f"listed in pyproject.toml?): {missing_modules}"
    )

    knowledge = [p for p in KNOWLEDGE.rglob("*") if p.suffix in (".yaml", ".md")]
    assert any(p.name == "services.yaml" for p in knowledge)
    missing_knowledge = [
        str(p.relative_to(ROOT))
        for p in knowledge
        if f"som_xl/knowledge/{p.relative_to(KNOWLEDGE).as_posix()}" not in names
    ]
    assert not missing_knowledge, f"knowledge files missing from the wheel: {missing_knowledge}"
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    missing_examples = [p.name for p in examples if f"som_xl/examples/{p.name}" not in names]
    assert examples and not missing_examples, f"examples missing from the wheel: {missing_examples}"
    assert "som_xl/py.typed" in names

    # Every module imports from the unpacked wheel, and the knowledge base loads from it.
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    script = (
        "import importlib, pkgutil, som_xl\n"
        "for m in pkgutil.walk_packages(som_xl.__path__, 'som_xl.'):\n"
        "    importlib.import_module(m.name)\n"
        "som_xl.load_kb()\n"
        "from som_xl.example_cases import examples_dir, load_examples\n"
        "assert load_examples() and 'site' in examples_dir().parts, examples_dir()\n"
        "print(som_xl.__file__)\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("SOM_XL_KNOWLEDGE", "PYTHONPATH")}
    env["PYTHONPATH"] = str(site)
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, env=env
    )
    assert proc.returncode == 0, proc.stderr
    assert Path(proc.stdout.strip()).is_relative_to(site), proc.stdout
