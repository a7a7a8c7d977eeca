"""PipeSequence: run steps one after the other; each result goes into working memory."""

from __future__ import annotations

from dataclasses import dataclass

from pipelex.core.stuff import Stuff
from pipelex.core.working_memory import WorkingMemory
from pipelex.pipes.pipe_abstract import PipeAbstract
from pipelex.pipes.run_context_protocol import RunContextProtocol


@dataclass(frozen=True, slots=True)
class Step:
    pipe_code: str
    result: str


@dataclass
class PipeSequence(PipeAbstract):
    steps: tuple[Step, ...] = ()

    async def run(self, context: RunContextProtocol, memory: WorkingMemory, result_name: str) -> Stuff:
        last: Stuff | None = None
        for index, step in enumerate(self.steps, start=1):
            pipe = context.get_pipe(step.pipe_code)
            context.note(f"{self.code}: step {index}/{len(self.steps)} `{step.pipe_code}` -> {step.result}")
            last = await pipe.run(context, memory, step.result)
            memory.set(last)
        assert last is not None, "a sequence has at least one step (checked statically)"
        concept = self.output.concept if last.concept.is_a(self.output.concept) else last.concept
        return Stuff(result_name, concept, last.content, is_list=last.is_list)
