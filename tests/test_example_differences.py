"""The figures an example's header quotes to explain its difference from the published case.

Every example says, under ``Forskel:``, why som-xl's result differs from the published one
(som_xl.example_cases). The figures it quotes there are computed, not guessed: each one is
recomputed here from the example file with the change the text names (another horizon,
target group, price year, ...), rounded as the text rounds it, and must appear in the text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from som_xl import calculate, load_kb
from som_xl.example_cases import LABELS, load_examples, parse_header
from som_xl.inputs import parse_scenario, resolve

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = {e.id: e for e in load_examples(ROOT / "examples")}


def result(example: str, **changes: Any) -> dict[str, Any]:
    """som-xl's result (the JSON contract) for an example with some keys changed."""
    data = yaml.safe_load((ROOT / "examples" / f"{example}.yaml").read_text(encoding="utf-8"))
    data.update(changes)
    out: dict[str, Any] = calculate(resolve(parse_scenario(data), load_kb())).to_dict()
    return out


def kr(x: float) -> str:
    """Signed, to the thousand kroner, as the headers write it: '−72.000 kr.'."""
    sign = "−" if x < 0 else "+"
    return f"{sign}{abs(round(x, -3)):,.0f} kr.".replace(",", ".")


def mio(x: float, signed: bool = True) -> str:
    """To a tenth of a million, as the headers write it: '−2,3 mio. kr.'."""
    sign = ("−" if x < 0 else "+") if signed else ""
    return f"{sign}{abs(x) / 1e6:.1f}".replace(".", ",") + " mio. kr."


def pv(r: dict[str, Any]) -> float:
    return float(r["net_result"]["discounted"])


def purse_pv(r: dict[str, Any], purse: str) -> float:
    return float(next(p["discounted_net"] for p in r["by_purse"] if p["purse"] == purse))


def during_course_botilbud() -> list[dict[str, Any]]:
    """The knowledge base's § 107 consequence with saved botilbud during a 2-year course."""
    line = next(
        c
        for c in load_kb().consequences["voksne_handicap_botilbud"]
        if c.service == "botilbud_midlertidigt_doegn"
    )
    assert line.tail is not None
    return [
        {
            "service": line.service,
            "profile": list(line.profile),
            "tail": {"kind": line.tail.kind, "rate": line.tail.rate},
            "during_course": [-365, -365],
        }
    ]


def cool_kids_gain_factor() -> str:
    """How many times our gains must grow for +1.2 mio. kr. at present value, as '2,0'."""
    r = result("cool_kids")
    factor = (1_200_000 + r["costs"]["discounted"]) / r["gains"]["discounted"]
    return f"{factor:.1f}".replace(".", ",") + " gange"


#: (example, the text quoted in its 'Forskel:', how to compute it).
QUOTED: list[tuple[str, str, Any]] = [
    ("cool_kids", "ca. " + kr(-72347), lambda: "ca. " + kr(pv(result("cool_kids")))),
    (
        "cool_kids",
        kr(88923) + " udiskonteret",
        lambda: kr(result("cool_kids")["net_result"]["undiscounted"]) + " udiskonteret",
    ),
    ("cool_kids", "2,0 gange", cool_kids_gain_factor),
    (
        "cool_kids",
        "når vores gevinster kun 1,27 mio. kr.",
        lambda: (
            "når vores gevinster kun "
            + f"{result('cool_kids')['gains']['discounted'] / 1e6:.2f}".replace(".", ",")
            + " mio. kr."
        ),
    ),
    ("cool_kids", kr(316206), lambda: kr(pv(result("cool_kids", horizon_years=15)))),
    ("cool_kids", kr(-231039), lambda: kr(pv(result("cool_kids", price_year=2020)))),
    ("modificeret_act", "ca. +3,7 mio. kr.", lambda: "ca. " + mio(pv(result("modificeret_act")))),
    *[
        (
            "modificeret_act",
            f"{label} {text}",
            lambda group=group, label=label: (
                f"{label} " + mio(pv(result("modificeret_act", target_group=group)))
            ),
        )
        for group, label, text in [
            ("voksne_hjemloeshed", "voksne i hjemløshed", "+3,7 mio. kr."),
            ("voksne_psykisk_sygdom", "psykisk sygdom", "+1,1 mio. kr."),
            ("voksne_kontanthjaelp_aktivitetsparate", "kontanthjælpsmodtagere", "−2,8 mio. kr."),
            ("voksne_stofmisbrug", "stofmisbrug", "−1,2 mio. kr."),
            ("voksne_alkoholmisbrug", "alkoholmisbrug", "−2,6 mio. kr."),
        ]
    ],
    (
        "efterforloeb_aalborg",
        "ca. −2,3 mio. kr.",
        lambda: "ca. " + mio(pv(result("efterforloeb_aalborg", horizon_years=3))),
    ),
    (
        "efterforloeb_aalborg",
        "ca. +23,0 mio. kr. med 10 år",
        lambda: "ca. " + mio(pv(result("efterforloeb_aalborg"))) + " med 10 år",
    ),
    (
        "skaeve_boliger",
        "ca. +0,0 mio.",
        lambda: (
            "ca. "
            + mio(
                pv(
                    result(
                        "skaeve_boliger",
                        costs=[
                            {"label": "Etablering", "kind": "once", "year": 2024, "amount": 500000},
                            {
                                "label": "Drift af 10 pladser",
                                "kind": "annual",
                                "years": [2024, 2025, 2026, 2027, 2028],
                                "amount": 1800000,
                            },
                        ],
                    )
                )
            ).removesuffix(" kr.")
        ),
    ),
    ("skaeve_boliger", "ca. +6,6 mio. kr.", lambda: "ca. " + mio(pv(result("skaeve_boliger")))),
    (
        "udvidet_85_helsingoer",
        "fra ca. 5,8 til ca. 43,1 mio. kr.",
        lambda: (
            "fra ca. "
            + mio(pv(result("udvidet_85_helsingoer")), False).removesuffix(" mio. kr.")
            + " til ca. "
            + mio(
                pv(result("udvidet_85_helsingoer", add_consequences=during_course_botilbud())),
                False,
            )
        ),
    ),
    *[
        (
            "rr2_adhd",
            f"{purse} (ca. {text})",
            lambda purse=purse: f"{purse} (ca. " + mio(purse_pv(result("rr2_adhd"), purse)) + ")",
        )
        for purse, text in [("region", "+0,2 mio. kr."), ("stat", "+2,3 mio. kr.")]
    ],
    (
        "rr2_adhd",
        "kommune (ca. +2,4 mio.",
        lambda: "kommune (ca. " + mio(purse_pv(result("rr2_adhd"), "kommune")).removesuffix(" kr."),
    ),
]


@pytest.mark.parametrize(
    ("example", "quoted", "compute"), QUOTED, ids=[f"{e}:{q}" for e, q, _ in QUOTED]
)
def test_quoted_figure_is_computed(example: str, quoted: str, compute: Any) -> None:
    assert compute() == quoted, "the header's figure is not what som-xl computes"
    assert quoted in EXAMPLES[example].difference, (
        f"examples/{example}.yaml 'Forskel:' should quote {quoted!r}"
    )


def test_every_example_says_what_was_published_and_assumed() -> None:
    assert len(EXAMPLES) >= 7
    for example in EXAMPLES.values():
        for attr in LABELS.values():
            assert getattr(example, attr), f"{example.id}: '{attr}' is empty"
        assert example.title


def test_published_cases_are_there() -> None:
    # issue 10: modified ACT at 20 %, aftercare after a shelter stay (Aalborg) and extended
    # § 85 support (Helsingør) are among SØM's published cases
    for eid in ("modificeret_act", "efterforloeb_aalborg", "udvidet_85_helsingoer"):
        assert "social.dk/tvaergaaende/soem/erfaringsdatabase" in EXAMPLES[eid].source
    assert "20 pct." in EXAMPLES["modificeret_act"].published
    assert yaml.safe_load(EXAMPLES["modificeret_act"].path.read_text())["success_rate"] == 0.2


def test_header_errors_are_danish_and_name_the_file() -> None:
    with pytest.raises(ValueError, match=r"x\.yaml: hovedet mangler 'Forskel:'"):
        parse_header(
            "# T\n# Kilde: a\n# Offentliggjort: b\n# Offentliggjort resultat: c\n"
            "# Antaget her: d\nname: x\n",
            "x.yaml",
        )
    with pytest.raises(ValueError, match="to gange"):
        parse_header("# T\n# Kilde: a\n# Kilde: b\n", "x.yaml")
