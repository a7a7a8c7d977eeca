"""An out-of-tree plugin written only from seed 002's text: used by tests/plugins/test_entry_point_plugin.py."""

from __future__ import annotations

from pydantic import BaseModel

from pipelex.cogt.inference.inference_worker_abstract import InferenceWorkerAbstract
from pipelex.cogt.llm.llm_job import LLMJob
from pipelex.cogt.llm.llm_worker_abstract import LLMWorkerAbstract
from pipelex.cogt.model_backends.backend import InferenceBackend
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.plugins.contract import PLUGIN_API_VERSION
from pipelex.plugins.inference_backend_registry import InferenceFamily, require_sdk
from pipelex.plugins.model_handle import ModelHandle
from pipelex.plugins.registrar import PluginRegistrar
from pipelex.plugins.sdk_client_registry import SdkClientRegistry
from pipelex.reporting.reporting_protocol import ReportingProtocol


class EchoClient:
    def __init__(self, api_key: str | None) -> None:
        self.api_key = api_key


class EchoLLMWorker(LLMWorkerAbstract):
    def __init__(
        self,
        *,
        sdk_instance: EchoClient,
        inference_model: InferenceModelSpec,
        reporting_delegate: ReportingProtocol | None,
    ) -> None:
        super().__init__(inference_model=inference_model, reporting_delegate=reporting_delegate)
        self.client = sdk_instance

    async def _gen_text(self, llm_job: LLMJob) -> str:
        self.record_usage(input_tokens=len(llm_job.prompt.user_text), output_tokens=1)
        return f"echo: {llm_job.prompt.user_text}"

    async def _gen_object(self, llm_job: LLMJob, schema: type[BaseModel]) -> BaseModel:
        raise NotImplementedError("echo answers text only")


def _make_echo_worker(
    *,
    inference_model: InferenceModelSpec,
    backend: InferenceBackend,
    sdk_clients: SdkClientRegistry,
    reporting_delegate: ReportingProtocol | None,
) -> InferenceWorkerAbstract:
    model_handle = ModelHandle.make_for_inference_model(inference_model=inference_model)
    sdk_instance = sdk_clients.get_or_create(handle=model_handle, build=lambda: EchoClient(api_key=backend.api_key))
    return EchoLLMWorker(
        sdk_instance=sdk_instance, inference_model=inference_model, reporting_delegate=reporting_delegate
    )


def _make_ghost_worker(
    *,
    inference_model: InferenceModelSpec,
    backend: InferenceBackend,
    sdk_clients: SdkClientRegistry,
    reporting_delegate: ReportingProtocol | None,
) -> InferenceWorkerAbstract:
    require_sdk(
        spec="ghost_sdk_not_installed", extra="ghost", msg="The ghost SDK is required in order to use Ghost models."
    )
    raise AssertionError("unreachable: the ghost SDK is never installed")


class EchoPlugin:
    name = "echo"
    targets_api = PLUGIN_API_VERSION

    def register(self, registrar: PluginRegistrar) -> None:
        registrar.add_inference_backend(family=InferenceFamily.LLM, sdk="echo", make_worker=_make_echo_worker)


class GhostPlugin:
    name = "ghost"
    targets_api = PLUGIN_API_VERSION

    def register(self, registrar: PluginRegistrar) -> None:
        registrar.add_inference_backend(family=InferenceFamily.LLM, sdk="ghost", make_worker=_make_ghost_worker)


def make_ghost_plugin() -> GhostPlugin:
    """A zero-argument factory, as an entry point may name one."""
    return GhostPlugin()
