"""The accumulator a plugin's ``register`` writes into."""

from __future__ import annotations

from pipelex.plugins.exceptions import DuplicateInferenceBackendError, DuplicateModelListerError
from pipelex.plugins.inference_backend_registry import InferenceFamily, MakeWorkerFn
from pipelex.plugins.model_lister_registry import ListModelsFn


class PluginRegistrar:
    """Collects what plugins contribute, remembering which plugin contributed what."""

    def __init__(self) -> None:
        self.inference_backends: dict[tuple[InferenceFamily, str], MakeWorkerFn] = {}
        self.model_listers: dict[str, ListModelsFn] = {}
        self.contributions: dict[str, list[str]] = {}
        self._backend_owners: dict[tuple[InferenceFamily, str], str] = {}
        self._lister_owners: dict[str, str] = {}
        self._current_plugin = "<unknown>"

    def begin(self, plugin_name: str) -> None:
        """Attribute the following registrations to ``plugin_name`` (called by core, not by plugins)."""
        self._current_plugin = plugin_name
        self.contributions.setdefault(plugin_name, [])

    def add_inference_backend(self, *, family: InferenceFamily, sdk: str, make_worker: MakeWorkerFn) -> None:
        """Serve models whose ``sdk`` is ``sdk`` in ``family`` with ``make_worker``.

        Raises:
            DuplicateInferenceBackendError: another plugin already registered (family, sdk).
        """
        key = (family, sdk)
        if key in self.inference_backends:
            raise DuplicateInferenceBackendError(
                f"the {family.value} backend for sdk `{sdk}` is registered by both "
                f"`{self._backend_owners[key]}` and `{self._current_plugin}`"
            )
        self.inference_backends[key] = make_worker
        self._backend_owners[key] = self._current_plugin
        self.contributions[self._current_plugin].append(f"{family.value}:{sdk}")

    def add_model_lister(self, *, sdk: str, lister: ListModelsFn) -> None:
        """List the models of backends using ``sdk`` with ``lister``.

        Raises:
            DuplicateModelListerError: another plugin already registered a lister for ``sdk``.
        """
        if sdk in self.model_listers:
            raise DuplicateModelListerError(
                f"a model lister for sdk `{sdk}` is registered by both "
                f"`{self._lister_owners[sdk]}` and `{self._current_plugin}`"
            )
        self.model_listers[sdk] = lister
        self._lister_owners[sdk] = self._current_plugin
        self.contributions[self._current_plugin].append(f"lister:{sdk}")
