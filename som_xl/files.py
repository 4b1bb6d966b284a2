"""Reading YAML/JSON input files with line numbers, and writing outputs atomically."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError, Problem

__all__ = ["LineMap", "read_data_file", "write_atomic"]


class LineMap:
    """Maps a key path in a parsed YAML document to its line (1-based) in the file."""

    def __init__(self, node: yaml.Node | None) -> None:
        self._node = node

    def line(self, path: Sequence[str | int]) -> int | None:
        node = self._node
        best = node.start_mark.line + 1 if node is not None else None
        for part in path:
            if node is None:
                break
            child: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if str(key_node.value) == str(part):
                        child = value_node
                        best = key_node.start_mark.line + 1
                        break
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(part, int)
                and 0 <= part < len(node.value)
            ):
                child = node.value[part]
                best = child.start_mark.line + 1
            node = child
        return best


_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml if present


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """Safe loader that keeps ISO dates as text (YAML timestamps are not our data)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _parse_yaml(text: str) -> tuple[Any, yaml.Node | None]:
    """Compose the node tree (for line numbers) and construct the data from it: one parse."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, node


def read_data_file(path: Path, *, what: str = "filen") -> tuple[Any, LineMap]:
    """Parse a YAML or JSON file. Errors become Danish problems naming the file and line."""
    where = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(Problem(where, "", f"{what} findes ikke")) from None
    except IsADirectoryError:
        raise InputError(Problem(where, "", f"{what} er en mappe, ikke en fil")) from None
    except OSError as exc:
        raise InputError(Problem(where, "", f"{what} kan ikke læses ({exc.strerror})")) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            Problem(where, "", f"{what} er ikke tekst i UTF-8 (er det en YAML- eller JSON-fil?)")
        ) from None
    if not text.strip():
        raise InputError(Problem(where, "", f"{what} er tom"))
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text), LineMap(None)
        except json.JSONDecodeError as exc:
            raise InputError(
                Problem(f"{where}, linje {exc.lineno}", "", f"ugyldig JSON: {exc.msg}")
            ) from None
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f", linje {mark.line + 1}" if mark is not None else ""
        start = exc.context_mark
        if mark is not None and start is not None and start.line != mark.line:
            line += f" (begyndt i linje {start.line + 1})"
        reason = exc.problem or exc.context or "ukendt fejl"
        raise InputError(
            Problem(f"{where}{line}", "", f"ugyldig YAML ({reason}); tjek indrykning og koloner")
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(Problem(where, "", f"ugyldig YAML ({exc})")) from None
    if data is None:
        raise InputError(Problem(where, "", f"{what} er tom"))
    return data, LineMap(node)


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes to path via a temporary file in the same folder and an atomic rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the usual permissions
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
