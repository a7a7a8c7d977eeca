"""The run report: every model call of a run, grouped per pipe, with totals."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from pipelex.reporting.reporting_protocol import InferenceReport


@dataclass
class PipeCalls:
    """The calls of one pipe to one model, added up (a row of the printed table).

    ``input_tokens``, ``output_tokens`` and ``cost`` are ``None`` when a call did not report them.
    """

    pipe: str
    model: str
    backend: str
    calls: int = 0
    input_tokens: int | None = 0
    output_tokens: int | None = 0
    cost: float | None = 0.0
    duration_s: float = 0.0
    retries: int = 0

    def add(self, call: InferenceReport) -> None:
        self.calls += 1
        self.input_tokens = _plus(self.input_tokens, call.input_tokens)
        self.output_tokens = _plus(self.output_tokens, call.output_tokens)
        self.cost = _plus(self.cost, call.cost)
        self.duration_s += call.duration_s
        self.retries += call.retries


class RunReport:
    """Collects inference reports; satisfies :class:`ReportingProtocol`.

    Attributes:
        calls: every model call, in the order they finished.
        interrupted: the run was stopped (Ctrl-C) before its end; the report holds what finished.
        wall_time_s: the run's duration, set when it ends.
        max_concurrency: the bound on concurrent model calls the run used.
    """

    def __init__(self) -> None:
        self.calls: list[InferenceReport] = []
        self.interrupted = False
        self.wall_time_s: float | None = None
        self.max_concurrency: int | None = None

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
    def total_retries(self) -> int:
        return sum(call.retries for call in self.calls)

    @property
    def is_complete(self) -> bool:
        """Whether every call reported its tokens and could be priced."""
        return all(
            call.input_tokens is not None and call.output_tokens is not None and call.cost is not None
            for call in self.calls
        )

    def by_pipe(self) -> list[PipeCalls]:
        """The calls added up per pipe and model, in the order each pipe first called."""
        rows: dict[tuple[str, str, str], PipeCalls] = {}
        for call in self.calls:
            key = (call.job_label, call.model, call.backend)
            row = rows.get(key)
            if row is None:
                row = rows[key] = PipeCalls(call.job_label, call.model, call.backend)
            row.add(call)
        return list(rows.values())

    def to_json(self) -> dict[str, Any]:
        """Every call, the calls per pipe, and totals (``None`` where a call's usage is unknown)."""
        input_tokens, output_tokens = self.total_tokens
        known = self.is_complete
        return {
            "interrupted": self.interrupted,
            "wall_time_s": round(self.wall_time_s, 4) if self.wall_time_s is not None else None,
            "max_concurrency": self.max_concurrency,
            "calls": [asdict(call) for call in self.calls],
            "by_pipe": [_rounded(asdict(row)) for row in self.by_pipe()],
            "totals": {
                "calls": len(self.calls),
                "input_tokens": input_tokens if known else None,
                "output_tokens": output_tokens if known else None,
                "cost": round(self.total_cost, 6) if known else None,
                "retries": self.total_retries,
                "call_time_s": round(sum(call.duration_s for call in self.calls), 4),
            },
        }


def _plus(total: Any, value: Any) -> Any:
    return None if total is None or value is None else total + value


def _rounded(row: dict[str, Any]) -> dict[str, Any]:
    row["duration_s"] = round(row["duration_s"], 4)
    if row["cost"] is not None:
        row["cost"] = round(row["cost"], 6)
    return row
