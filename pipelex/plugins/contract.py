"""The plugin contract: what a plugin object must look like."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from pipelex.plugins.registrar import PluginRegistrar

PLUGIN_API_VERSION = 1
"""The one integer a plugin's ``targets_api`` must equal."""


@runtime_checkable
class PipelexPlugin(Protocol):
    """A plugin: a unique lowercase ``name``, the API it targets, and a side-effect-free ``register``."""

    name: str
    targets_api: int

    def register(self, registrar: PluginRegistrar) -> None:
        """Call the registrar's menu methods, and nothing else: no I/O, no SDK or client construction."""
