"""The fail-loud errors of the plugin seam (seed 002)."""

from __future__ import annotations

from pipelex.exceptions import PipelexError


class PluginError(PipelexError):
    """A plugin could not be loaded or registered."""


class PluginApiVersionMismatchError(PluginError):
    """A plugin's ``targets_api`` differs from ``PLUGIN_API_VERSION``."""


class DuplicateInferenceBackendError(PluginError):
    """Two plugins registered the same (family, sdk)."""


class DuplicateModelListerError(PluginError):
    """Two plugins registered a model lister for the same sdk."""


class CoreUnconditionalPluginDisabledError(PluginError):
    """A core-unconditional plugin (openai) was named in ``[plugins] disabled``."""


class BrokenPluginError(PluginError):
    """An installed plugin raised while loading or registering."""


class InferenceBackendNotFoundError(PluginError, NotImplementedError):
    """No plugin registered a backend for the (family, sdk) a model needs."""
