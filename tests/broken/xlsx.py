"""Change a built workbook at the level of its zip parts, as a damaged or hostile file would.

Faster than openpyxl (no parse, no save) and able to make what openpyxl never writes:
entity bombs, forged stamps, zip bombs, cells holding ``1E999``.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Mapping

from som_xl.workbook.read_package import _sheet_names


def parts(data: bytes) -> dict[str, bytes]:
    """Every part of a zip package by name, in order."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {info.filename: z.read(info) for info in z.infolist()}


def pack(content: Mapping[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip package of the parts."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as z:
        for name, data in content.items():
            z.writestr(name, data)
    return out.getvalue()


def change(data: bytes, name: str, edit: Callable[[bytes], bytes]) -> bytes:
    """The package with one part changed."""
    content = parts(data)
    content[name] = edit(content[name])
    return pack(content)


def sheet_part(data: bytes, sheet: str) -> str:
    """The part that holds a sheet, e.g. 'xl/worksheets/sheet3.xml'."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = _sheet_names(z)
    return next(part for part, name in names.items() if name == sheet)


def set_cell(data: bytes, sheet: str, ref: str, xml: str) -> bytes:
    """The package with one cell's XML replaced (``xml`` is the inside: ``<v>1</v>``).

    ``xml`` may start with attributes for the ``<c>`` element after ``|``:
    ``'t="e"|<v>#DIV/0!</v>'``.
    """
    attrs, _, inner = xml.rpartition("|")
    cell = re.compile(rb'<c r="' + ref.encode() + rb'"(?: [^>]*?)?(?:/>|>.*?</c>)', re.S)

    def edit(text: bytes) -> bytes:
        new = f'<c r="{ref}" {attrs}>{inner}</c>'.encode()
        out, n = cell.subn(new, text, count=1)
        assert n == 1, f"{sheet}!{ref} not in the sheet's XML"
        return out

    return change(data, sheet_part(data, sheet), edit)


def set_stamp(data: bytes, stamp: str | None) -> bytes:
    """The package with the layout stamp ``som.layout`` replaced (None removes it)."""
    name = re.compile(rb'<definedName name="som.layout">[^<]*</definedName>')

    def edit(text: bytes) -> bytes:
        new = b"" if stamp is None else f'<definedName name="som.layout">"{stamp}"</definedName>'
        out, n = name.subn(new if isinstance(new, bytes) else new.encode(), text)
        assert n == 1
        return out

    return change(data, "xl/workbook.xml", edit)


def stamp_of(data: bytes) -> str:
    """The layout stamp's text."""
    found = re.search(rb'<definedName name="som.layout">"([^"<]*)"', parts(data)["xl/workbook.xml"])
    assert found is not None
    return found.group(1).decode()


def with_doctype(data: bytes, name: str, doctype: str, use: str = "") -> bytes:
    """The package with a DTD placed before the root element of a part (and ``use`` after
    the first ``<t>`` or ``<v>`` when given)."""

    def edit(text: bytes) -> bytes:
        text = re.sub(rb"(<\?xml[^>]*\?>)", rb"\1" + doctype.encode(), text, count=1)
        if use:
            text = re.sub(rb"(<t(?: [^>]*)?>)", rb"\1" + use.encode(), text, count=1)
        return text

    return change(data, name, edit)
