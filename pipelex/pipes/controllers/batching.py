"""Running a pipe once per item of a list, concurrently, collecting the outputs in input order.

A batch runs its items on a small pool of tasks (as many as the run's ``max_concurrency``, or the batch's
own ``concurrency``), so a list of 10,000 items never holds 10,000 tasks or working-memory copies at once.
Only model calls are bounded run-wide (see :mod:`pipelex.engine.scheduler`); a batch holds no slot while
its items run, so batches nest freely.

When the run is cancelled (Ctrl-C), the items that finished are left in working memory under the result
name, in input order, so the caller can still save them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Sequence
from typing import TypeVar

from pipelex.core.stuff import Content, Stuff
from pipelex.core.working_memory import WorkingMemory
from pipelex.exceptions import PipeRunError
from pipelex.pipes.pipe_abstract import PipeAbstract
from pipelex.pipes.run_context_protocol import RunContextProtocol

T = TypeVar("T")


async def run_batch(
    context: RunContextProtocol,
    memory: WorkingMemory,
    pipe: PipeAbstract,
    *,
    list_name: str,
    item_name: str,
    result_name: str,
    owner: str,
    concurrency: int | None = None,
) -> Stuff:
    """Run ``pipe`` on each item of the list ``list_name``, each run seeing the item as ``item_name``.

    Raises:
        PipeRunError: ``list_name`` does not hold a list.
    """
    source = memory.get(list_name)
    if source is None or not source.is_list or not isinstance(source.content, list):
        raise PipeRunError(f"`{owner}` batches over `{list_name}`, which is not a list in working memory", owner)
    items: list[Content] = source.content
    results: list[Stuff | None] = [None] * len(items)
    advance = context.track_batch(f"{owner} · {result_name}", len(items))
    positions = iter(range(len(items)))

    async def take_items() -> None:
        # The pool's tasks share one iterator: each takes the next item as soon as it is free.
        for position in positions:
            branch = memory.copy()
            branch.set(Stuff(item_name, source.concept, items[position]))
            results[position] = await pipe.run(context, branch, f"{result_name}[{position}]")
            advance()

    width = max(1, min(len(items), concurrency or context.max_concurrency))
    try:
        await run_concurrently([take_items() for _ in range(width)])
    except asyncio.CancelledError:
        finished = [result.content for result in results if result is not None]
        memory.set(Stuff(result_name, pipe.output.concept, finished, is_list=True))
        raise
    contents: list[Content] = [result.content for result in results if result is not None]
    return Stuff(result_name, pipe.output.concept, contents, is_list=True)


async def run_concurrently(awaitables: Sequence[Awaitable[T]]) -> list[T]:
    """The results of ``awaitables`` run concurrently, in order.

    Unlike ``asyncio.gather``, the first failure cancels the others (no model is called for a run that
    already failed) and is raised as is; when this is cancelled, they are all cancelled and awaited.
    """
    tasks = [asyncio.ensure_future(awaitable) for awaitable in awaitables]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    except asyncio.CancelledError:
        await _cancel_all(tasks)
        raise
    failed = next((task for task in tasks if task.done() and not task.cancelled() and task.exception()), None)
    if failed is not None:
        await _cancel_all(tasks)
        error = failed.exception()
        assert error is not None
        raise error
    return [task.result() for task in tasks]


async def _cancel_all(tasks: Sequence[asyncio.Future[T]]) -> None:
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
