"""Working memory: the stuffs of a run, by name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pipelex.core.stuff import Stuff

MAIN_STUFF = "main_stuff"


class WorkingMemory:
    """Named stuffs, in the order they were added, with a pointer to the main one."""

    def __init__(self, stuffs: dict[str, Stuff] | None = None) -> None:
        self._stuffs: dict[str, Stuff] = dict(stuffs or {})
        self.main_name: str | None = None

    def __contains__(self, name: object) -> bool:
        return name in self._stuffs

    def __iter__(self) -> Iterator[Stuff]:
        return iter(self._stuffs.values())

    def __len__(self) -> int:
        return len(self._stuffs)

    def names(self) -> list[str]:
        return list(self._stuffs)

    def get(self, name: str) -> Stuff | None:
        return self._stuffs.get(name)

    def set(self, stuff: Stuff, *, main: bool = False) -> None:
        self._stuffs[stuff.name] = stuff
        if main:
            self.main_name = stuff.name

    @property
    def main_stuff(self) -> Stuff | None:
        return self._stuffs.get(self.main_name) if self.main_name else None

    def copy(self) -> WorkingMemory:
        clone = WorkingMemory(self._stuffs)
        clone.main_name = self.main_name
        return clone

    def to_json(self) -> dict[str, Any]:
        return {
            "main_stuff": self.main_name,
            "stuffs": {name: stuff.to_json() for name, stuff in self._stuffs.items()},
        }
