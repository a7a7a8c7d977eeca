"""The ``pypdfium2`` plugin: local PDF extraction (text, embedded images, page renderings). No key, no network."""

from __future__ import annotations

from pipelex.cogt.inference.inference_worker_abstract import InferenceWorkerAbstract
from pipelex.cogt.model_backends.backend import InferenceBackend
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.plugins.contract import PLUGIN_API_VERSION
from pipelex.plugins.inference_backend_registry import InferenceFamily, require_sdk
from pipelex.plugins.registrar import PluginRegistrar
from pipelex.plugins.sdk_client_registry import SdkClientRegistry
from pipelex.reporting.reporting_protocol import ReportingProtocol

PYPDFIUM2_SDK = "pypdfium2"


def _make_pypdfium2_extract_worker(
    *,
    inference_model: InferenceModelSpec,
    backend: InferenceBackend,  # noqa: ARG001
    sdk_clients: SdkClientRegistry,  # noqa: ARG001
    reporting_delegate: ReportingProtocol | None,
) -> InferenceWorkerAbstract:
    require_sdk(spec="pypdfium2", extra=None, msg="pypdfium2 is required to extract PDF pages locally.")
    from pipelex.plugins.pypdfium2.pypdfium2_extract_worker import Pypdfium2ExtractWorker

    return Pypdfium2ExtractWorker(inference_model=inference_model, reporting_delegate=reporting_delegate)


class Pypdfium2Plugin:
    """Serves the ``pypdfium2`` sdk for extraction."""

    name = "pypdfium2"
    targets_api = PLUGIN_API_VERSION

    def register(self, registrar: PluginRegistrar) -> None:
        registrar.add_inference_backend(
            family=InferenceFamily.EXTRACT, sdk=PYPDFIUM2_SDK, make_worker=_make_pypdfium2_extract_worker
        )
