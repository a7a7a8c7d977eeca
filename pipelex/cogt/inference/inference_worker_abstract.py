"""The base of every inference worker a plugin builds."""

from __future__ import annotations

from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.reporting.reporting_protocol import InferenceReport, ReportingProtocol


class InferenceWorkerAbstract:
    """Holds the model it serves and where to report usage.

    Args:
        inference_model: the resolved model spec.
        reporting_delegate: receives one report per call; ``None`` to not report.
    """

    def __init__(self, *, inference_model: InferenceModelSpec, reporting_delegate: ReportingProtocol | None) -> None:
        self.inference_model = inference_model
        self.reporting_delegate = reporting_delegate

    def report_usage(
        self,
        *,
        job_label: str,
        input_tokens: int | None,
        output_tokens: int | None,
        duration_s: float,
        cost: float | None = None,
        retries: int = 0,
    ) -> None:
        """Send a usage report; without an explicit ``cost``, price it from the costs per million tokens."""
        if self.reporting_delegate is None:
            return
        spec = self.inference_model
        if cost is None and spec.costs and (input_tokens is not None or output_tokens is not None):
            cost = (
                (input_tokens or 0) * spec.costs.get("input", 0.0)
                + (output_tokens or 0) * spec.costs.get("output", 0.0)
            ) / 1e6
        self.reporting_delegate.report_inference(
            InferenceReport(
                job_label=job_label,
                model=spec.name,
                backend=spec.backend_name,
                sdk=spec.sdk,
                input_tokens=input_tokens,
                output_tokens=output_tokens,
                cost=cost,
                duration_s=round(duration_s, 4),
                retries=retries,
            )
        )
