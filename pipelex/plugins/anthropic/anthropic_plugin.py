"""The ``anthropic`` plugin: Claude through the anthropic SDK's Messages API (LLM family) and its model list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipelex.cogt.inference.inference_worker_abstract import InferenceWorkerAbstract
from pipelex.cogt.model_backends.backend import InferenceBackend
from pipelex.cogt.model_backends.endpoint import check_endpoint
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.exceptions import ConfigurationError
from pipelex.plugins.backend_client_settings import checked_api_key, client_tuning
from pipelex.plugins.contract import PLUGIN_API_VERSION
from pipelex.plugins.inference_backend_registry import InferenceFamily, require_sdk
from pipelex.plugins.model_handle import ModelHandle
from pipelex.plugins.registrar import PluginRegistrar
from pipelex.plugins.sdk_client_registry import SdkClientRegistry
from pipelex.reporting.reporting_protocol import ReportingProtocol

if TYPE_CHECKING:
    from anthropic import AsyncAnthropic

ANTHROPIC_SDK = "anthropic"
_MISSING_SDK = "The anthropic SDK is required to use Anthropic models."


def _make_anthropic_llm_worker(
    *,
    inference_model: InferenceModelSpec,
    backend: InferenceBackend,
    sdk_clients: SdkClientRegistry,
    reporting_delegate: ReportingProtocol | None,
) -> InferenceWorkerAbstract:
    require_sdk(spec="anthropic", extra=None, msg=_MISSING_SDK)
    from pipelex.plugins.anthropic.anthropic_llm_worker import AnthropicLLMWorker

    api_key = checked_api_key(backend, inference_model)
    model_handle = ModelHandle.make_for_inference_model(inference_model=inference_model)
    client = sdk_clients.get_or_create(handle=model_handle, build=lambda: build_client(backend, api_key))
    return AnthropicLLMWorker(
        sdk_instance=client, inference_model=inference_model, reporting_delegate=reporting_delegate
    )


def build_client(backend: InferenceBackend, api_key: str) -> AsyncAnthropic:
    """The SDK client for ``backend``: its ``endpoint`` is the SDK's ``base_url`` (Anthropic's has no ``/v1``).

    Raises:
        ConfigurationError: the endpoint, ``max_retries`` or ``timeout_s`` cannot be used.
    """
    require_sdk(spec="anthropic", extra=None, msg=_MISSING_SDK)
    from anthropic import AsyncAnthropic

    endpoint = check_endpoint(backend.name, backend.endpoint)
    tuning = client_tuning(backend)
    try:
        return AsyncAnthropic(
            api_key=api_key,
            base_url=endpoint,
            max_retries=tuning.max_retries,
            timeout=tuning.timeout_s,
        )
    except Exception as error:
        raise ConfigurationError(
            f"the anthropic SDK refused the settings of backend `{backend.name}` ({type(error).__name__}): "
            "check its `endpoint`, `max_retries` and `timeout_s` in backends.toml"
        ) from None


class AnthropicPlugin:
    """Serves the ``anthropic`` sdk for LLMs, and lists the models of such backends."""

    name = "anthropic"
    targets_api = PLUGIN_API_VERSION

    def register(self, registrar: PluginRegistrar) -> None:
        registrar.add_inference_backend(
            family=InferenceFamily.LLM, sdk=ANTHROPIC_SDK, make_worker=_make_anthropic_llm_worker
        )
        registrar.add_model_lister(sdk=ANTHROPIC_SDK, lister=_list_anthropic_models)


async def _list_anthropic_models(
    *, sdk: str, backend_name: str, backend: InferenceBackend, flat: bool, any_listed: bool
) -> None:
    from pipelex.plugins.anthropic.anthropic_model_lister import list_anthropic_models

    await list_anthropic_models(sdk=sdk, backend_name=backend_name, backend=backend, flat=flat, any_listed=any_listed)
