"""Where a plan lists its actions: sections headed with an action cue ("Maatregelen", "Activiteiten
in 2027", "Acties"; cue data), with everything under them.

A region heading that holds nothing of its own and is followed by sibling headings ("Onze inzet"
then "Informatiepositie", "Samenwerking" at the same level) is a lead-in whose content the layout
could not nest: the region runs on over those siblings to the end of its parent. In an
uitvoeringsplan a priority section without such a heading is itself the region of its actions.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..cuewords import contains, extract_cues, phrase_regex
from ..layout import Block, Section


@lru_cache(maxsize=1)
def action_number() -> re.Pattern[str]:
    """The cue and number before one action's own title ("Actie 1.2 ", "Maatregel 3: "); a year is no such
    number ("Acties 2026" heads a region)."""
    cue = phrase_regex(extract_cues().action_columns["action"])
    return re.compile(rf"^\s*(?:{cue})\s+[A-Za-z]?\d{{1,2}}(?:\.\d{{1,2}})*\s*[.:–—-]?\s+(?=\S)", re.I)


def is_region_title(title: str) -> bool:
    """An action cue heads a region, unless it numbers one action ("Actie 1.2 Bibob-beleid actualiseren")."""
    return contains(title, extract_cues().action_regions) is not None and not action_number().match(title)


def is_region(section: Section) -> bool:
    return is_region_title(section.title)


def _siblings_after(section: Section, parent: Section) -> list[Section]:
    kids = parent.children
    i = next(k for k, c in enumerate(kids) if c is section)
    return kids[i + 1:]


def region_blocks(section: Section, parent: Section) -> list[Block]:
    """The blocks of one region, running on over following siblings when the heading is an empty lead-in."""
    blocks = list(section.iter_blocks())
    if blocks:
        return blocks
    out: list[Block] = []
    for sib in _siblings_after(section, parent):
        if is_region(sib):
            break
        out += list(sib.iter_blocks())
    return out


def regions(sections: list[Section], parents: dict[int, Section]) -> list[tuple[Section, list[Block]]]:
    """Outermost action regions with their blocks, in document order."""
    out: list[tuple[Section, list[Block]]] = []
    for s in sections:
        if is_region(s) and not any(s.path[:len(r.path)] == r.path for r, _ in out):
            out.append((s, region_blocks(s, parents[id(s)])))
    return out
