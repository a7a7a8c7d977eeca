"""The ``openai`` plugin: chat completions through the openai SDK. Core-unconditional."""

from __future__ import annotations

from pipelex.cogt.exceptions import MissingCredentialsError
from pipelex.cogt.inference.inference_worker_abstract import InferenceWorkerAbstract
from pipelex.cogt.model_backends.backend import InferenceBackend
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.plugins.contract import PLUGIN_API_VERSION
from pipelex.plugins.inference_backend_registry import InferenceFamily, require_sdk
from pipelex.plugins.model_handle import ModelHandle
from pipelex.plugins.registrar import PluginRegistrar
from pipelex.plugins.sdk_client_registry import SdkClientRegistry
from pipelex.reporting.reporting_protocol import ReportingProtocol

OPENAI_SDK = "openai"
_DEFAULT_MAX_RETRIES = 2


def _make_openai_llm_worker(
    *,
    inference_model: InferenceModelSpec,
    backend: InferenceBackend,
    sdk_clients: SdkClientRegistry,
    reporting_delegate: ReportingProtocol | None,
) -> InferenceWorkerAbstract:
    require_sdk(spec="openai", extra=None, msg="The openai SDK is required to use OpenAI models.")
    from openai import AsyncOpenAI

    from pipelex.plugins.openai.openai_llm_worker import OpenAILLMWorker

    api_key = backend.api_key
    if not api_key:
        names = backend.missing_env_vars.get("api_key", ())
        where = (
            f"set {' and '.join(names)} in the environment or in .env" if names else "set `api_key` in backends.toml"
        )
        raise MissingCredentialsError(
            f"backend `{backend.name}` needs an API key to call `{inference_model.name}`: {where}",
            provider=backend.name,
            model=inference_model.name,
        )
    max_retries = backend.extra_config.get("max_retries", _DEFAULT_MAX_RETRIES)
    timeout = backend.extra_config.get("timeout_s", 600.0)
    model_handle = ModelHandle.make_for_inference_model(inference_model=inference_model)
    client = sdk_clients.get_or_create(
        handle=model_handle,
        build=lambda: AsyncOpenAI(
            api_key=api_key, base_url=backend.endpoint, max_retries=int(max_retries), timeout=float(timeout)
        ),
    )
    return OpenAILLMWorker(sdk_instance=client, inference_model=inference_model, reporting_delegate=reporting_delegate)


class OpenAIPlugin:
    """Serves the ``openai`` sdk for LLMs."""

    name = "openai"
    targets_api = PLUGIN_API_VERSION

    def register(self, registrar: PluginRegistrar) -> None:
        registrar.add_inference_backend(family=InferenceFamily.LLM, sdk=OPENAI_SDK, make_worker=_make_openai_llm_worker)
