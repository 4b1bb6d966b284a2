"""A catalogue of hostile and damaged inputs, each made by a generator, with its expected message.

Every case makes its input in a fresh folder and returns the ``som-xl`` arguments to run.
The families (issue 13): scenario files (alias bombs, deep nesting, huge files, parser
errors, odd paths, numbers at the edge), workbooks (foreign, encrypted, macro and legacy
files, zip bombs, entity bombs, forged layout stamps, numbers at the edge) and outputs
(odd build stamps, unwritable places). ``expect`` is a fragment of the one Danish message
(stderr for exit 2, stdout for exit 0).
"""

from __future__ import annotations

import os
import re
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from som_xl.files import MAX_DATA_FILE_BYTES
from som_xl.workbook import text as T
from som_xl.workbook.layout import Layout, a1
from som_xl.workbook.read_package import MAX_CELLS, MAX_WORKBOOK_BYTES, MAX_XML_ELEMENTS
from tests.broken import xlsx

#: Makes the input in a folder from the base workbook's bytes; returns the arguments.
Make = Callable[[Path, bytes], list[str]]


@dataclass(frozen=True)
class Case:
    name: str
    make: Make
    expect: str
    code: int = 2
    #: A bomb: also checked for memory (tracemalloc), not only time.
    heavy: bool = False
    #: Time bound (s); building a workbook takes longer than refusing one.
    seconds: float = 2.0


SCENARIO = """\
name: Test
target_group: voksne_hjemloeshed
start_year: 2025
horizon_years: 5
price_year: 2024
discount_rate: 0.035
participants: {2025: 10}
success_rate: 0.3
"""

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""

ENTITY_BOMB = (
    '<!DOCTYPE sst [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "' + f"&lol{i - 1 if i > 1 else ''};" * 10 + '">' for i in range(1, 10)
    )
    + "]>"
)


def _file(name: str, content: bytes | str) -> Make:
    def make(folder: Path, base: bytes) -> list[str]:
        path = folder / name
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        return ["calc" if name.endswith((".yaml", ".json")) else "read", str(path)]

    return make


def _scenario(text: str, name: str = "scenarie.yaml") -> Make:
    return _file(name, text)


def _book(edit: Callable[[bytes], bytes], name: str = "SOM.xlsx") -> Make:
    def make(folder: Path, base: bytes) -> list[str]:
        path = folder / name
        path.write_bytes(edit(base))
        return ["read", str(path)]

    return make


def _special(kind: str, command: str, name: str) -> Make:
    """A folder, a missing file, a symlink loop or a pipe where a file should be."""

    def make(folder: Path, base: bytes) -> list[str]:
        path = folder / name
        if kind == "folder":
            path.mkdir()
        elif kind == "loop":
            os.symlink(path, path)
        elif kind == "fifo":
            os.mkfifo(path)
        return [command, str(path)]

    return make


def _huge_scenario(folder: Path, base: bytes) -> list[str]:
    path = folder / "stor.yaml"
    with path.open("w") as handle:
        handle.write(SCENARIO + "# " + "x" * (MAX_DATA_FILE_BYTES + 10) + "\n")
    return ["calc", str(path)]


def _ole(marker: str) -> bytes:
    """An OLE compound file's start, with a directory entry's name (UTF-16) inside."""
    head = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    return head + marker.encode("utf-16-le") + b"\0" * 2000


def _zip(content: dict[str, bytes]) -> bytes:
    return xlsx.pack(content)


def _add(name: str, data: bytes) -> Callable[[bytes], bytes]:
    def edit(base: bytes) -> bytes:
        content = xlsx.parts(base)
        content[name] = data
        return xlsx.pack(content)

    return edit


def _types(old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    return lambda base: xlsx.change(base, "[Content_Types].xml", lambda t: t.replace(old, new))


def _many_cells(base: bytes) -> bytes:
    part = xlsx.sheet_part(base, T.FORSIDE)
    rows = MAX_CELLS // 10 + 1
    extra = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>1</v></c>' for c in "ABCDEFGHIJ") + "</row>"
        for r in range(1000, 1000 + rows)
    ).encode()
    return xlsx.change(base, part, lambda t: t.replace(b"</sheetData>", extra + b"</sheetData>"))


def _too_big(folder: Path, base: bytes) -> list[str]:
    path = folder / "SOM.xlsx"
    with path.open("wb") as handle:
        handle.write(base)
        handle.seek(MAX_WORKBOOK_BYTES + 1)
        handle.write(b"\0")
    return ["read", str(path)]


def _zip_bomb(base: bytes) -> bytes:
    """25 MB of zeros in one part: about 25 kB packed."""
    return _add("xl/media/bombe.bin", b"\0" * 25_000_000)(base)


def _element_bomb(base: bytes) -> bytes:
    """A part of a million empty XML elements (4 MB)."""
    return _add("xl/extra.xml", b"<a/>" * (MAX_XML_ELEMENTS + 1))(base)


def _unpacked_total(base: bytes) -> bytes:
    """Three parts of 15 MB each: every one within the part limit, together over the total."""
    content = xlsx.parts(base)
    content.update({f"xl/media/{i}.bin": b"\0" * 15_000_000 for i in range(3)})
    return xlsx.pack(content)


def _many_parts(base: bytes) -> bytes:
    content = xlsx.parts(base)
    content.update({f"xl/media/x{i}.bin": b"" for i in range(1001)})
    return xlsx.pack(content)


def _flag_encrypted(base: bytes) -> bytes:
    """Set the 'encrypted' flag of every part in the zip's central directory."""
    data = bytearray(base)
    for found in re.finditer(rb"PK\x01\x02", bytes(data)):
        at = found.start() + 8
        (flags,) = struct.unpack_from("<H", data, at)
        struct.pack_into("<H", data, at, flags | 1)
    return bytes(data)


def _bad_checksum(base: bytes) -> bytes:
    """Change the stored CRC of the largest part (its content then fails the check)."""
    with zipfile.ZipFile(__import__("io").BytesIO(base)) as z:
        info = max(z.infolist(), key=lambda i: i.file_size)
    data = bytearray(base)
    crc = struct.pack("<I", info.CRC)
    at = data.find(crc)
    assert at > 0
    data[at : at + 4] = struct.pack("<I", info.CRC ^ 0xFFFF)
    at = data.find(crc, at + 4)
    if at > 0:
        data[at : at + 4] = struct.pack("<I", info.CRC ^ 0xFFFF)
    return bytes(data)


def _stamp(change: Callable[[str], str | None]) -> Callable[[bytes], bytes]:
    return lambda base: xlsx.set_stamp(base, change(xlsx.stamp_of(base)))


def _set_count(key: str, value: str) -> Callable[[str], str]:
    return lambda stamp: re.sub(rf"{key}=\d+", f"{key}={value}", stamp)


def _cell(sheet: str, ref: str, xml: str) -> Callable[[bytes], bytes]:
    return lambda base: xlsx.set_cell(base, sheet, ref, xml)


def _first_number(base: bytes, sheet: str, row: int) -> str:
    """The first cell of a row (1-based) on a sheet that holds a plain number."""
    text = xlsx.parts(base)[xlsx.sheet_part(base, sheet)]
    found = re.search(rb'<c r="([A-Z]+' + str(row).encode() + rb')"(?: s="\d+")?><v>', text)
    assert found is not None, (sheet, row)
    return found.group(1).decode()


def _kb_number(sheet: str, value: str) -> Callable[[bytes], bytes]:
    def edit(base: bytes) -> bytes:
        ref = _first_number(base, sheet, 4)
        return xlsx.set_cell(base, sheet, ref, f"<v>{value}</v>")

    return edit


# --- outputs: build stamps and unwritable places --------------------------------------------


def _build(stamp: Callable[[Path], None], user_file: bool = True) -> Make:
    """A changed workbook of the user's beside an odd stamp; `som-xl build` over it."""

    def make(folder: Path, base: bytes) -> list[str]:
        out = folder / "SOM.xlsx"
        if user_file:
            out.write_bytes(b"brugerens egne tal")
        stamp(folder / ".SOM.xlsx.sha256")
        return ["build", "--out", str(out)]

    return make


def _garbage(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 4)


def _mine(path: Path) -> None:
    other = path.parent / "mine_tal.txt"
    other.write_text("mine tal\n")
    os.symlink(other, path)


def _out(kind: str) -> Make:
    def make(folder: Path, base: bytes) -> list[str]:
        scenario = folder / "scenarie.yaml"
        scenario.write_text(SCENARIO)
        if kind == "build-folder":
            (folder / "SOM.xlsx").mkdir()
            return ["build", "--out", str(folder / "SOM.xlsx")]
        (folder / "fil").write_text("en fil\n")
        if kind == "build-under-file":
            return ["build", "--out", str(folder / "fil" / "SOM.xlsx")]
        if kind == "csv-folder":
            (folder / "ud.csv").mkdir()
            return ["calc", "--csv", "--out", str(folder / "ud.csv"), str(scenario)]
        if kind == "csv-under-file":
            return ["calc", "--csv", "--out", str(folder / "fil" / "ud.csv"), str(scenario)]
        book = folder / "SOM.xlsx"
        book.write_bytes(base)
        (folder / "scenarie_ud.yaml").mkdir()
        return ["read", str(book), "--scenario-out", str(folder / "scenarie_ud.yaml")]

    return make


_ADD_COST = "|<v>1e300</v>"
#: The first yearly amount on Omkostninger (the first year of the first row).
_COST_CELL = a1(Layout.ycost_first, Layout.cost_year_col)
_DIGITS = "1" + "0" * 400

CASES: list[Case] = [
    # --- scenario files: bombs, nesting, size -------------------------------------------------
    Case(
        "alias_bomb_name",
        _scenario(SCENARIO.replace("name: Test\n", "") + BILLION_LAUGHS + "name: *i\n"),
        "YAML-ankre og -aliaser (& og *) er ikke tilladt",
    ),
    Case(
        "alias_bomb_costs",
        _scenario(SCENARIO + "costs:\n  - {label: &x A, kind: once, year: 2025, amount: *x}\n"),
        "YAML-ankre og -aliaser",
    ),
    Case("merge_key", _scenario(SCENARIO + "x: &b {a: 1}\ny:\n  <<: *b\n"), "YAML-ankre"),
    Case("deep_json", _scenario('{"name": ' + "[" * 5000 + "]" * 5000 + "}", "d.json"), "højst 20"),
    Case("deep_yaml_flow", _scenario(SCENARIO + "x: " + "[" * 5000 + "]" * 5000), "højst 20"),
    Case(
        "deep_yaml_block",
        _scenario(SCENARIO + "".join(f"{'  ' * i}k{i}:\n" for i in range(30)) + "  " * 30 + "1"),
        "niveauer",
    ),
    Case("huge_scenario", _huge_scenario, "er for stor", heavy=True),
    Case(
        "wide_yaml_block", _scenario(SCENARIO + "x:\n" + "- 1\n" * 1_000_000), "for mange værdier"
    ),
    Case(
        "wide_yaml_flow", _scenario(SCENARIO + "x: [" + "1," * 2_000_000 + "1]\n"), "højst 50.000"
    ),
    Case(
        "wide_json",
        _scenario(
            '{"participants": {' + ",".join(f'"{i}": 1' for i in range(300_000)) + "}}", "w.json"
        ),
        "for mange værdier",
        heavy=True,
    ),
    # --- scenario files: parser errors in Danish, with the line --------------------------------
    Case("tab_indent", _scenario(SCENARIO + "costs:\n\t- {label: A}\n"), "tabulatortegn"),
    Case("tab_after_dash", _scenario(SCENARIO + "costs:\n  -\t{label: A}\n"), "linje"),
    Case("python_tag", _scenario(SCENARIO + "x: !!python/object:os.system x\n"), "ukendt YAML"),
    Case("bad_char", _scenario(SCENARIO + "x: @hej\n"), "et tegn, der ikke kan stå her"),
    Case("unclosed_list", _scenario(SCENARIO + "costs: [1, 2\n"), "ikke afsluttet korrekt"),
    Case("unclosed_quote", _scenario(SCENARIO + "x: 'hej\n"), "ikke afsluttet med anførselstegn"),
    Case("nul_byte", _scenario(SCENARIO + "x: a\0b\n"), "kontroltegn"),
    Case("two_documents", _scenario(SCENARIO + "---\nb: 2\n"), "flere YAML-dokumenter"),
    Case("unhashable_key", _scenario(SCENARIO + "? [a, b]\n: 1\n"), "bruges som nøgle"),
    Case(
        "latin1",
        _file("s.yaml", SCENARIO.encode() + "x: Søren\n".encode("latin-1")),
        "gem filen som UTF-8",
    ),
    Case("utf16", _file("s.yaml", SCENARIO.encode("utf-16")), "ikke tekst i UTF-8"),
    Case("random_bytes", _file("s.yaml", bytes(range(256)) * 8), "ikke tekst i UTF-8"),
    Case("empty_scenario", _scenario(""), "er tom"),
    Case("only_comments", _scenario("# intet\n# her\n"), "er tom"),
    Case("json_trailing_comma", _scenario('{"name": "x",}', "s.json"), "dobbelte anførselstegn"),
    Case("json_duplicate", _scenario('{"name": "x", "name": "y"}', "s.json"), "står to gange"),
    Case("json_single_quotes", _scenario("{'name': 1}", "s.json"), "ugyldig JSON"),
    # --- scenario files: odd paths -----------------------------------------------------------
    Case("scenario_folder", _special("folder", "calc", "mappe.yaml"), "er en mappe"),
    Case("scenario_missing", _special("missing", "calc", "mangler.yaml"), "findes ikke"),
    Case("scenario_loop", _special("loop", "calc", "loop.yaml"), "symbolske links"),
    Case("scenario_fifo", _special("fifo", "calc", "pipe.yaml"), "ikke en almindelig fil"),
    Case("validate_fifo", _special("fifo", "validate", "pipe.yaml"), "ikke en almindelig fil"),
    # --- scenario files: numbers at the edge ----------------------------------------------------
    Case(
        "cost_1e300",
        _scenario(SCENARIO + "costs: [{label: a, kind: once, year: 2025, amount: 1e300}]\n"),
        "urealistisk stort",
    ),
    Case(
        "participants_1e308",
        _scenario(SCENARIO.replace("{2025: 10}", "{2025: 1.0e308}")),
        "urealistisk stort (højst 10.000.000",
    ),
    Case("participants_inf", _scenario(SCENARIO.replace("{2025: 10}", "{2025: .inf}")), "endeligt"),
    Case("participants_nan", _scenario(SCENARIO.replace("{2025: 10}", "{2025: .nan}")), "endeligt"),
    Case(
        "participants_400_digits",
        _scenario(SCENARIO.replace("{2025: 10}", "{2025: " + _DIGITS + "}")),
        "højst 15 cifre",
    ),
    Case("year_5000_digits", _scenario(SCENARIO + "price_year: 1" + "0" * 5000 + "\n"), "cifre"),
    Case(
        "json_1e400",
        _scenario('{"name": "x", "participants": {"2025": 1e400}}', "s.json"),
        "endeligt tal",
    ),
    Case("json_nan", _scenario('{"name": "x", "success_rate": NaN}', "s.json"), "endeligt tal"),
    Case("json_5000_digits", _scenario('{"name": 1' + "0" * 5000 + "}", "s.json"), "cifre"),
    # --- workbooks: what the file is --------------------------------------------------------
    Case("book_empty", _file("SOM.xlsx", b""), "filen er tom"),
    Case("book_folder", _special("folder", "read", "SOM.xlsx"), "det er en mappe"),
    Case("book_missing", _special("missing", "read", "SOM.xlsx"), T.READ_MISSING),
    Case("book_loop", _special("loop", "read", "SOM.xlsx"), "symbolske links"),
    Case("book_fifo", _special("fifo", "read", "SOM.xlsx"), "ikke en almindelig fil"),
    Case("book_is_scenario", _file("SOM.xlsx", SCENARIO), "tekstfil"),
    Case("book_pdf", _file("SOM.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), "PDF-fil"),
    Case("book_encrypted", _file("SOM.xlsx", _ole("EncryptedPackage")), "fjern adgangskoden"),
    Case("book_xls", _file("SOM.xls", _ole("Workbook")), "gammel Excel-fil (.xls"),
    Case("book_ole_other", _file("SOM.xlsx", _ole("Noget")), "adgangskode"),
    Case(
        "book_ods",
        _file("SOM.ods", _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"})),
        "OpenDocument",
    ),
    Case(
        "book_docx",
        _file(
            "SOM.xlsx",
            _zip({"[Content_Types].xml": b"wordprocessingml", "word/document.xml": b"<w/>"}),
        ),
        "Word-dokument",
    ),
    Case("book_plain_zip", _file("SOM.xlsx", _zip({"hej.txt": b"hej"})), "zip-arkiv uden"),
    Case("book_xlsm", _book(_add("xl/vbaProject.bin", b"\0" * 100), "SOM.xlsm"), "makroer"),
    Case(
        "book_xlsb",
        _book(_types(b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.binary.macroEnabled.main")),
        "binær Excel-projektmappe",
    ),
    Case("book_truncated", _book(lambda b: b[:20000]), "beskadiget"),
    Case("book_bad_checksum", _book(_bad_checksum), "beskadiget"),
    Case("book_zip_encrypted", _book(_flag_encrypted), "krypteret i zip-arkivet"),
    # --- workbooks: bombs -----------------------------------------------------------------
    Case("book_too_big", _too_big, "højst 20 MB", heavy=True),
    Case("zip_bomb", _book(_zip_bomb), "zip-bombe", heavy=True),
    Case(
        "zip_unpacked_total",
        _book(_unpacked_total),
        "højst 40 MB",
        heavy=True,
    ),
    Case("zip_many_parts", _book(_many_parts), "for mange dele", heavy=True),
    Case("cell_bomb", _book(_many_cells), f"højst {MAX_CELLS:,}".replace(",", "."), heavy=True),
    Case(
        "element_bomb",
        _book(_element_bomb),
        "for mange elementer",
        heavy=True,
    ),
    Case(
        "entity_bomb",
        _book(
            lambda b: xlsx.with_doctype(b, "xl/sharedStrings.xml", ENTITY_BOMB, "&lol9;"),
        ),
        "DTD eller entiteter",
        heavy=True,
    ),
    Case(
        "external_entity",
        _book(
            lambda b: xlsx.with_doctype(
                b,
                "xl/sharedStrings.xml",
                '<!DOCTYPE sst [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
                "&e;",
            )
        ),
        "DTD eller entiteter",
    ),
    # --- workbooks: forged layout stamps ----------------------------------------------------
    Case(
        "stamp_huge_count",
        _book(_stamp(_set_count("services", "999999999"))),
        "services=999999999; det skal ligge mellem 0 og 5000",
        heavy=True,
    ),
    Case("stamp_more_rows", _book(_stamp(_set_count("cons_rows", "4000"))), "har kun"),
    Case("stamp_profile", _book(_stamp(_set_count("profile", "100000"))), "mellem 10 og 50"),
    Case("stamp_max_cons", _book(_stamp(_set_count("max_cons", "4999"))), "max_cons=4999"),
    Case("stamp_digits", _book(_stamp(_set_count("groups", "9" * 5000))), "anden version"),
    Case("stamp_superscript", _book(_stamp(_set_count("groups", "²"))), "anden version"),
    Case("stamp_other_version", _book(_stamp(lambda s: "v9" + s[2:])), "som-xl (v9)"),
    Case("stamp_missing", _book(_stamp(lambda s: None)), "ikke en SØM-projektmappe"),
    # --- workbooks: numbers at the edge ------------------------------------------------------
    Case(
        "book_cost_1e300",
        _book(_cell(T.OMKOSTNINGER, _COST_CELL, _ADD_COST)),
        f"{_COST_CELL}: Beløb er urealis",
    ),
    Case(
        "book_participants_1e308",
        _book(_cell(T.INDSATS, "C30", "<v>1e308</v>")),
        "Indsats og målgruppe!C30",
    ),
    Case("book_participants_neg", _book(_cell(T.INDSATS, "C30", "<v>-1e308</v>")), "C30"),
    Case("book_participants_inf", _book(_cell(T.INDSATS, "C30", "<v>1E999</v>")), "endeligt tal"),
    Case("book_horizon_huge", _book(_cell(T.INDSTILLINGER, "C6", "<v>1e308</v>")), "mellem 1 og"),
    Case(
        "book_rate_text",
        _book(_cell(T.INDSATS, "C25", 't="inlineStr"|<is><t>tredive</t></is>')),
        "C25: Succesrate",
    ),
    Case("book_rate_error", _book(_cell(T.INDSATS, "C25", 't="e"|<v>#DIV/0!</v>')), "C25"),
    Case("kb_price_1e300", _book(_kb_number(T.VD_YDELSER, "1e300")), "vidensdatabasens tal"),
    Case("kb_price_inf", _book(_kb_number(T.VD_YDELSER, "-1E999")), "vidensdatabasens tal"),
    Case("kb_profile_huge", _book(_kb_number(T.VD_KONSEKVENSER, "1e308")), "urealistisk stort"),
    # --- outputs: odd build stamps never stop a build, nothing of the user's is lost ---------
    Case("stamp_garbage", _build(_garbage), "Den eksisterende fil er gemt", 0, seconds=10),
    Case("stamp_folder", _build(lambda p: p.mkdir()), "kunne ikke skrives", 0, seconds=10),
    Case("stamp_link", _build(_mine), "kunne ikke skrives", 0, seconds=10),
    Case("stamp_fifo", _build(os.mkfifo), "gemt som", 0, seconds=10),
    Case("stamp_large", _build(lambda p: p.write_bytes(b"a" * 2_000_000)), "gemt", 0, seconds=10),
    Case("out_folder", _out("build-folder"), "er en mappe", seconds=10),
    Case("out_under_file", _out("build-under-file"), "en fil står, hvor mappen", seconds=10),
    Case("csv_folder", _out("csv-folder"), "er en mappe"),
    Case("csv_under_file", _out("csv-under-file"), "en fil står, hvor mappen skulle være"),
    Case("scenario_out_folder", _out("scenario-out-folder"), "er en mappe; angiv et filnavn"),
]
