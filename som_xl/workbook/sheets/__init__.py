"""One module per sheet of the workbook; each exposes ``write(ctx)``.

=====================  ===========================================================
module                 sheet
=====================  ===========================================================
``forside``            Forside
``settings``           Indstillinger
``indsats``            Indsats og målgruppe
``costs``              Omkostninger
``prices``             Priser
``consequences``       Konsekvenser
``calculation``        Beregning (``calc_totals``: its totals and splits)
``result``             Resultat (``result_charts``: its charts)
``skoen``              Hurtigt skøn
``checklist``          Forudsætninger
``usikkerhed``         Usikkerhed (Monte Carlo, tornado; after Resultat in the tabs)
``kb_sheets``          the VD sheets and Lister
``key_figures``        the key-figure block of Resultat and Hurtigt skøn
``udvalg``             Udvalg (committees: mapping, results, budget view)
``guard``              Kontrol (the live input checks) and the helper columns they use
``eksempler``          Eksempler (the example files; after Forudsætninger in the tabs)
``omkostningsvurdering``  Omkostningsvurdering (the cost model: staff, overhead, training)
``opfoelgning``        Opfølgning (realised figures, plan against the new forecast)
``varianter``          Varianter (named variants of the success rate beside the base, live)
=====================  ===========================================================

:func:`som_xl.workbook.build.build_workbook_bytes` calls the writers in :data:`WRITERS`
order. The order fixes the order of the shared strings, so it is part of the deterministic
build: change it only on purpose.
"""

from __future__ import annotations

from collections.abc import Callable

from ..context import BuildContext
from . import (
    calculation,
    checklist,
    consequences,
    costs,
    eksempler,
    forside,
    guard,
    indsats,
    kb_sheets,
    omkostningsvurdering,
    opfoelgning,
    prices,
    result,
    settings,
    skoen,
    udvalg,
    usikkerhed,
    varianter,
)

__all__ = ["WRITERS"]

#: The sheet writers in the order they run.
WRITERS: tuple[Callable[[BuildContext], None], ...] = (
    kb_sheets.write,
    forside.write,
    settings.write,
    indsats.write,
    costs.write,
    prices.write,
    consequences.write,
    calculation.write,
    result.write,
    udvalg.write,
    skoen.write,
    checklist.write,
    guard.write,
    omkostningsvurdering.write,
    opfoelgning.write,
    usikkerhed.write,  # last: its strings after every other sheet's; placed after Resultat
    varianter.write,  # placed after Usikkerhed
    eksempler.write,  # after usikkerhed: its strings last; placed after Forudsætninger
)
