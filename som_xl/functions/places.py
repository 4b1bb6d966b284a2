"""Where each value of a scenario built from ranges came from: the functions' origins.

The range parsers (:mod:`.ranges`, :mod:`.costs`, :mod:`.overrides`) record, for every
argument, row or setting they read, the spec path it fills and its place in the sheet::

    {("costs",): "omkostninger",
     ("costs", 2): "omkostninger, række 4",
     ("participants", 2025): "deltagere, kolonne 2",
     ("start_year",): "indstillinger, række 3 (startår)", ...}

:func:`origins` hands these *anchors* to the resolver as
:class:`~som_xl.inputs.origins.MappedOrigins`: a value below an anchor is named by the
anchor and the rest of its path in the field table's Danish words
(``("costs", 2, "amount")`` → ``"omkostninger, række 4 (beløb)"``), so the resolver's and
the validation's problems name the argument, row and column directly.
"""

from __future__ import annotations

from collections.abc import Mapping

from som_xl.inputs.origins import MappedOrigins

__all__ = ["Path", "Places", "origins"]

#: A path into the scenario dict, e.g. ("costs", 2, "amount").
Path = tuple[str | int, ...]
#: Path -> the Danish place in the sheet it came from.
Places = dict[Path, str]


#: How the resolver's messages name parts of a scenario in the functions: by the argument
#: (a function has no price-index argument, so that hint is left out).
FUNCTION_PARTS: dict[str, str | None] = {
    "services": "argumentet ydelser",
    "consequences": "argumentet konsekvenser",
    "price_index": None,
    "baseline": "kolonnen udgangsforbrug i argumentet konsekvenser",
}


def origins(func: str, places: Mapping[Path, str]) -> MappedOrigins:
    """The origins of a scenario built from ranges, for ``parse_scenario`` and ``resolve``.

    Parameters
    ----------
    func : str
        The function's name: the place of a problem with no recorded place.
    places : Mapping
        What the range parsers recorded.

    Returns
    -------
    MappedOrigins
        Names a path by its longest recorded prefix and the rest in Danish.

    Examples
    --------
    >>> o = origins("SOM_X", {("costs",): "omkostninger", ("costs", 2): "omkostninger, række 4"})
    >>> o.place(("costs", 2, "amount")), o.place(("costs", 2, "years", 1))
    ('omkostninger, række 4 (beløb)', 'omkostninger, række 4 (år)')
    >>> o.place(("consequences", 0)), o.place(())
    ('SOM_X', 'SOM_X')
    """
    anchors: dict[Path | str, str] = {path: text for path, text in places.items()}
    return MappedOrigins(func, anchors, names=FUNCTION_PARTS)
