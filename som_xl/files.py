"""Reading YAML/JSON input files with line numbers, and writing outputs atomically."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Final

import yaml

from .errors import InputError, Problem, format_path

__all__ = [
    "MAX_DATA_FILE_BYTES",
    "MAX_NESTING",
    "MAX_STAMP_BYTES",
    "MAX_VALUES",
    "WORKBOOK_SUFFIXES",
    "LineMap",
    "os_reason",
    "read_data_file",
    "read_stamp",
    "write_atomic",
    "write_stamp",
]

#: The largest scenario or knowledge-base file read (bytes); the knowledge base's largest
#: file is about 0.1 MB, a scenario a few kB.
MAX_DATA_FILE_BYTES: Final = 5_000_000
#: The deepest nesting of lists and tables in a YAML or JSON file (a scenario needs 4).
MAX_NESTING: Final = 20
#: The most values, lists and tables in a YAML or JSON file (keys count too); a scenario
#: has a few hundred, the knowledge base's largest file a few thousand.
MAX_VALUES: Final = 50_000
#: The most digits of a whole number in a YAML or JSON file (the largest bound of any
#: field is 10**12).
MAX_DIGITS: Final = 15
#: How messages name a path that is neither a file nor a folder.
NOT_A_FILE: Final = "ikke en almindelig fil (men fx en pipe, en socket eller en enhed)"
#: A file with one of these suffixes is read as a workbook (``som-xl rapport``, ``sammenlign``).
WORKBOOK_SUFFIXES: Final = (".xlsx", ".xlsm")
#: The largest stamp beside an output that is read (a SHA-256 in hex is 64 bytes).
MAX_STAMP_BYTES: Final = 1_000


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

    def overlay(self, prefix: Sequence[str | int], keys: Iterable[str]) -> LineMap:
        """The lines of a document merged from ``prefix``'s mapping over the top level.

        A variant (``variants: {lav: {success_rate: 0.1}}``) is the file's scenario with the
        variant's keys on top: its own keys are found under ``prefix``, the rest where the
        file's scenario has them.

        Examples
        --------
        >>> lines = LineMap(yaml.compose("a: 1\\nb: 2\\nvariants:\\n  x:\\n    b: 3\\n"))
        >>> v = lines.overlay(("variants", "x"), ["b"])
        >>> v.line(["a"]), v.line(["b"]), lines.line(["b"])
        (1, 5, 2)
        """
        return _Overlay(self, tuple(prefix), {str(k) for k in keys})

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


class _Overlay(LineMap):
    """A LineMap whose top-level ``keys`` are looked up under ``prefix`` (see overlay)."""

    def __init__(self, base: LineMap, prefix: tuple[str | int, ...], keys: set[str]) -> None:
        super().__init__(None)
        self._base, self._prefix, self._keys = base, prefix, keys

    def _find(self, path: Sequence[str | int]) -> tuple[yaml.Node | None, int | None]:
        if path and str(path[0]) in self._keys:
            return self._base._find((*self._prefix, *path))
        return self._base._find(path)


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


def _not_utf8(raw: bytes, start: int, what: str) -> str:
    """Why a file is not UTF-8: text saved as Latin-1/Windows-1252 (user trial: say to save
    it as UTF-8, and where the first such letter is), or no text at all.

    Examples
    --------
    >>> print(_not_utf8("navn: Århus\\n".encode("latin-1"), 6, "scenariefilen"))
    scenariefilen er ikke tekst i UTF-8: linje 1 har et tegn ... gem filen som UTF-8 ...
    >>> print(_not_utf8(bytes(range(256)), 128, "scenariefilen"))
    scenariefilen er ikke tekst i UTF-8 (er det en YAML- eller JSON-fil?)
    """
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if not text or any(ord(ch) < 32 and ch not in "\t\r\n" for ch in text):
        return f"{what} er ikke tekst i UTF-8 (er det en YAML- eller JSON-fil?)"
    line = raw[:start].count(b"\n") + 1
    return (
        f"{what} er ikke tekst i UTF-8: linje {line} har et tegn (fx æ, ø eller å) gemt i en "
        "anden tegnkodning (Latin-1/Windows-1252); gem filen som UTF-8 (fx i Notesblok: Gem "
        "som, Kodning: UTF-8) og prøv igen"
    )


def read_data_file(path: Path, *, what: str = "filen") -> tuple[Any, LineMap]:
    """Parse a YAML or JSON file. Errors become Danish problems naming the file and line.

    YAML is read safely (no tags, ISO dates stay text), a key written twice in one mapping
    is refused, and so are files over :data:`MAX_DATA_FILE_BYTES` or nested deeper than
    :data:`MAX_NESTING`. ``.json`` files are read as JSON, every other suffix as YAML.

    Parameters
    ----------
    path : Path
        The file to read.
    what : str, optional
        How messages name the file, e.g. ``"scenariefilen"``; default ``"filen"``.

    Returns
    -------
    data : Any
        The parsed document (dicts, lists, str, int, float, bool, None).
    lines : LineMap
        The line of every key path (YAML; a JSON file's map knows no lines).

    Raises
    ------
    InputError
        If the file cannot be read, is not UTF-8, is empty, too large, too deep or not valid
        YAML or JSON, or repeats a key.

    Examples
    --------
    >>> import tempfile
    >>> tmp = tempfile.TemporaryDirectory()
    >>> path = Path(tmp.name) / "scenario.yaml"
    >>> _ = path.write_text("name: Eksempel\\nparticipants:\\n  2025: 10\\n  2026: 20\\n")
    >>> data, lines = read_data_file(path)
    >>> data
    {'name': 'Eksempel', 'participants': {2025: 10, 2026: 20}}
    >>> lines.line(["participants", 2026])
    4
    >>> _ = path.write_text("name: A\\nname: B\\n")
    >>> read_data_file(path, what="scenariefilen")
    Traceback (most recent call last):
    ...
    som_xl.errors.InputError: .../scenario.yaml, linje 2, nøgle 'name': nøglen står to gange; ...
    >>> tmp.cleanup()
    """
    where = str(path)
    raw = _read_limited(path, what)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(Problem(where, "", _not_utf8(raw, exc.start, what))) from None
    if not text.strip():
        raise InputError(Problem(where, "", f"{what} er tom"))
    if path.suffix.lower() == ".json":
        data, lines = _read_json(text, where), LineMap(None)
    else:
        data, lines = _read_yaml(text, where, what)
    _check_whole_numbers(data, where, lines)
    return data, lines


def _check_whole_numbers(data: Any, where: str, lines: LineMap) -> None:
    """Refuse whole numbers of more than :data:`MAX_DIGITS` digits (keys too).

    No field allows such a number, and one beyond the range of a float (10**400) would
    break the arithmetic that checks it; the field table's bounds apply to the rest.
    """
    problems = []
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    while stack:
        item, path = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                stack.append((key, (*path, key)))
                stack.append((value, (*path, key)))
        elif isinstance(item, list):
            stack.extend((value, (*path, i)) for i, value in enumerate(item))
        elif isinstance(item, int) and not isinstance(item, bool) and _digits(item) > MAX_DIGITS:
            line = lines.line(path)
            place = f"{where}, linje {line}" if line is not None else where
            message = f"tallet er urealistisk stort (højst {MAX_DIGITS} cifre)"
            shown = str(item)[:20] + "…"
            problems.append(Problem(place, format_path(path), message, shown, True))
    if problems:
        raise InputError(problems)


def _digits(number: int) -> int:
    """How many digits a whole number has (cheap for huge numbers: no conversion to text)."""
    return len(str(number)) if number.bit_length() < 200 else number.bit_length() * 3 // 10


def _read_limited(path: Path, what: str) -> bytes:
    """The file's bytes, refused before reading when it is larger than the limit."""
    where = str(path)
    try:
        info = path.stat()
        size = info.st_size
        if stat.S_ISDIR(info.st_mode):
            raise InputError(Problem(where, "", f"{what} er en mappe, ikke en fil"))
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device could block or never end
            raise InputError(Problem(where, "", f"{what} er {NOT_A_FILE}"))
        if size > MAX_DATA_FILE_BYTES:
            raise InputError(
                Problem(
                    where,
                    "",
                    f"{what} er for stor ({size / 1e6:.1f} MB); højst "
                    f"{MAX_DATA_FILE_BYTES / 1e6:g} MB læses",
                )
            )
        with path.open("rb") as handle:
            return handle.read(MAX_DATA_FILE_BYTES + 1)[:MAX_DATA_FILE_BYTES]
    except FileNotFoundError:
        raise InputError(Problem(where, "", f"{what} findes ikke")) from None
    except IsADirectoryError:
        raise InputError(Problem(where, "", f"{what} er en mappe, ikke en fil")) from None
    except OSError as exc:
        reason = os_reason(exc)
        raise InputError(Problem(where, "", f"{what} kan ikke læses ({reason})")) from None


def _read_json(text: str, where: str) -> Any:
    """Parse JSON; duplicate keys, bad syntax and deep nesting are Danish problems."""
    import json  # only .json files (issue 9: start-up)

    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates_json)
    except RecursionError:
        raise InputError(Problem(where, "", _too_deep())) from None
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
                f"sidste element er ikke tilladt): {_json_reason(exc.msg)}",
            )
        ) from None
    except ValueError:  # a whole number of thousands of digits (Python's own limit)
        raise InputError(Problem(where, "", _TOO_LONG)) from None
    if _depth(data) > MAX_NESTING:
        raise InputError(Problem(where, "", _too_deep()))
    if _count(data) > MAX_VALUES:
        raise InputError(Problem(where, "", _too_many()))
    return data


_TOO_LONG = f"et tal er urealistisk stort (højst {MAX_DIGITS} cifre)"


def _too_many() -> str:
    limit = f"{MAX_VALUES:,}".replace(",", ".")
    return (
        f"filen har for mange værdier (højst {limit} lister, tabeller og værdier); "
        "en scenariefil har nogle hundrede"
    )


def _count(data: Any) -> int:
    """How many values, lists and tables a document holds (stops past the limit)."""
    count, stack = 0, [data]
    while stack and count <= MAX_VALUES:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            stack.extend(item.values())
            count += len(item)  # the keys
        elif isinstance(item, list):
            stack.extend(item)
    return count


def _too_deep() -> str:
    return (
        f"lister og tabeller er indlejret for dybt (højst {MAX_NESTING} niveauer); "
        "tjek filens opbygning"
    )


def _depth(data: Any) -> int:
    """How deeply lists and tables nest (iterative: no recursion on hostile input)."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if level > MAX_NESTING:
                return level
            values = item.values() if isinstance(item, dict) else item
            stack.extend((v, level + 1) for v in values)
    return deepest


_JSON_REASONS = {
    "Expecting value": "her mangler en værdi",
    "Expecting property name enclosed in double quotes": (
        "en nøgle skal stå i dobbelte anførselstegn"
    ),
    "Expecting ',' delimiter": "her mangler et komma",
    "Expecting ':' delimiter": "her mangler et kolon",
    "Extra data": "der står noget efter JSON-dokumentets afslutning",
    "Unterminated string starting at": "en tekst er ikke afsluttet med anførselstegn",
    "Invalid control character at": "ugyldigt kontroltegn i en tekst",
    "Invalid \\escape": "ugyldig escape-sekvens i en tekst",
}


def _json_reason(msg: str) -> str:
    return next((da for en, da in _JSON_REASONS.items() if msg.startswith(en)), "syntaksfejl")


def _check_yaml_events(text: str, where: str) -> None:
    """Refuse anchors and aliases (alias bombs) and deep nesting before building anything."""
    depth = 0
    count = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            mark = event.start_mark
            line = f"{where}, linje {mark.line + 1}" if mark is not None else where
            count += 1
            if count > MAX_VALUES:
                raise InputError(Problem(line, "", _too_many()))
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise InputError(
                    Problem(
                        line,
                        "",
                        "YAML-ankre og -aliaser (& og *) er ikke tilladt; skriv værdien ud",
                    )
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_NESTING:
                    raise InputError(Problem(line, "", _too_deep()))
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # the syntax error is reported, with its line, when the file is composed


def _read_yaml(text: str, where: str, what: str) -> tuple[Any, LineMap]:
    """Parse YAML with line numbers; every problem becomes a Danish message with its line."""
    _check_yaml_events(text, where)
    try:
        data, node = _parse_yaml(text)
    except RecursionError:
        raise InputError(Problem(where, "", _too_deep())) from None
    except ValueError:  # a whole number of thousands of digits (Python's own limit)
        raise InputError(Problem(where, "", _TOO_LONG)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f", linje {mark.line + 1}" if mark is not None else ""
        start = exc.context_mark
        if mark is not None and start is not None and start.line != mark.line:
            line += f" (begyndt i linje {start.line + 1})"
        reason = _yaml_reason(exc, text)
        raise InputError(
            Problem(f"{where}{line}", "", f"ugyldig YAML ({reason}); tjek indrykning og koloner")
        ) from None
    except yaml.reader.ReaderError as exc:  # a control character (e.g. NUL) anywhere
        row = text.count("\n", 0, max(exc.position, 0)) + 1
        char: Any = exc.character
        code = char if isinstance(char, int) else ord(char[:1] or "\0")
        raise InputError(
            Problem(
                f"{where}, linje {row}",
                "",
                f"ugyldig YAML (et kontroltegn, fx et nul-tegn, tegnkode {code}); "
                "gem filen som almindelig tekst",
            )
        ) from None
    except yaml.YAMLError:
        raise InputError(Problem(where, "", "ugyldig YAML; tjek indrykning og koloner")) from None
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


#: PyYAML's English reasons → Danish (checked by prefix, first match wins).
_YAML_REASONS = (
    ("while scanning a quoted scalar", "en tekst er ikke afsluttet med anførselstegn"),
    ("could not determine a constructor", "en ukendt YAML-type (et !-mærke); skriv værdien ud"),
    ("found undefined alias", "et alias (*) uden anker"),
    ("found duplicate anchor", "et anker (&) står to gange"),
    ("found character that cannot start any token", "et tegn, der ikke kan stå her"),
    ("mapping values are not allowed", "et kolon, hvor det ikke må stå (mangler en nøgle?)"),
    ("expected <block end>", "indrykningen passer ikke med linjerne over"),
    ("did not find expected <block end>", "indrykningen passer ikke med linjerne over"),
    ("found unexpected end of stream", "filen slutter midt i en værdi"),
    ("found unexpected ':'", "et kolon, hvor det ikke må stå"),
    ("found unknown escape character", "ugyldig escape-sekvens i en tekst"),
    ("expected ',' or ']'", "en liste [ ] er ikke afsluttet korrekt"),
    ("did not find expected ',' or ']'", "en liste [ ] er ikke afsluttet korrekt"),
    ("expected ',' or '}'", "en tabel { } er ikke afsluttet korrekt"),
    ("did not find expected ',' or '}'", "en tabel { } er ikke afsluttet korrekt"),
    ("did not find expected key", "en nøgle mangler eller indrykningen passer ikke"),
    ("did not find expected '-' indicator", "et listepunkt (-) er forkert indrykket"),
    ("found unhashable key", "en liste eller tabel bruges som nøgle"),
    ("expected a single document", "filen har flere YAML-dokumenter (---); skriv ét dokument"),
)
_TAB = "et tabulatortegn; brug mellemrum til indrykning, ikke tabulator"


def _yaml_reason(exc: yaml.MarkedYAMLError, text: str) -> str:
    """PyYAML's reason in Danish; a tab in the line's indentation is named as the cause."""
    mark = exc.problem_mark
    if mark is not None:
        lines = text.splitlines()
        line = lines[mark.line] if mark.line < len(lines) else ""
        indent = line[: len(line) - len(line.lstrip())]
        if "\t" in indent or "\t" in line[mark.column : mark.column + 1]:
            return _TAB
    # The context names an unfinished quoted text; otherwise the problem says what is wrong.
    for reason in (exc.context or "", exc.problem or ""):
        found = next((da for en, da in _YAML_REASONS if reason.startswith(en)), None)
        if found is not None:
            return found
    return "syntaksfejl"


def os_reason(exc: OSError) -> str:
    """An operating-system error in Danish (never the system's English text).

    Parameters
    ----------
    exc : OSError
        The error, e.g. from ``open``.

    Returns
    -------
    str
        Its reason in Danish; an unknown error is named by its number.

    Examples
    --------
    >>> os_reason(PermissionError(errno.EACCES, "Permission denied"))
    'ingen adgang'
    >>> os_reason(OSError(errno.ELOOP, "Too many levels of symbolic links"))
    'for mange niveauer af symbolske links'
    """
    return _OS_REASONS.get(exc.errno or 0, "systemfejl " + str(exc.errno or "ukendt"))


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes to path via a temporary file in the same folder and an atomic rename.

    A failure (no access, disk full, a folder in the way) is a Danish InputError; the old
    file, if any, is left as it was. Missing parent folders are created.

    Parameters
    ----------
    path : Path
        The file to write (replaced whole if it exists).
    data : bytes
        Its new content.

    Raises
    ------
    InputError
        If ``path`` is a folder or the file cannot be written (the reason in Danish).

    Examples
    --------
    >>> import tempfile
    >>> tmp = tempfile.TemporaryDirectory()
    >>> path = Path(tmp.name) / "ud" / "resultat.csv"
    >>> write_atomic(path, b"aar;netto\\n2025;-1000\\n")
    >>> path.read_bytes()
    b'aar;netto\\n2025;-1000\\n'
    >>> write_atomic(path.parent, b"")
    Traceback (most recent call last):
    ...
    som_xl.errors.InputError: .../ud: er en mappe; angiv et filnavn
    >>> tmp.cleanup()
    """
    path = Path(path)
    if path.is_dir():
        raise InputError(Problem(str(path), "", "er en mappe; angiv et filnavn"))
    try:
        _write(path, data)
    except OSError as exc:
        reason = os_reason(exc)
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
    errno.ENOENT: "filen eller mappen findes ikke",
    errno.ELOOP: "for mange niveauer af symbolske links",
    errno.ENAMETOOLONG: "filnavnet er for langt",
    errno.EISDIR: "det er en mappe",
    errno.EIO: "læse- eller skrivefejl på drevet",
    errno.EBUSY: "filen er i brug",
    errno.EDQUOT: "diskkvoten er opbrugt",
    errno.EFBIG: "filen er for stor",
    errno.ETXTBSY: "filen er i brug",
    errno.EINVAL: "ugyldigt filnavn",
}


def _write(path: Path, data: bytes) -> None:
    import tempfile  # only when writing (issue 9: start-up)

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


def read_stamp(path: Path) -> str | None:
    """A small ASCII stamp beside an output (a hash), or None when missing or odd.

    A stamp is a note to ourselves, never the user's data: a folder, a link to something
    that is not a file, binary garbage, a large or unreadable file all read as no stamp,
    so an odd stamp never stops a build. Only a regular file is opened (never a pipe or a
    device, which could block).

    Parameters
    ----------
    path : Path
        Where the stamp is.

    Returns
    -------
    str or None
        The stamp's text, stripped; None when there is no readable ASCII stamp.

    Examples
    --------
    >>> import tempfile
    >>> tmp = tempfile.TemporaryDirectory()
    >>> stamp = Path(tmp.name) / ".SOM.xlsx.sha256"
    >>> read_stamp(stamp) is None
    True
    >>> _ = stamp.write_bytes(b"abc123\\n")
    >>> read_stamp(stamp)
    'abc123'
    >>> _ = stamp.write_bytes(b"\\xff\\xfe garbage")
    >>> read_stamp(stamp) is None
    True
    >>> tmp.cleanup()
    """
    try:
        if not path.is_file() or path.stat().st_size > MAX_STAMP_BYTES:
            return None
        with path.open("rb") as handle:
            raw = handle.read(MAX_STAMP_BYTES + 1)
        text = raw.decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text if text.isprintable() else None


def write_stamp(path: Path, text: str) -> bool:
    """Write a stamp beside an output atomically; False (never an error) when it cannot.

    Something that is not a regular file in the stamp's place (a folder, a link) is left
    alone: a stamp never replaces anything of the user's.

    Parameters
    ----------
    path : Path
        Where the stamp goes.
    text : str
        The stamp (ASCII).

    Returns
    -------
    bool
        Whether the stamp was written.

    Examples
    --------
    >>> import tempfile
    >>> tmp = tempfile.TemporaryDirectory()
    >>> stamp = Path(tmp.name) / ".SOM.xlsx.sha256"
    >>> write_stamp(stamp, "abc123"), read_stamp(stamp)
    (True, 'abc123')
    >>> stamp.unlink(); stamp.mkdir()
    >>> write_stamp(stamp, "abc123"), stamp.is_dir()
    (False, True)
    >>> tmp.cleanup()
    """
    try:
        if path.is_symlink() or (path.exists() and not path.is_file()):
            return False
        write_atomic(path, text.encode("ascii"))
    except (InputError, OSError, UnicodeEncodeError):
        return False
    return True
