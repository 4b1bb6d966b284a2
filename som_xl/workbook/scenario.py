"""The workbook's inputs as a scenario: the yellow cells become a §4 scenario document.

The workbook does not resolve its inputs itself. :func:`inputs_to_scenario` turns the
:class:`~som_xl.workbook.model.Inputs` (what a user typed) into the same scenario document a
scenario file holds, together with the cell each part of it came from. The one resolver
(:func:`som_xl.inputs.resolve`) then settles it, and its messages name the cell
(``Omkostninger!H7``) instead of a file line. The builder uses this for the cached values,
the reader for ``som-xl read``: one path from input to number.

The translation is plain bookkeeping, with one rule per input:

* the settings map one to one (a discount schedule is chosen by its label, a fixed rate is
  a number);
* a participant count in year offset ``t`` belongs to the year ``start_year + t``;
* a yearly cost row becomes one cost line per distinct amount (``once`` for one year,
  ``annual`` for several); a saving (kind *Sparet*) is a negative amount; a cost price
  year moves the amount with the price index;
* a per-participant cost row becomes a ``per_participant`` line;
* every active consequence block (switched on, with a service) becomes one consequence:
  the target group's profile with the user's own values where typed, or an own
  consequence's values; several blocks for one service add up;
* local prices and own services become ``services`` entries;
* a resource row of Omkostningsvurdering becomes one ``resources`` item per distinct number
  of årsværk (or timer), with the row's wage, overhead, purse, budget item and price year;
* a year on Opfølgning with a realised figure becomes a ``realised`` entry (participants,
  successes, costs as one amount).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..conventions import COST_BUDGET_ITEM, DIRECTION_LABELS, NO_COMMITTEE, PURSE_LABELS
from . import layout as L
from . import text as T
from .book import BookKB, by_text
from .layout import N_RESOURCES, N_YEAR_COSTS, Layout, a1
from .model import (
    Inputs,
    TailCells,
    block_tail,
    kb_during,
    own_service_id,
    tail_id,
    written_profile,
)

__all__ = ["WorkbookScenario", "block_services", "inputs_to_scenario"]

Path = tuple[str | int, ...]
#: Spec path (or its dotted text) → cell.
Places = dict[Path | str, str]


@dataclass
class WorkbookScenario:
    """A scenario document built from the workbook, and where each part came from.

    data:
        The scenario as a §4 document (plain dicts and lists), ready for
        :func:`som_xl.inputs.parse_scenario`.
    places:
        Spec path → ``Sheet!A1`` of the cell it came from (longest prefix wins).
    blocks:
        For each consequence block of the Konsekvenser sheet (the target group's rows, then
        the own rows): the index of its consequence in ``data["consequences"]``, or ``None``
        if the block is empty or switched off.
    statuses:
        For each consequence in ``data["consequences"]``: the knowledge base's status when
        the block holds the knowledge base's values unchanged, else ``"own"``.
    cost_rows:
        For each cost row of the Omkostninger sheet (the yearly rows, then the rows per
        participant): the indices of its cost lines in ``data["costs"]``.
    """

    data: dict[str, Any]
    places: Places = field(default_factory=dict)
    blocks: list[int | None] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    cost_rows: list[list[int]] = field(default_factory=list)


def _cell(sheet: str, row: int, column: int) -> str:
    return f"{sheet}!{a1(row, column)}"


def _purse(label: str) -> str:
    """A purse label as the workbook shows it ('Kommune') → its id; blank → kommune.

    A label not on the list is reported by :func:`~som_xl.workbook.checks.check_inputs`
    with the sheet's choices; the scenario then never reaches the engine.
    """
    found = by_text({v: k for k, v in PURSE_LABELS.items()}, label) if label else None
    return str(found) if found is not None else "kommune"


def _item(text: str, bkb: BookKB) -> str:
    """A budget-item label as typed → the workbook's spelling; blank → the cost item."""
    if not text:
        return COST_BUDGET_ITEM
    return str(by_text({o: o for o in bkb.item_labels}, text) or text)


def _settings(inp: Inputs, bkb: BookKB, lay: Layout, out: WorkbookScenario) -> None:
    """Name, target group, years, price year, discount rate, course length, success rate."""
    st, rows, sc = T.INDSTILLINGER, lay.settings_rows, lay.settings_col
    group = bkb.group_by_label(inp.target_group)
    if inp.discount.casefold() == T.FAST_RENTE.casefold():
        rate: Any = inp.fixed_rate
        rate_cell = _cell(st, rows["diskonteringsrente"], sc)
    else:
        schedule = bkb.schedule_by_label(inp.discount)
        rate = schedule.id if schedule is not None else inp.discount
        rate_cell = _cell(st, rows["diskontering"], sc)
    out.data.update(
        name=inp.name or T.SCENARIO_DEFAULT_NAME,
        target_group=group.id if group is not None else inp.target_group,
        start_year=inp.start_year,
        horizon_years=inp.horizon,
        price_year=inp.price_year,
        discount_rate=rate,
        course_years=inp.course_years,
        success_rate=inp.success_rate,
        consequence_tail=_tail(*inp.default_tail),
    )
    effect = next((e for e in bkb.effects if e.display == inp.intervention), None)
    if effect is not None:  # the chosen intervention: named, its rate is the cell's
        out.data["intervention"] = effect.id
        out.places[("intervention",)] = _cell(T.INDSATS, lay.effect_row, lay.value_col)
    if inp.success_without is not None:  # §3.13: the rate on Indsats is the gross rate
        out.data["success_rate"] = {"with": inp.success_rate, "without": inp.success_without}
        out.places[("success_rate", "with")] = _cell(T.INDSATS, lay.success_row, lay.value_col)
        out.places[("success_rate", "without")] = _cell(st, rows["doedvaegt"], sc)
    if inp.drop_off is not None:
        out.data["drop_off"] = inp.drop_off
        out.places[("drop_off",)] = _cell(st, rows["frafald"], sc)
    oc, og = inp.optimism
    if oc is not None or og is not None:
        out.data["optimism_bias"] = {"costs": oc or 0.0, "gains": og or 0.0}
        out.places[("optimism_bias",)] = _cell(st, rows["optimisme_omk"], sc)
        out.places[("optimism_bias", "costs")] = _cell(st, rows["optimisme_omk"], sc)
        out.places[("optimism_bias", "gains")] = _cell(st, rows["optimisme_gev"], sc)
    out.places.update(
        {
            ("name",): _cell(st, rows["navn"], sc),
            ("start_year",): _cell(st, rows["startaar"], sc),
            ("horizon_years",): _cell(st, rows["horisont"], sc),
            ("price_year",): _cell(st, rows["prisaar"], sc),
            ("discount_rate",): rate_cell,
            ("course_years",): _cell(st, rows["forloebsaar"], sc),
            ("consequence_tail",): _cell(st, rows["hale"], sc),
            ("consequence_tail", "rate"): _cell(st, rows["halerate"], sc),
            ("target_group",): _cell(T.INDSATS, lay.group_row, lay.value_col),
            ("success_rate",): _cell(T.INDSATS, lay.success_row, lay.value_col),
        }
    )


def _participants(inp: Inputs, lay: Layout, out: WorkbookScenario) -> None:
    """Participants by calendar year; a zero is no participant."""
    part: dict[int, float] = {}
    for off, n in sorted(inp.participants.items()):
        if n == 0:
            continue
        year = inp.start_year + off
        part[year] = n
        out.places[("participants", year)] = _cell(T.INDSATS, lay.part_first + off, lay.part_col)
    out.data["participants"] = part
    out.places[("participants",)] = _cell(T.INDSATS, lay.part_first, lay.part_col)


def _costs(inp: Inputs, bkb: BookKB, lay: Layout, out: WorkbookScenario) -> None:
    """Yearly cost rows (one line per distinct amount) and per-participant rows."""
    om = T.OMKOSTNINGER
    costs: list[dict[str, Any]] = []

    def head(n: int, row: int, c: Any) -> dict[str, Any]:
        i = len(costs)
        out.places.update(
            {
                ("costs", i): _cell(om, row, L.C_LABEL),
                ("costs", i, "purse"): _cell(om, row, L.C_PURSE),
                ("costs", i, "budget_item"): _cell(om, row, L.C_ITEM),
                ("costs", i, "price_year"): _cell(om, row, L.C_YEAR),
            }
        )
        line: dict[str, Any] = {
            "label": c.label or f"{T.COST_DEFAULT_LABEL}{n + 1}",
            "purse": _purse(c.purse),
            "budget_item": _item(c.item, bkb),
        }
        if c.price_year is not None:
            line["price_year"] = c.price_year
        return line

    for n, yc in enumerate(inp.year_costs):
        out.cost_rows.append([])
        if yc is None:
            continue
        row = lay.ycost_rows[n]
        sign = -1.0 if yc.kind.casefold() == T.ART_SPARET.casefold() else 1.0
        groups: dict[float, list[int]] = {}
        for off, amount in sorted(yc.amounts.items()):
            if amount != 0:
                groups.setdefault(amount, []).append(off)
        for amount, offsets in groups.items():
            line = head(n, row, yc)
            i = len(costs)
            years = [inp.start_year + off for off in offsets]
            if len(years) == 1:
                line |= {"kind": "once", "year": years[0]}
                out.places[("costs", i, "year")] = _cell(om, row, lay.cost_year_col + offsets[0])
            else:
                line |= {"kind": "annual", "years": years}
                for j, off in enumerate(offsets):
                    out.places[("costs", i, "years", j)] = _cell(om, row, lay.cost_year_col + off)
            line["amount"] = sign * amount
            out.places[("costs", i, "amount")] = _cell(om, row, lay.cost_year_col + offsets[0])
            out.cost_rows[-1].append(i)
            costs.append(line)
    for n, pc in enumerate(inp.part_costs):
        out.cost_rows.append([])
        if pc is None or pc.amount == 0:
            continue
        row = lay.pcost_rows[n]
        sign = -1.0 if pc.kind.casefold() == T.ART_SPARET.casefold() else 1.0
        line = head(N_YEAR_COSTS + n, row, pc)
        out.places[("costs", len(costs), "amount")] = _cell(om, row, lay.cost_amount_col)
        out.cost_rows[-1].append(len(costs))
        costs.append(line | {"kind": "per_participant", "amount": sign * pc.amount})
    out.data["costs"] = costs


def _services(inp: Inputs, bkb: BookKB, lay: Layout, out: WorkbookScenario) -> None:
    """Local prices for knowledge-base services, and own services (Priser sheet)."""
    services: list[dict[str, Any]] = []
    purses = tuple(PURSE_LABELS)
    for n, s in enumerate(bkb.services):
        local = inp.local_prices.get(s.id)
        if local is None or all(p is None for p in local.prices):
            continue  # a price year alone is no local price
        row = lay.price_row(n)
        entry: dict[str, Any] = {
            "id": s.id,
            "prices": {a: p for a, p in zip(purses, local.prices, strict=True) if p is not None},
        }
        if local.price_year is not None:
            entry["price_year"] = local.price_year
        _service_places(out, len(services), row)
        services.append(entry)
    directions = {v: k for k, v in DIRECTION_LABELS.items()}
    for j, o in enumerate(inp.own_services):
        if o is None:
            continue
        row = lay.price_row(len(bkb.services) + j)
        own: dict[str, Any] = {
            "id": own_service_id(j),
            "label": o.label,
            "unit": o.unit,
            "direction": by_text(directions, o.direction) if o.direction else None,
            "budget_item": _item(o.item, bkb) if o.item else None,
            "prices": {
                a: (p if p is not None else 0.0) for a, p in zip(purses, o.prices, strict=True)
            },
        }
        if o.price_year is not None:
            own["price_year"] = o.price_year
        _service_places(out, len(services), row)
        services.append(own)
    out.data["services"] = services


def _service_places(out: WorkbookScenario, i: int, row: int) -> None:
    pr = T.PRISER
    out.places.update(
        {
            ("services", i): _cell(pr, row, L.P_LABEL),
            ("services", i, "direction"): _cell(pr, row, L.P_DIR),
            ("services", i, "budget_item"): _cell(pr, row, L.P_ITEM),
            ("services", i, "price_year"): _cell(pr, row, L.P_LOCAL_YEAR),
        }
    )
    for a, purse in enumerate(PURSE_LABELS):
        out.places[("services", i, "prices", purse)] = _cell(pr, row, L.P_LOCAL + a)


def _consequences(inp: Inputs, bkb: BookKB, lay: Layout, out: WorkbookScenario) -> None:
    """One consequence per active block; blocks of one service add up in the engine."""
    ko = T.KONSEKVENSER
    group = bkb.group_by_label(inp.target_group)
    kb_rows = bkb.group_consequences(group.id) if group is not None else []
    labels = {s.label: s.id for s in bkb.services}
    labels |= {o.label: own_service_id(j) for j, o in enumerate(inp.own_services) if o}
    cons: list[dict[str, Any]] = []

    def add(
        block: int,
        service: str,
        profile: Sequence[float],
        status: str,
        during: list[float],
        tail: tuple[TailCells, int] | None,
        assumed_from: int | None = None,
    ) -> None:
        r = lay.cons_block_row(block)
        out.blocks.append(len(cons))
        out.places[("consequences", len(cons))] = _cell(ko, r, L.K_LABEL)
        entry: dict[str, Any] = {"service": service, "profile": list(profile) or [0.0]}
        if tail is not None:  # none: the setting's tail applies (consequence_tail)
            (kind, rate), tr = tail
            entry["tail"] = _tail(kind, rate)
            out.places[("consequences", len(cons), "tail")] = _cell(ko, tr, L.K_TAIL)
            out.places[("consequences", len(cons), "tail", "rate")] = _cell(ko, tr, L.K_TAIL_RATE)
        if status != "own":  # a copied value keeps its status (provenance, §4)
            entry["status"] = status
            if assumed_from is not None:  # and its first assumed profile year
                entry["assumed_from"] = assumed_from
        during = _trim(during) if any(during) else []
        if during:
            entry["during_course"] = during
            out.places[("consequences", len(cons), "during_course")] = _cell(
                ko, r + 1, lay.cons_during_col + len(during) - 1
            )
            for n in range(len(during)):
                out.places[("consequences", len(cons), "during_course", n)] = _cell(
                    ko, r + 1, lay.cons_during_col + n
                )
        cons.append(entry)
        out.statuses.append(status)

    for i in range(len(inp.switches)):
        if i >= len(kb_rows) or not inp.switches[i]:
            out.blocks.append(None)
            continue
        c = kb_rows[i]
        own = inp.overrides[i]
        own_t = inp.tail_of(i)
        tail = block_tail(own_t, c, inp.default_tail)
        profile = written_profile(c.profile, own, tail)
        own_d = inp.during_of(i)
        r = lay.cons_block_row(i)
        named: tuple[TailCells, int] | None = None
        if own_t[0]:
            named = (own_t, r + 1)
        elif c.tail:
            named = ((T.TAIL_LABELS.get(c.tail, c.tail), c.tail_rate), r)
        edited = bool(own or own_d or own_t[0])
        add(i, c.service, profile, "own" if edited else c.status,
            _during(own_d, kb_during(c, inp.course_years)), named,
            None if edited else c.assumed_from)  # fmt: skip
    for j, oc in enumerate(inp.own_cons):
        block = len(inp.switches) + j
        sid = by_text(labels, oc.service) if oc is not None and oc.service else None
        if oc is None or not oc.on or sid is None:
            out.blocks.append(None)
            if oc is not None and oc.service and sid is None:
                # an unknown service: leave it to the resolver to name the cell
                out.places[("consequences", len(cons))] = _cell(
                    ko, lay.cons_block_row(block), L.K_LABEL
                )
                cons.append({"service": oc.service, "profile": [0.0]})
                out.statuses.append("own")
            continue
        profile = written_profile((), oc.profile, block_tail(oc.tail, None, inp.default_tail))
        named = (oc.tail, lay.cons_block_row(block) + 1) if oc.tail[0] else None
        add(block, str(sid), profile, "own", _during(oc.during, ()), named)
    out.data["consequences"] = cons


def block_services(inp: Inputs, bkb: BookKB) -> list[str]:
    """Each consequence block's service id ('' where it has none), switched on or off."""
    group = bkb.group_by_label(inp.target_group)
    kb_rows = bkb.group_consequences(group.id) if group is not None else []
    labels = {s.label: s.id for s in bkb.services}
    labels |= {o.label: own_service_id(j) for j, o in enumerate(inp.own_services) if o}
    out = [kb_rows[i].service if i < len(kb_rows) else "" for i in range(len(inp.switches))]
    for oc in inp.own_cons:
        sid = by_text(labels, oc.service) if oc is not None and oc.service else None
        out.append(str(sid) if sid is not None else "")
    return out


def _baselines(inp: Inputs, bkb: BookKB, lay: Layout, out: WorkbookScenario) -> None:
    """Own baseline use (§3.17): one per service, from the first block that gives one (two
    different values for one service are refused by
    :func:`~som_xl.workbook.checks.check_inputs`)."""
    baseline: dict[str, float] = {}
    for i, sid in enumerate(block_services(inp, bkb)):
        value = inp.baseline_of(i)
        if sid and value is not None and sid not in baseline:
            baseline[sid] = value
            cell = _cell(T.KONSEKVENSER, lay.cons_block_row(i) + 1, L.K_BASE)
            out.places[("baseline", sid)] = cell
    if baseline:
        out.data["baseline"] = baseline
        out.places[("baseline",)] = next(iter(out.places[("baseline", s)] for s in baseline))


def _during(own: dict[int, float], kb: Sequence[float]) -> list[float]:
    """During-course units: the knowledge base's (within the course) with own values over
    them; an own value past the course's length is kept, for the resolver to name."""
    width = max([len(kb), *own])
    return [float(own.get(n + 1, kb[n] if n < len(kb) else 0.0)) for n in range(width)]


def _tail(kind: str, rate: float | None) -> dict[str, Any] | str:
    """A tail as typed (its Danish label) → the scenario's form; an unknown label is left
    for the resolver to name with the allowed kinds."""
    tid = tail_id(kind)
    if tid is None:
        return kind
    if tid == "decay":
        return {"kind": tid, "rate": rate}
    return {"kind": tid}


def _trim(profile: Sequence[float]) -> list[float]:
    """A profile without trailing zero years (at least one year)."""
    values = [float(v) for v in profile]
    while len(values) > 1 and values[-1] == 0:
        values.pop()
    return values


def inputs_to_scenario(inp: Inputs, bkb: BookKB, layout: Layout) -> WorkbookScenario:
    """The workbook's inputs as a scenario document, with the cell of each part.

    Parameters
    ----------
    inp:
        The yellow cells, as read from a workbook or as the builder writes them.
    bkb:
        The knowledge base as the workbook holds it (labels → ids).
    layout:
        Where each input sits.

    Returns
    -------
    WorkbookScenario
        ``data`` is a scenario document for :func:`som_xl.inputs.parse_scenario`;
        ``places`` maps its paths to cells.
    """
    out = WorkbookScenario(data={})
    _settings(inp, bkb, layout, out)
    _participants(inp, layout, out)
    _costs(inp, bkb, layout, out)
    _services(inp, bkb, layout, out)
    _consequences(inp, bkb, layout, out)
    _baselines(inp, bkb, layout, out)
    _committees(inp, bkb, layout, out)
    _resources(inp, bkb, layout, out)
    _realised(inp, layout, out)
    return out


def _resources(inp: Inputs, bkb: BookKB, lay: Layout, out: WorkbookScenario) -> None:
    """Omkostningsvurdering (§3.18): one resource item per row and distinct quantity.

    A row's years with the same number of årsværk (or timer) form one item; the trace's cost
    lines of the resources follow the cost items', so each row's lines are numbered after
    ``data["costs"]``.
    """
    ov = T.OMKOSTNINGSVURDERING
    items: list[dict[str, Any]] = []
    first_line = len(out.data.get("costs", []))
    for n in range(N_RESOURCES):
        res = inp.resources[n] if n < len(inp.resources) else None
        out.cost_rows.append([])
        if res is None:
            continue
        row = lay.ov_rows[n]
        hours = res.form.casefold() == T.FORM_HOURS.casefold()
        groups: dict[float, list[int]] = {}
        for off, qty in sorted(res.amounts.items()):
            if qty != 0:
                groups.setdefault(qty, []).append(off)
        for qty, offsets in groups.items():
            i = len(items)
            item: dict[str, Any] = {
                "label": res.label or f"{T.OV_DEFAULT_LABEL}{n + 1}",
                "years": [inp.start_year + off for off in offsets],
                ("hours" if hours else "fte"): qty,
                ("hourly_wage" if hours else "annual_wage"): res.wage,
                "purse": _purse(res.purse),
                "budget_item": _item(res.item, bkb),
            }
            if res.overhead is not None:
                item["overhead"] = res.overhead
            if res.price_year is not None:
                item["price_year"] = res.price_year
            cell = _cell(ov, row, lay.ov_year_col + offsets[0])
            out.places.update(
                {
                    ("resources", i): _cell(ov, row, L.OV_LABEL),
                    ("resources", i, "hours" if hours else "fte"): cell,
                    ("resources", i, "hourly_wage" if hours else "annual_wage"): _cell(
                        ov, row, L.OV_WAGE
                    ),
                    ("resources", i, "overhead"): _cell(ov, row, L.OV_OVERHEAD),
                    ("resources", i, "purse"): _cell(ov, row, L.OV_PURSE),
                    ("resources", i, "budget_item"): _cell(ov, row, L.OV_ITEM),
                    ("resources", i, "price_year"): _cell(ov, row, L.OV_YEAR),
                }
            )
            for j, off in enumerate(offsets):
                out.places[("resources", i, "years", j)] = _cell(ov, row, lay.ov_year_col + off)
            out.cost_rows[-1].append(first_line + i)
            items.append(item)
    if items:
        out.data["resources"] = items


def _realised(inp: Inputs, lay: Layout, out: WorkbookScenario) -> None:
    """Opfølgning (§3.19): the realised figures by calendar year.

    The realised costs are one amount per year; the engine books them after every planned
    cost line and resource line, one line per year with costs.
    """
    opf = T.OPFOELGNING
    realised: dict[int, dict[str, float]] = {}
    lines = len(out.data.get("costs", [])) + len(out.data.get("resources", []))
    real_row: list[int] = []
    for off, real in sorted(inp.realised.items()):
        year = inp.start_year + off
        row = lay.opf_first + off
        entry: dict[str, float] = {}
        for key, value, column in (
            ("participants", real.participants, L.OPF_PART),
            ("successes", real.successes, L.OPF_SUCC),
            ("costs", real.costs, L.OPF_COSTS),
        ):
            if value is not None:
                entry[key] = value
                out.places[("realised", year, key)] = _cell(opf, row, column)
        if not entry:
            continue
        out.places[("realised", year)] = _cell(opf, row, L.OPF_YEAR)
        if real.costs is not None:
            real_row.append(lines + len(real_row))
        realised[year] = entry
    out.cost_rows.append(real_row)
    if realised:
        out.data["realised"] = realised


def _committees(inp: Inputs, bkb: BookKB, lay: Layout, out: WorkbookScenario) -> None:
    """Udvalg: each budget item's committee. A blank mapping means the item belongs to no
    committee: it is read as the engine's :data:`NO_COMMITTEE` explicitly, so the knowledge
    base's default committee does not fill it in (the sheet counts it under no committee)."""
    mapping: dict[str, str] = {}
    for b, (_, label, _) in enumerate(bkb.budget_items):
        mapping[label] = inp.committee_of.get(label, "") or NO_COMMITTEE
        out.places[("committees", label)] = _cell(T.UDVALG, lay.udv_map_first + b, 2)
    if mapping:
        out.data["committees"] = mapping
