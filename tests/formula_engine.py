"""A small, strict Excel formula evaluator for the generated workbooks (a test helper).

It recalculates a whole ``.xlsx`` in pure Python, in a few seconds and without LibreOffice,
so a test can compare every formula cell with the value the engine cached in it. It knows
exactly the part of Excel that som-xl's workbooks use, and refuses everything else: an
unknown function, an unsupported syntax or a case whose result depends on something it
does not model (implicit intersection, text ordering, locale-dependent number parsing, an
unsorted approximate MATCH …) raises :class:`NotImplementedError` naming it, rather than
returning a value that might be wrong.

What it models
--------------
* values: numbers (``float``), texts, booleans, errors (:class:`XlError`) and the blank cell
  (``BLANK`` inside formulas: 0 in arithmetic, "" against text; a formula that returns a
  blank shows 0);
* operators with Excel's precedence: range ``:`` (in references), unary ``-``/``+``, ``%``,
  ``^`` (left-associative), ``* /``, ``+ -``, ``&``, comparisons ``= <> < > <= >=``; errors
  propagate left operand first; ``=`` on texts ignores case; numbers < texts < booleans;
* references with ``$`` and sheet prefixes (``'Hurtigt skøn'!A1``), ranges incl. whole
  columns/rows, workbook- and sheet-scoped defined names, array formulas (spilled over their
  area with Excel's broadcasting);
* the functions ABS AND CHOOSE COLUMN COUNT COUNTA COUNTIF IF IFERROR INDEX INT ISNUMBER MATCH
  MAX MIN MINIFS N NA NORM.DIST (cumulative) NORM.INV OR RANK ROUND ROW ROWS SUM SUMIFS
  SUMPRODUCT (newer names with or without their file prefix ``_xlfn.``), and TEXT with a
  pattern of zeros only ("000") (SUMPRODUCT evaluates its arguments as arrays:
  ``(A1:A9="x")*ISNUMBER(B1:C9)`` broadcasts a column against a block, as Excel does; ABS
  and SIGN work element by element there).

Numbers are turned into text the way Danish Excel does by default (decimal comma), because
the workbook is made for Danish Excel and its cached texts follow that; pass
``decimal_separator="."`` for an English Excel.

Numbers compare exactly (LibreOffice allows a relative 2^-48 in ``=``; the workbook
compares whole numbers, or uses an explicit tolerance such as ``>=-1E-06``). ROUND rounds
half away from zero on the 15 significant digits Excel shows.

The ``.xlsx`` is read directly (sheets, shared strings, formulas incl. shared and array
formulas, cached values, defined names); cells are computed lazily, each after its
precedents (an explicit stack, no deep recursion), once per change; a cycle raises
:class:`CircularReferenceError`.

Usage::

    book = Book.load("workbooks/SOM.xlsx")
    book.compare_cached()  # [] when every formula gives its cached value
    scenario = book.copy()
    scenario.set("Indsats og målgruppe", "C25", 0.3)  # a user typing an input
    scenario.name_value("som.nettoresultat_nv")
"""

from __future__ import annotations

import bisect
import functools
import io
import itertools
import math
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from statistics import NormalDist
from typing import IO, Any, Final, TypeAlias

from openpyxl.utils.cell import column_index_from_string, get_column_letter

__all__ = [
    "BLANK",
    "Book",
    "CircularReferenceError",
    "Mismatch",
    "XlError",
    "parse",
]

MAX_ROW: Final = 1_048_576
MAX_COL: Final = 16_384


# --------------------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class XlError:
    """An Excel error value such as ``#N/A``."""

    code: str

    def __repr__(self) -> str:
        return self.code


class _Blank:
    """The value of an empty cell inside a formula."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "BLANK"


BLANK: Final = _Blank()
NA: Final = XlError("#N/A")
REF: Final = XlError("#REF!")
VALUE: Final = XlError("#VALUE!")
DIV0: Final = XlError("#DIV/0!")
NUM: Final = XlError("#NUM!")
NAME: Final = XlError("#NAME?")
ERROR_CODES: Final = frozenset(
    ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!", "#GETTING_DATA"]
)

Scalar: TypeAlias = float | str | bool | XlError | _Blank
Grid: TypeAlias = list[list[Scalar]]
#: A value as the public API returns it: ``None`` for an empty constant cell.
Value: TypeAlias = float | str | bool | XlError | None
CellKey: TypeAlias = tuple[int, int, int]  # sheet index, row, column (1-based)


class CircularReferenceError(Exception):
    """A formula depends on itself."""


class _Unsupported(NotImplementedError):
    """A cell whose formula the evaluator does not support (raised again for dependents)."""


# --------------------------------------------------------------------------------------
# Syntax tree
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Lit:
    value: Scalar


@dataclass(frozen=True, slots=True)
class Ref:
    sheet: int
    r1: int
    c1: int
    r2: int
    c2: int

    @property
    def is_cell(self) -> bool:
        return self.r1 == self.r2 and self.c1 == self.c2


@dataclass(frozen=True, slots=True)
class Unary:
    op: str  # "-", "+" or "%"
    operand: Node


@dataclass(frozen=True, slots=True)
class Binary:
    op: str
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Call:
    name: str
    args: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Missing:
    """An empty function argument, as in ``F(a,,b)``."""


Node: TypeAlias = Lit | Ref | Unary | Binary | Call | Missing

_PARSING: Final = Missing()  # marks a defined name whose definition is being parsed


# --------------------------------------------------------------------------------------
# Tokenizer and parser
# --------------------------------------------------------------------------------------

_SHEET = r"(?:'(?:[^']|'')+'|[A-Za-z_\u00c0-\uffff][\w.\u00c0-\uffff]*)"
_AREA = (
    r"\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?"  # A1, A1:B7
    r"|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}"  # A:C
    r"|\$?\d+:\$?\d+"  # 3:5
)
_TOKEN = re.compile(
    rf"""
     (?P<ws>\s+)
    |(?P<str>"(?:[^"]|"")*")
    |(?P<err>\#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A|GETTING_DATA))
    |(?P<ref>(?:(?P<sheet>{_SHEET})!)?(?P<area>{_AREA})(?![\w.(!\u00c0-\uffff]))
    |(?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
    |(?P<word>[A-Za-z_\\\u00c0-\uffff][\w.\u00c0-\uffff]*)
    |(?P<op><>|<=|>=|[-+*/^&=<>%])
    |(?P<lp>\()
    |(?P<rp>\))
    |(?P<comma>,)
    |(?P<other>.)
    """,
    re.VERBOSE,
)
_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")
_COLS = re.compile(r"\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})")
_ROWS = re.compile(r"\$?(\d+):\$?(\d+)")

Token: TypeAlias = tuple[str, str, Any]  # kind, text, payload

#: Binding of the binary operators, loosest first (unary -, + and % bind tighter than all).
_LEVEL: Final = {
    **dict.fromkeys(("=", "<>", "<", ">", "<=", ">="), 0),
    "&": 1,
    "+": 2,
    "-": 2,
    "*": 3,
    "/": 3,
    "^": 4,
}

#: Resolves a sheet name to its index; a name (and the host sheet) to its definition.
SheetLookup: TypeAlias = Callable[[str], int]
NameLookup: TypeAlias = Callable[[str, int | None], Node]


@functools.cache
def _area(text: str) -> tuple[int, int, int, int]:
    """``A1``/``A1:B7``/``A:C``/``3:5`` → (r1, c1, r2, c2), 1-based, normalised."""
    m = _COLS.fullmatch(text)
    if m:
        c1, c2 = (column_index_from_string(g.upper()) for g in m.groups())
        r1, r2 = 1, MAX_ROW
    elif m := _ROWS.fullmatch(text):
        r1, r2 = int(m.group(1)), int(m.group(2))
        c1, c2 = 1, MAX_COL
    else:
        parts = [_CELL.fullmatch(p) for p in text.split(":")]
        if not all(parts):
            raise NotImplementedError(f"reference {text!r}")
        coords = [(int(p.group(2)), column_index_from_string(p.group(1).upper())) for p in parts]  # type: ignore[union-attr]
        (r1, c1), (r2, c2) = coords[0], coords[-1]
    r1, r2 = sorted((r1, r2))
    c1, c2 = sorted((c1, c2))
    if r1 < 1 or c1 < 1 or r2 > MAX_ROW or c2 > MAX_COL:
        raise ValueError(text)
    return r1, c1, r2, c2


def tokenize(formula: str) -> list[Token]:
    """Split a formula (without its leading ``=``) into tokens; raises on unknown syntax."""
    out: list[Token] = []
    for m in _TOKEN.finditer(formula):
        kind = m.lastgroup
        text = m.group(0)
        if kind == "ref" or kind == "sheet" or kind == "area":
            kind = "ref"
            try:
                area = _area(m.group("area"))
            except ValueError:  # beyond XFD1048576: a name that looks like a cell
                kind, area = "word", None
            if kind == "ref":
                sheet = m.group("sheet")
                if sheet is not None and sheet.startswith("'"):
                    sheet = sheet[1:-1].replace("''", "'")
                out.append(("ref", text, (sheet, area)))
                continue
        if kind == "ws":
            continue
        if kind == "other":
            raise NotImplementedError(f"syntax {text!r} in formula ={formula}")
        assert kind is not None
        out.append((kind, text, None))
    return out


class _Parser:
    """Recursive descent with Excel's operator precedence."""

    def __init__(
        self, formula: str, host: int | None, sheets: SheetLookup, names: NameLookup
    ) -> None:
        self.formula = formula
        self.tokens = tokenize(formula)
        self.pos = 0
        self.host = host
        self.sheets = sheets
        self.names = names

    def fail(self, what: str) -> NotImplementedError:
        return NotImplementedError(f"{what} in formula ={self.formula}")

    def peek(self) -> Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> Token:
        tok = self.peek()
        if tok is None:
            raise self.fail("unexpected end")
        self.pos += 1
        return tok

    def parse(self) -> Node:
        node = self.comparison()
        if self.peek() is not None:
            raise self.fail(f"unexpected {self.peek()[1]!r}")  # type: ignore[index]
        return node

    def comparison(self) -> Node:
        return self.binary(0)

    def binary(self, floor: int) -> Node:
        """Precedence climbing over the left-associative binary operators."""
        node = self.unary()
        while (tok := self.peek()) is not None and tok[0] == "op":
            level = _LEVEL.get(tok[1])
            if level is None or level < floor:
                break
            self.pos += 1
            node = Binary(tok[1], node, self.binary(level + 1))
        return node

    def unary(self) -> Node:
        tok = self.peek()
        if tok is not None and tok[0] == "op" and tok[1] in ("-", "+"):
            self.pos += 1
            return Unary(tok[1], self.unary())
        node = self.primary()
        while (tok := self.peek()) is not None and tok[:2] == ("op", "%"):
            self.pos += 1
            node = Unary("%", node)
        return node

    def primary(self) -> Node:
        kind, text, payload = self.take()
        if kind == "num":
            return Lit(float(text))
        if kind == "str":
            return Lit(text[1:-1].replace('""', '"'))
        if kind == "err":
            return Lit(XlError(text))
        if kind == "ref":
            sheet_name, (r1, c1, r2, c2) = payload
            if sheet_name is None:
                if self.host is None:
                    raise self.fail(f"reference {text} without a sheet")
                sheet = self.host
            else:
                sheet = self.sheets(sheet_name)
            return Ref(sheet, r1, c1, r2, c2)
        if kind == "lp":
            node = self.comparison()
            if self.take()[0] != "rp":
                raise self.fail("missing ')'")
            return node
        if kind == "word":
            nxt = self.peek()
            if nxt is not None and nxt[0] == "lp":
                self.pos += 1
                return self.call(text)
            if text.upper() in ("TRUE", "FALSE"):
                return Lit(text.upper() == "TRUE")
            return self.names(text, self.host)
        raise self.fail(f"unexpected {text!r}")

    def call(self, name: str) -> Call:
        upper = name.upper()
        for prefix in ("_XLFN.", "_XLWS."):
            upper = upper.removeprefix(prefix)
        args: list[Node] = []
        if (tok := self.peek()) is not None and tok[0] == "rp":
            self.pos += 1
            return Call(upper, ())
        while True:
            tok = self.peek()
            if tok is not None and tok[0] in ("comma", "rp"):
                args.append(Missing())
            else:
                args.append(self.comparison())
            kind = self.take()[0]
            if kind == "rp":
                return Call(upper, tuple(args))
            if kind != "comma":
                raise self.fail(f"unexpected token in the arguments of {name}")


def parse(
    formula: str,
    host: int | None = 0,
    sheets: SheetLookup | None = None,
    names: NameLookup | None = None,
) -> Node:
    """Parse a formula (with or without ``=``) into a syntax tree."""

    def no_sheets(name: str) -> int:
        raise NotImplementedError(f"sheet {name!r}")

    def no_names(name: str, host: int | None) -> Node:
        return Lit(NAME)

    text = formula[1:] if formula.startswith("=") else formula
    return _Parser(text, host, sheets or no_sheets, names or no_names).parse()


def _refs(node: Node) -> Iterator[Ref]:
    """Every reference in a syntax tree."""
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, Ref):
            yield n
        elif isinstance(n, Binary):
            stack += (n.left, n.right)
        elif isinstance(n, Unary):
            stack.append(n.operand)
        elif isinstance(n, Call):
            stack += n.args


# --------------------------------------------------------------------------------------
# Scalar semantics
# --------------------------------------------------------------------------------------

_INT_TEXT = re.compile(r"[+-]?\d+")
_NUMBERISH = re.compile(r"[\d\s.,+\-eE%/:]*\d[\d\s.,+\-eE%/:]*")


def _is_num(v: object) -> bool:
    return type(v) is float


def text_number(text: str, decimal: str) -> float | None:
    """A text as Excel would read it as a number, or None if it is not one.

    Plain integers and decimals with the book's decimal separator are read; other texts
    made of digits and number punctuation (dates, times, percentages, thousands
    separators, the other decimal separator) depend on Excel's locale: NotImplementedError.
    """
    s = text.strip()
    if _INT_TEXT.fullmatch(s):
        return float(s)
    d = re.escape(decimal)
    if re.fullmatch(rf"[+-]?(?:\d+(?:{d}\d*)?|{d}\d+)(?:[eE][+-]?\d+)?", s):
        return float(s.replace(decimal, "."))
    if _NUMBERISH.fullmatch(s):
        raise NotImplementedError(f"the text {text!r} read as a number (depends on the locale)")
    return None


def to_number(v: Scalar, decimal: str) -> float | XlError:
    """Coerce a value for arithmetic: blank 0, TRUE 1, numeric text, else #VALUE!."""
    if type(v) is float:
        return v
    if type(v) is bool:
        return 1.0 if v else 0.0
    if v is BLANK:
        return 0.0
    if isinstance(v, XlError):
        return v
    assert isinstance(v, str)
    n = text_number(v, decimal)
    return VALUE if n is None else n


def number_text(x: float, decimal: str) -> str:
    """A number as Excel's General format turns it into text (15 significant digits)."""
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    s = f"{x:.15g}"
    if "e" in s:
        if abs(x) < 1:
            raise NotImplementedError(f"the number {x!r} as text (scientific notation)")
        mantissa, exponent = s.split("e")
        s = f"{mantissa}E{exponent[0]}{int(exponent[1:]):02d}"
    return s.replace(".", decimal)


def to_text(v: Scalar, decimal: str) -> str | XlError:
    """Coerce a value for ``&``: blank "", numbers in General format."""
    if isinstance(v, str):
        return v
    if v is BLANK:
        return ""
    if isinstance(v, XlError):
        return v
    if type(v) is bool:
        raise NotImplementedError("TRUE/FALSE as text (the words depend on Excel's language)")
    assert isinstance(v, float)
    return number_text(v, decimal)


def _rank(v: Scalar) -> int:
    return 0 if type(v) is float else 1 if isinstance(v, str) else 2


def _unblank(a: Scalar, b: Scalar) -> tuple[Scalar, Scalar]:
    """A blank compared with a value takes that value's type: 0, "" or FALSE."""
    if a is BLANK and b is not BLANK:
        a = "" if isinstance(b, str) else False if type(b) is bool else 0.0
    elif b is BLANK and a is not BLANK:
        b = "" if isinstance(a, str) else False if type(a) is bool else 0.0
    return a, b


def compare(a: Scalar, b: Scalar) -> int:
    """Excel's ordering: numbers < texts < FALSE < TRUE; texts ignore case; blanks adapt."""
    if a is BLANK and b is BLANK:
        return 0
    a, b = _unblank(a, b)
    ra, rb = _rank(a), _rank(b)
    if ra != rb:
        return -1 if ra < rb else 1
    if isinstance(a, str):
        assert isinstance(b, str)
        if a.lower() == b.lower():
            return 0
        raise NotImplementedError(
            f"ordering the texts {a!r} and {b!r} (Excel's collation is not modelled)"
        )
    assert isinstance(a, float | bool) and isinstance(b, float | bool)
    return -1 if a < b else 1 if a > b else 0


def _equal(a: Scalar, b: Scalar) -> bool:
    """``=``: like types compare (texts ignoring case), unlike types are never equal."""
    a, b = _unblank(a, b)
    if a is BLANK and b is BLANK:
        return True
    if isinstance(a, str) and isinstance(b, str):
        return a.lower() == b.lower()
    return type(a) is type(b) and a == b


def _arith(op: str, x: float, y: float) -> float | XlError:
    try:
        if op == "+":
            r = x + y
        elif op == "-":
            r = x - y
        elif op == "*":
            r = x * y
        elif op == "/":
            if y == 0:
                return DIV0
            r = x / y
        else:  # "^"
            if x == 0 and y == 0:
                return NUM
            if x == 0 and y < 0:
                return DIV0
            if x < 0 and y != int(y):
                return NUM
            r = x**y
    except OverflowError:
        return NUM
    if math.isinf(r) or math.isnan(r):
        return NUM
    return r


def binary(op: str, a: Scalar, b: Scalar, decimal: str) -> Scalar:
    """One binary operator on two values (errors: the left one first)."""
    if isinstance(a, XlError):
        return a
    if isinstance(b, XlError):
        return b
    if op == "&":
        ta, tb = to_text(a, decimal), to_text(b, decimal)
        if isinstance(ta, XlError):
            return ta
        if isinstance(tb, XlError):
            return tb
        return ta + tb
    if op in ("+", "-", "*", "/", "^"):
        x, y = to_number(a, decimal), to_number(b, decimal)
        if isinstance(x, XlError):
            return x
        if isinstance(y, XlError):
            return y
        return _arith(op, x, y)
    if op == "=":
        return _equal(a, b)
    if op == "<>":
        return not _equal(a, b)
    c = compare(a, b)
    if op == "<":
        return c < 0
    if op == ">":
        return c > 0
    if op == "<=":
        return c <= 0
    if op == ">=":
        return c >= 0
    raise NotImplementedError(f"operator {op}")


def unary(op: str, a: Scalar, decimal: str) -> Scalar:
    x = to_number(a, decimal)
    if isinstance(x, XlError):
        return x
    if op == "-":
        return -x
    if op == "%":
        return x / 100
    return a if op == "+" else x


def excel_round(x: float, digits: int) -> float:
    """ROUND: half away from zero, on the value as Excel shows it (15 significant digits)."""
    try:
        q = Decimal(1).scaleb(-digits)
        return float(Decimal(f"{x:.15g}").quantize(q, rounding=ROUND_HALF_UP))
    except InvalidOperation:  # more digits than a double holds: nothing to round
        return x


def _truth(v: Scalar) -> bool | XlError:
    if type(v) is bool:
        return v
    if type(v) is float:
        return v != 0
    if v is BLANK:
        return False
    if isinstance(v, XlError):
        return v
    assert isinstance(v, str)
    if v.upper() in ("TRUE", "FALSE"):
        raise NotImplementedError(f"the text {v!r} as a logical value")
    return VALUE


def _wildcard(pattern: str) -> re.Pattern[str]:
    """Excel's ``*``, ``?`` and ``~`` escapes as a case-insensitive regular expression."""
    out = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "~" and i + 1 < len(pattern) and pattern[i + 1] in "*?~":
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        out.append(".*" if ch == "*" else "." if ch == "?" else re.escape(ch))
        i += 1
    return re.compile("".join(out), re.IGNORECASE | re.DOTALL)


def _text_matcher(text: str) -> Callable[[str], bool]:
    if any(ch in text for ch in "*?~"):
        rx = _wildcard(text)
        return lambda v: rx.fullmatch(v) is not None
    low = text.lower()
    return lambda v: v.lower() == low


def criterion(crit: Scalar, decimal: str) -> Callable[[Scalar], bool]:
    """The cell test of a SUMIFS/COUNTIF criterion such as ``">0"``, ``"<>x"`` or 5."""
    if isinstance(crit, XlError):
        raise TypeError("criterion is an error")  # callers return the error first
    if crit is BLANK:  # documented: a reference to an empty cell means 0
        crit = 0.0
    if type(crit) is bool:
        return lambda v: type(v) is bool and v == crit
    if type(crit) is float:
        return _numeric_criterion("=", crit, decimal)
    assert isinstance(crit, str)
    op = ""
    for o in ("<=", ">=", "<>", "<", ">", "="):
        if crit.startswith(o):
            op = o
            break
    rest = crit[len(op) :]
    n = text_number(rest, decimal) if rest.strip() else None
    if n is not None:
        return _numeric_criterion(op or "=", n, decimal)
    if rest.upper() in ("TRUE", "FALSE"):
        raise NotImplementedError(f"the criterion {crit!r} (logical values as text)")
    if op in ("<", ">", "<=", ">="):
        raise NotImplementedError(f"the criterion {crit!r} (text ordering)")
    if rest == "":
        if op == "":
            return lambda v: v is BLANK or v == ""
        if op == "=":
            return lambda v: v is BLANK
        return lambda v: v is not BLANK
    match = _text_matcher(rest)

    def test(v: Scalar) -> bool:
        if isinstance(v, XlError):
            if op == "<>":
                raise NotImplementedError(f"the criterion {crit!r} on an error cell")
            return False
        hit = isinstance(v, str) and match(v)
        return not hit if op == "<>" else hit

    return test


def _numeric_criterion(op: str, n: float, decimal: str) -> Callable[[Scalar], bool]:
    def test(v: Scalar) -> bool:
        if isinstance(v, str) and v.strip() and text_number(v, decimal) is not None:
            raise NotImplementedError(f"a criterion on the number {n} meets the text {v!r}")
        if type(v) is not float:
            return op == "<>"
        if op == "=":
            return v == n
        if op == "<>":
            return v != n
        if op == "<":
            return v < n
        if op == ">":
            return v > n
        if op == "<=":
            return v <= n
        return v >= n

    return test


def _cell_name(col: int, row: int) -> str:
    return f"{get_column_letter(col)}{row}"


def _parse_cell(cell: str) -> tuple[int, int]:
    m = _CELL.fullmatch(cell.strip())
    if not m:
        raise ValueError(f"not a cell address: {cell!r}")
    return int(m.group(2)), column_index_from_string(m.group(1).upper())


def _public(v: Scalar) -> Value:
    return None if v is BLANK else v  # type: ignore[return-value]


def _final(v: Scalar) -> Scalar:
    """A formula's result as the cell shows it: a blank is 0, no negative zero."""
    if v is BLANK:
        return 0.0
    if type(v) is float and v == 0:
        return 0.0
    return v


def _broadcast_at(g: Grid, i: int, j: int) -> Scalar:
    """Element (i, j) of an array stretched as Excel does: one row/column repeats."""
    h, w = len(g), len(g[0])
    ii = 0 if h == 1 else i
    jj = 0 if w == 1 else j
    if ii >= h or jj >= w:
        return NA
    return g[ii][jj]


# --------------------------------------------------------------------------------------
# Reading the .xlsx package
# --------------------------------------------------------------------------------------

_MAIN_NS: Final = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS: Final = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS: Final = "{http://schemas.openxmlformats.org/package/2006/relationships}"

#: A cell as stored: row, column, value (the cached one for a formula) and, for a formula,
#: (text without '=', kind "normal"/"array"/…, area of an array formula).
RawCell: TypeAlias = tuple[int, int, Value, tuple[str, str, str | None] | None]


@dataclass
class Package:
    """What :func:`read_xlsx` finds in an ``.xlsx``."""

    sheets: list[tuple[str, list[RawCell]]]
    names: dict[tuple[int | None, str], str]  # (sheet index or None, lower name) -> text


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(el: ET.Element) -> str:
    """The text of a shared or inline string (rich-text runs joined, phonetics left out)."""
    parts = [t.text or "" for t in el.findall(f"{_MAIN_NS}t")]
    parts += [t.text or "" for r in el.findall(f"{_MAIN_NS}r") for t in r.findall(f"{_MAIN_NS}t")]
    return "".join(parts)


def _cell_value(t: str, v: str | None, inline: str | None, strings: list[str]) -> Value:
    if t == "inlineStr":
        return inline or ""
    if v is None:
        return None
    if t == "s":
        return strings[int(v)]
    if t == "str":
        return v
    if t == "b":
        return v.strip() == "1"
    if t == "e":
        return XlError(v)
    if t == "n":
        return float(v) if v.strip() else None  # xlsxwriter writes a cached "" as <v></v>
    raise NotImplementedError(f"a cell of type {t!r}")


def _read_sheet(xml: IO[bytes], strings: list[str]) -> list[RawCell]:
    cells: list[RawCell] = []
    shared: dict[str, tuple[str, int, int]] = {}  # si -> (text, row, column) of the master
    for _, el in ET.iterparse(xml):
        if _local(el.tag) != "c":
            continue
        ref = el.get("r")
        if ref is None:
            raise NotImplementedError("a cell without an address")
        row, col = _parse_cell(ref)
        v = inline = None
        formula: tuple[str, str, str | None] | None = None
        for child in el:
            name = _local(child.tag)
            if name == "v":
                v = child.text
            elif name == "is":
                inline = _text(child)
            elif name == "f":
                kind = child.get("t", "normal")
                text = child.text or ""
                if kind == "shared":
                    si = child.get("si", "")
                    if text:
                        shared[si] = (text, row, col)
                    else:
                        text = _shift_formula(*shared[si], row, col)
                    kind = "normal"
                formula = (text, kind, child.get("ref"))
        cells.append((row, col, _cell_value(el.get("t", "n"), v, inline, strings), formula))
        el.clear()
    return cells


def _shift_formula(text: str, row0: int, col0: int, row: int, col: int) -> str:
    """A shared formula as it reads in another cell (relative references move)."""
    from openpyxl.formula.translate import Translator

    moved: str = Translator("=" + text, _cell_name(col0, row0)).translate_formula(
        _cell_name(col, row)
    )
    return moved[1:]


def read_xlsx(data: bytes) -> Package:
    """Sheets, cells (values and formulas) and defined names of an ``.xlsx``."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        workbook = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        targets = {
            r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG_REL_NS}Relationship")
        }
        strings: list[str] = []
        if "xl/sharedStrings.xml" in z.namelist():
            sst = ET.fromstring(z.read("xl/sharedStrings.xml"))
            strings = [_text(si) for si in sst.iter(f"{_MAIN_NS}si")]
        sheets: list[tuple[str, list[RawCell]]] = []
        for sheet in workbook.iter(f"{_MAIN_NS}sheet"):
            target = targets[sheet.get(f"{_REL_NS}id")]
            path = target.lstrip("/") if target.startswith("/") else "xl/" + target
            with z.open(path) as xml:
                sheets.append((sheet.get("name", ""), _read_sheet(xml, strings)))
        names: dict[tuple[int | None, str], str] = {}
        for dn in workbook.iter(f"{_MAIN_NS}definedName"):
            scope = dn.get("localSheetId")
            names[(int(scope) if scope is not None else None, dn.get("name", "").lower())] = (
                dn.text or ""
            )
    return Package(sheets, names)


# --------------------------------------------------------------------------------------
# The workbook
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mismatch:
    """A formula cell whose recalculated value differs from its cached value."""

    sheet: str
    cell: str
    formula: str
    cached: Value
    computed: Value | str  # the reason, for a cell the evaluator does not support

    def __str__(self) -> str:
        return f"{self.sheet}!{self.cell}: cached {self.cached!r}, computed {self.computed!r}"


class Book:
    """A workbook's cells, formulas and defined names, recalculated on demand."""

    def __init__(self, sheetnames: Sequence[str], *, decimal_separator: str = ",") -> None:
        self.sheetnames = list(sheetnames)
        self.decimal = decimal_separator
        self._sheet_index = {s.lower(): i for i, s in enumerate(self.sheetnames)}
        self._consts: dict[CellKey, Scalar] = {}
        self._formulas: dict[CellKey, str] = {}  # formula cells and array-formula anchors
        self._array_area: dict[CellKey, tuple[int, int]] = {}  # anchor -> (rows, columns)
        self._member_of: dict[CellKey, CellKey] = {}  # array cell -> its anchor
        self._names: dict[tuple[int | None, str], str] = {}  # (scope, lower name) -> text
        self.cached: dict[tuple[str, str], Value] = {}
        self.unsupported: dict[tuple[str, str], str] = {}
        self._invalidate(structure=True)

    # ---- loading -------------------------------------------------------------------

    @classmethod
    def load(
        cls,
        source: str | Path | bytes | IO[bytes],
        *,
        decimal_separator: str = ",",
        cached: bool = True,
    ) -> Book:
        """Read an ``.xlsx``: constants, formulas, defined names and (unless ``cached`` is
        False) the cached values of the formula cells."""
        data = Path(source).read_bytes() if isinstance(source, str | Path) else source
        if not isinstance(data, bytes):
            data = data.read()
        package = read_xlsx(data)
        book = cls([title for title, _ in package.sheets], decimal_separator=decimal_separator)
        for s, (title, cells) in enumerate(package.sheets):
            for row, col, value, formula in cells:
                key = (s, row, col)
                if formula is None:
                    if key not in book._member_of and value is not None:
                        book._consts[key] = value
                    continue
                book._add_formula(key, formula)
                if cached:
                    book.cached[(title, _cell_name(col, row))] = value
        for member in book._member_of:  # cells an array formula covers
            book._consts.pop(member, None)
        if cached:
            values = {(s, r, c): v for s, (_, cells) in enumerate(package.sheets)
                      for r, c, v, _ in cells}  # fmt: skip
            for member in book._member_of:
                book.cached[book._address(member)] = values.get(member)
        book._names = dict(package.names)
        book._invalidate(structure=True)
        return book

    @classmethod
    def from_cells(
        cls,
        sheets: Mapping[str, Mapping[str, Any]],
        names: Mapping[str, str] | None = None,
        *,
        decimal_separator: str = ",",
    ) -> Book:
        """A book from plain values; texts starting with ``=`` are formulas (for tests)."""
        book = cls(list(sheets), decimal_separator=decimal_separator)
        for name, text in (names or {}).items():
            book._names[(None, name.lower())] = text
        for sheet, cells in sheets.items():
            for cell, value in cells.items():
                if isinstance(value, str) and value.startswith("="):
                    book.set_formula(sheet, cell, value)
                else:
                    book.set(sheet, cell, value)
        return book

    def copy(self) -> Book:
        """An independent copy (its parsed formulas shared): change inputs in the copy."""
        other = Book(self.sheetnames, decimal_separator=self.decimal)
        other._consts = dict(self._consts)
        other._formulas = dict(self._formulas)
        other._array_area = dict(self._array_area)
        other._member_of = dict(self._member_of)
        other._names = dict(self._names)
        other.cached = dict(self.cached)
        other._asts = dict(self._asts)
        other._name_asts = dict(self._name_asts)
        other._deps = dict(self._deps)
        other._signature = self._signature
        return other

    def _add_formula(self, key: CellKey, formula: tuple[str, str, str | None]) -> None:
        text, kind, ref = formula
        if kind == "array":
            r1, c1, r2, c2 = _area(ref or _cell_name(key[2], key[1]))
            if (r1, c1) != key[1:]:
                raise NotImplementedError(f"an array formula anchored off its area {ref}")
            self._array_area[key] = (r2 - r1 + 1, c2 - c1 + 1)
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    if (r, c) != key[1:]:
                        self._member_of[(key[0], r, c)] = key
        elif kind != "normal":  # a data table: left for the evaluator to refuse
            text = f"#UNSUPPORTED({kind})"
        self._formulas[key] = "=" + text

    # ---- addresses ------------------------------------------------------------------

    def _sheet(self, name: str) -> int:
        try:
            return self._sheet_index[name.lower()]
        except KeyError:
            raise KeyError(f"no sheet {name!r}") from None

    def _key(self, sheet: str, cell: str) -> CellKey:
        row, col = _parse_cell(cell)
        return (self._sheet(sheet), row, col)

    def _address(self, key: CellKey) -> tuple[str, str]:
        return self.sheetnames[key[0]], _cell_name(key[2], key[1])

    def _where(self, key: CellKey) -> str:
        sheet, cell = self._address(key)
        quoted = f"'{sheet}'" if not re.fullmatch(r"\w+", sheet) else sheet
        return f"{quoted}!{cell}"

    # ---- changing cells ---------------------------------------------------------------

    def _invalidate(self, structure: bool = False) -> None:
        self._memo: dict[CellKey, Scalar] = {}
        self._arrays: dict[CellKey, Grid] = {}
        self._grids: dict[Ref, Grid] = {}
        self._failed: dict[CellKey, str] = {}
        self._computing: set[CellKey] = set()
        if structure:
            self._signature: int | None = None
            self._asts: dict[CellKey, Node] = {}
            self._deps: dict[CellKey, tuple[CellKey, ...]] = {}
            self._index: list[dict[int, list[int]]] | None = None
            self._name_asts: dict[tuple[int | None, str], Node] = {}
            self._extent: tuple[int, int] | None = None

    def _drop_formula(self, key: CellKey) -> None:
        if key in self._member_of:
            raise NotImplementedError(f"changing {self._where(key)}, part of an array formula")
        if key in self._array_area:
            raise NotImplementedError(f"changing {self._where(key)}, an array formula")
        self._formulas.pop(key, None)

    def set(self, sheet: str, cell: str, value: Any) -> None:
        """Put a constant into a cell (None empties it), as a user typing in Excel."""
        key = self._key(sheet, cell)
        was_formula = key in self._formulas
        self._drop_formula(key)
        if value is None:
            self._consts.pop(key, None)
        elif isinstance(value, XlError | bool | str):
            self._consts[key] = value
        elif isinstance(value, int | float):
            self._consts[key] = float(value)
        else:
            raise TypeError(f"cannot put {value!r} into a cell")
        self._invalidate(structure=was_formula)

    def set_formula(self, sheet: str, cell: str, formula: str) -> None:
        """Put a formula (text starting with ``=``) into a cell."""
        if not formula.startswith("="):
            raise ValueError("a formula starts with '='")
        key = self._key(sheet, cell)
        self._drop_formula(key)
        self._consts.pop(key, None)
        self._formulas[key] = formula
        self._invalidate(structure=True)

    # ---- reading values ---------------------------------------------------------------

    def formula(self, sheet: str, cell: str) -> str | None:
        """The formula of a cell (the anchor's for a cell of an array formula), or None."""
        key = self._key(sheet, cell)
        return self._formulas.get(self._member_of.get(key, key))

    def defined_name(self, name: str, sheet: str | None = None) -> str:
        """What a defined name refers to (``'Ark'!$A$1``), sheet-scoped first."""
        scope = self._sheet(sheet) if sheet is not None else None
        text = self._names.get((scope, name.lower())) or self._names.get((None, name.lower()))
        if text is None:
            raise KeyError(name)
        return text

    def formula_cells(self) -> list[tuple[str, str]]:
        """Every formula cell, array-formula cells included, in sheet and row order."""
        keys = sorted([*self._formulas, *self._member_of])
        return [self._address(k) for k in keys]

    def value(self, sheet: str, cell: str) -> Value:
        """A cell's value, recalculated (None for an empty cell)."""
        return _public(self._get(self._key(sheet, cell)))

    def name_value(self, name: str) -> Value:
        """The value of a defined name that means one cell or a constant."""
        node = self._name(name, None)
        if isinstance(node, Ref):
            if not node.is_cell:
                raise ValueError(f"{name} is a range")
            return _public(self._get((node.sheet, node.r1, node.c1)))
        return self.evaluate("=" + self._names[(None, name.lower())])

    def evaluate(self, formula: str, sheet: str | None = None) -> Value:
        """Evaluate a formula as if it stood on ``sheet`` (the first sheet if None)."""
        host = self._sheet(sheet) if sheet is not None else 0
        node = parse(formula, host, self._sheet, self._name)
        for ref in _refs(node):
            for key in self._formula_keys(ref):
                self._ensure(key)
        return _public(_final(self._eval(node)))

    def recalculate(self, *, skip_unsupported: bool = False) -> dict[tuple[str, str], Value]:
        """Every formula cell's value. With ``skip_unsupported``, cells the evaluator does not
        support (and cells that depend on them) are left out and listed in ``unsupported``."""
        self.unsupported = {}
        out: dict[tuple[str, str], Value] = {}
        for key in sorted([*self._formulas, *self._member_of]):
            try:
                out[self._address(key)] = _public(self._get(key))
            except NotImplementedError as exc:
                where, reason = self._where(key), str(exc)
                if not reason.startswith(where + ":"):
                    reason = f"{where} depends on {reason}"
                if not skip_unsupported:
                    raise NotImplementedError(reason) from None
                self.unsupported[self._address(key)] = reason
        return out

    def compare_cached(
        self,
        rel: float = 1e-9,
        abs_tol: float = 0.0,
        cached: Mapping[tuple[str, str], Value] | None = None,
        *,
        skip_unsupported: bool = False,
    ) -> list[Mismatch]:
        """Formula cells whose recalculated value differs from the cached one.

        ``cached`` defaults to this file's own cached values (pass another book's ``cached``
        for a copy saved by openpyxl, which drops them). Numbers agree within ``rel``
        (relative) or ``abs_tol``; texts, booleans and errors must be equal. A missing
        cached value (xlsxwriter writes a cached "" as an empty ``<v/>``) matches "".
        """
        want = self.cached if cached is None else cached
        values = self.recalculate(skip_unsupported=skip_unsupported)
        out = []
        for address, got in values.items():
            expected = want.get(address)
            if not same_value(expected, got, rel, abs_tol):
                formula = self.formula(*address) or ""
                out.append(Mismatch(*address, formula, expected, got))
        for address in set(want) - set(values) - set(self.unsupported):
            out.append(Mismatch(*address, "", want[address], "not a formula cell"))
        return out

    # ---- dependencies -------------------------------------------------------------------

    def _ast(self, key: CellKey) -> Node:
        node = self._asts.get(key)
        if node is None:
            try:
                node = self._parse_cell(key)
            except NotImplementedError as exc:
                raise _Unsupported(f"{self._where(key)}: {exc}") from None
            self._asts[key] = node
        return node

    def _parse_cell(self, key: CellKey) -> Node:
        """A cell's syntax tree, shared between books with the same sheets and names."""
        if self._signature is None:
            sig = (tuple(self.sheetnames), tuple(sorted(self._names.items(), key=repr)))
            self._signature = _SIGNATURES.setdefault(sig, len(_SIGNATURES))
        formula = self._formulas[key]
        cache_key = (self._signature, key[0], formula)
        node = _AST_CACHE.get(cache_key)
        if node is None:
            node = parse(formula, key[0], self._sheet, self._name)
            _AST_CACHE[cache_key] = node
        return node

    def _name(self, name: str, host: int | None) -> Node:
        low = name.lower()
        scope: int | None = host if (host, low) in self._names else None
        if (scope, low) not in self._names:
            return Lit(NAME)
        node = self._name_asts.get((scope, low))
        if node is _PARSING:
            raise CircularReferenceError(f"the name {name} refers to itself")
        if node is None:
            self._name_asts[(scope, low)] = _PARSING
            try:
                node = parse("=" + self._names[(scope, low)], scope, self._sheet, self._name)
            finally:
                del self._name_asts[(scope, low)]
            self._name_asts[(scope, low)] = node
        return node

    def _used_extent(self) -> tuple[int, int]:
        if self._extent is None:
            keys = [*self._consts, *self._formulas, *self._member_of]
            self._extent = (
                max((k[1] for k in keys), default=1),
                max((k[2] for k in keys), default=1),
            )
        return self._extent

    def _formula_keys(self, ref: Ref) -> list[CellKey]:
        """The formula cells inside a reference."""
        if self._index is None:
            index: list[dict[int, list[int]]] = [{} for _ in self.sheetnames]
            for s, r, c in [*self._formulas, *self._member_of]:
                index[s].setdefault(c, []).append(r)
            for cols in index:
                for rows in cols.values():
                    rows.sort()
            self._index = index
        cols = self._index[ref.sheet]
        out: list[CellKey] = []
        if ref.c2 - ref.c1 < len(cols):
            columns: Iterable[int] = range(ref.c1, ref.c2 + 1)
        else:  # a wide range: only the columns that hold formulas
            columns = [c for c in cols if ref.c1 <= c <= ref.c2]
        for c in columns:
            rows = cols.get(c, [])
            if rows:
                lo = bisect.bisect_left(rows, ref.r1)
                hi = bisect.bisect_right(rows, ref.r2)
                out += [(ref.sheet, r, c) for r in rows[lo:hi]]
        return out

    def _precedents(self, key: CellKey) -> tuple[CellKey, ...]:
        deps = self._deps.get(key)
        if deps is None:
            anchor = self._member_of.get(key)
            if anchor is not None:
                deps = (anchor,)
            else:
                found: dict[CellKey, None] = {}
                for ref in _refs(self._ast(key)):
                    for k in self._formula_keys(ref):
                        found[k] = None
                deps = tuple(found)
            self._deps[key] = deps
        return deps

    def _ensure(self, key: CellKey) -> None:
        """Compute a formula cell after its precedents, without deep recursion."""
        if key in self._memo or key in self._failed:
            return
        grey = {key}
        stack: list[tuple[CellKey, Iterator[CellKey]]] = [(key, iter(self._precedents(key)))]
        while stack:
            k, it = stack[-1]
            for d in it:
                if d in self._memo or d in self._failed:
                    continue
                if d in grey:
                    path = [self._where(x) for x, _ in stack] + [self._where(d)]
                    raise CircularReferenceError(" -> ".join(path))
                grey.add(d)
                try:
                    stack.append((d, iter(self._precedents(d))))
                except _Unsupported as exc:
                    self._failed[d] = str(exc)
                    grey.discard(d)
                break
            else:
                stack.pop()
                self._compute(k)

    def _compute(self, key: CellKey) -> None:
        if key in self._memo or key in self._failed:
            return
        if key in self._computing:
            raise CircularReferenceError(self._where(key))
        anchor = self._member_of.get(key)
        if anchor is not None:
            self._ensure(anchor)
            if anchor in self._failed:
                self._failed[key] = self._failed[anchor]
                return
            grid = self._arrays[anchor]
            self._memo[key] = _final(_broadcast_at(grid, key[1] - anchor[1], key[2] - anchor[2]))
            return
        self._computing.add(key)
        try:
            node = self._ast(key)
            if key in self._array_area:
                grid = self._array(node)
                self._arrays[key] = grid
                value = grid[0][0]
            else:
                value = self._eval(node)
        except _Unsupported as exc:  # a precedent is unsupported: keep its reason
            self._failed[key] = str(exc)
            return
        except NotImplementedError as exc:
            self._failed[key] = f"{self._where(key)}: {exc}"
            return
        finally:
            self._computing.discard(key)
        self._memo[key] = _final(value)

    def _get(self, key: CellKey) -> Scalar:
        v = self._memo.get(key)
        if v is not None:
            return v
        if key in self._formulas or key in self._member_of:
            self._ensure(key)
            if key in self._failed:
                raise _Unsupported(self._failed[key])
            return self._memo[key]
        return self._consts.get(key, BLANK)

    def _grid(self, ref: Ref) -> Grid:
        grid = self._grids.get(ref)
        if grid is None:
            r2, c2 = ref.r2, ref.c2
            if r2 == MAX_ROW or c2 == MAX_COL:  # whole rows/columns: up to the used extent
                rows, cols = self._used_extent()
                r2, c2 = min(r2, max(rows, ref.r1)), min(c2, max(cols, ref.c1))
            s = ref.sheet
            grid = [
                [self._get((s, r, c)) for c in range(ref.c1, c2 + 1)] for r in range(ref.r1, r2 + 1)
            ]
            self._grids[ref] = grid
        return grid

    # ---- evaluation ---------------------------------------------------------------------

    def _eval(self, node: Node) -> Scalar:
        """A node's value in a formula that expects one value."""
        t = type(node)
        if t is Lit:
            return node.value  # type: ignore[union-attr]
        if t is Ref:
            assert isinstance(node, Ref)
            if node.is_cell:
                return self._get((node.sheet, node.r1, node.c1))
            raise NotImplementedError("a range where one value is expected (implicit intersection)")
        if t is Binary:
            assert isinstance(node, Binary)
            return binary(node.op, self._eval(node.left), self._eval(node.right), self.decimal)
        if t is Unary:
            assert isinstance(node, Unary)
            return unary(node.op, self._eval(node.operand), self.decimal)
        if t is Call:
            assert isinstance(node, Call)
            fn = FUNCTIONS.get(node.name.removeprefix("_XLFN."))  # Excel 2010+ names
            if fn is None:
                raise NotImplementedError(f"the function {node.name}")
            return fn(self, node.args)
        raise NotImplementedError("an empty argument where a value is expected")

    def _array(self, node: Node) -> Grid:
        """A node's value as an array (SUMPRODUCT's arguments, array formulas)."""
        if isinstance(node, Ref):
            return self._grid(node)
        if isinstance(node, Binary):
            a, b = self._array(node.left), self._array(node.right)
            h, w = max(len(a), len(b)), max(len(a[0]), len(b[0]))
            return [
                [
                    binary(node.op, _broadcast_at(a, i, j), _broadcast_at(b, i, j), self.decimal)
                    for j in range(w)
                ]
                for i in range(h)
            ]
        if isinstance(node, Unary):
            g = self._array(node.operand)
            return [[unary(node.op, v, self.decimal) for v in row] for row in g]
        if isinstance(node, Call) and node.name == "ISNUMBER" and len(node.args) == 1:
            return [[_is_num(v) for v in row] for row in self._array(node.args[0])]
        if isinstance(node, Call) and node.name in ("ABS", "SIGN") and len(node.args) == 1:
            # element by element, as Excel does inside SUMPRODUCT
            def each(v: Scalar) -> Scalar:
                x = to_number(v, self.decimal)
                if isinstance(x, XlError):
                    return x
                return abs(x) if node.name == "ABS" else float((x > 0) - (x < 0))

            return [[each(v) for v in row] for row in self._array(node.args[0])]
        return [[self._eval(node)]]

    def _ref_arg(self, node: Node, fn: str) -> Ref:
        if not isinstance(node, Ref):
            raise NotImplementedError(f"{fn} on something other than a cell range")
        return node

    def _values(self, node: Node) -> Iterator[tuple[Scalar, bool]]:
        """An argument's values, and whether they come from a reference (SUM, COUNT …)."""
        if isinstance(node, Ref):
            for row in self._grid(node):
                for v in row:
                    yield v, True
        elif not isinstance(node, Missing):
            yield self._eval(node), False


# --------------------------------------------------------------------------------------
# Functions
# --------------------------------------------------------------------------------------

#: Parsed formulas by (sheets-and-names signature, host sheet, formula text).
_AST_CACHE: dict[tuple[int, int, str], Node] = {}
_SIGNATURES: dict[tuple[Any, ...], int] = {}

Args: TypeAlias = tuple[Node, ...]
Function: TypeAlias = Callable[[Book, Args], Scalar]
FUNCTIONS: dict[str, Function] = {}


def _function(name: str, lo: int, hi: int) -> Callable[[Function], Function]:
    def register(fn: Function) -> Function:
        def checked(book: Book, args: Args) -> Scalar:
            if not lo <= len(args) <= hi:
                raise NotImplementedError(f"{name} with {len(args)} arguments")
            return fn(book, args)

        FUNCTIONS[name] = checked
        return fn

    return register


def _number_arg(book: Book, node: Node, default: float | None = None) -> float | XlError:
    if isinstance(node, Missing):
        if default is None:
            raise NotImplementedError("an empty argument")
        return default
    return to_number(book._eval(node), book.decimal)


@_function("IF", 2, 3)
def _if(book: Book, args: Args) -> Scalar:
    cond = _truth(book._eval(args[0]))
    if isinstance(cond, XlError):
        return cond
    if not cond and len(args) == 2:
        return False
    branch = args[1] if cond else args[2]
    return 0.0 if isinstance(branch, Missing) else book._eval(branch)


@_function("IFERROR", 2, 2)
def _iferror(book: Book, args: Args) -> Scalar:
    v = book._eval(args[0])
    return book._eval(args[1]) if isinstance(v, XlError) else v


def _logicals(book: Book, args: Args) -> list[bool] | XlError:
    out: list[bool] = []
    for node in args:
        for v, from_ref in book._values(node):
            if isinstance(v, XlError):
                return v
            if type(v) is bool or type(v) is float:
                out.append(bool(v))
            elif not from_ref and isinstance(v, str):
                t = _truth(v)
                if isinstance(t, XlError):
                    return t
    return out if out else VALUE


@_function("AND", 1, 255)
def _and(book: Book, args: Args) -> Scalar:
    vals = _logicals(book, args)
    return vals if isinstance(vals, XlError) else all(vals)


@_function("OR", 1, 255)
def _or(book: Book, args: Args) -> Scalar:
    vals = _logicals(book, args)
    return vals if isinstance(vals, XlError) else any(vals)


@_function("NA", 0, 0)
def _na(book: Book, args: Args) -> Scalar:
    return NA


@_function("SUM", 1, 255)
def _sum(book: Book, args: Args) -> Scalar:
    total = 0.0
    for node in args:
        for v, from_ref in book._values(node):
            if isinstance(v, XlError):
                return v
            if type(v) is float:
                total += v
            elif not from_ref:
                n = to_number(v, book.decimal)
                if isinstance(n, XlError):
                    return n
                total += n
    return total if math.isfinite(total) else NUM


def _extreme(book: Book, args: Args, pick: Callable[[float, float], float]) -> Scalar:
    """MAX or MIN: the number ``pick`` keeps (references: numbers only; 0 where there is none)."""
    best: float | None = None
    for node in args:
        for v, from_ref in book._values(node):
            if isinstance(v, XlError):
                return v
            if type(v) is float:
                n: float | XlError = v
            elif from_ref:
                continue
            else:
                n = to_number(v, book.decimal)
                if isinstance(n, XlError):
                    return n
            best = n if best is None else pick(best, n)
    return 0.0 if best is None else best


@_function("MAX", 1, 255)
def _max(book: Book, args: Args) -> Scalar:
    """The largest number."""
    return _extreme(book, args, max)


@_function("MIN", 1, 255)
def _min(book: Book, args: Args) -> Scalar:
    """The smallest number."""
    return _extreme(book, args, min)


@_function("TEXT", 2, 2)
def _text_fn(book: Book, args: Args) -> Scalar:
    """TEXT with a pattern of zeros only ("000": a whole number, zero-padded), the one form
    that reads alike in every locale; any other pattern is refused."""
    pattern = book._eval(args[1])
    if not isinstance(pattern, str) or not re.fullmatch(r"0+", pattern):
        raise NotImplementedError(f"TEXT with the pattern {pattern!r}")
    x = _number_arg(book, args[0])
    if isinstance(x, XlError):
        return x
    if x < 0:
        raise NotImplementedError("TEXT of a negative number")
    return str(int(excel_round(x, 0))).zfill(len(pattern))


@_function("COUNT", 1, 255)
def _count(book: Book, args: Args) -> Scalar:
    n = 0
    for node in args:
        for v, from_ref in book._values(node):
            direct_number = not from_ref and (
                type(v) is bool or (isinstance(v, str) and text_number(v, book.decimal) is not None)
            )
            if type(v) is float or direct_number:
                n += 1
    return float(n)


@_function("COUNTA", 1, 255)
def _counta(book: Book, args: Args) -> Scalar:
    return float(sum(1 for node in args for v, _ in book._values(node) if v is not BLANK))


@_function("N", 1, 1)
def _n(book: Book, args: Args) -> Scalar:
    node = args[0]
    v = book._grid(node)[0][0] if isinstance(node, Ref) else book._eval(node)
    if type(v) is float or isinstance(v, XlError):
        return v
    if type(v) is bool:
        return 1.0 if v else 0.0
    return 0.0


@_function("ISNUMBER", 1, 1)
def _isnumber(book: Book, args: Args) -> Scalar:
    return _is_num(book._eval(args[0]))


@_function("INT", 1, 1)
def _int(book: Book, args: Args) -> Scalar:
    x = _number_arg(book, args[0])
    return x if isinstance(x, XlError) else float(math.floor(x))


@_function("ROW", 1, 1)
def _row(book: Book, args: Args) -> Scalar:
    ref = book._ref_arg(args[0], "ROW")
    if ref.r1 != ref.r2:
        raise NotImplementedError("ROW of several rows (an array)")
    return float(ref.r1)


@_function("COLUMN", 1, 1)
def _column(book: Book, args: Args) -> Scalar:
    ref = book._ref_arg(args[0], "COLUMN")
    if ref.c1 != ref.c2:
        raise NotImplementedError("COLUMN of several columns (an array)")
    return float(ref.c1)


@_function("ROWS", 1, 1)
def _rows(book: Book, args: Args) -> Scalar:
    ref = book._ref_arg(args[0], "ROWS")
    return float(ref.r2 - ref.r1 + 1)


def _normal(book: Book, args: Args) -> tuple[float, NormalDist] | XlError:
    """NORM.*'s first argument and the normal distribution of its mean and sd (sd > 0)."""
    x, mean, sd = (_number_arg(book, a) for a in args[:3])
    for v in (x, mean, sd):
        if isinstance(v, XlError):
            return v
    assert isinstance(x, float) and isinstance(mean, float) and isinstance(sd, float)
    return NUM if sd <= 0 else (x, NormalDist(mean, sd))


@_function("NORM.DIST", 4, 4)
def _norm_dist(book: Book, args: Args) -> Scalar:
    """The normal CDF (cumulative = TRUE only; Excel: _xlfn.NORM.DIST)."""
    if _truth(book._eval(args[3])) is not True:
        raise NotImplementedError("NORM.DIST's density (cumulative FALSE)")
    got = _normal(book, args)
    return got if isinstance(got, XlError) else got[1].cdf(got[0])


@_function("NORM.INV", 3, 3)
def _norm_inv(book: Book, args: Args) -> Scalar:
    """The inverse normal CDF; #NUM! outside 0 < p < 1 (Excel: _xlfn.NORM.INV)."""
    got = _normal(book, args)
    if isinstance(got, XlError):
        return got
    p, dist = got
    return dist.inv_cdf(p) if 0 < p < 1 else NUM


@_function("ABS", 1, 1)
def _abs(book: Book, args: Args) -> Scalar:
    x = _number_arg(book, args[0])
    return x if isinstance(x, XlError) else abs(x)


@_function("SIGN", 1, 1)
def _sign(book: Book, args: Args) -> Scalar:
    x = _number_arg(book, args[0])
    return x if isinstance(x, XlError) else float((x > 0) - (x < 0))


@_function("ROUND", 2, 2)
def _round(book: Book, args: Args) -> Scalar:
    x = _number_arg(book, args[0])
    d = _number_arg(book, args[1], 0.0)
    if isinstance(x, XlError):
        return x
    if isinstance(d, XlError):
        return d
    return excel_round(x, int(d))


@_function("CHOOSE", 2, 255)
def _choose(book: Book, args: Args) -> Scalar:
    i = _number_arg(book, args[0])
    if isinstance(i, XlError):
        return i
    k = int(i)
    if not 1 <= k < len(args):
        return VALUE
    return book._eval(args[k])


def _index_number(book: Book, node: Node) -> int | XlError:
    x = _number_arg(book, node, 0.0)
    return x if isinstance(x, XlError) else int(x)  # truncates toward zero


@_function("INDEX", 2, 3)
def _index(book: Book, args: Args) -> Scalar:
    ref = book._ref_arg(args[0], "INDEX")
    h, w = ref.r2 - ref.r1 + 1, ref.c2 - ref.c1 + 1
    r = _index_number(book, args[1])
    c: int | XlError | None = _index_number(book, args[2]) if len(args) == 3 else None
    if isinstance(r, XlError):
        return r
    if isinstance(c, XlError):
        return c
    if c is None:  # INDEX(one row, n) takes the n-th column (Excel, LibreOffice; not Gnumeric)
        if h == 1:
            r, c = 1, r
        elif w == 1:
            c = 1
        else:
            raise NotImplementedError("INDEX on a block with one index (a whole row)")
    if r == 0 and h == 1:
        r = 1
    if c == 0 and w == 1:
        c = 1
    if r < 0 or c < 0:
        return VALUE
    if r == 0 or c == 0:
        raise NotImplementedError("INDEX with row or column 0 (a whole column or row)")
    if r > h or c > w:
        return REF
    return book._get((ref.sheet, ref.r1 + r - 1, ref.c1 + c - 1))


@_function("MATCH", 2, 3)
def _match(book: Book, args: Args) -> Scalar:
    lookup = book._eval(args[0])
    ref = book._ref_arg(args[1], "MATCH")
    kind = _number_arg(book, args[2], 1.0) if len(args) == 3 else 1.0
    if isinstance(lookup, XlError):
        return lookup
    if isinstance(kind, XlError):
        return kind
    grid = book._grid(ref)
    if len(grid) == 1:
        items = grid[0]
    elif len(grid[0]) == 1:
        items = [row[0] for row in grid]
    else:
        return NA
    if lookup is BLANK:
        return NA
    if kind == 0:
        if isinstance(lookup, str):
            test = _text_matcher(lookup)
            for i, v in enumerate(items):
                if isinstance(v, str) and test(v):
                    return float(i + 1)
            return NA
        for i, v in enumerate(items):
            if type(v) is type(lookup) and v == lookup:
                return float(i + 1)
        return NA
    return _match_sorted(items, lookup, 1 if kind > 0 else -1)


def _match_sorted(items: Sequence[Scalar], lookup: Scalar, direction: int) -> Scalar:
    """MATCH type 1/-1: Excel searches by halves, so only sorted data has a defined answer."""
    n = len(items)
    while n and items[n - 1] is BLANK:
        n -= 1
    values = items[:n]
    if any(type(v) is not type(lookup) for v in values):
        raise NotImplementedError("approximate MATCH over mixed or blank values")
    if isinstance(lookup, str):
        raise NotImplementedError("approximate MATCH on texts (collation)")
    nums: list[float] = values  # type: ignore[assignment]
    pairs = list(itertools.pairwise(nums))
    if any((b < a) if direction > 0 else (b > a) for a, b in pairs):
        raise NotImplementedError("approximate MATCH on unsorted data")
    found = 0
    for i, v in enumerate(nums):
        if (v <= lookup) if direction > 0 else (v >= lookup):  # type: ignore[operator]
            found = i + 1
        else:
            break
    return float(found) if found else NA


def _conditions(book: Book, args: Args, shape: tuple[int, int], fn: str) -> list[bool] | XlError:
    """Which cells of the ranges meet every (range, criterion) pair, flattened."""
    hits = [True] * (shape[0] * shape[1])
    for i in range(0, len(args), 2):
        ref = book._ref_arg(args[i], fn)
        grid = book._grid(ref)
        if (len(grid), len(grid[0])) != shape:
            return VALUE
        crit = book._eval(args[i + 1]) if not isinstance(args[i + 1], Missing) else BLANK
        if isinstance(crit, XlError):
            return crit
        test = criterion(crit, book.decimal)
        flat = [v for row in grid for v in row]
        hits = [h and test(v) for h, v in zip(hits, flat, strict=True)]
    return hits


@_function("SUMIFS", 3, 255)
def _sumifs(book: Book, args: Args) -> Scalar:
    if len(args) % 2 == 0:
        raise NotImplementedError("SUMIFS with a criterion range and no criterion")
    grid = book._grid(book._ref_arg(args[0], "SUMIFS"))
    hits = _conditions(book, args[1:], (len(grid), len(grid[0])), "SUMIFS")
    if isinstance(hits, XlError):
        return hits
    total = 0.0
    for hit, v in zip(hits, (v for row in grid for v in row), strict=True):
        if hit:
            if isinstance(v, XlError):
                return v
            if type(v) is float:
                total += v
    return total


@_function("MINIFS", 3, 255)
def _minifs(book: Book, args: Args) -> Scalar:
    if len(args) % 2 == 0:
        raise NotImplementedError("MINIFS with a criterion range and no criterion")
    grid = book._grid(book._ref_arg(args[0], "MINIFS"))
    hits = _conditions(book, args[1:], (len(grid), len(grid[0])), "MINIFS")
    if isinstance(hits, XlError):
        return hits
    found: list[float] = []
    for hit, v in zip(hits, (v for row in grid for v in row), strict=True):
        if hit:
            if isinstance(v, XlError):
                return v
            if type(v) is float:
                found.append(v)
    return min(found) if found else 0.0


@_function("COUNTIF", 2, 2)
def _countif(book: Book, args: Args) -> Scalar:
    grid = book._grid(book._ref_arg(args[0], "COUNTIF"))
    hits = _conditions(book, args, (len(grid), len(grid[0])), "COUNTIF")
    return hits if isinstance(hits, XlError) else float(sum(hits))


@_function("SUMPRODUCT", 1, 255)
def _sumproduct(book: Book, args: Args) -> Scalar:
    arrays = [book._array(a) for a in args]
    shape = (len(arrays[0]), len(arrays[0][0]))
    if any((len(g), len(g[0])) != shape for g in arrays):
        return VALUE
    total = 0.0
    for i in range(shape[0]):
        for j in range(shape[1]):
            product = 1.0
            for g in arrays:
                v = g[i][j]
                if isinstance(v, XlError):
                    return v
                product *= v if isinstance(v, float) else 0.0
            total += product
    return total


@_function("RANK", 2, 3)
def _rank_fn(book: Book, args: Args) -> Scalar:
    x = _number_arg(book, args[0])
    ref = book._ref_arg(args[1], "RANK")
    order = _number_arg(book, args[2], 0.0) if len(args) == 3 else 0.0
    if isinstance(x, XlError):
        return x
    if isinstance(order, XlError):
        return order
    nums: list[float] = []
    for row in book._grid(ref):
        for v in row:
            if isinstance(v, XlError):
                return v
            if type(v) is float:
                nums.append(v)
    if x not in nums:
        return NA
    beaten = sum(1 for v in nums if (v > x if order == 0 else v < x))
    return float(beaten + 1)


def same_value(expected: Value, got: Value, rel: float = 1e-9, abs_tol: float = 0.0) -> bool:
    """Equal as cell values: numbers within tolerance, a missing cache matching ""."""
    if expected is None:
        return got == ""
    if type(expected) is bool or type(got) is bool:
        return type(expected) is type(got) and expected == got
    if isinstance(expected, int | float) and isinstance(got, int | float):
        return math.isclose(expected, got, rel_tol=rel, abs_tol=abs_tol)
    return type(expected) is type(got) and expected == got
