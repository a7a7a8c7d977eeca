"""Running a pipe: shape the inputs, run the graph, collect the output and the report.

A :class:`PipeRun` is prepared first (inputs shaped and checked, before any model is called), then
executed. When it is cancelled (Ctrl-C), it still holds what finished: the working memory (inputs, the
steps that ended, the finished items of batches) and the report, marked interrupted.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from typing import Any

from pipelex.core.concept_library import ConceptLibrary
from pipelex.core.working_memory import WorkingMemory
from pipelex.engine.inference_setup import InferenceSetup
from pipelex.engine.inputs import shape_inputs
from pipelex.engine.pipe_output import PipeOutput
from pipelex.engine.run_context import RunContext
from pipelex.engine.run_trace import RunTrace, trace_of
from pipelex.engine.scheduler import DEFAULT_MAX_CONCURRENCY, check_max_concurrency
from pipelex.exceptions import PipelexError
from pipelex.language.suggest import did_you_mean
from pipelex.pipes.pipe_abstract import PipeAbstract
from pipelex.reporting.progress_protocol import ProgressProtocol
from pipelex.reporting.run_report import RunReport


class PipeRun:
    """One run of a pipe, ready to execute.

    Attributes:
        pipe: the pipe run.
        memory: the working memory: inputs first, then each result as it is produced.
        report: the model calls so far.
        mocked_inputs: inputs that were missing and mocked (dry run only).
    """

    def __init__(
        self,
        pipe: PipeAbstract,
        memory: WorkingMemory,
        context: RunContext,
        *,
        mocked_inputs: list[str],
    ) -> None:
        self.pipe = pipe
        self.memory = memory
        self.context = context
        self.report = context.report
        self.mocked_inputs = mocked_inputs

    @property
    def dry_run(self) -> bool:
        return self.context.dry_run

    async def execute(self) -> PipeOutput:
        """Run the pipe; on cancellation the report is marked interrupted and the cancellation goes on."""
        started = time.perf_counter()
        try:
            stuff = await self.pipe.run(self.context, self.memory, self.pipe.code)
        except asyncio.CancelledError:
            self.report.interrupted = True
            raise
        finally:
            self.report.wall_time_s = time.perf_counter() - started
            await self.context.aclose()
        self.memory.set(stuff, main=True)
        return PipeOutput(
            self.pipe.code,
            stuff,
            self.memory,
            self.report,
            dry_run=self.dry_run,
            mocked_inputs=self.mocked_inputs,
            trace=trace_of(self.pipe),
        )


def prepare_run(
    pipes: Mapping[str, PipeAbstract],
    concepts: ConceptLibrary,
    setup: InferenceSetup,
    pipe_code: str,
    inputs: Mapping[str, Any] | None = None,
    *,
    dry_run: bool = False,
    max_concurrency: int = DEFAULT_MAX_CONCURRENCY,
    progress: ProgressProtocol | None = None,
) -> PipeRun:
    """Check ``pipe_code`` and shape ``inputs``: the run is ready, no model has been called.

    Raises:
        PipelexError: unknown pipe, or a wrong ``max_concurrency``; InputError for inputs.
    """
    pipe = pipes.get(pipe_code)
    if pipe is None:
        hint = did_you_mean(pipe_code, pipes) or f"pipes: {', '.join(sorted(pipes)) or 'none'}"
        raise PipelexError(f"no pipe `{pipe_code}` in the library ({hint})")
    check_max_concurrency(max_concurrency)
    memory, mocked = shape_inputs(pipe, inputs or {}, concepts, mock_missing=dry_run)
    report = RunReport()
    report.max_concurrency = max_concurrency
    trace = RunTrace()  # records what runs, for the graph of the run
    context = RunContext(
        trace.wrap_pipes(pipes),
        setup.deck,
        setup.registry,
        dry_run=dry_run,
        report=report,
        max_concurrency=max_concurrency,
        progress=progress,
    )
    return PipeRun(trace.wrap(pipe), memory, context, mocked_inputs=mocked)


async def run_pipe(
    pipes: Mapping[str, PipeAbstract],
    concepts: ConceptLibrary,
    setup: InferenceSetup,
    pipe_code: str,
    inputs: Mapping[str, Any] | None = None,
    *,
    dry_run: bool = False,
) -> PipeOutput:
    """Run ``pipe_code`` with ``inputs`` (with the default bound on concurrent model calls).

    Raises:
        PipelexError: unknown pipe; InputError for inputs; PipeRunError, InferenceError while running.
    """
    return await prepare_run(pipes, concepts, setup, pipe_code, inputs, dry_run=dry_run).execute()
