"""Hypothesis strategies for hostile input: scenario documents, YAML/JSON text, bytes, cells.

The profile's size comes from the environment: ``SOM_XL_FUZZ=long`` (``make fuzz``) runs
many examples, otherwise a short profile runs in the normal test suite.
"""

from __future__ import annotations

import copy
import json
import os
import re
from typing import Any

import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tests.paths import ROOT

LONG = os.environ.get("SOM_XL_FUZZ") == "long"


def examples(short: int, long: int = 1000) -> settings:
    """Settings for a fuzz test: ``short`` examples normally, ``long`` under make fuzz."""
    return settings(
        max_examples=long if LONG else short,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )


#: Valid scenarios to mutate: one on the knowledge base, one standing alone.
BASES: list[dict[str, Any]] = [
    yaml.safe_load((ROOT / "examples" / name).read_text(encoding="utf-8"))
    for name in ("cool_kids.yaml", "egen_beregning.yaml")
]

#: Values that break rules: wrong types, Danish number formats, edges of every bound.
HOSTILE_TEXT = [
    "",
    " ",
    "\t",
    "1.000,50",
    "72.000",
    "30 %",
    "30%",
    "1e308",
    "-0",
    "٣",
    "²",
    "NaN",
    "inf",
    "2025-01-01",
    "ja",
    "Nej",
    "=1+1",
    "*",
    "x" * 300,
    "\u202eevil",
    "\x00",
    "æøå",
]

values: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.sampled_from([0, 1, -1, 2**63, 10**15, 10**16, 10**400, 1900, 2000, 2100, 2101]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1e308, -1e308, 5e-324, 1e12, 1.0000001e12, 1e7, 1e9, 0.5, 1.5, -0.0]),
    st.sampled_from(HOSTILE_TEXT),
    st.text(max_size=20),
    st.lists(st.integers(-5, 5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(-5, 5), max_size=3),
    st.dictionaries(st.integers(1990, 2110), st.floats(), max_size=3),
)


def _paths(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path in a document (to the containers and to the leaves)."""
    out = [prefix] if prefix else []
    if isinstance(doc, dict):
        for key, value in doc.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            out += _paths(value, (*prefix, i))
    return out


@st.composite
def mutated_scenarios(draw: st.DrawFn) -> dict[str, Any]:
    """A valid scenario with one to three keys replaced, removed or added."""
    doc = copy.deepcopy(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(doc)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent: Any = doc
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "replace", "remove", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(values)
        elif action == "remove":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["x", "nøgle", "2025", "name ", "Name"]))] = draw(values)
        else:
            parent.append(draw(values))
    return doc


def dump(doc: Any, as_json: bool) -> str:
    """A document as YAML or JSON text (NaN and Infinity as JSON's Python dialect writes)."""
    if as_json:
        return json.dumps(doc, ensure_ascii=False, default=str)
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


#: Pieces of YAML that random text is made of: indicators, tabs, anchors, tags.
_YAML_PIECES = [
    ": ",
    "- ",
    "\n",
    "  ",
    "\t",
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "!!str ",
    "!!python/object:os.system ",
    "'",
    '"',
    "#",
    "---\n",
    "...\n",
    "? ",
    "|\n",
    ">\n",
    ",",
    "name",
    "participants",
    "costs",
    "2025",
    "1e308",
    ".inf",
    "1" + "0" * 30,
    "<<: ",
    "%YAML 1.1\n",
    "\x00",
    "\ufeff",
]

yaml_text = st.one_of(
    st.lists(st.sampled_from(_YAML_PIECES), max_size=40).map("".join),
    st.text(max_size=200),
)

json_values = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)

json_text = st.one_of(
    json_values.map(lambda v: json.dumps(v)),
    st.lists(st.sampled_from(list('{}[]:,"0123456789.eE-+ntfal \\')), max_size=60).map("".join),
)

#: What a cell may be made to hold: ``attributes|inner XML`` for ``tests.broken.xlsx``.
_CELL_TEXT = st.sampled_from(HOSTILE_TEXT[:17]).map(
    lambda t: 't="inlineStr"|<is><t>' + _xml_escape(t) + "</t></is>"
)
cell_xml = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False).map(lambda x: f"|<v>{x!r}</v>"),
    st.sampled_from(["1E999", "-1E999", "1e308", "-1e308", "5e-324", "0", "-1", "1e12", "2e7"]).map(
        lambda v: f"|<v>{v}</v>"
    ),
    st.integers(-(10**6), 10**6).map(lambda i: f"|<v>{i}</v>"),
    st.just("|"),  # blank
    _CELL_TEXT,
    st.sampled_from(["#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?"]).map(
        lambda e: f't="e"|<v>{e}</v>'
    ),
    st.sampled_from(["0", "1"]).map(lambda b: f't="b"|<v>{b}</v>'),
    st.just("|<f>1/0</f>"),  # a formula without a cached result
    st.sampled_from(["999999", "-1"]).map(lambda i: f't="s"|<v>{i}</v>'),  # no such string
)


def _xml_escape(text: str) -> str:
    return re.sub(r"[&<>]", lambda m: {"&": "&amp;", "<": "&lt;", ">": "&gt;"}[m.group()], text)
