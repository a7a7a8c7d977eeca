"""Concurrency: results in input order, the run-wide and per-backend bounds hold, nested batches finish."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from pipelex.engine.run_settings import read_run_settings
from pipelex.engine.scheduler import InferenceScheduler
from pipelex.exceptions import ConfigurationError, PipelexError
from pipelex.pipelex import Pipelex
from pipelex.pipes.controllers.batching import run_concurrently

BATCH_PLX = """
domain = "sched"

[pipe.answer]
type = "PipeLLM"
description = "Say a word back"
inputs = { word = "Text" }
output = "Text"
model = "gpt-4o-mini"
prompt = "Say this word back: $word"

[pipe.answer_all]
type = "PipeBatch"
description = "Answer every word"
inputs = { words = "Text[]" }
output = "Text[]"
branch_pipe_code = "answer"
input_list_name = "words"
input_item_name = "word"
"""


@pytest.fixture
def px(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Pipelex:
    monkeypatch.setenv("PIPELEX_MOCK_LATENCY_MS", "5")
    plx = tmp_path / "sched.plx"
    plx.write_text(BATCH_PLX)
    return Pipelex.load(plx, project_dir=tmp_path)


def _peak(px: Pipelex, pipe: str, inputs: dict[str, object], max_concurrency: int) -> tuple[object, int]:
    run = px.prepare_run(pipe, inputs=inputs, dry_run=True, max_concurrency=max_concurrency)
    output = asyncio.run(run.execute())
    return output.main_json(), run.context.scheduler.peak_in_flight


def test_batch_results_keep_input_order_and_the_bound_holds(px: Pipelex) -> None:
    words = [f"w{index}" for index in range(40)]
    result, peak = _peak(px, "answer_all", {"words": words}, max_concurrency=3)
    assert isinstance(result, list)
    assert len(result) == 40
    assert all("`answer`" in str(item) for item in result)
    # each mock answer is seeded by its prompt: compare with a run of one word at a time
    single = [px.run_sync("answer", inputs={"word": word}, dry_run=True).main_json() for word in words]
    assert result == single
    assert peak == 3


def test_sequence_batch_inside_a_batch_finishes_with_one_slot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PIPELEX_MOCK_LATENCY_MS", "1")
    plx = tmp_path / "nested.plx"
    plx.write_text(NESTED_PLX)
    px = Pipelex.load(plx, project_dir=tmp_path)
    run = px.prepare_run("outer", inputs={"topics": ["a", "b", "c"]}, dry_run=True, max_concurrency=1)
    output = asyncio.run(asyncio.wait_for(run.execute(), timeout=10))
    assert len(output.main_json()) == 3
    assert run.context.scheduler.peak_in_flight == 1
    assert len(run.report.calls) == 3 * (1 + 2)


NESTED_PLX = """
domain = "nested"

[pipe.ideas]
type = "PipeLLM"
description = "Two ideas"
inputs = { topic = "Text" }
output = "Text[2]"
model = "gpt-4o-mini"
prompt = "Two ideas about $topic"

[pipe.expand]
type = "PipeLLM"
description = "Expand an idea"
inputs = { idea = "Text" }
output = "Text"
model = "gpt-4o-mini"
prompt = "Expand $idea"

[pipe.inner]
type = "PipeSequence"
description = "Ideas, then each expanded"
inputs = { topic = "Text" }
output = "Text[]"
steps = [
    { pipe = "ideas", result = "ideas" },
    { pipe = "expand", batch_over = "ideas", batch_as = "idea", result = "expanded" },
]

[pipe.outer]
type = "PipeBatch"
description = "Every topic"
inputs = { topics = "Text[]" }
output = "Text[]"
branch_pipe_code = "inner"
input_list_name = "topics"
input_item_name = "topic"
"""


def test_backend_bound_is_lower_than_the_run_bound() -> None:
    in_flight = {"slow": 0, "fast": 0}
    peaks = {"slow": 0, "fast": 0}

    async def main() -> InferenceScheduler:
        scheduler = InferenceScheduler(10, {"slow": 2})

        async def call(backend: str) -> None:
            async with scheduler.slot(backend):
                in_flight[backend] += 1
                peaks[backend] = max(peaks[backend], in_flight[backend])
                await asyncio.sleep(0.005)
                in_flight[backend] -= 1

        await asyncio.gather(*(call("slow") for _ in range(8)), *(call("fast") for _ in range(8)))
        return scheduler

    scheduler = asyncio.run(main())
    assert peaks == {"slow": 2, "fast": 8}
    assert scheduler.peak_in_flight == 10
    assert scheduler.in_flight == 0


def test_max_concurrency_is_checked(px: Pipelex) -> None:
    with pytest.raises(PipelexError, match="max_concurrency"):
        px.prepare_run("answer_all", inputs={"words": ["a"]}, dry_run=True, max_concurrency=0)


def test_run_settings_from_pipelex_toml(tmp_path: Path) -> None:
    pipelex_dir = tmp_path / ".pipelex"
    pipelex_dir.mkdir()
    assert read_run_settings(pipelex_dir).max_concurrency == 16
    (pipelex_dir / "pipelex.toml").write_text("[run]\nmax_concurrency = 4\n")
    assert read_run_settings(pipelex_dir).max_concurrency == 4
    (pipelex_dir / "pipelex.toml").write_text("[run]\nmax_concurency = 4\n")
    with pytest.raises(ConfigurationError, match="unknown key `max_concurency`"):
        read_run_settings(pipelex_dir)


def test_configured_default_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".pipelex").mkdir()
    (tmp_path / ".pipelex" / "pipelex.toml").write_text("[run]\nmax_concurrency = 2\n")
    plx = tmp_path / "sched.plx"
    plx.write_text(BATCH_PLX)
    monkeypatch.setenv("PIPELEX_MOCK_LATENCY_MS", "2")
    px = Pipelex.load(plx, project_dir=tmp_path)
    run = px.prepare_run("answer_all", inputs={"words": [str(index) for index in range(10)]}, dry_run=True)
    asyncio.run(run.execute())
    assert run.context.scheduler.peak_in_flight == 2
    assert json.loads(json.dumps(run.report.to_json()))["max_concurrency"] == 2


def test_results_keep_input_order_when_later_items_finish_first() -> None:
    async def item(position: int) -> int:
        await asyncio.sleep((10 - position) * 0.002)
        return position

    assert asyncio.run(run_concurrently([item(position) for position in range(10)])) == list(range(10))


def test_the_first_failure_cancels_the_others() -> None:
    finished: list[int] = []

    async def item(position: int) -> int:
        if position == 0:
            raise PipelexError("boom")
        await asyncio.sleep(0.05)
        finished.append(position)
        return position

    with pytest.raises(PipelexError, match="boom"):
        asyncio.run(run_concurrently([item(position) for position in range(5)]))
    assert finished == []
