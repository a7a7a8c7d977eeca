"""What workers report to: token usage and cost of each model call."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class InferenceReport:
    """One model call.

    Attributes:
        job_label: what asked for it (usually the pipe code).
        model: the model handle.
        backend: the backend that served it.
        sdk: the SDK that talked to it.
        input_tokens: prompt tokens, when the provider says.
        output_tokens: completion tokens, when the provider says.
        cost: in dollars, from the model spec's prices per million tokens.
        duration_s: wall time of the call (retries included, waiting for a slot excluded).
        retries: how many times the call was retried (by the SDK or by pipelex) before it answered.
    """

    job_label: str
    model: str
    backend: str
    sdk: str
    input_tokens: int | None
    output_tokens: int | None
    cost: float | None
    duration_s: float
    retries: int = 0


@runtime_checkable
class ReportingProtocol(Protocol):
    """Receives one report per model call."""

    def report_inference(self, report: InferenceReport) -> None:
        """Record one model call."""
