"""The validated data of the whole site, as one immutable object.

Produced by ``loader.load_catalogue`` and consumed by the renderers. Holding every
record at once lets the renderers resolve references (an exercise's sources, a
routine's exercises) without touching the file system.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .models import BodyMap, Exercise, GlossaryTerm, RedFlag, Routine, SafetyRules, SelfTest, Sign, Source

if TYPE_CHECKING:
    from .figures import Drawings


@dataclass(frozen=True)
class Catalogue:
    exercises: dict[str, Exercise] = field(default_factory=dict)
    signs: dict[str, Sign] = field(default_factory=dict)
    self_tests: dict[str, SelfTest] = field(default_factory=dict)
    red_flags: dict[str, RedFlag] = field(default_factory=dict)
    routines: dict[str, Routine] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    glossary: dict[str, GlossaryTerm] = field(default_factory=dict)
    safety: SafetyRules | None = None
    """The shared pain and stop rules (``data/safety.yml``); the loader always sets it."""
    body_map: BodyMap | None = None
    """What each area of the "Where does it hurt?" map links to (``data/body_map.yml``); the loader sets it."""
    prose_figures: dict[str, str] = field(default_factory=dict)
    """Hand-drawn SVG figures for prose pages (``content/figures/<id>.svg``), checked and ready to inline."""
    paths: dict[tuple[str, str], str] = field(default_factory=dict)
    """(collection, id) -> the record's file, relative to the project root."""
    drawings: Drawings | None = field(default=None, compare=False, repr=False)
    """The build's drawn figures (``BuildCaches.drawings``), for the renderers; not data, so not compared.
    None (``cache: false``, the CLI, tests) draws every figure."""

    @property
    def safety_rules(self) -> SafetyRules:
        """The shared safety rules; a catalogue from the loader always has them."""
        if self.safety is None:
            raise LookupError("this catalogue has no safety rules (data/safety.yml)")
        return self.safety

    def source_numbers(self) -> dict[str, int]:
        """Number every source in the order of the references page (first author, then year)."""
        return self._source_numbers

    @cached_property
    def _source_numbers(self) -> dict[str, int]:
        # Worked out once per catalogue: every citation on every page asks for it.
        ordered = sorted(
            self.sources, key=lambda sid: (self.sources[sid].authors.casefold(), self.sources[sid].year, sid)
        )
        return {sid: index for index, sid in enumerate(ordered, start=1)}


DATA_FIELDS = frozenset(f.name for f in fields(Catalogue) if f.compare)
"""The catalogue's data: every field but ``drawings`` (the build's drawn figures, kept by their data)."""


@dataclass(frozen=True)
class ReadCatalogue(Catalogue):
    """The same catalogue, noting in ``read`` each field of data a renderer reads (its records are
    the same objects). So a result can be kept with the fields it was made from (``prose.KeptExpansions``)."""

    read: set[str] = field(default_factory=set, compare=False, repr=False)

    @classmethod
    def of(cls, catalogue: Catalogue) -> ReadCatalogue:
        return cls(**{f.name: getattr(catalogue, f.name) for f in fields(Catalogue)})

    def __getattribute__(self, name: str) -> Any:
        if name in DATA_FIELDS:
            object.__getattribute__(self, "read").add(name)
        return object.__getattribute__(self, name)
