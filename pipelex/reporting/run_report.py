"""The run report: every model call of a run, with totals."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from pipelex.reporting.reporting_protocol import InferenceReport


class RunReport:
    """Collects inference reports; satisfies :class:`ReportingProtocol`."""

    def __init__(self) -> None:
        self.calls: list[InferenceReport] = []

    def report_inference(self, report: InferenceReport) -> None:
        self.calls.append(report)

    @property
    def total_cost(self) -> float:
        return sum(call.cost or 0.0 for call in self.calls)

    @property
    def total_tokens(self) -> tuple[int, int]:
        return (
            sum(call.input_tokens or 0 for call in self.calls),
            sum(call.output_tokens or 0 for call in self.calls),
        )

    def to_json(self) -> dict[str, Any]:
        input_tokens, output_tokens = self.total_tokens
        return {
            "calls": [asdict(call) for call in self.calls],
            "totals": {
                "calls": len(self.calls),
                "input_tokens": input_tokens,
                "output_tokens": output_tokens,
                "cost": round(self.total_cost, 6),
            },
        }
