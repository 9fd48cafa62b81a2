"""The registry of police forces, and resolution of force names as the press wrote them.

Names resolve through the registry's canonical names, ids, MAPPA areas and the aliases seen
in sources, after normalisation (case, punctuation, "&"/"and", "Police"/"Constabulary"/
"Service" and county abbreviations such as "Notts"). A name that resolves to no force, or to
more than one, stops the run with the closest known names.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from missing_offenders.ingest import paths
from missing_offenders.ingest.errors import UnknownForceError
from missing_offenders.ingest.rawio import read_csv

COLUMNS = ("force_name", "data_police_uk_id", "country", "mappa_area_name", "aliases_seen_in_sources")

# Words that name the kind of body, not which one: "Sussex Police" is "Sussex".
_FILLER = {"the", "police", "constabulary", "service", "force", "of"}
# County abbreviations used by the press and by forces themselves.
_ABBREVIATIONS = {
    "notts": "nottinghamshire", "herts": "hertfordshire", "cambs": "cambridgeshire",
    "northants": "northamptonshire", "beds": "bedfordshire", "lancs": "lancashire",
    "leics": "leicestershire", "lincs": "lincolnshire", "glos": "gloucestershire",
    "wilts": "wiltshire", "staffs": "staffordshire", "yorks": "yorkshire", "met": "metropolitan",
}
_JOINT_SEPARATORS = re.compile(r"\s+(?:and|&)\s+|\s*/\s*|\s*\+\s*|,\s*", re.IGNORECASE)


def normalise(name: str) -> str:
    """The comparison key of a force name: 'Notts Police' -> 'nottinghamshire'."""
    text = re.sub(r"\([^)]*\)", " ", name.lower())      # "(London)", "(MAPPA area)"
    text = text.replace("&", " and ")
    text = re.sub(r"[^a-z0-9 ]+", " ", text)              # hyphens, quotes, full stops
    words = [_ABBREVIATIONS.get(w, w) for w in text.split()]
    return " ".join(w for w in words if w not in _FILLER)


def _aliases(cell: str) -> list[str]:
    """'Teesside (MAPPA area); 'Teeside' (misspelling...)' -> ['Teesside', 'Teeside']."""
    names = []
    for part in cell.split(";"):
        part = re.sub(r"\([^)]*\)", "", part).strip().strip("'\"").strip()
        if part:
            names.append(part)
    return names


@dataclass(frozen=True)
class Force:
    force_id: str
    name: str
    country: str
    mappa_area: str


@dataclass(frozen=True)
class Resolution:
    force_id: str
    rule: str  # "canonical_name", "force_id", "alias", "mappa_area" (all after normalisation)


class Registry:
    def __init__(self, forces: list[Force], keys: dict[str, dict[str, str]]):
        self.forces = sorted(forces, key=lambda f: f.force_id)
        self.by_id = {f.force_id: f for f in self.forces}
        self._keys = keys  # normalised name -> {force_id: rule}

    @property
    def ids(self) -> list[str]:
        return [f.force_id for f in self.forces]

    def resolve(self, name: str, where: str = "") -> Resolution:
        key = normalise(name)
        matches = self._keys.get(key, {})
        if len(matches) == 1:
            (force_id, rule), = matches.items()
            return Resolution(force_id, rule)
        prefix = f"{where}: " if where else ""
        if len(matches) > 1:
            names = " or ".join(f"{self.by_id[i].name} ({i})" for i in sorted(matches))
            raise UnknownForceError(
                f"{prefix}force name {name!r} is ambiguous: it could be {names}. "
                "Write the force's full name in the raw file, then run `make manifest`."
            )
        raise UnknownForceError(
            f"{prefix}force name {name!r} (normalised {key!r}) matches no force in "
            f"{paths.relative(paths.FORCES_FILE)}. Closest known forces: {self.closest(name)}. "
            "Correct the name, or add it to the force's aliases_seen_in_sources, then run `make manifest`."
        )

    def closest(self, name: str, n: int = 3) -> str:
        candidates = difflib.get_close_matches(normalise(name), list(self._keys), n=n * 2, cutoff=0.0)
        ids = []
        for key in candidates:
            ids.extend(i for i in sorted(self._keys[key]) if i not in ids)
        return ", ".join(f"{self.by_id[i].name} ({i})" for i in ids[:n])

    def joint_forces(self, name: str) -> tuple[str, ...] | None:
        """The forces of a joint return ('West Mercia and Warwickshire'), or None if it is not one."""
        parts = [p for p in _JOINT_SEPARATORS.split(name) if p.strip()]
        if len(parts) < 2:
            return None
        ids = []
        for part in parts:
            matches = self._keys.get(normalise(part), {})
            if len(matches) != 1:
                return None
            ids.append(next(iter(matches)))
        return tuple(sorted(set(ids))) if len(set(ids)) > 1 else None


def _add(keys: dict[str, dict[str, str]], name: str, force_id: str, rule: str) -> None:
    key = normalise(name)
    if key:
        keys.setdefault(key, {}).setdefault(force_id, rule)


@lru_cache(maxsize=1)
def load() -> Registry:
    forces, keys = [], {}
    seen: dict[str, int] = {}
    for row in read_csv(paths.FORCES_FILE, COLUMNS):
        force_id = row.get("data_police_uk_id").strip()
        if not re.fullmatch(r"[a-z][a-z\-]*", force_id):
            raise UnknownForceError(
                f"{row.file}, line {row.line}, column data_police_uk_id: value {force_id!r}: "
                "expected a lower-case id such as 'devon-and-cornwall'."
            )
        if force_id in seen:
            raise UnknownForceError(f"{row.file}, line {row.line}: force id {force_id!r} repeats line {seen[force_id]}.")
        seen[force_id] = row.line
        forces.append(Force(force_id, row.get("force_name").strip(), row.get("country").strip(),
                            row.get("mappa_area_name").strip()))
        _add(keys, row.get("force_name"), force_id, "canonical_name")
        _add(keys, force_id.replace("-", " "), force_id, "force_id")
        for alias in _aliases(row.get("aliases_seen_in_sources")):
            _add(keys, alias, force_id, "alias")
        area = row.get("mappa_area_name")
        if area and not area.startswith("(") and area != "n/a":
            _add(keys, area, force_id, "mappa_area")
    return Registry(forces, keys)
