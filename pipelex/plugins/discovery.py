"""Building the registrar: built-in plugins, then installed ``pipelex.plugins`` entry points.

Pure and import-light: nothing here imports a provider SDK, so it can run at every boot.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint, entry_points

from pipelex.plugins.anthropic.anthropic_plugin import AnthropicPlugin
from pipelex.plugins.contract import PLUGIN_API_VERSION, PipelexPlugin
from pipelex.plugins.docling.docling_plugin import DoclingPlugin
from pipelex.plugins.exceptions import (
    BrokenPluginError,
    CoreUnconditionalPluginDisabledError,
    PluginApiVersionMismatchError,
    PluginError,
)
from pipelex.plugins.inference_backend_registry import InferenceBackendRegistry
from pipelex.plugins.mistral.mistral_plugin import MistralPlugin
from pipelex.plugins.mock.mock_plugin import MockPlugin
from pipelex.plugins.openai.openai_plugin import OpenAIPlugin
from pipelex.plugins.pypdfium2.pypdfium2_plugin import Pypdfium2Plugin
from pipelex.plugins.registrar import PluginRegistrar

ENTRY_POINT_GROUP = "pipelex.plugins"
CORE_UNCONDITIONAL = frozenset({"openai"})
BUILTIN_PLUGINS: tuple[PipelexPlugin, ...] = (
    OpenAIPlugin(),
    AnthropicPlugin(),
    MistralPlugin(),
    Pypdfium2Plugin(),
    DoclingPlugin(),
    MockPlugin(),
)

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PluginEntry:
    """One discovered plugin: its name, where it came from, and what it contributed (nothing if disabled)."""

    name: str
    source: str
    enabled: bool
    contributions: tuple[str, ...] = ()


@dataclass
class PluginReport:
    """What boot found: each plugin by name, where it came from, and whether it was skipped."""

    loaded: dict[str, str] = field(default_factory=dict)
    disabled: list[str] = field(default_factory=list)
    entries: list[PluginEntry] = field(default_factory=list)


def build_registrar(
    disabled: Iterable[str] = (), *, include_entry_points: bool = True
) -> tuple[PluginRegistrar, PluginReport]:
    """Register every built-in and installed plugin not in ``disabled``.

    Raises:
        CoreUnconditionalPluginDisabledError: ``disabled`` names a core-unconditional plugin.
        PluginApiVersionMismatchError, BrokenPluginError, DuplicateInferenceBackendError: see seed 002.
    """
    denied = set(disabled)
    blocked = sorted(denied & CORE_UNCONDITIONAL)
    if blocked:
        raise CoreUnconditionalPluginDisabledError(
            f"the `{blocked[0]}` plugin is part of core and cannot be disabled: remove it from [plugins] disabled"
        )
    registrar = PluginRegistrar()
    report = PluginReport()
    for plugin in BUILTIN_PLUGINS:
        _add(plugin, registrar, report, "built-in", denied)
    if include_entry_points:
        for entry_point in entry_points(group=ENTRY_POINT_GROUP):
            source = f"entry point {entry_point.name} = {entry_point.value}"
            if entry_point.name in denied:
                _log.info("plugin `%s` is disabled in [plugins] disabled", entry_point.name)
                report.disabled.append(entry_point.name)
                report.entries.append(PluginEntry(entry_point.name, source, enabled=False))
                continue
            _add(_load_entry_point(entry_point), registrar, report, source, denied)
    return registrar, report


def _add(
    plugin: PipelexPlugin, registrar: PluginRegistrar, report: PluginReport, source: str, denied: set[str]
) -> None:
    if plugin.name in denied:
        report.disabled.append(plugin.name)
        report.entries.append(PluginEntry(plugin.name, source, enabled=False))
        return
    _register(plugin, registrar, source=source)
    report.loaded[plugin.name] = source
    report.entries.append(PluginEntry(plugin.name, source, True, tuple(registrar.contributions.get(plugin.name, []))))


def build_inference_backend_registry(registrar: PluginRegistrar) -> InferenceBackendRegistry:
    return InferenceBackendRegistry(registrar.inference_backends)


def _load_entry_point(entry_point: EntryPoint) -> PipelexPlugin:
    try:
        loaded = entry_point.load()
        # A class is a zero-argument factory too (the class object itself would pass the protocol check).
        is_factory = inspect.isclass(loaded) or (callable(loaded) and not isinstance(loaded, PipelexPlugin))
        plugin = loaded() if is_factory else loaded
    except Exception as error:
        raise BrokenPluginError(
            f"the plugin entry point `{entry_point.name}` ({entry_point.value}) failed to load: {error}. "
            f'Add "{entry_point.name}" to [plugins] disabled in .pipelex/pipelex.toml to start without it.'
        ) from error
    if not isinstance(plugin, PipelexPlugin):
        raise BrokenPluginError(
            f"the plugin entry point `{entry_point.name}` ({entry_point.value}) is not a plugin: "
            "it needs `name`, `targets_api` and `register(registrar)`"
        )
    return plugin


def _register(plugin: PipelexPlugin, registrar: PluginRegistrar, source: str) -> None:
    if plugin.targets_api != PLUGIN_API_VERSION:
        raise PluginApiVersionMismatchError(
            f"the plugin `{plugin.name}` ({source}) targets plugin API {plugin.targets_api}, "
            f"but this pipelex provides API {PLUGIN_API_VERSION}"
        )
    registrar.begin(plugin.name)
    try:
        plugin.register(registrar)
    except PluginError:
        raise
    except Exception as error:
        raise BrokenPluginError(f"the plugin `{plugin.name}` ({source}) failed while registering: {error}") from error
