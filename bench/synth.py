"""A synthetic corpus of other basisteams' plans, built from the sample corpus, for scale runs.

Each copy renames the basisteam, its gemeenten, people and the local partners, shifts nothing
else of the structure (so the extractors meet the same layouts), and perturbs the actions:
sentences inside paragraphs are shuffled and some deadline years move. Deterministic per seed.

    python bench/synth.py FACTOR OUT_DIR        (FACTOR x the sample corpus: 10, 100, 1000)
"""
from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEAMS = {"Tweestromenland": ("TSL", "land"), "De Waarden": ("DW", "waard")}
PLACES = ["Berg en Dal", "Beuningen", "Druten", "Heumen", "West Maas en Waal", "Wijchen", "West Betuwe", "Buren",
          "Culemborg", "Maasdriel", "Neder-Betuwe", "Tiel", "Zaltbommel", "Groesbeek", "Malden", "Beneden-Leeuwen"]
PEOPLE = ["Bergman", "Minses", "Van Neerbos", "Helmer-Englebert", "Slinkman", "Sengers"]
SYLLABLES = ["Rijn", "Veld", "Maas", "Lande", "Bosch", "Dijk", "Hoven", "Waard", "Brug", "Kamp", "Heuvel", "Meer"]


def _team(n: int, suffix: str) -> str:
    """A distinct basisteam name per copy (12**3 combinations)."""
    a, b, c = n % 12, (n // 12) % 12, (n // 144) % 12
    return f"{SYLLABLES[a]}{SYLLABLES[b].lower()}{SYLLABLES[c].lower()}{suffix}"


def make_copy(text: str, n: int, seed: int) -> tuple[str, str]:
    """(renamed text, basisteam name). Names depend on the copy only, so its documents agree."""
    rng = random.Random(seed * 100_003 + n)
    own = max(TEAMS, key=text.count)  # the source document's own basisteam
    team = _team(n, TEAMS[own][1])
    places = {p: f"{SYLLABLES[(n + i) % 12]}{SYLLABLES[(n * 7 + i) % 12].lower()}oord" for i, p in enumerate(PLACES)}
    people = {p: f"{SYLLABLES[(n * 3 + i) % 12]}man" for i, p in enumerate(PEOPLE)}
    for old, (short, suffix) in TEAMS.items():
        new = _team(n, suffix)
        text = text.replace(old, new).replace(short, new[:3].upper())
    for old, new in places.items():
        text = re.sub(rf"\b{re.escape(old)}\b", new, text)
    for old, new in people.items():
        text = text.replace(old, new)
    text = re.sub(r"\b(202[3-6])\b", lambda m: str(int(m.group(1)) + rng.choice((0, 0, 0, 1))), text)
    paragraphs = text.split("\n\n")
    for i, p in enumerate(paragraphs):
        sentences = re.split(r"(?<=\.)\s+(?=[A-Z])", p)
        if len(sentences) > 2 and rng.random() < 0.5:
            head, rest = sentences[0], sentences[1:]
            rng.shuffle(rest)
            paragraphs[i] = " ".join([head, *rest])
    return "\n\n".join(paragraphs), team


def generate(factor: int, out: Path, seed: int = 7) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    sources = sorted((ROOT / "corpus").glob("*.txt"))
    written = []
    for n in range(1, factor + 1):
        for src in sources:
            text, team = make_copy(src.read_text(encoding="utf-8"), n, seed)
            target = out / f"synth{n:04d}_{src.stem[:3]}.txt"
            target.write_text(text, encoding="utf-8")
            # the sidecar names the basisteam: a new district's name is not in the ontology
            target.with_name(target.name + ".meta.json").write_text(json.dumps({"basisteam": team}), encoding="utf-8")
            written.append(target)
    return written


if __name__ == "__main__":
    files = generate(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"{len(files)} documents in {sys.argv[2]}")
