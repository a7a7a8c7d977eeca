"""The backend selector derived from a model spec: which backend, through which SDK."""

from __future__ import annotations

from dataclasses import dataclass

from pipelex.cogt.model_backends.model_spec import InferenceModelSpec


@dataclass(frozen=True, slots=True)
class ModelHandle:
    """Identifies the client a worker needs: one per (backend, sdk)."""

    backend_name: str
    sdk: str

    @classmethod
    def make_for_inference_model(cls, *, inference_model: InferenceModelSpec) -> ModelHandle:
        """The handle of the backend and SDK serving ``inference_model``."""
        return cls(backend_name=inference_model.backend_name, sdk=inference_model.sdk)

    def __str__(self) -> str:
        return f"{self.backend_name}/{self.sdk}"
