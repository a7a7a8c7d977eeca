"""Optional model listers, keyed by sdk: the callables behind ``pipelex show models``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pipelex.cogt.model_backends.backend import InferenceBackend


class ListModelsFn(Protocol):
    """Lists the models of a backend; always async, keyed by sdk alone."""

    async def __call__(
        self,
        *,
        sdk: str,
        backend_name: str,
        backend: InferenceBackend,
        flat: bool,
        any_listed: bool,
    ) -> None: ...


class ModelListerRegistry:
    """Lookup of a model lister by sdk; a missing lister means "unsupported for listing"."""

    def __init__(self, listers: Mapping[str, ListModelsFn]) -> None:
        self._listers = dict(listers)

    def get(self, sdk: str) -> ListModelsFn | None:
        return self._listers.get(sdk)
