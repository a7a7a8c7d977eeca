"""Running a pipe once per item of a list, concurrently (bounded), collecting the outputs in order."""

from __future__ import annotations

import asyncio

from pipelex.core.stuff import Content, Stuff
from pipelex.core.working_memory import WorkingMemory
from pipelex.exceptions import PipeRunError
from pipelex.pipes.pipe_abstract import PipeAbstract
from pipelex.pipes.run_context_protocol import RunContextProtocol

BATCH_CONCURRENCY = 8


async def run_batch(
    context: RunContextProtocol,
    memory: WorkingMemory,
    pipe: PipeAbstract,
    *,
    list_name: str,
    item_name: str,
    result_name: str,
    owner: str,
    concurrency: int = BATCH_CONCURRENCY,
) -> Stuff:
    """Run ``pipe`` on each item of the list ``list_name``, each run seeing the item as ``item_name``.

    Raises:
        PipeRunError: ``list_name`` does not hold a list.
    """
    source = memory.get(list_name)
    if source is None or not source.is_list or not isinstance(source.content, list):
        raise PipeRunError(f"`{owner}` batches over `{list_name}`, which is not a list in working memory", owner)
    limit = asyncio.Semaphore(concurrency)

    async def run_one(position: int, item: Content) -> Stuff:
        branch = memory.copy()
        branch.set(Stuff(item_name, source.concept, item))
        async with limit:
            return await pipe.run(context, branch, f"{result_name}[{position}]")

    outputs = await asyncio.gather(*(run_one(position, item) for position, item in enumerate(source.content)))
    contents: list[Content] = [output.content for output in outputs]
    return Stuff(result_name, pipe.output.concept, contents, is_list=True)
