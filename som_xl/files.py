"""Reading YAML/JSON input files with line numbers, and writing outputs atomically."""

from __future__ import annotations

import errno
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
        return self._find(path)[1]

    def raw(self, path: Sequence[str | int]) -> str | None:
        """The text of an unquoted scalar as written in the file (e.g. '1.000'), else None."""
        node = self._find(path)[0]
        if isinstance(node, yaml.ScalarNode) and not node.style:  # plain (None or "")
            return str(node.value)
        return None

    def _find(self, path: Sequence[str | int]) -> tuple[yaml.Node | None, int | None]:
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
        return node, best


_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml if present


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """Safe loader that keeps ISO dates as text (YAML timestamps are not our data)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _duplicate_keys(node: yaml.Node | None, path: tuple[str, ...] = ()) -> list[tuple[str, int]]:
    """Keys written twice in one mapping (YAML keeps the last silently): (key path, line)."""
    found: list[tuple[str, int]] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                found.append((".".join((*path, key)), key_node.start_mark.line + 1))
            seen.add(key)
            found += _duplicate_keys(value_node, (*path, key))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            found += _duplicate_keys(item, (*path[:-1], f"{path[-1] if path else ''}[{i + 1}]"))
    return found


def _no_duplicates_json(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


class _DuplicateKey(ValueError):
    """A key written twice in one JSON object (its argument is the key)."""


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
            return json.loads(text, object_pairs_hook=_no_duplicates_json), LineMap(None)
        except _DuplicateKey as exc:
            raise InputError(
                Problem(where, str(exc), "nøglen står to gange; den skal kun stå én gang")
            ) from None
        except json.JSONDecodeError as exc:
            raise InputError(
                Problem(
                    f"{where}, linje {exc.lineno}, kolonne {exc.colno}",
                    "",
                    "ugyldig JSON (tjek kommaer, anførselstegn og klammer; et komma efter "
                    f"sidste element er ikke tilladt): {exc.msg}",
                )
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
        if "tab character" in reason:
            reason = "tabulatortegn er ikke tilladt til indrykning; brug mellemrum"
        raise InputError(
            Problem(f"{where}{line}", "", f"ugyldig YAML ({reason}); tjek indrykning og koloner")
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(Problem(where, "", f"ugyldig YAML ({exc})")) from None
    if data is None:
        raise InputError(Problem(where, "", f"{what} er tom"))
    duplicates = _duplicate_keys(node)
    if duplicates:
        raise InputError(
            [
                Problem(
                    f"{where}, linje {line}", key, "nøglen står to gange; den skal kun stå én gang"
                )
                for key, line in duplicates
            ]
        )
    return data, LineMap(node)


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes to path via a temporary file in the same folder and an atomic rename.

    A failure (no access, disk full, a folder in the way) is a Danish InputError; the old
    file, if any, is left as it was.
    """
    path = Path(path)
    if path.is_dir():
        raise InputError(Problem(str(path), "", "er en mappe; angiv et filnavn"))
    try:
        _write(path, data)
    except OSError as exc:
        reason = _OS_REASONS.get(exc.errno or 0, exc.strerror or type(exc).__name__)
        raise InputError(
            Problem(str(path), "", f"filen kan ikke skrives ({reason}); vælg en anden placering")
        ) from None


_OS_REASONS = {
    errno.EACCES: "ingen adgang",
    errno.EPERM: "ingen adgang",
    errno.EROFS: "drevet er skrivebeskyttet",
    errno.ENOSPC: "disken er fuld",
    errno.EEXIST: "en fil står, hvor mappen skulle være",
    errno.ENOTDIR: "en fil står, hvor mappen skulle være",
}


def _write(path: Path, data: bytes) -> None:
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
