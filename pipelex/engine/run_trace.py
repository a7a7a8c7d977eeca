"""The trace of a run: which pipe ran where, how long it took, and what it produced.

Every pipe the run context hands out is wrapped in a :class:`TracedPipe` that records its start and end.
A run is keyed by its *call path*, the chain of ``(pipe code, result name)`` from the main pipe down, with
batch positions (``result[3]``) folded together, so the runs of a batch land on one entry with a count.
The path travels with each asyncio task in a context variable: concurrent branches keep their own.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field

from pipelex.core.stuff import Stuff
from pipelex.core.working_memory import WorkingMemory
from pipelex.pipes.pipe_abstract import PipeAbstract
from pipelex.pipes.run_context_protocol import RunContextProtocol

CallPath = tuple[tuple[str, str], ...]
"""``((pipe code, result name), ...)`` from the main pipe to a pipe run."""

_BATCH_POSITION = re.compile(r"\[\d+\]$")
_current_path: ContextVar[CallPath] = ContextVar("pipelex_call_path", default=())


def call_step(pipe_code: str, result_name: str) -> tuple[str, str]:
    """One link of a call path; batch positions are folded (``facts[2]`` → ``facts``)."""
    return pipe_code, _BATCH_POSITION.sub("", result_name)


@dataclass
class PipeRunRecord:
    """Every run of a pipe at one call path (several for the items of a batch)."""

    path: CallPath
    pipe_type: str
    runs: int = 0
    failures: int = 0
    total_s: float = 0.0
    max_s: float = 0.0
    first_start_s: float = 0.0
    outputs: list[Stuff] = field(default_factory=list)

    @property
    def pipe_code(self) -> str:
        return self.path[-1][0]


class RunTrace:
    """Records pipe runs; cheap enough to be always on (one dict lookup and two clock reads per run)."""

    def __init__(self) -> None:
        self.records: dict[CallPath, PipeRunRecord] = {}
        self.pipes: Mapping[str, PipeAbstract] = {}
        """The pipes of the run's library (set by :meth:`wrap_pipes`), to draw what could have run too."""
        self._origin = time.perf_counter()
        self._wrapped: dict[int, TracedPipe] = {}

    def wrap(self, pipe: PipeAbstract) -> PipeAbstract:
        """``pipe``, recording its runs into this trace."""
        if isinstance(pipe, TracedPipe):
            return pipe
        known = self._wrapped.get(id(pipe))
        if known is None or known.inner is not pipe:
            known = TracedPipe(pipe.code, pipe.domain, pipe.description, pipe.inputs, pipe.output, pipe, self)
            self._wrapped[id(pipe)] = known
        return known

    def wrap_pipes(self, pipes: Mapping[str, PipeAbstract]) -> Mapping[str, PipeAbstract]:
        """A view of ``pipes`` where each pipe handed out is traced."""
        self.pipes = pipes
        return _TracedPipes(pipes, self)

    def record(self, path: CallPath, pipe_type: str, started: float, ended: float, output: Stuff | None) -> None:
        record = self.records.get(path)
        if record is None:
            record = PipeRunRecord(path, pipe_type, first_start_s=started - self._origin)
            self.records[path] = record
        duration = ended - started
        record.runs += 1
        record.total_s += duration
        record.max_s = max(record.max_s, duration)
        if output is None:
            record.failures += 1
        elif len(record.outputs) < _KEPT_OUTPUTS:
            record.outputs.append(output)

    def get(self, path: CallPath) -> PipeRunRecord | None:
        return self.records.get(path)


_KEPT_OUTPUTS = 3
"""Outputs kept per call path: enough for a preview, bounded for batches of thousands."""


@dataclass
class TracedPipe(PipeAbstract):
    """A pipe whose runs are recorded; everything else is the wrapped pipe's."""

    inner: PipeAbstract
    trace: RunTrace

    async def run(self, context: RunContextProtocol, memory: WorkingMemory, result_name: str) -> Stuff:
        path = (*_current_path.get(), call_step(self.code, result_name))
        token = _current_path.set(path)
        started = time.perf_counter()
        output: Stuff | None = None
        try:
            output = await self.inner.run(context, memory, result_name)
            return output
        finally:
            _current_path.reset(token)
            self.trace.record(path, type(self.inner).__name__, started, time.perf_counter(), output)

    def optional_inputs(self) -> set[str]:
        return self.inner.optional_inputs()

    def with_output_count(self, count: int) -> PipeAbstract:
        return self.trace.wrap(self.inner.with_output_count(count))


def trace_of(pipe: PipeAbstract) -> RunTrace | None:
    """The trace recording ``pipe``'s runs, if it is traced."""
    return pipe.trace if isinstance(pipe, TracedPipe) else None


class _TracedPipes(Mapping[str, PipeAbstract]):
    def __init__(self, pipes: Mapping[str, PipeAbstract], trace: RunTrace) -> None:
        self._pipes = pipes
        self._trace = trace

    def __getitem__(self, code: str) -> PipeAbstract:
        return self._trace.wrap(self._pipes[code])

    def __iter__(self) -> Iterator[str]:
        return iter(self._pipes)

    def __len__(self) -> int:
        return len(self._pipes)
