"""Per-handle memoization of SDK clients, so repeated worker construction reuses connections."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pipelex.plugins.model_handle import ModelHandle

ClientT = TypeVar("ClientT")


class SdkClientRegistry:
    """One SDK client per :class:`ModelHandle`, built on first use.

    A registry lives as long as one run: async clients belong to the event loop that made them.
    """

    def __init__(self) -> None:
        self._clients: dict[ModelHandle, Any] = {}

    def get_or_create(self, *, handle: ModelHandle, build: Callable[[], ClientT]) -> ClientT:
        """The client for ``handle``, calling ``build`` the first time."""
        if handle not in self._clients:
            self._clients[handle] = build()
        client: ClientT = self._clients[handle]
        return client

    async def aclose(self) -> None:
        """Close every client that can be closed."""
        clients = list(self._clients.values())
        self._clients.clear()
        for client in clients:
            close = getattr(client, "close", None)
            if close is None:
                continue
            result = close()
            if hasattr(result, "__await__"):
                await result
