"""Change a built workbook's inputs with openpyxl, as a user would in Excel (for tests)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import openpyxl

from som_xl.workbook import layout as L
from som_xl.workbook import text as T
from som_xl.workbook.layout import Layout
from som_xl.workbook.read import read_content


class Editor:
    def __init__(self, wb: Any, layout: Layout, service_rows: Mapping[str, int]) -> None:
        self.wb = wb
        self.lay = layout
        self.service_rows = service_rows

    def set(self, sheet: str, row: int, column: int, value: Any) -> None:
        self.wb[sheet].cell(row + 1, column + 1).value = value

    def setting(self, key: str, value: Any) -> None:
        self.set(T.INDSTILLINGER, self.lay.settings_rows[key], self.lay.settings_col, value)

    def target_group(self, label: str) -> None:
        self.set(T.INDSATS, self.lay.group_row, self.lay.value_col, label)

    def intervention(self, display: str) -> None:
        self.set(T.INDSATS, self.lay.effect_row, self.lay.value_col, display)

    def success_rate(self, value: Any) -> None:
        self.set(T.INDSATS, self.lay.success_row, self.lay.value_col, value)

    def participants(self, values: Mapping[int, Any]) -> None:
        """Year offset -> participants (None clears the cell)."""
        for t, n in values.items():
            self.set(T.INDSATS, self.lay.part_first + t, self.lay.part_col, n)

    def year_cost(self, n: int, **fields: Any) -> None:
        r = self.lay.ycost_rows[n]
        self._cost_head(r, fields)
        for t, amount in fields.get("amounts", {}).items():
            self.set(T.OMKOSTNINGER, r, self.lay.cost_year_col + t, amount)

    def part_cost(self, n: int, **fields: Any) -> None:
        r = self.lay.pcost_rows[n]
        self._cost_head(r, fields)
        if "amount" in fields:
            self.set(T.OMKOSTNINGER, r, self.lay.cost_amount_col, fields["amount"])

    def _cost_head(self, r: int, fields: Mapping[str, Any]) -> None:
        for key, column in (
            ("label", L.C_LABEL),
            ("kind", L.C_KIND),
            ("purse", L.C_PURSE),
            ("item", L.C_ITEM),
            ("price_year", L.C_YEAR),
        ):
            if key in fields:
                self.set(T.OMKOSTNINGER, r, column, fields[key])

    def switch(self, i: int, on: Any) -> None:
        value = on if isinstance(on, str) or on is None else (T.JA if on else T.NEJ)
        self.set(T.KONSEKVENSER, self.lay.cons_block_row(i), L.K_ON, value)

    def override(self, i: int, values: Mapping[int, Any]) -> None:
        """Block i's own values: k (1-based) -> units."""
        r = self.lay.cons_block_row(i) + 1
        for k, value in values.items():
            self.set(T.KONSEKVENSER, r, self.lay.cons_profile_col + k - 1, value)

    def during(self, i: int, values: Mapping[int, Any]) -> None:
        """Block i's own during-course values: course year l (1-based) -> units."""
        r = self.lay.cons_block_row(i) + 1
        for n, value in values.items():
            self.set(T.KONSEKVENSER, r, self.lay.cons_during_col + n - 1, value)

    def tail(self, i: int, kind: Any, rate: Any = None) -> None:
        """Block i's own tail: its kind (Stop, Fasthold, Aftag) and decay rate."""
        r = self.lay.cons_block_row(i) + 1
        self.set(T.KONSEKVENSER, r, L.K_TAIL, kind)
        self.set(T.KONSEKVENSER, r, L.K_TAIL_RATE, rate)

    def baseline(self, i: int, units: Any) -> None:
        """Block i's own baseline use (som-method §3.17); None clears it."""
        self.set(T.KONSEKVENSER, self.lay.cons_block_row(i) + 1, L.K_BASE, units)

    def own_consequence(
        self, j: int, service: str, profile: Mapping[int, Any], on: bool = True
    ) -> None:
        i = self.lay.counts.max_cons + j
        self.set(T.KONSEKVENSER, self.lay.cons_block_row(i), L.K_LABEL, service)
        self.switch(i, on)
        self.override(i, profile)

    def local_price(self, service: str, prices: tuple[Any, Any, Any], year: Any = None) -> None:
        r = self.lay.price_row(self.service_rows[service])
        for a, p in enumerate(prices):
            self.set(T.PRISER, r, L.P_LOCAL + a, p)
        self.set(T.PRISER, r, L.P_LOCAL_YEAR, year)

    def own_service(
        self,
        j: int,
        label: str,
        unit: str,
        direction: str,
        item: str,
        prices: tuple[Any, Any, Any],
        year: Any = None,
    ) -> None:
        r = self.lay.price_row(self.lay.counts.services + j)
        for column, value in (
            (L.P_LABEL, label),
            (L.P_UNIT, unit),
            (L.P_DIR, direction),
            (L.P_ITEM, item),
            (L.P_LOCAL_YEAR, year),
        ):
            self.set(T.PRISER, r, column, value)
        for a, p in enumerate(prices):
            self.set(T.PRISER, r, L.P_LOCAL + a, p)

    def resource(self, m: int, **fields: Any) -> None:
        """Omkostningsvurdering row m: label, form, wage, overhead, purse, item, price_year,
        amounts (year offset -> årsværk or timer)."""
        r = self.lay.ov_rows[m]
        for key, column in (
            ("label", L.OV_LABEL),
            ("form", L.OV_FORM),
            ("wage", L.OV_WAGE),
            ("overhead", L.OV_OVERHEAD),
            ("purse", L.OV_PURSE),
            ("item", L.OV_ITEM),
            ("price_year", L.OV_YEAR),
        ):
            if key in fields:
                self.set(T.OMKOSTNINGSVURDERING, r, column, fields[key])
        for t, qty in fields.get("amounts", {}).items():
            self.set(T.OMKOSTNINGSVURDERING, r, self.lay.ov_year_col + t, qty)

    def realised(
        self, t: int, participants: Any = None, successes: Any = None, costs: Any = None
    ) -> None:
        """Opfølgning: year offset t's realised figures (None leaves a cell blank)."""
        r = self.lay.opf_first + t
        self.set(T.OPFOELGNING, r, L.OPF_PART, participants)
        self.set(T.OPFOELGNING, r, L.OPF_SUCC, successes)
        self.set(T.OPFOELGNING, r, L.OPF_COSTS, costs)

    def skoen(self, **fields: Any) -> None:
        rows = self.lay.skoen_rows
        for key, value in fields.items():
            self.set(T.SKOEN, rows[key], 1, value)


def edit(src: Path, dst: Path, change: Callable[[Editor], None]) -> Path:
    """A copy of ``src`` with inputs changed by ``change`` (saved by openpyxl, no cache)."""
    content = read_content(src)
    rows = {s.id: i for i, s in enumerate(content.bkb.services)}
    wb = openpyxl.load_workbook(src)
    change(Editor(wb, content.layout, rows))
    wb.save(dst)
    return dst
