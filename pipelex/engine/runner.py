"""Running a pipe: shape the inputs, run the graph, collect the output and the report."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pipelex.core.concept_library import ConceptLibrary
from pipelex.engine.inference_setup import InferenceSetup
from pipelex.engine.inputs import shape_inputs
from pipelex.engine.pipe_output import PipeOutput
from pipelex.engine.run_context import RunContext
from pipelex.exceptions import PipelexError
from pipelex.language.suggest import did_you_mean
from pipelex.pipes.pipe_abstract import PipeAbstract
from pipelex.reporting.run_report import RunReport


async def run_pipe(
    pipes: Mapping[str, PipeAbstract],
    concepts: ConceptLibrary,
    setup: InferenceSetup,
    pipe_code: str,
    inputs: Mapping[str, Any] | None = None,
    *,
    dry_run: bool = False,
) -> PipeOutput:
    """Run ``pipe_code`` with ``inputs``.

    Raises:
        PipelexError: unknown pipe; InputError for inputs; PipeRunError, InferenceError while running.
    """
    pipe = pipes.get(pipe_code)
    if pipe is None:
        hint = did_you_mean(pipe_code, pipes) or f"pipes: {', '.join(sorted(pipes)) or 'none'}"
        raise PipelexError(f"no pipe `{pipe_code}` in the library ({hint})")
    memory, mocked = shape_inputs(pipe, inputs or {}, concepts, mock_missing=dry_run)
    report = RunReport()
    context = RunContext(pipes, setup.deck, setup.registry, dry_run=dry_run, report=report)
    try:
        stuff = await pipe.run(context, memory, pipe.code)
    finally:
        await context.aclose()
    memory.set(stuff, main=True)
    return PipeOutput(pipe.code, stuff, memory, report, dry_run=dry_run, mocked_inputs=mocked)
