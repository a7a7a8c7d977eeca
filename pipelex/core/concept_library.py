"""The concepts a run can use: natives plus those declared by the loaded bundles."""

from __future__ import annotations

from collections.abc import Iterator

from pipelex.core.concepts import NATIVE_DOMAIN, Concept, native_concepts


class ConceptLibrary:
    """Concepts keyed by ``domain.Code``, resolved from the point of view of a domain."""

    def __init__(self) -> None:
        self._concepts: dict[str, Concept] = {}
        for concept in native_concepts().values():
            self.add(concept)

    def add(self, concept: Concept) -> None:
        self._concepts[concept.ref] = concept

    def __iter__(self) -> Iterator[Concept]:
        return iter(self._concepts.values())

    def get(self, ref: str) -> Concept | None:
        return self._concepts.get(ref)

    def resolve(self, written: str, from_domain: str) -> Concept | None:
        """Find the concept a user wrote.

        ``domain.Code`` names it exactly. A bare ``Code`` is looked up in the writer's own domain, then
        among natives, then in the other domains of the library when exactly one of them declares it.
        """
        if "." in written:
            return self._concepts.get(written)
        own = self._concepts.get(f"{from_domain}.{written}") or self._concepts.get(f"{NATIVE_DOMAIN}.{written}")
        if own is not None:
            return own
        elsewhere = [concept for concept in self._concepts.values() if concept.code == written]
        return elsewhere[0] if len(elsewhere) == 1 else None

    def visible_codes(self, from_domain: str) -> list[str]:
        """Names a user of ``from_domain`` could write without a prefix (for suggestions)."""
        return [
            concept.code for concept in self._concepts.values() if concept.domain in (from_domain, NATIVE_DOMAIN)
        ] + [f"{concept.domain}.{concept.code}" for concept in self._concepts.values()]
