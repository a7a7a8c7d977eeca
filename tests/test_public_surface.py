"""Freezes the public API and the plugin SPI: renaming any of these is a breaking change."""

from __future__ import annotations

import importlib
import inspect

import pipelex

PUBLIC_API = [
    "ConfigurationError",
    "InputError",
    "PipeOutput",
    "PipeRunError",
    "Pipelex",
    "PipelexError",
    "SourceError",
    "__version__",
    "pipe_func",
]

SPI = {
    "pipelex.plugins.contract": ["PipelexPlugin", "PLUGIN_API_VERSION"],
    "pipelex.plugins.registrar": ["PluginRegistrar"],
    "pipelex.plugins.inference_backend_registry": ["InferenceFamily", "MakeWorkerFn", "require_sdk"],
    "pipelex.plugins.model_lister_registry": ["ListModelsFn"],
    "pipelex.plugins.model_handle": ["ModelHandle"],
    "pipelex.plugins.sdk_client_registry": ["SdkClientRegistry"],
    "pipelex.cogt.exceptions": ["ModelListingUnsupportedError"],
    "pipelex.cogt.model_backends.model_spec": ["InferenceModelSpec"],
    "pipelex.cogt.model_backends.backend": ["InferenceBackend"],
    "pipelex.cogt.inference.inference_worker_abstract": ["InferenceWorkerAbstract"],
    "pipelex.cogt.llm.llm_worker_abstract": ["LLMWorkerAbstract"],
    "pipelex.reporting.reporting_protocol": ["ReportingProtocol"],
    "pipelex.exceptions": ["MissingDependencyError"],
}


def test_public_api_is_frozen() -> None:
    assert sorted(pipelex.__all__) == sorted(PUBLIC_API)
    for name in PUBLIC_API:
        assert getattr(pipelex, name) is not None


def test_public_api_has_docstrings() -> None:
    for name in PUBLIC_API:
        value = getattr(pipelex, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert value.__doc__, name
    for method in ("load", "run", "run_sync"):
        assert getattr(pipelex.Pipelex, method).__doc__, method


def test_spi_names_live_at_their_seed_paths() -> None:
    for module_name, names in SPI.items():
        module = importlib.import_module(module_name)
        for name in names:
            value = getattr(module, name)
            if inspect.isclass(value) or inspect.isfunction(value):
                assert value.__doc__, f"{module_name}.{name} needs a docstring"


def test_llm_worker_contract_shape() -> None:
    from pipelex.cogt.llm.llm_worker_abstract import LLMWorkerAbstract

    assert LLMWorkerAbstract.__abstractmethods__ == frozenset({"_gen_text", "_gen_object"})
    parameters = inspect.signature(LLMWorkerAbstract.__init__).parameters
    assert [name for name, parameter in parameters.items() if parameter.kind is parameter.KEYWORD_ONLY] == [
        "inference_model",
        "reporting_delegate",
    ]
