"""What a file handed to ``som-xl read`` is, and its limits, checked before openpyxl parses it.

An .xlsx is a zip package of XML parts. Before any XML is parsed this module checks, from
the file's bytes and the zip's directory alone:

* what the file is: an encrypted workbook, a legacy .xls, a PDF, an OpenDocument sheet, a
  macro-enabled or binary workbook, another zip or plain text are refused, each with a
  Danish message that says what the file is and what to do;
* its size (:data:`MAX_WORKBOOK_BYTES`), the number of parts (:data:`MAX_ZIP_PARTS`) and
  every part's unpacked size (:data:`MAX_PART_BYTES`, :data:`MAX_UNPACKED_BYTES`): a zip
  bomb is refused from its directory, and :mod:`zipfile` never unpacks more than a part
  declares (it stops there, and a part that is really larger fails its checksum);
* the number of cells (:data:`MAX_CELLS`) and XML elements (:data:`MAX_XML_ELEMENTS`), by
  counting tags in the unpacked text, so that no sheet of millions of cells reaches
  openpyxl.

The XML itself is then parsed by openpyxl through defusedxml (a dependency: openpyxl uses
it whenever it is installed), which refuses DTDs and entities (billion laughs, external
entities); :func:`forbidden_xml` tells its exceptions apart.
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Final

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ..errors import InputError, Problem
from ..files import NOT_A_FILE, os_reason
from . import text as T

__all__ = [
    "MAX_CELLS",
    "MAX_PART_BYTES",
    "MAX_UNPACKED_BYTES",
    "MAX_WORKBOOK_BYTES",
    "MAX_XML_ELEMENTS",
    "MAX_ZIP_PARTS",
    "READ_XML_FORBIDDEN",
    "forbidden_xml",
    "read_package",
]

#: The largest workbook file read (bytes); a SØM workbook is about 0.25 MB.
MAX_WORKBOOK_BYTES: Final = 20_000_000
#: The most parts (files) in the zip package; a SØM workbook has about 55.
MAX_ZIP_PARTS: Final = 1_000
#: The largest unpacked part (bytes); a SØM workbook's largest sheet is about 0.6 MB.
MAX_PART_BYTES: Final = 20_000_000
#: All parts unpacked together (bytes); a SØM workbook unpacks to about 1.5 MB.
MAX_UNPACKED_BYTES: Final = 40_000_000
#: The most cells in all sheets together; a SØM workbook has about 31,000 (49 profile
#: years, the follow-up and cost-assessment sheets). A workbook at this limit reads in
#: about 2 s and 150 MB.
MAX_CELLS: Final = 150_000
#: The most XML elements in all parts together; a SØM workbook has about 100,000.
MAX_XML_ELEMENTS: Final = 1_000_000

_MB = 1e6
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: encrypted .xlsx or .xls
_ZIP_MAGIC = b"PK"
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")  # <c r="A1">, also <x:c ...>
_XML_SUFFIXES = (".xml", ".rels", ".vml")
#: A message → the InputError to raise (naming the file).
_Refuse = Callable[[str], InputError]

READ_EMPTY: Final = "filen er tom (0 byte); angiv projektmappen (.xlsx), som 'som-xl build' lavede"
READ_TOO_BIG: Final = (
    "filen er for stor ({size:.1f} MB); højst {limit:g} MB læses (en SØM-projektmappe "
    "fylder under 1 MB)"
)
READ_LOCKED: Final = (
    "filen er krypteret med en adgangskode og kan ikke læses; åbn den i Excel, fjern "
    "adgangskoden (Filer > Oplysninger > Beskyt projektmappe) og gem en kopi som .xlsx"
)
READ_XLS: Final = (
    "filen er en gammel Excel-fil (.xls, Excel 97-2003), som som-xl ikke læser; åbn den i "
    "Excel og gem den som 'Excel-projektmappe (.xlsx)'"
)
READ_PDF: Final = (
    "filen er en PDF-fil, ikke en Excel-projektmappe; angiv projektmappen (.xlsx), som "
    "'som-xl build' lavede"
)
READ_ODS: Final = (
    "filen er et OpenDocument-dokument (.ods, fx fra LibreOffice), ikke en Excel-projektmappe; "
    "gem den som 'Excel 2007-365 (.xlsx)' og læs den"
)
READ_MACRO: Final = (
    "filen er en projektmappe med makroer (.xlsm), og som-xl læser ikke makroer; gem en kopi "
    "som 'Excel-projektmappe (.xlsx)' og læs den"
)
READ_XLSB: Final = (
    "filen er en binær Excel-projektmappe (.xlsb), som som-xl ikke læser; gem en kopi som "
    "'Excel-projektmappe (.xlsx)' og læs den"
)
READ_OFFICE: Final = (
    "filen er et {what}, ikke en Excel-projektmappe; angiv projektmappen (.xlsx), som "
    "'som-xl build' lavede"
)
READ_OTHER_ZIP: Final = (
    T.READ_DAMAGED + ": filen er et zip-arkiv uden et regneark; angiv projektmappen (.xlsx), "
    "som 'som-xl build' lavede"
)
READ_TEXT: Final = (
    T.READ_DAMAGED + ": filen er en tekstfil (er det en scenariefil? Den beregnes med "
    "'som-xl calc')"
)
READ_FOLDER: Final = T.READ_DAMAGED + ": det er en mappe, ikke en fil"
READ_UNREADABLE: Final = "filen kan ikke læses ({reason})"
READ_PARTS: Final = (
    "projektmappen består af for mange dele ({count}); højst {limit} (en SØM-projektmappe har "
    "omkring 55); filen er beskadiget eller ikke en SØM-projektmappe"
)
READ_PART_BIG: Final = (
    "delen '{part}' fylder {size:.1f} MB udpakket; højst {limit:g} MB (en zip-bombe eller en "
    "beskadiget fil); filen læses ikke"
)
READ_UNPACKED: Final = (
    "projektmappen fylder {size:.1f} MB udpakket; højst {limit:g} MB (en SØM-projektmappe "
    "fylder omkring 2 MB); filen læses ikke"
)
READ_ZIP_LOCKED: Final = (
    "delen '{part}' er krypteret i zip-arkivet; gem projektmappen igen i Excel uden kryptering"
)
READ_CELLS: Final = (
    "projektmappen har for mange celler ({count:,}); højst {limit:,} læses (arket '{sheet}' "
    "har {most:,}); slet de overflødige celler eller byg en ny med 'som-xl build'"
)
READ_ELEMENTS: Final = (
    "projektmappens XML har for mange elementer ({count:,}); højst {limit:,} (delen '{part}' "
    "har {most:,}); filen er beskadiget eller ikke en SØM-projektmappe"
)
READ_XML_FORBIDDEN: Final = (
    "filens XML indeholder en DTD eller entiteter (fx en 'entitetsbombe'), som en "
    "Excel-projektmappe aldrig indeholder; filen læses ikke. Byg en ny med 'som-xl build'"
)


def _mb(x: float) -> float:
    return x / _MB


def _dk(text: str) -> str:
    """Thousands with dots, as a Danish reader writes them (100,000 -> 100.000)."""
    return text.replace(",", ".")


def forbidden_xml(exc: BaseException) -> bool:
    """Whether an exception is (or was caused by) defusedxml refusing an entity.

    openpyxl wraps the parser's exception in its own, so the chain of causes is searched.
    """
    seen: BaseException | None = exc
    for _ in range(20):  # a chain is short; a loop in it must not hang
        if seen is None:
            return False
        if isinstance(seen, DefusedXmlException):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def read_package(path: Path) -> bytes:
    """The bytes of a workbook file, after every check that needs no XML parsed.

    Parameters
    ----------
    path : Path
        The file ``som-xl read`` was given.

    Returns
    -------
    bytes
        The file's content: a zip package within every limit, with a spreadsheet and
        without macros.

    Raises
    ------
    InputError
        With one Danish problem naming the file (and the part or sheet) and the limit.
    """
    where = str(path)
    data = _read(path, where)

    def refuse(message: str) -> InputError:
        return InputError(Problem(where, "", message))

    if not data:
        raise refuse(READ_EMPTY)
    if data.startswith(_OLE_MAGIC):
        raise refuse(_ole_kind(data))
    if data.startswith(b"%PDF"):
        raise refuse(READ_PDF)
    if not data.startswith(_ZIP_MAGIC):
        raise refuse(READ_TEXT if _looks_like_text(data) else T.READ_DAMAGED)
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        infos = package.infolist()
    except Exception:  # BadZipFile, and ValueError/OSError on a mangled directory
        raise refuse(T.READ_DAMAGED) from None
    _check_directory(infos, refuse)
    names = {info.filename for info in infos}
    try:
        kind = _zip_kind(package, names)
        if kind is not None:
            raise refuse(kind)
        _check_counts(package, infos, refuse)
    except InputError:
        raise
    except Exception:  # a part that fails its checksum, an unknown compression, ...
        raise refuse(T.READ_DAMAGED) from None
    return data


def _read(path: Path, where: str) -> bytes:
    """The file's bytes; a missing file, a folder or a file over the limit is refused."""
    try:
        info = path.stat()
        size = info.st_size
        if stat.S_ISDIR(info.st_mode):
            raise InputError(Problem(where, "", READ_FOLDER))
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device could block or never end
            raise InputError(Problem(where, "", f"filen er {NOT_A_FILE}"))
        if size > MAX_WORKBOOK_BYTES:
            message = READ_TOO_BIG.format(size=_mb(size), limit=_mb(MAX_WORKBOOK_BYTES))
            raise InputError(Problem(where, "", message))
        with path.open("rb") as handle:
            return handle.read(MAX_WORKBOOK_BYTES + 1)[:MAX_WORKBOOK_BYTES]
    except FileNotFoundError:
        raise InputError(Problem(where, "", T.READ_MISSING)) from None
    except IsADirectoryError:
        raise InputError(Problem(where, "", READ_FOLDER)) from None
    except OSError as exc:
        message = READ_UNREADABLE.format(reason=os_reason(exc))
        raise InputError(Problem(where, "", message)) from None


def _ole_kind(data: bytes) -> str:
    """An OLE compound file: Excel's password encryption, a legacy .xls, or another."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return READ_LOCKED
    if "Workbook".encode("utf-16-le") in data or "Book\0".encode("utf-16-le") in data:
        return READ_XLS
    if "WordDocument".encode("utf-16-le") in data:
        return READ_OFFICE.format(what="gammelt Word-dokument (.doc)")
    return T.READ_ENCRYPTED


def _looks_like_text(data: bytes) -> bool:
    head = data[:4096]
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\0" not in head


def _check_directory(infos: list[zipfile.ZipInfo], refuse: _Refuse) -> None:
    """Parts, unpacked sizes and zip encryption, from the zip's directory alone."""
    if len(infos) > MAX_ZIP_PARTS:
        raise refuse(READ_PARTS.format(count=len(infos), limit=MAX_ZIP_PARTS))
    total = 0
    for info in infos:
        if info.file_size > MAX_PART_BYTES:
            raise refuse(
                READ_PART_BIG.format(
                    part=info.filename, size=_mb(info.file_size), limit=_mb(MAX_PART_BYTES)
                )
            )
        if info.flag_bits & 0x1:
            raise refuse(READ_ZIP_LOCKED.format(part=info.filename))
        total += info.file_size
    if total > MAX_UNPACKED_BYTES:
        raise refuse(READ_UNPACKED.format(size=_mb(total), limit=_mb(MAX_UNPACKED_BYTES)))


def _zip_kind(package: zipfile.ZipFile, names: set[str]) -> str | None:
    """What a zip package is when it is not a plain workbook (a message), else None."""
    if "mimetype" in names:
        mimetype = package.read("mimetype")[:200]
        if b"opendocument" in mimetype:
            return READ_ODS
    if "[Content_Types].xml" not in names:
        return READ_OTHER_ZIP
    types = package.read("[Content_Types].xml")
    lowered = {name.lower() for name in names}
    if b"sheet.binary" in types:
        return READ_XLSB
    if b"macroEnabled" in types or any(n.endswith("vbaproject.bin") for n in lowered):
        return READ_MACRO
    if b"spreadsheetml" not in types:
        if any(n.startswith("word/") for n in lowered):
            return READ_OFFICE.format(what="Word-dokument (.docx)")
        if any(n.startswith("ppt/") for n in lowered):
            return READ_OFFICE.format(what="PowerPoint-dokument (.pptx)")
        return READ_OTHER_ZIP
    return None


def _check_counts(package: zipfile.ZipFile, infos: list[zipfile.ZipInfo], refuse: _Refuse) -> None:
    """Cells and XML elements, counted in the unpacked text before any XML is parsed."""
    cells: dict[str, int] = {}
    elements: dict[str, int] = {}
    for info in infos:
        name = info.filename
        if not name.lower().endswith(_XML_SUFFIXES):
            continue
        text = package.read(info)  # at most the declared size: checked above
        elements[name] = text.count(b"<")
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            cells[name] = len(_CELL.findall(text))
    total = sum(elements.values())
    if total > MAX_XML_ELEMENTS:
        part = max(elements, key=elements.__getitem__)
        message = READ_ELEMENTS.format(
            count=total, limit=MAX_XML_ELEMENTS, part=part, most=elements[part]
        )
        raise refuse(_dk(message))
    count = sum(cells.values())
    if count > MAX_CELLS:
        part = max(cells, key=cells.__getitem__)
        sheet = _sheet_names(package).get(part, part)
        message = READ_CELLS.format(count=count, limit=MAX_CELLS, sheet=sheet, most=cells[part])
        raise refuse(_dk(message))


def _sheet_names(package: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part → sheet name, from xl/workbook.xml and its relations (best effort)."""
    try:
        book = fromstring(package.read("xl/workbook.xml"))
        rels = fromstring(package.read("xl/_rels/workbook.xml.rels"))
    except Exception:  # no names then: the part's path names the sheet
        return {}
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        full = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        targets[rel.get("Id")] = str(PurePosixPath(full))
    out = {}
    for element in book.iter():
        if element.tag.endswith("}sheet"):
            rid = next((v for k, v in element.attrib.items() if k.endswith("}id")), None)
            if rid in targets:
                out[targets[rid]] = element.get("name", "")
    return out
