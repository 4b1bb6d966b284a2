"""The report's text: the one-page sagsfremstilling and the full report, as blocks.

Every sentence a reader sees is written here, in Danish, from :class:`~.data.ReportData`;
numbers are formatted with :mod:`som_xl.present.da` (1.234.567 kr., 12,3 %), so the report
writes the figures exactly as ``som-xl calc`` prints them. :func:`short_document` follows
the order of a Danish committee paper; :func:`full_document` adds the charts and tables.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

from ..conventions import NO_COMMITTEE
from ..present import da
from ..present.answer import uncertainty_caveat
from ..present.followup import FIGURE_FORMATS, NO_OBSERVED_RATE, note_for_years
from ..present.text import format_cell
from ..workbook import text as T
from . import charts
from .blocks import Block, Bullets, Callout, Chart, Document, Facts, Heading, Paragraph, Table
from .data import ReportData, Tornado, Uncertainty

__all__ = [
    "CAVEATS",
    "NOT_COMPUTED",
    "STATUS_WORDS",
    "full_document",
    "key_assumptions",
    "reading_guide",
    "short_document",
    "stamp_line",
]

#: What the report says where a figure is not computed.
NOT_COMPUTED = "ikke beregnet"

#: P(net > 0), the kommune's / the whole public sector's: the label on the sheet *Resultat*.
CHANCE_LABEL = T.RESULT_KEYS["sandsynlighed"][0]

#: An assumption's status as the report writes it.
STATUS_WORDS: dict[str, str] = {
    **da.STATUS_LABELS,
    "local": "lokal",
    "own": "egen",
    "input": "eget input",
    "": "ukendt",
}

#: The caveats SØM itself insists on (social.dk, "Om SØM" and its FAQ), in the project's words.
CAVEATS: tuple[str, ...] = (
    "SØM er en budgetøkonomisk model, ikke en velfærdsøkonomisk: den viser ændringer i "
    "offentlige udgifter og indtægter, ikke borgernes livskvalitet eller gevinster uden for "
    "den offentlige sektor. Dem må udvalget vurdere ved siden af beregningen.",
    "Resultatet er ikke bedre end forudsætningerne: succesrate, konsekvenser og priser er "
    "skøn. Konsekvenserne er sammenhænge fundet i registerdata, ikke målte effekter af netop "
    "denne indsats.",
    "Beregningen træffer ikke beslutningen alene; den er ét af flere grundlag for den.",
)

#: From a workbook the report draws anew from the ranges on *Usikkerhed*, whose own table
#: was computed when the workbook was built and may be stale.
WORKBOOK_DRAWS = (
    "Usikkerheden er regnet, da rapporten blev lavet, ud fra intervallerne på projektmappens "
    "ark Usikkerhed. Arkets egen Monte Carlo-tabel (og sandsynlighederne på arket Resultat) "
    "blev regnet, da projektmappen blev bygget; er input ændret siden, er den forældet og kan "
    "vise andre tal end rapporten."
)

SOURCE_ENGINE = "Kilde: som-xl {version}, beregning af {input}"


def sentence(text: str) -> str:
    """End a sentence with one full stop ("… 12 kr." stays as it is)."""
    return text if text.endswith(".") else text + "."


def _money(value: Any) -> str:
    return da.money(None if value is None else float(value))


def _year(value: Any) -> str:
    return da.not_defined("break_even_year") if value is None else str(int(value))


def _bcr(value: Any) -> str:
    return da.not_defined("benefit_cost_ratio") if value is None else da.ratio(float(value))


#: A break-even year not reached: the words of every face (som_xl.present.da).
NOT_REACHED = da.not_defined("break_even_year")
#: In a table's narrow column: a ratio without costs.
NO_RATIO = "ingen"


def _cell_year(value: Any) -> str:
    return NOT_REACHED if value is None else str(int(value))


def _cell_bcr(value: Any) -> str:
    return NO_RATIO if value is None else da.ratio(float(value))


def _source(data: ReportData, extra: str = "") -> str:
    s = data.stamp
    line = SOURCE_ENGINE.format(version=s.version, input=s.input_name)
    line += f"; prisniveau {data.result['price_year']}"
    if extra:
        line += f"; {extra}"
    if s.kb_fingerprint:
        line += f"; vidensdatabase {s.kb_fingerprint}"
        if s.kb_version:
            line += f" (version {s.kb_version})"
    return line + "."


def stamp_line(data: ReportData) -> str:
    """The reproducibility stamp on one line (the foot of every page).

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> from som_xl.report.data import report_data
    >>> d = report_data(example_result(), date="2026-01-02", input_name="eksempel.yaml")
    >>> stamp_line(d)  # doctest: +ELLIPSIS
    'som-xl ... · vidensdatabase: ikke brugt · scenarie sha256 ... · frø (seed): ingen · 2026-01-02'
    """
    s = data.stamp
    kb = s.kb_fingerprint or da.not_defined("kb_fingerprint")
    if s.kb_version:
        kb += f" (version {s.kb_version})"
    seed = str(s.seed) if s.seed is not None else "ingen"
    return (
        f"som-xl {s.version} · vidensdatabase: {kb} · scenarie sha256 {s.scenario_hash[:16]} · "
        f"{da.SEED}: {seed} · {s.date}"
    )


# --- sentences --------------------------------------------------------------------------


def _participants_text(data: ReportData) -> str:
    years = sorted(y for y, n in data.participants.items() if n)
    total = sum(float(n) for n in data.participants.values())
    n = da.kr(total) if float(total).is_integer() else da.kr(total, 1)
    if not years:
        return "ingen deltagere"
    span = str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"
    return f"{n} deltagere, der starter i {span}"


def _decision(data: ReportData) -> list[Block]:
    r = data.result
    group = (
        f"målgruppen {data.target_group_label}"
        if data.target_group_label
        else "en målgruppe med egne konsekvenser"
    )
    measure = f" (succesmål: {data.success_measure.rstrip('. ')})" if data.success_measure else ""
    first, last = data.years[0], data.years[-1]
    text = (
        f"Udvalget skal tage stilling til indsatsen »{data.name}« for {group}{measure}. "
        f"Indsatsen omfatter {_participants_text(data)}, med forløb på {r['course_years']} år "
        f"og en forventet succesrate på {da.pct(r['success_rate'])} (netto efter dødvægt). "
        f"Indsatsens omkostninger er {_money(r['costs']['discounted'])} i nutidsværdi. "
        f"Beregningen dækker {r['horizon_years']} år ({first}-{last}) i "
        f"{r['price_year']}-priser, diskonteret med {data.discount_text}."
    )
    return [Heading("Det skal besluttes"), Paragraph(text)]


def _economy_text(data: ReportData) -> str:
    r = data.result
    net = r["net_result"]
    kommune = data.purse("kommune")
    sign = "overskud" if net["discounted"] >= 0 else "underskud"
    lead = (
        f"Ifølge den nye prognose (opfølgning) giver indsatsen et {sign} for den offentlige "
        "sektor samlet"
        if data.followup is not None
        else f"For den offentlige sektor samlet giver indsatsen et {sign}"
    )
    text = (
        f"{lead}: nettoresultatet er {_money(net['discounted'])} i nutidsværdi "
        f"({_money(net['undiscounted'])} udiskonteret)."
    )
    if kommune is not None:
        text += " " + sentence(
            f"For kommunen er nettoresultatet {_money(kommune['discounted_net'])}"
        )
    if r["break_even_year"] is not None:
        text += f" Indsatsen er tjent hjem i {r['break_even_year']} (break-even-år)."
    else:
        text += f" Indsatsen tjenes ikke hjem (break-even-år: {NOT_REACHED})."
    if r["benefit_cost_ratio"] is not None:
        text += f" Hver omkostningskrone giver {da.ratio(r['benefit_cost_ratio'])} kr. i gevinst."
    return text


def _purse_rows(data: ReportData) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for p in data.result["by_purse"]:
        be = _cell_year(p["break_even_year"]) if "break_even_year" in p else NOT_COMPUTED
        bcr = _cell_bcr(p["benefit_cost_ratio"]) if "benefit_cost_ratio" in p else NOT_COMPUTED
        rows.append(
            (
                da.PURSE_LABELS.get(str(p["purse"]), str(p["purse"])),
                da.kr(p["discounted_costs"]),
                da.kr(p["discounted_gains"]),
                da.kr(p["discounted_net"]),
                be,
                bcr,
            )
        )
    r = data.result
    rows.append(
        (
            da.TOTAL,
            da.kr(r["costs"]["discounted"]),
            da.kr(r["gains"]["discounted"]),
            da.kr(r["net_result"]["discounted"]),
            _cell_year(r["break_even_year"]),
            _cell_bcr(r["benefit_cost_ratio"]),
        )
    )
    return rows


#: Under the tables with break-even years and ratios.
TABLE_NOTE = (
    "NV = nutidsværdi. Break-even-år: første år, hvor det akkumulerede nettoresultat i "
    "nutidsværdi er mindst 0. Gevinst pr. kr.: "
    f"gevinster pr. omkostningskrone i nutidsværdi (»{NO_RATIO}«: ingen omkostninger)."
)

PURSE_HEADERS = (
    "Aktør",
    "Omkostninger (NV), kr.",
    "Gevinster (NV), kr.",
    "Netto (NV), kr.",
    "Break-even-år",
    "Gevinst pr. kr.",
)


def _purse_table(data: ReportData, small: bool = False) -> Table:
    return Table(
        PURSE_HEADERS,
        tuple(_purse_rows(data)),
        "lrrrrr",
        (0.16, 0.19, 0.17, 0.17, 0.17, 0.14),
        total=True,
        small=small,
    )


def _chance(data: ReportData) -> str:
    u = data.uncertainty
    r = data.result
    if u is None:
        text = (
            f"Sandsynligheden for et positivt nettoresultat (nutidsværdi) er {NOT_COMPUTED}: "
            + _no_uncertainty(data)
        )
    else:
        q = u.quantiles
        text = (
            f"Sandsynligheden for et positivt nettoresultat (nutidsværdi) er "
            f"{da.chance(u.p_net_positive)} for den offentlige sektor samlet"
        )
        kommune = _kommune_chance(u)
        if kommune is not None:
            text += f" og {da.chance(kommune)} for kommunen"
        text += f", vurderet ud fra {da.kr(u.draws)} simulerede udfald af de usikre forudsætninger"
        if "5" in q and "95" in q:
            text += f"; 90 % af udfaldene ligger mellem {da.money(q['5'])} og {da.money(q['95'])}"
        text = sentence(text)
        by_status: dict[str, list[str]] = {}
        for name, _rule, status in u.notes:
            label = charts.input_label(name, data.service_labels).lower()
            by_status.setdefault(status, []).append(label)
        for status, labels in by_status.items():
            names = labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} og {labels[-1]}"
            what = "Fordelingen" if len(labels) == 1 else "Fordelingerne"
            are = "et standardinterval" if len(labels) == 1 else "standardintervaller"
            text += (
                f" {what} for {names} er {are} ({STATUS_WORDS.get(status, status)}), "
                "ikke angivet i beregningen."
            )
    rate = r["break_even_success_rate"]
    if rate is not None:
        text += (
            f" Resultatet er positivt, hvis succesraten er mindst {da.pct(rate)} "
            f"(break-even-succesrate; forudsat {da.pct(r['success_rate'])})."
        )
    return text


def _kommune_chance(u: Uncertainty) -> float | None:
    """The kommune's P(net > 0) from the analysis's per-purse rows (None: not given)."""
    for row in u.by_purse:
        if row.get("purse") == "kommune" and row.get("p_net_positive") is not None:
            return float(row["p_net_positive"])
    return None


def _chances(u: Uncertainty | None) -> str:
    """P(net > 0) for the kommune and the whole public sector, as *Resultat* shows them."""
    if u is None:
        return NOT_COMPUTED
    kommune = _kommune_chance(u)
    return f"{da.chance(kommune) if kommune is not None else NOT_COMPUTED} / " + da.chance(
        u.p_net_positive
    )


def _no_uncertainty(data: ReportData) -> str:
    """Why there is no uncertainty analysis, and how to get one."""
    if data.where == "projektmappen":
        return (
            "projektmappen angiver ikke usikkerheden på forudsætningerne. Lav rapporten med "
            "--standard for standardintervallerne, eller gem scenariet som fil (som-xl read "
            "--scenario-out) og angiv fordelingerne i afsnittet »uncertainty«."
        )
    return (
        "scenariet angiver ikke usikkerheden på forudsætningerne. Angiv fordelingerne i "
        "scenariefilens afsnit »uncertainty«, eller lav rapporten med --standard for "
        "standardintervallerne."
    )


def key_assumptions(data: ReportData) -> list[str]:
    """The three assumptions the result hangs on most, in words.

    The tornado's inputs, widest swing first; then, for inputs the tornado does not cover,
    the success rate (the gains scale with it), the consequence with the largest share of the
    gains, and the largest cost.
    """
    r = data.result
    u = data.uncertainty
    out: list[str] = []
    covered: set[str] = set()
    for row in sorted(u.tornado if u is not None else (), key=lambda t: -t.swing)[:3]:
        covered.add(row.input)
        text = (
            f"{_tornado_label(row, data)}: fra {_input_value(row.input, row.low)} til "
            f"{_input_value(row.input, row.high)} flytter nettoresultatet fra "
            f"{da.money(row.net_low)} til {da.money(row.net_high)}"
        )
        if row.switching_value is not None:
            text += (
                f"; resultatet skifter fortegn ved {_input_value(row.input, row.switching_value)}"
            )
        out.append(sentence(text))
    if "success_rate" not in covered:
        out.append(
            f"Succesraten på {da.pct(r['success_rate'])}: gevinsterne følger den. "
            + (
                f"Under {da.pct(r['break_even_success_rate'])} bliver nettoresultatet negativt."
                if r["break_even_success_rate"] is not None
                else "Gevinsterne er ikke positive ved nogen succesrate."
            )
        )
    cons = sorted(r["consequences"], key=lambda c: -abs(float(c["discounted_gains"])))
    pv_gains = float(r["gains"]["discounted"])
    if cons and pv_gains and "consequences" not in covered:
        top = cons[0]
        share = float(top["discounted_gains"]) / pv_gains
        status = _consequence_status(data, str(top["label"]))
        text = (
            f"Konsekvensen »{top['label']}« (status: {status}) giver "
            f"{da.money(top['discounted_gains'])} af gevinsternes nutidsværdi på i alt "
            f"{da.money(pv_gains)}"
        )
        if 0 < share <= 1:
            text += f" ({da.pct(share)})"
        elif share > 1:
            text += ", fordi andre konsekvenser trækker den anden vej"
        out.append(sentence(text))
    if "costs" not in covered:
        if data.cost_lines:
            label, total, _kind = data.cost_lines[0]
            out.append(
                f"Omkostningen »{label}«: {da.money(total)} over perioden (udiskonteret); "
                f"i alt {da.money(r['costs']['discounted'])} i nutidsværdi."
            )
        else:
            out.append("Indsatsen har ingen omkostninger i beregningen; tjek, at det er rigtigt.")
    return out[:3]


def _tornado_label(row: Tornado, data: ReportData) -> str:
    """A tornado input's Danish name: the analysis's own, else the report's."""
    return row.label or charts.input_label(row.input, data.service_labels)


def _consequence_status(data: ReportData, label: str) -> str:
    for a in data.assumptions:
        if a.group == "consequence" and a.label == label:
            return STATUS_WORDS.get(a.status, a.status)
    return STATUS_WORDS[""]


def _input_value(name: str, value: float) -> str:
    if name == "success_rate":
        return da.pct(value)
    return f"faktor {da.ratio(value)}"


def _data_status(data: ReportData) -> str:
    n_ill, n_cons, p_ill, n_prices = data.illustrative_counts
    if data.illustrative_share is not None:
        text = (
            f"{da.pct(data.illustrative_share)} af gevinsternes nutidsværdi hviler på "
            "illustrative værdier (projektets egne skøn, ikke offentliggjorte tal)."
        )
    else:
        text = "Andelen af gevinsterne, der hviler på illustrative værdier, er ikke beregnet."
    text += (
        f" {n_ill} af {n_cons} konsekvenser og {p_ill} af {n_prices} priser i brug er illustrative."
    )
    if n_ill or p_ill or (data.illustrative_share or 0) > 0:
        text += (
            " Erstat dem med lokale eller officielle tal, før resultatet bruges til en beslutning."
        )
    return text


def _warnings(data: ReportData, limit: int | None) -> list[Block]:
    if not data.warnings:
        return []
    items = list(data.warnings)
    if limit is not None and len(items) > limit:
        rest = len(items) - limit
        items = [*items[:limit], f"… og {rest} advarsler mere (se den fulde rapport)."]
    return [Paragraph("Advarsler fra beregningen:", "small"), Bullets(tuple(items))]


def _followup_text(data: ReportData) -> str:
    """What a follow-up is and the plan's headline beside the new forecast's."""
    r = data.result
    real = r["realised"]
    years = [int(y["year"]) for y in real["years"]]
    span = str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"
    plan, fc = r["plan"], r["forecast"]
    text = (
        f"Beregningen er en opfølgning: for {span} bruges de realiserede tal, og resten af "
        "perioden er en ny prognose. Rapportens tal er den nye prognose, hvor intet andet står. "
        f"Planen gav et nettoresultat på {_money(plan['net_result']['discounted'])} i "
        f"nutidsværdi; den nye prognose giver {_money(fc['net_result']['discounted'])} "
        "(tabellens beløb er kr.)."
    )
    observed = real["observed_success_rate"]
    if observed is None:
        text += f" Observeret succesrate: {NO_OBSERVED_RATE}."
    else:
        text += (
            f" Den observerede succesrate er {da.pct(observed)} "
            f"(planlagt {da.pct(plan['success_rate'])})."
        )
    return text


def _widths_by_longest_word(
    headers: Sequence[str], rows: Sequence[Sequence[str]] = ()
) -> tuple[float, ...]:
    """Column shares in proportion to each column's longest word, header or cell (at least
    5 letters), so that no word or amount is broken ("Omkostning er", "-100.0 00").

    Examples
    --------
    >>> _widths_by_longest_word(["År", "Omkostninger (plan)", "Netto"], [["2025", "1", "-12.345"]])
    (0.2083, 0.5, 0.2917)
    """
    longest = [
        max(5, *(len(w) for text in (h, *(r[i] for r in rows)) for w in str(text).split()))
        for i, h in enumerate(headers)
    ]
    return tuple(round(n / sum(longest), 4) for n in longest)


def _followup_blocks(data: ReportData, *, full: bool) -> list[Block]:
    """The follow-up (som-method §3.19): ``som-xl opfoelgning``'s tables, as the CLI has them."""
    if data.followup is None:
        return []
    years, figures = data.followup
    blocks: list[Block] = [
        Heading(figures.title, 1 if full else 2),
        Paragraph(_followup_text(data)),
        Table(
            figures.headers,
            tuple(
                (str(row[0]), *(format_cell(v, f) for v in row[1:]))
                for row, f in zip(figures.rows, FIGURE_FORMATS, strict=True)
            ),
            "lrr",
            (0.44, 0.28, 0.28),
            small=True,
        ),
    ]
    if full:
        n = len(years.headers)
        cells = tuple(
            tuple(format_cell(v, f) for v, f in zip(row, years.formats, strict=True))
            for row in years.rows
        )
        blocks += [
            Heading(f"{years.title} (kr., udiskonteret)", 3),
            Table(
                years.headers,
                cells,
                "l" + "r" * (n - 1),
                _widths_by_longest_word(years.headers, cells),
                small=True,
            ),
        ]
    # a realised year without costs: the forecast keeps the plan's (no realised figure)
    note = note_for_years(data.result["realised"]["years"])
    return [*blocks, Paragraph(note, "small")] if note else blocks


# --- the two documents --------------------------------------------------------------------


def _title(data: ReportData, what: str) -> tuple[str, str]:
    subtitle = f"{what} · Socialøkonomisk beregning med SØM (som-xl) · {data.stamp.date}"
    return data.name, subtitle


def short_document(data: ReportData) -> Document:
    """The one-page sagsfremstilling, in the order of a committee paper.

    Parameters
    ----------
    data : ReportData

    Returns
    -------
    Document
        What is decided, the economy (per purse, with break-even years), the chance of a
        positive result, the three assumptions it hangs on, the data status and SØM's
        caveats.

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> from som_xl.report.data import report_data
    >>> d = report_data(example_result(), date="2026-01-02", input_name="eksempel.yaml")
    >>> for b in short_document(d).blocks:
    ...     if b.kind == "heading":
    ...         print(b.text)
    Det skal besluttes
    Økonomi
    Sandsynlighed for et positivt nettoresultat
    Det hænger resultatet på
    Datagrundlag
    Forbehold
    """
    title, subtitle = _title(data, "Sagsfremstilling")
    blocks: list[Block] = [
        *_decision(data),
        Heading("Økonomi"),
        Paragraph(_economy_text(data)),
        _purse_table(data, small=True),
        Paragraph(TABLE_NOTE, "small"),
        *_followup_blocks(data, full=False),
        Heading("Sandsynlighed for et positivt nettoresultat"),
        Paragraph(_chance(data)),
        Heading("Det hænger resultatet på"),
        Bullets(tuple(key_assumptions(data)), numbered=True),
        Heading("Datagrundlag"),
        Callout(_data_status(data)),
        *_warnings(data, 3),
        Heading("Forbehold"),
        Paragraph(" ".join(CAVEATS), "small"),
    ]
    return Document(title, subtitle, tuple(blocks), stamp_line(data), short=True)


def reading_guide(data: ReportData) -> list[str]:
    """How to read the report's figures: units, present value, signs, purses, statuses.

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> from som_xl.report.data import report_data
    >>> d = report_data(example_result(), date="2026-01-02", input_name="eksempel.yaml")
    >>> reading_guide(d)[0]  # doctest: +ELLIPSIS
    'Alle beløb er i kr. i 2024-priser. Nutidsværdi (NV): ... til 2025 med 5 %, ...'
    """
    r = data.result
    return [
        f"Alle beløb er i kr. i {r['price_year']}-priser. Nutidsværdi (NV): hvert års beløb "
        f"diskonteret til {r['start_year']} med {data.discount_text}, så beløb langt ude i "
        "fremtiden vejer mindre; udiskonteret er den enkle sum over årene.",
        "Nettoresultat = gevinster minus omkostninger for de offentlige kasser; et positivt "
        "tal betyder, at indsatsen sparer mere, end den koster. Gevinster er sparede "
        "offentlige udgifter og øgede indtægter, når deltagerne når succesmålet.",
        f"»{da.key_figure('discounted_net_kommune')}« er kommunens del; resten falder hos "
        "region og stat. »Nettoresultat (nutidsværdi)« er hele den offentlige sektor.",
        "Succesraten er netto efter dødvægt: andelen af deltagerne, der når succesmålet på "
        "grund af indsatsen (ikke dem, der ville have nået det alligevel).",
        "Hver værdi har en status: offentliggjort, afledt eller illustrativ (et skøn, ikke et "
        "offentliggjort tal); se »Forudsætninger og kilder«.",
    ]


def _key_figures(data: ReportData) -> Facts:
    r = data.result
    u = data.uncertainty
    kommune = data.purse("kommune")
    rows = [
        (da.key_figure("discounted_net_result"), _money(r["net_result"]["discounted"])),
        (
            da.key_figure("discounted_net_kommune"),
            _money(kommune["discounted_net"]) if kommune is not None else NOT_COMPUTED,
        ),
        (da.key_figure("net_result"), _money(r["net_result"]["undiscounted"])),
        (da.key_figure("discounted_costs"), _money(r["costs"]["discounted"])),
        (da.key_figure("discounted_gains"), _money(r["gains"]["discounted"])),
        ("Omkostninger (udiskonteret)", _money(r["costs"]["undiscounted"])),
        ("Gevinster (udiskonteret)", _money(r["gains"]["undiscounted"])),
        (da.key_figure("break_even_year"), _year(r["break_even_year"])),
        (
            da.key_figure("break_even_success_rate"),
            da.pct(r["break_even_success_rate"])
            if r["break_even_success_rate"] is not None
            else da.not_defined("break_even_success_rate"),
        ),
        (da.key_figure("benefit_cost_ratio"), _bcr(r["benefit_cost_ratio"])),
        (CHANCE_LABEL, _chances(u)),
        (
            "Andel af gevinsterne på illustrative værdier",
            da.pct(data.illustrative_share)
            if data.illustrative_share is not None
            else NOT_COMPUTED,
        ),
    ]
    return Facts(tuple(rows), strong=frozenset({rows[0][0], rows[1][0]}))


def _settings(data: ReportData) -> Facts:
    r = data.result
    rows = [
        (da.key_figure("scenario"), data.name),
        (
            da.key_figure("target_group"),
            data.target_group_label or da.cap(da.not_defined("target_group")),
        ),
    ]
    if data.success_measure:
        rows.append(("Succesmål", data.success_measure))
    if r.get("intervention"):
        rows.append(("Indsats", da.intervention_line(r["intervention"])))
    rows += [
        ("Deltagere", _participants_text(data)),
        ("Succesrate (netto efter dødvægt)", da.pct(r["success_rate"])),
        ("Forløbets længde", f"{r['course_years']} år"),
        ("Startår og tidshorisont", f"{r['start_year']}, {r['horizon_years']} år"),
        (da.key_figure("price_year"), str(r["price_year"])),
        (da.key_figure("discount_rate"), data.discount_text),
    ]
    return Facts(tuple(rows))


def _year_table(data: ReportData) -> Table:
    rows = tuple(
        (
            str(y["year"]),
            da.kr(y["costs"]),
            da.kr(y["gains"]),
            da.kr(y["net"]),
            da.factor(y["discount_factor"]),
            da.kr(y["discounted_net"]),
            da.kr(y["cumulative_discounted_net"]),
        )
        for y in data.result["years"]
    )
    headers = tuple(
        da.label(k) + (", kr." if k not in ("year", "discount_factor") else "")
        for k in (
            "year",
            "costs",
            "gains",
            "net",
            "discount_factor",
            "discounted_net",
            "cumulative_discounted_net",
        )
    )
    return Table(headers, rows, "lrrrrrr", (0.07, 0.15, 0.15, 0.15, 0.13, 0.17, 0.18), small=True)


def _split_table(rows: Sequence[Mapping[str, Any]], key: str, header: str) -> Table:
    body = [
        (
            da.PURSE_LABELS.get(str(row[key]), str(row[key])),
            da.kr(row["costs"]),
            da.kr(row["gains"]),
            da.kr(row["net"]),
            da.kr(row["discounted_net"]),
        )
        for row in rows
    ]
    return Table(
        (header, "Omkostninger, kr.", "Gevinster, kr.", "Netto, kr.", "Netto (NV), kr."),
        tuple(body),
        "lrrrr",
        (0.36, 0.16, 0.16, 0.16, 0.16),
        small=True,
    )


def _committee_table(rows: Sequence[Mapping[str, Any]]) -> Table:
    body = []
    for row in rows:
        be = _cell_year(row["break_even_year"]) if "break_even_year" in row else NOT_COMPUTED
        bcr = _cell_bcr(row["benefit_cost_ratio"]) if "benefit_cost_ratio" in row else NOT_COMPUTED
        body.append(
            (
                str(row["committee"]),
                da.kr(row["discounted_costs"]),
                da.kr(row["discounted_gains"]),
                da.kr(row["discounted_net"]),
                be,
                bcr,
            )
        )
    return Table(
        ("Udvalg", *PURSE_HEADERS[1:]),
        tuple(body),
        "lrrrrr",
        (0.26, 0.16, 0.15, 0.15, 0.15, 0.13),
        small=True,
    )


def _consequence_table(data: ReportData) -> Table:
    status = {a.label: a.status for a in data.assumptions if a.group == "consequence"}
    rows = tuple(
        (
            str(c["label"]),
            str(c["budget_item"]),
            da.kr(c["gains"]),
            da.kr(c["discounted_gains"]),
            STATUS_WORDS.get(status.get(str(c["label"]), ""), ""),
        )
        for c in sorted(data.result["consequences"], key=lambda c: -float(c["discounted_gains"]))
    )
    return Table(
        ("Konsekvens", "Udgiftspost", "Gevinst, kr.", "Gevinst (NV), kr.", "Status"),
        rows,
        "llrrl",
        (0.32, 0.26, 0.14, 0.15, 0.13),
        small=True,
    )


def _uncertainty_blocks(data: ReportData) -> list[Block]:
    u = data.uncertainty
    blocks: list[Block] = [Heading("Usikkerhed", 1)]
    if u is None:
        blocks.append(
            Paragraph(
                f"Usikkerhedsanalysen er {NOT_COMPUTED}: {_no_uncertainty(data)} "
                "Break-even-succesraten ovenfor viser, hvor meget succesraten kan falde, før "
                "resultatet bliver negativt."
            )
        )
        return blocks
    base = float(data.result["net_result"]["discounted"])
    blocks.append(Paragraph(_chance(data)))
    if data.where == "projektmappen":
        blocks.append(Callout(WORKBOOK_DRAWS))
    seed = f", {da.SEED} {u.seed}" if u.seed is not None else ""
    src = _source(data, f"{da.kr(u.draws)} trækninger{seed}")
    if u.samples is not None and len(u.samples):
        blocks.append(
            Chart(
                "histogram",
                "Fordelingen af nettoresultatet (nutidsværdi)",
                src,
                "Histogram over nettoresultatet i de simulerede udfald; andelen over nul er "
                f"{da.chance(u.p_net_positive)}.",
                partial(charts.histogram, u, base),
                height=2.5,
                left=0.8,
                legend_below=True,
            )
        )
    blocks.append(
        Chart(
            "band",
            "Usikkerhedsbånd: nettoresultat i alt og pr. aktør",
            src,
            "Intervallerne 5-95 % og 10-90 % og medianen af nettoresultatet, i alt og pr. aktør.",
            partial(charts.uncertainty_band, u),
            height=0.45 * (1 + len(u.by_purse)) + 0.5,
            left=0.9,
            legend_below=True,
        )
    )
    q_rows = [("Middelværdi", da.money(u.mean))] + [
        (f"{k} %-fraktil", da.money(v)) for k, v in u.quantiles.items()
    ]
    blocks += [
        Heading("Nettoresultatet i de simulerede udfald (nutidsværdi)", 3),
        Facts(tuple(q_rows)),
    ]
    if u.inputs:
        blocks += [
            Heading("De usikre forudsætninger", 3),
            Table(
                ("Forudsætning", "Fordeling"),
                tuple((name, text) for name, text in u.inputs),
                "ll",
                (0.35, 0.65),
                small=True,
            ),
        ]
    for _input, text, status in u.notes:
        blocks.append(
            Paragraph(
                sentence(f"Standardinterval ({STATUS_WORDS.get(status, status)}): {text}"),
                "small",
            )
        )
    caveat = uncertainty_caveat(u.fixed, u.illustrative_share)
    if caveat:
        blocks.append(Callout(caveat))  # boxed: the spread rests on placeholders
    if u.tornado:
        blocks += [
            Heading("Følsomhed (tornado)"),
            Paragraph(
                "Hver forudsætning sat til sin lave og høje værdi (10 %- og 90 %-fraktilen), "
                "mens de andre står på den centrale værdi. Skifteværdien er den værdi, hvor "
                "nettoresultatet bliver 0."
            ),
            Chart(
                "tornado",
                "Nettoresultatets følsomhed for de enkelte forudsætninger",
                src,
                "Tornado-diagram: nettoresultatet ved lav og høj værdi af hver forudsætning.",
                partial(
                    charts.tornado,
                    u,
                    base,
                    {t.input: _tornado_label(t, data) for t in u.tornado},
                ),
                height=0.35 * len(u.tornado) + 0.6,
                left=1.9,
                legend_below=True,
            ),
            Table(
                (
                    "Forudsætning",
                    "Lav",
                    "Høj",
                    "Netto ved lav, kr.",
                    "Netto ved høj, kr.",
                    "Skifteværdi",
                ),
                tuple(
                    (
                        _tornado_label(t, data),
                        _input_value(t.input, t.low),
                        _input_value(t.input, t.high),
                        da.kr(t.net_low),
                        da.kr(t.net_high),
                        _input_value(t.input, t.switching_value)
                        if t.switching_value is not None
                        else "ingen",
                    )
                    for t in sorted(u.tornado, key=lambda t: -t.swing)
                ),
                "lrrrrr",
                (0.3, 0.1, 0.1, 0.19, 0.19, 0.12),
                small=True,
            ),
        ]
    return blocks


def _variant_blocks(data: ReportData) -> list[Block]:
    v = data.variants
    if not v:
        return []
    return [
        Heading("Scenarier", 1),
        Chart(
            "variants",
            "Nettoresultat (nutidsværdi) pr. scenarie",
            _source(data),
            "Søjlediagram over nettoresultatet i hvert scenarie.",
            partial(charts.comparison, v),
            height=0.4 * len(v) + 0.5,
            left=1.9,
        ),
        Table(
            ("Scenarie", "Netto, kr.", "Netto (NV), kr.", "Break-even-år", "Gevinst pr. kr."),
            tuple(
                (
                    x.name,
                    da.kr(x.net_undiscounted),
                    da.kr(x.net_discounted),
                    _cell_year(x.break_even_year),
                    _cell_bcr(x.benefit_cost_ratio),
                )
                for x in v
            ),
            "lrrrr",
            (0.36, 0.16, 0.16, 0.16, 0.16),
            small=True,
        ),
    ]


def _assumption_table(data: ReportData) -> list[Block]:
    groups = (
        ("setting", "Indstillinger"),
        ("cost", "Omkostninger"),
        ("consequence", "Konsekvenser (ændring pr. borger, der når succesmålet)"),
        ("price", "Priser (pr. enhed, i prisniveauet)"),
    )
    blocks: list[Block] = []
    for key, title in groups:
        rows = tuple(
            (a.label, a.value, STATUS_WORDS.get(a.status, a.status), a.source)
            for a in data.assumptions
            if a.group == key
        )
        if rows:
            blocks += [
                Heading(title, 3),
                Table(
                    ("Forudsætning", "Værdi", "Status", "Kilde"),
                    rows,
                    "llll",
                    (0.27, 0.27, 0.11, 0.35),
                    small=True,
                ),
            ]
    return blocks


def _checklist(data: ReportData) -> list[Block]:
    blocks: list[Block] = [Heading("Tjekliste", 1)]
    if data.checklist is None:
        blocks.append(
            Paragraph(
                "Beregningen er lavet fra en scenariefil. Tjeklisten til dokumentation af "
                "valgene findes i projektmappens ark Forudsætninger; udfyld den der, og lav "
                "rapporten fra projektmappen, så svarene kommer med."
            )
        )
        return blocks
    rows = tuple((q, a.strip() or "(ikke besvaret)") for q, a in data.checklist)
    blocks.append(Table(("Spørgsmål", "Svar"), rows, "ll", (0.45, 0.55), small=True))
    return blocks


def _stamp_facts(data: ReportData) -> Facts:
    s = data.stamp
    rows = [
        ("som-xl-version", s.version),
        ("Vidensdatabasens fingeraftryk", s.kb_fingerprint or da.not_defined("kb_fingerprint")),
    ]
    if s.kb_version:
        rows.append(("Vidensdatabasens version", s.kb_version))
    rows += [
        ("Scenariets sha256", s.scenario_hash),
        (da.cap(da.SEED), str(s.seed) if s.seed is not None else "ingen"),
        ("Inddata", s.input_name),
        ("Dato", s.date),
    ]
    return Facts(tuple(rows))


def full_document(data: ReportData) -> Document:
    """The full report: key figures, charts, tables, assumptions, checklist and stamp.

    Parameters
    ----------
    data : ReportData

    Returns
    -------
    Document
        Sections with charts are left out where their figures are not computed (committees,
        uncertainty, variants), and the report says so.

    Examples
    --------
    >>> from som_xl.present._example import example_result
    >>> from som_xl.report.data import report_data
    >>> d = report_data(example_result(), date="2026-01-02", input_name="eksempel.yaml")
    >>> [c.key for c in full_document(d).charts()]
    ['cumulative', 'yearly', 'who_pays', 'by_budget_item']
    """
    title, subtitle = _title(data, "Rapport")
    r = data.result
    src = _source(data)
    n_items = len(r["by_budget_item"])
    blocks: list[Block] = [
        Heading("Resumé", 1),
        Paragraph(_economy_text(data), "lead"),
        Paragraph(_chance(data)),
        Callout(_data_status(data)),
        *_warnings(data, None),
        Heading("Nøgletal", 2),
        _key_figures(data),
        Heading("Indsatsen og beregningens indstillinger", 2),
        _settings(data),
        Heading("Det hænger resultatet på", 2),
        Bullets(tuple(key_assumptions(data)), numbered=True),
        Heading("Sådan læses rapporten", 2),
        Bullets(tuple(reading_guide(data))),
        *_followup_blocks(data, full=True),
        Heading("Nettoresultatet over tid", 1),
        Chart(
            "cumulative",
            "Akkumuleret nettoresultat (nutidsværdi) pr. aktør",
            src,
            "Linjediagram over det akkumulerede nettoresultat i nutidsværdi år for år for "
            "kommune, region, stat og i alt.",
            partial(charts.cumulative, data),
            height=2.4,
        ),
        Chart(
            "yearly",
            "Omkostninger og gevinster år for år (udiskonteret)",
            src,
            "Søjlediagram over omkostninger og gevinster hvert år med nettoresultatet som linje.",
            partial(charts.yearly, data),
            height=2.0,
            legend_below=True,
        ),
        _year_table(data),
        Heading("Hvem betaler, og hvem sparer", 1),
        Paragraph(
            "Omkostninger og gevinster i nutidsværdi for hver offentlig aktør. En aktør kan "
            "bære omkostningerne, mens en anden får gevinsterne."
        ),
        Chart(
            "who_pays",
            "Omkostninger og gevinster (nutidsværdi) pr. aktør",
            src,
            "Vandrette søjler: omkostninger og gevinster i nutidsværdi for kommune, region "
            "og stat, med nettoresultatet som markør.",
            partial(charts.who_pays, r["by_purse"], "purse"),
            height=2.0,
            left=0.8,
            legend_below=True,
        ),
        _purse_table(data, small=True),
        Paragraph(TABLE_NOTE, "small"),
    ]
    only_unassigned = bool(data.committees) and all(
        c.get("committee") == NO_COMMITTEE for c in data.committees or ()
    )
    if data.committees and not only_unassigned:
        blocks += [
            Heading("Kommunens udvalg", 2),
            Chart(
                "who_pays_committee",
                "Kommunens omkostninger og gevinster (nutidsværdi) pr. udvalg",
                src,
                "Vandrette søjler: kommunens omkostninger og gevinster pr. udvalg.",
                partial(charts.who_pays, data.committees, "committee"),
                height=0.45 * len(data.committees) + 0.9,
                left=1.9,
                legend_below=True,
            ),
            _committee_table(data.committees),
        ]
    elif only_unassigned:
        blocks.append(
            Paragraph(
                "Ingen af kommunens udgifts- og indtægtsposter i beregningen er knyttet til et "
                f"udvalg (alle står under »{NO_COMMITTEE}«).",
                "small",
            )
        )
    else:
        blocks.append(Paragraph(f"Fordelingen på kommunens udvalg er {NOT_COMPUTED}.", "small"))
    blocks += [
        Heading("Nettoresultat fordelt på udgifts- og indtægtspost", 1),
        Chart(
            "by_budget_item",
            "Nettoresultat (nutidsværdi) pr. udgifts- og indtægtspost",
            src,
            "Vandrette søjler: nettoresultatet i nutidsværdi for hver udgifts- og indtægtspost.",
            partial(charts.by_budget_item, data),
            height=0.38 * n_items + 0.7,
            left=2.3,
        ),
        _split_table(r["by_budget_item"], "budget_item", "Udgifts- og indtægtspost"),
        Heading("Gevinster fordelt på konsekvens", 2),
        _consequence_table(data),
        *_uncertainty_blocks(data),
        *_variant_blocks(data),
        Heading("Forudsætninger og kilder", 1),
        Paragraph(
            "Alle værdier, beregningen bygger på. Status: offentliggjort (trykt i kilden), "
            "afledt (regnet ud fra offentliggjorte tal), illustrativ (et skøn, ikke et "
            "offentliggjort tal), lokal (egen pris), egen (egen ydelse eller konsekvens), "
            "eget input (angivet af brugeren)."
        ),
        *_assumption_table(data),
        *_checklist(data),
        Heading("Datagrundlag og forbehold", 1),
        Callout(_data_status(data)),
        Bullets(CAVEATS),
        Heading("Genskab beregningen", 2),
        Paragraph(
            "Samme inddata, vidensdatabase og version giver samme tal. Scenariets hash er "
            "sha256 af det afklarede scenarie (alle priser og konsekvenser, som beregningen "
            "brugte)."
        ),
        _stamp_facts(data),
    ]
    return Document(title, subtitle, tuple(blocks), stamp_line(data), short=False)
