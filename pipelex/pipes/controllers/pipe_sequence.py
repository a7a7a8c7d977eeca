"""PipeSequence: run steps one after the other; each result goes into working memory.

A step with ``batch_over``/``batch_as`` runs its pipe once per item of a list, concurrently (bounded),
each run seeing the item under the ``batch_as`` name; its result is the list of the outputs, in order.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from pipelex.core.stuff import Content, Stuff
from pipelex.core.working_memory import WorkingMemory
from pipelex.exceptions import PipeRunError
from pipelex.pipes.pipe_abstract import PipeAbstract
from pipelex.pipes.run_context_protocol import RunContextProtocol

BATCH_CONCURRENCY = 8


@dataclass(frozen=True, slots=True)
class Step:
    pipe_code: str
    result: str
    batch_over: str | None = None
    batch_as: str | None = None


@dataclass
class PipeSequence(PipeAbstract):
    steps: tuple[Step, ...] = ()

    async def run(self, context: RunContextProtocol, memory: WorkingMemory, result_name: str) -> Stuff:
        last: Stuff | None = None
        for index, step in enumerate(self.steps, start=1):
            pipe = context.get_pipe(step.pipe_code)
            context.note(f"{self.code}: step {index}/{len(self.steps)} `{step.pipe_code}` -> {step.result}")
            if step.batch_over is not None and step.batch_as is not None:
                last = await self._run_batch(context, memory, step, pipe)
            else:
                last = await pipe.run(context, memory, step.result)
            memory.set(last)
        if last is None:
            raise PipeRunError(f"sequence `{self.code}` has no steps", pipe_code=self.code)
        concept = self.output.concept if last.concept.is_a(self.output.concept) else last.concept
        return Stuff(result_name, concept, last.content, is_list=last.is_list)

    async def _run_batch(
        self, context: RunContextProtocol, memory: WorkingMemory, step: Step, pipe: PipeAbstract
    ) -> Stuff:
        if step.batch_over is None or step.batch_as is None:
            raise PipeRunError(f"sequence `{self.code}`: a batch step needs batch_over and batch_as", self.code)
        source = memory.get(step.batch_over)
        if source is None or not source.is_list or not isinstance(source.content, list):
            raise PipeRunError(
                f'sequence `{self.code}`: `batch_over = "{step.batch_over}"` needs a list in working memory',
                pipe_code=self.code,
            )
        limit = asyncio.Semaphore(BATCH_CONCURRENCY)
        item_name = step.batch_as

        async def run_one(position: int, item: Content) -> Stuff:
            branch = memory.copy()
            branch.set(Stuff(item_name, source.concept, item))
            async with limit:
                return await pipe.run(context, branch, f"{step.result}[{position}]")

        outputs = await asyncio.gather(*(run_one(position, item) for position, item in enumerate(source.content)))
        contents: list[Content] = [output.content for output in outputs]
        return Stuff(step.result, pipe.output.concept, contents, is_list=True)
