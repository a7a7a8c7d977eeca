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

    @property
    def is_complete(self) -> bool:
        """Whether every call reported its tokens and could be priced."""
        return all(
            call.input_tokens is not None and call.output_tokens is not None and call.cost is not None
            for call in self.calls
        )

    def to_json(self) -> dict[str, Any]:
        """Every call, and totals (``None`` where a call's usage is unknown)."""
        input_tokens, output_tokens = self.total_tokens
        known = self.is_complete
        return {
            "calls": [asdict(call) for call in self.calls],
            "totals": {
                "calls": len(self.calls),
                "input_tokens": input_tokens if known else None,
                "output_tokens": output_tokens if known else None,
                "cost": round(self.total_cost, 6) if known else None,
            },
        }
