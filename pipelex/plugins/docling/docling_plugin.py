"""The ``docling`` plugin: local PDF extraction with docling's model-free pipeline (extra ``pipelex[docling]``).

Registered always, like every built-in; docling itself is imported only when a model of the ``docling`` sdk is
used, and a missing docling fails then, with :class:`~pipelex.exceptions.MissingDependencyError`.
"""

from __future__ import annotations

from pipelex.cogt.inference.inference_worker_abstract import InferenceWorkerAbstract
from pipelex.cogt.model_backends.backend import InferenceBackend
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.plugins.contract import PLUGIN_API_VERSION
from pipelex.plugins.inference_backend_registry import InferenceFamily, require_sdk
from pipelex.plugins.registrar import PluginRegistrar
from pipelex.plugins.sdk_client_registry import SdkClientRegistry
from pipelex.reporting.reporting_protocol import ReportingProtocol

DOCLING_SDK = "docling"
DOCLING_EXTRA = "docling"


def _make_docling_extract_worker(
    *,
    inference_model: InferenceModelSpec,
    backend: InferenceBackend,  # noqa: ARG001
    sdk_clients: SdkClientRegistry,  # noqa: ARG001
    reporting_delegate: ReportingProtocol | None,
) -> InferenceWorkerAbstract:
    require_sdk(spec="docling", extra=DOCLING_EXTRA, msg="docling is required to extract pages with docling models.")
    from pipelex.plugins.docling.docling_extract_worker import DoclingExtractWorker

    return DoclingExtractWorker(inference_model=inference_model, reporting_delegate=reporting_delegate)


class DoclingPlugin:
    """Serves the ``docling`` sdk for extraction."""

    name = "docling"
    targets_api = PLUGIN_API_VERSION

    def register(self, registrar: PluginRegistrar) -> None:
        registrar.add_inference_backend(
            family=InferenceFamily.EXTRACT, sdk=DOCLING_SDK, make_worker=_make_docling_extract_worker
        )
