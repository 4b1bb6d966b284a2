"""The one Danish vocabulary: complete, consistent with the conventions, and one source."""

from __future__ import annotations

import subprocess
import sys

import pytest

from som_xl import conventions
from som_xl.present import da


def test_labels_cover_the_conventions_in_order() -> None:
    assert tuple(da.PURSE_LABELS) == conventions.PURSES
    assert tuple(da.DIRECTION_LABELS) == conventions.DIRECTIONS
    assert tuple(da.STATUS_LABELS) == conventions.STATUSES
    assert tuple(da.STATUS_PLURALS) == conventions.STATUSES


def test_conventions_reexport_the_same_objects() -> None:
    assert conventions.PURSE_LABELS is da.PURSE_LABELS
    assert conventions.DIRECTION_LABELS is da.DIRECTION_LABELS
    assert conventions.STATUS_LABELS is da.STATUS_LABELS
    with pytest.raises(AttributeError):
        _ = conventions.NO_SUCH_NAME  # type: ignore[attr-defined]


def test_the_engine_never_loads_presentation() -> None:
    code = (
        "import sys, som_xl, som_xl.engine, som_xl.results, som_xl.conventions; "
        "print(any(m.startswith('som_xl.present') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_every_word_is_danish_text() -> None:
    for words in (
        da.FIELDS,
        da.TEXT_WORDS,
        da.FUNCTION_WORDS,
        da.KEY_FIGURES,
        da.FUNCTION_KEY_FIGURES,
        da.NOT_DEFINED,
        da.FUNCTION_NOT_DEFINED,
        da.KB_FIELDS,
        da.KB_KINDS,
        da.TABLE_TITLES,
    ):
        assert all(isinstance(w, str) and w.strip() == w and w for w in words.values())
    # the faces only rewrite words the vocabulary has
    assert set(da.TEXT_WORDS) <= set(da.FIELDS)
    assert set(da.FUNCTION_WORDS) <= set(da.FIELDS)
    assert set(da.FUNCTION_KEY_FIGURES) <= set(da.KEY_FIGURES)
    assert set(da.NOT_DEFINED) <= set(da.KEY_FIGURES)
    assert set(da.FUNCTION_NOT_DEFINED) <= set(da.NOT_DEFINED)


def test_faces() -> None:
    assert [da.header(k) for k in ("year", "net", "total", "kommune")] == [
        "År",
        "Netto",
        "I alt",
        "Kommune",
    ]
    assert da.header("discounted_net", "text") == "Netto (NV)"
    assert da.header("net", "text") == "Netto"  # no short form: the label
    assert da.header("discounted_value", "function") == "beløb (nutidsværdi)"
    assert da.header("purse", "function") == "aktør"
    assert da.header("stat", "function") == "Stat"
    with pytest.raises(KeyError):
        da.label("no_such_field")
    assert da.not_defined("no_such_figure") == "-"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1234567.5, "1.234.568"),
        (-1234.5, "-1.235"),
        (0.5, "1"),
        (-0.4, "0"),
        (999.4999, "999"),
        (1e12, "1.000.000.000.000"),
    ],
)
def test_kr(value: float, text: str) -> None:
    assert da.kr(value) == text
    assert da.money(value) == text + " kr."


def test_numbers() -> None:
    assert da.kr(1234.565, 2) == "1.234,57"
    assert da.pct(0.035, 1) == "3,5 %"
    assert da.pct(-0.0004) == "0,0 %"  # never "-0,0 %"
    assert da.factor(0.5) == "0,5000"
    assert da.ratio(1.4934) == "1,49"
    assert da.number(1e-05) == "1e-05"
    assert da.csv_number(-1234567.125) == "-1234567,13"  # half away from zero, no dots
    assert da.csv_number(123456789012.345) == "123456789012,35"
    assert da.csv_number(-0.004) == "0,00"


def test_excel_number_formats_are_us_syntax() -> None:
    for fmt in (da.XL_KR, da.XL_KR2, da.XL_KR_KEY, da.XL_UNITS):
        assert "#,##0" in fmt  # Excel shows thousands dots in a Danish locale
    assert da.XL_PCT == "0.0%"
