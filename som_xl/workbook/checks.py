"""What only the workbook can get wrong: choices from its lists, and its own services.

The one resolver (:func:`som_xl.inputs.resolve`) checks what every face shares (years
inside the horizon, participants, prices and amounts) and names the cell through the
origins. A workbook also has dropdowns whose texts a user can overwrite, price years that
must be in its price-index sheet, and own services and own consequences typed by name on
its sheets: :func:`check_inputs` checks those, with messages that name the cell and list
the choices the sheet offers.
"""

from __future__ import annotations

from ..conventions import PURSE_LABELS
from ..errors import Problem, suggest
from . import layout as L
from . import text as T
from .book import BookKB, by_text
from .layout import Layout, a1
from .model import Inputs, PriceRow, cons_rows, price_rows

__all__ = ["check_inputs"]


class _Found:
    """Problems found, each at ``sheet!cell``."""

    def __init__(self, bkb: BookKB) -> None:
        self.items: list[Problem] = []
        self.index = bkb.index_map

    def add(self, sheet: str, row: int, column: int, message: str, value: object) -> None:
        problem = Problem(f"{sheet}!{a1(row, column)}", "", message, value, True)
        if problem not in self.items:  # e.g. one own service used by two consequences
            self.items.append(problem)

    def year(self, sheet: str, row: int, column: int, year: int | None) -> None:
        """A price year must be in the workbook's price index."""
        if year is not None and year not in self.index:
            self.add(sheet, row, column, T.READ_NO_INDEX, year)

    def choice(self, sheet: str, row: int, column: int, text: str, options: list[str]) -> None:
        """A text typed over a dropdown must still be one of its choices (any case)."""
        if text and by_text({o: o for o in options}, text) is None:
            self.add(sheet, row, column, unknown_choice(text, options), text)


#: Up to this many choices the message lists them all; a longer list names the nearest.
SHORT_LIST = 8


def unknown_choice(text: object, options: list[str]) -> str:
    """The message for a value that is none of a dropdown's choices.

    A short list is named in full; a long one (the target groups, the services) by the
    nearest choices where some are near, else in full.

    Examples
    --------
    >>> unknown_choice("Kommunen", ["Kommune", "Region", "Stat"])
    'ukendt værdi; vælg fra listen (Kommune, Region, Stat)'
    >>> groups = [f"Gruppe {n}" for n in range(9)] + ["Voksne i hjemløshed"]
    >>> unknown_choice("Voksne i hjemlosehed", groups)
    "ukendt værdi; mente du 'Voksne i hjemløshed'? (vælg fra listen i cellen)"
    """
    if len(options) > SHORT_LIST:
        near = suggest(text, options)
        if near.startswith("mente du"):
            return T.READ_UNKNOWN_NEAR.format(near=near)
    return T.READ_UNKNOWN.format(known=", ".join(options))


def check_inputs(inp: Inputs, bkb: BookKB, layout: Layout) -> list[Problem]:
    """The workbook's own problems with its inputs, each naming its cell.

    Parameters
    ----------
    inp:
        The yellow cells.
    bkb:
        The knowledge base as the workbook holds it (its lists and labels).
    layout:
        Where each input sits.

    Returns
    -------
    list[Problem]
        Empty when the inputs can be handed to the resolver.
    """
    found = _Found(bkb)
    _settings(inp, bkb, layout, found)
    _costs(inp, bkb, layout, found)
    _resources(inp, bkb, layout, found)
    _prices(inp, bkb, layout, found)
    if not found.items:
        _consequences(inp, bkb, layout, found)
        _baselines(inp, bkb, layout, found)
    return found.items


def _baselines(inp: Inputs, bkb: BookKB, lay: Layout, found: _Found) -> None:
    """A service has one baseline use: a second, different own value is refused."""
    from .scenario import block_services

    first: dict[str, tuple[int, float]] = {}
    for i, sid in enumerate(block_services(inp, bkb)):
        value = inp.baseline_of(i)
        if not sid or value is None:
            continue
        r = lay.cons_block_row(i) + 1
        if sid not in first:
            first[sid] = (r, value)
        elif first[sid][1] != value:
            other = f"{T.KONSEKVENSER}!{a1(first[sid][0], L.K_BASE)}"
            shown = int(first[sid][1]) if first[sid][1].is_integer() else first[sid][1]
            message = T.READ_BASELINE_CONFLICT.format(other=other, value=shown)
            found.add(T.KONSEKVENSER, r, L.K_BASE, message, value)


def _settings(inp: Inputs, bkb: BookKB, lay: Layout, found: _Found) -> None:
    """The price year, the discount schedule's name and the target group's name."""
    rows, sc = lay.settings_rows, lay.settings_col
    found.year(T.INDSTILLINGER, rows["prisaar"], sc, inp.price_year)
    fixed = inp.discount.casefold() == T.FAST_RENTE.casefold()
    if not fixed and bkb.schedule_by_label(inp.discount) is None:
        known = T.READ_UNKNOWN.format(known=", ".join(bkb.discount_choices))
        found.add(T.INDSTILLINGER, rows["diskontering"], sc, known, inp.discount)
    if bkb.group_by_label(inp.target_group) is None:
        labels = [g.label for g in bkb.groups]
        message = unknown_choice(inp.target_group, labels)
        found.add(T.INDSATS, lay.group_row, lay.value_col, message, inp.target_group)


def _costs(inp: Inputs, bkb: BookKB, lay: Layout, found: _Found) -> None:
    """Each cost row's kind, purse, budget item and price year."""
    purses = list(PURSE_LABELS.values())
    yearly = zip(lay.ycost_rows, inp.year_costs, strict=True)
    rows = [*yearly, *zip(lay.pcost_rows, inp.part_costs, strict=True)]
    for r, c in rows:
        if c is None:
            continue
        found.choice(T.OMKOSTNINGER, r, L.C_KIND, c.kind, list(T.COST_KINDS))
        found.choice(T.OMKOSTNINGER, r, L.C_PURSE, c.purse, purses)
        found.choice(T.OMKOSTNINGER, r, L.C_ITEM, c.item, bkb.item_labels)
        found.year(T.OMKOSTNINGER, r, L.C_YEAR, c.price_year)


def _resources(inp: Inputs, bkb: BookKB, lay: Layout, found: _Found) -> None:
    """Omkostningsvurdering: each row's form, purse, budget item and the wage's price year."""
    purses = list(PURSE_LABELS.values())
    ov = T.OMKOSTNINGSVURDERING
    for r, res in zip(lay.ov_rows, inp.resources, strict=False):
        if res is None:
            continue
        found.choice(ov, r, L.OV_FORM, res.form, [T.FORM_FTE, T.FORM_HOURS])
        found.choice(ov, r, L.OV_PURSE, res.purse, purses)
        found.choice(ov, r, L.OV_ITEM, res.item, bkb.item_labels)
        found.year(ov, r, L.OV_YEAR, res.price_year)


def _prices(inp: Inputs, bkb: BookKB, lay: Layout, found: _Found) -> None:
    """Price years of local prices and own services."""
    positions = {s.id: n for n, s in enumerate(bkb.services)}
    for sid, local in inp.local_prices.items():
        found.year(T.PRISER, lay.price_row(positions[sid]), L.P_LOCAL_YEAR, local.price_year)
    for j, o in enumerate(inp.own_services):
        if o is not None:
            found.year(T.PRISER, lay.price_row(len(bkb.services) + j), L.P_LOCAL_YEAR, o.price_year)


def _consequences(inp: Inputs, bkb: BookKB, lay: Layout, found: _Found) -> None:
    """Own consequences name a service on Priser; an own service in use says what it is."""
    prices = price_rows(inp, bkb)
    for n, row in enumerate(cons_rows(inp, bkb, prices)):
        if n >= len(inp.switches):
            oc = inp.own_cons[n - len(inp.switches)]
            if oc is not None and oc.service and row.price_row < 0:
                message = unknown_choice(oc.service, [p.label for p in prices if p is not None])
                found.add(T.KONSEKVENSER, lay.cons_block_row(n), L.K_LABEL, message, oc.service)
                continue
        if row.service and row.on and row.price_row >= 0:
            _own_service(prices[row.price_row], row.price_row, bkb, lay, found)


def _own_service(
    p: PriceRow | None, position: int, bkb: BookKB, lay: Layout, found: _Found
) -> None:
    """An own service in use must have a direction and a budget item from the list."""
    if p is None or p.national is not None:
        return
    missing = [
        name
        for name, ok in (("retning", p.direction is not None), ("udgiftspost", bool(p.item)))
        if not ok
    ]
    r = lay.price_row(position)
    if missing:
        found.add(
            T.PRISER, r, L.P_LABEL, T.READ_OWN_SERVICE.format(missing=" og ".join(missing)), p.label
        )
        return
    found.choice(T.PRISER, r, L.P_ITEM, p.item, bkb.item_labels)
