"""PipeSequence: run steps one after the other; each result goes into working memory.

A step with ``batch_over``/``batch_as`` runs its pipe once per item of a list, concurrently (bounded),
each run seeing the item under the ``batch_as`` name; its result is the list of the outputs, in order.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipelex.core.stuff import Stuff
from pipelex.core.working_memory import WorkingMemory
from pipelex.exceptions import PipeRunError
from pipelex.pipes.controllers.batching import run_batch
from pipelex.pipes.pipe_abstract import PipeAbstract
from pipelex.pipes.run_context_protocol import RunContextProtocol


@dataclass(frozen=True, slots=True)
class Step:
    pipe_code: str
    result: str
    batch_over: str | None = None
    batch_as: str | None = None
    nb_output: int | None = None


@dataclass
class PipeSequence(PipeAbstract):
    steps: tuple[Step, ...] = ()

    async def run(self, context: RunContextProtocol, memory: WorkingMemory, result_name: str) -> Stuff:
        last: Stuff | None = None
        for index, step in enumerate(self.steps, start=1):
            pipe = context.get_pipe(step.pipe_code)
            if step.nb_output is not None:
                pipe = pipe.with_output_count(step.nb_output)
            context.note(f"{self.code}: step {index}/{len(self.steps)} `{step.pipe_code}` -> {step.result}")
            if step.batch_over is not None and step.batch_as is not None:
                last = await run_batch(
                    context,
                    memory,
                    pipe,
                    list_name=step.batch_over,
                    item_name=step.batch_as,
                    result_name=step.result,
                    owner=self.code,
                )
            else:
                last = await pipe.run(context, memory, step.result)
            memory.set(last)
        if last is None:
            raise PipeRunError(f"sequence `{self.code}` has no steps", pipe_code=self.code)
        concept = self.output.concept if last.concept.is_a(self.output.concept) else last.concept
        return Stuff(result_name, concept, last.content, is_list=last.is_list)
