"""What a run returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipelex.core.stuff import Stuff
from pipelex.core.working_memory import WorkingMemory
from pipelex.engine.run_trace import RunTrace
from pipelex.reporting.run_report import RunReport


@dataclass
class PipeOutput:
    """The result of running a pipe.

    Attributes:
        pipe_code: the pipe that ran.
        main_stuff: its output.
        working_memory: every stuff of the run: inputs, step results and the output.
        report: the model calls, with tokens and cost.
        dry_run: whether models were mocked.
        mocked_inputs: inputs that were missing and mocked (dry run only).
        trace: which pipes ran, how long, and what they produced (for the graph of the run).
    """

    pipe_code: str
    main_stuff: Stuff
    working_memory: WorkingMemory
    report: RunReport
    dry_run: bool = False
    mocked_inputs: list[str] = field(default_factory=list)
    trace: RunTrace | None = None

    @property
    def main_text(self) -> str:
        """The output, rendered as text."""
        return self.main_stuff.as_text()

    def main_json(self) -> Any:
        """The output as plain JSON-ready data."""
        return self.main_stuff.plain()
