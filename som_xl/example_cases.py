"""The example calculations (SØM's erfaringsdatabase): ``examples/*.yaml`` and their headers.

Each example is an ordinary scenario file. Its leading comment block says, under five
labels, what the published case is and how the example relates to it::

    # Titel (first line)
    #
    # Kilde: the published case, with its address
    # Offentliggjort: what was published (figures with their place in the source)
    # Offentliggjort resultat: the published result, or why it is not known
    # Antaget her: what the example assumes
    # Forskel: why som-xl's result differs (computed, not guessed)

A label's text runs on over the following comment lines until a blank comment line (``#``)
or the next label. The files are the one source: the *Eksempler* sheet of the workbook and
the tests read them here; nothing is copied.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["LABELS", "Example", "examples_dir", "load_examples", "parse_header"]

#: The header labels, in the order a file gives them, and the attribute each fills.
LABELS: dict[str, str] = {
    "Kilde": "source",
    "Offentliggjort": "published",
    "Offentliggjort resultat": "published_result",
    "Antaget her": "assumed",
    "Forskel": "difference",
}

_LABEL = re.compile(r"^#\s?(" + "|".join(sorted(map(re.escape, LABELS), key=len)[::-1]) + r"):\s*")


@dataclass(frozen=True)
class Example:
    """One example file: its id (the file name without .yaml), path, title and header texts."""

    id: str
    path: Path
    title: str
    source: str
    published: str
    published_result: str
    assumed: str
    difference: str


def examples_dir() -> Path:
    """Where the example files are: $SOM_XL_EXAMPLES, the installed package, or the repo.

    Examples
    --------
    >>> (examples_dir() / "cool_kids.yaml").is_file()
    True
    """
    env = os.environ.get("SOM_XL_EXAMPLES")
    if env:
        return Path(env)
    package = Path(__file__).resolve().parent  # som_xl/
    installed = package / "examples"
    if (installed / "cool_kids.yaml").exists():
        return installed
    return package.parent / "examples"


def parse_header(text: str, where: str = "eksemplet") -> tuple[str, dict[str, str]]:
    """The title and the labelled texts of a file's leading comment block.

    Parameters
    ----------
    text : str
        The file's text.
    where : str
        The file's name, for the message when a label is missing.

    Returns
    -------
    tuple of (str, dict)
        The first comment line (without ``#``) and each label's text (attribute names of
        :class:`Example` as keys), continuation lines joined with single spaces.

    Raises
    ------
    ValueError
        If a label is missing or given twice (a Danish message naming the file and label).

    Examples
    --------
    >>> title, texts = parse_header(
    ...     "# Titel\\n#\\n# Kilde: en side,\\n#   https://x\\n# Offentliggjort: 5 år\\n"
    ...     "# Offentliggjort resultat: ikke læst\\n# Antaget her: alt\\n#\\n"
    ...     "# Forskel: ingen\\nname: x\\n")
    >>> title, texts["source"], texts["published_result"], texts["difference"]
    ('Titel', 'en side, https://x', 'ikke læst', 'ingen')
    """
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    title = lines[0].lstrip("#").strip() if lines else ""
    parts: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines[1:]:
        match = _LABEL.match(line)
        if match:
            attr = LABELS[match.group(1)]
            if attr in parts:
                raise ValueError(f"{where}: '{match.group(1)}:' står to gange i hovedet")
            current = parts[attr] = [line[match.end() :].strip()]
        elif line.strip("# ") == "":
            current = None
        elif current is not None:
            current.append(line.lstrip("#").strip())
    missing = [label for label, attr in LABELS.items() if attr not in parts]
    if missing:
        raise ValueError(
            f"{where}: hovedet mangler {', '.join(repr(m + ':') for m in missing)} "
            f"(hvert eksempel siger, hvad der er offentliggjort, og hvad der er antaget)"
        )
    return title, {attr: " ".join(x for x in words if x) for attr, words in parts.items()}


def load_examples(directory: Path | None = None) -> list[Example]:
    """Every example in ``directory`` (default :func:`examples_dir`), sorted by id.

    Examples
    --------
    >>> cases = load_examples()
    >>> "udvidet_85_helsingoer" in [c.id for c in cases]
    True
    >>> next(c for c in cases if c.id == "cool_kids").published_result[:40]
    'et positivt økonomisk nettoresultat for '
    """
    folder = directory if directory is not None else examples_dir()
    out = []
    for path in sorted(folder.glob("*.yaml")):
        title, texts = parse_header(path.read_text(encoding="utf-8"), path.name)
        out.append(Example(path.stem, path, title, **texts))
    return out
