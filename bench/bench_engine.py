"""Engine benchmarks: overhead per step, concurrency efficiency, peak memory.

Usage: python bench/bench_engine.py [--steps 10000] [--calls 1000] [--only overhead|concurrency|memory]

(b) overhead: a PipeBatch of N PipeCompose items, and of N mock PipeLLM items (dry run, zero latency),
    against a baseline rendering the same template N times directly: µs per step (target ≤ 200).
(c) concurrency: N PipeLLM calls through the real openai SDK against the fake server answering in 200 ms,
    with max_concurrency 50: efficiency = ideal (N/50 waves of 0.2 s) / actual (target ≥ 85%); the same
    calls made with the bare SDK and a semaphore are the baseline measured in the same run.
(d) memory: peak RSS of `pipelex run` (a whole process) of a 10,000-item batch dry run, against
    `pipelex validate` of the same file (target ≤ 300 MB).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BATCH_PLX = """
domain = "bench"
main_pipe = "answer_all"

[pipe.shout]
type = "PipeCompose"
description = "Upper-case a word"
inputs = { word = "Text" }
output = "Text"
template = "{{ word | upper }}!"

[pipe.shout_all]
type = "PipeBatch"
description = "Shout every word"
inputs = { words = "Text[]" }
output = "Text[]"
branch_pipe_code = "shout"
input_list_name = "words"
input_item_name = "word"

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

IDEAL_LATENCY_S = 0.2
CONCURRENCY = 50


def _write_bundle(folder: Path, count: int) -> tuple[Path, Path]:
    plx = folder / "bench.plx"
    plx.write_text(BATCH_PLX, encoding="utf-8")
    inputs = folder / "inputs.json"
    inputs.write_text(json.dumps({"words": [f"word{index}" for index in range(count)]}), encoding="utf-8")
    return plx, inputs


def bench_overhead(steps: int) -> None:
    from jinja2.sandbox import SandboxedEnvironment

    from pipelex.pipelex import Pipelex

    words = [f"word{index}" for index in range(steps)]
    template = SandboxedEnvironment().from_string("{{ word | upper }}!")
    started = time.perf_counter()
    for word in words:
        template.render(word=word)
    baseline = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as work:
        plx, _ = _write_bundle(Path(work), 0)
        px = Pipelex.load(plx, project_dir=work)
        print(f"(b) engine overhead, {steps} steps, zero-latency mock")
        print(f"    baseline: the template rendered directly      {baseline / steps * 1e6:8.1f} µs/step")
        for pipe in ("shout_all", "answer_all"):
            px.run_sync(pipe, inputs={"words": words[:100]}, dry_run=True)  # warm caches
            started = time.perf_counter()
            output = px.run_sync(pipe, inputs={"words": words}, dry_run=True)
            elapsed = time.perf_counter() - started
            assert len(output.main_json()) == steps
            per_step = elapsed / steps * 1e6
            print(
                f"    {pipe:<12} ({'PipeCompose' if pipe == 'shout_all' else 'mock PipeLLM'})"
                f"{'':<18}{per_step:8.1f} µs/step   x{elapsed / baseline:5.1f} baseline   target ≤ 200 µs"
            )


def bench_concurrency(calls: int) -> None:
    from openai import AsyncOpenAI

    from pipelex.pipelex import Pipelex
    from tests.fakes.fake_openai import FakeOpenAIServer

    ideal = calls / CONCURRENCY * IDEAL_LATENCY_S
    words = [f"word{index}" for index in range(calls)]
    with tempfile.TemporaryDirectory() as work, FakeOpenAIServer(delay_s=IDEAL_LATENCY_S) as server:
        os.environ["OPENAI_API_KEY"] = "sk-bench"
        os.environ["OPENAI_BASE_URL"] = server.base_url

        async def bare_sdk() -> None:
            client = AsyncOpenAI(api_key="sk-bench", base_url=server.base_url)
            limit = asyncio.Semaphore(CONCURRENCY)

            async def one(word: str) -> None:
                async with limit:
                    await client.chat.completions.create(
                        model="gpt-4o-mini", messages=[{"role": "user", "content": f"Say this word back: {word}"}]
                    )

            await asyncio.gather(*(one(word) for word in words))
            await client.close()

        started = time.perf_counter()
        asyncio.run(bare_sdk())
        bare = time.perf_counter() - started
        started = time.perf_counter()
        asyncio.run(_bare_sdk_without_server(words))
        serverless = time.perf_counter() - started
        plx, _ = _write_bundle(Path(work), 0)
        px = Pipelex.load(plx, project_dir=work)
        server.max_in_flight = 0
        started = time.perf_counter()
        output = px.run_sync("answer_all", inputs={"words": words}, max_concurrency=CONCURRENCY)
        actual = time.perf_counter() - started
        assert len(output.main_json()) == calls
    print(f"(c) {calls} LLM calls via the openai SDK, fake server answering in {IDEAL_LATENCY_S * 1000:.0f} ms, "
          f"max_concurrency {CONCURRENCY}: ideal {ideal:.2f} s")  # fmt: skip
    print(f"    reference: bare SDK, in-process async transport (no socket, no server) "
          f"{serverless:6.2f} s   efficiency {ideal / serverless:6.1%}")  # fmt: skip
    print(f"    baseline: bare SDK + semaphore   {bare:6.2f} s   efficiency {ideal / bare:6.1%}")
    print(
        f"    pipelex run                      {actual:6.2f} s   efficiency {ideal / actual:6.1%}   "
        f"x{actual / bare:4.2f} baseline   peak in flight at the server: {server.max_in_flight}   target ≥ 85%"
    )


async def _bare_sdk_without_server(words: list[str]) -> None:
    """The same calls answered by an asyncio handler: what the SDK alone costs, without the fake server's."""
    import httpx2
    from openai import AsyncOpenAI

    from tests.fakes.fake_openai import completion

    async def answer(request: httpx2.Request) -> httpx2.Response:
        await asyncio.sleep(IDEAL_LATENCY_S)
        return httpx2.Response(200, json=completion(json.loads(request.content)))

    http_client = httpx2.AsyncClient(transport=httpx2.MockTransport(answer))
    client = AsyncOpenAI(api_key="sk-bench", base_url="http://127.0.0.1:9/v1", http_client=http_client)
    limit = asyncio.Semaphore(CONCURRENCY)

    async def one(word: str) -> None:
        async with limit:
            await client.chat.completions.create(
                model="gpt-4o-mini", messages=[{"role": "user", "content": f"Say this word back: {word}"}]
            )

    await asyncio.gather(*(one(word) for word in words))
    await client.close()


def _peak_rss_mb(command: list[str], cwd: Path) -> float:
    measure = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], check=True, capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    result = subprocess.run([sys.executable, "-c", measure, *command], check=True, capture_output=True, cwd=cwd)
    return int(result.stdout.strip()) / 1024  # Linux reports kilobytes


def bench_memory(items: int) -> None:
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        plx, inputs = _write_bundle(folder, items)
        pipelex = [sys.executable, "-m", "pipelex"]
        baseline = _peak_rss_mb([*pipelex, "validate", str(plx)], folder)
        run = [*pipelex, "run", str(plx), "--inputs", str(inputs), "--dry-run", "-o", str(folder / "out")]
        peak = _peak_rss_mb([*run, "--format", "json"], folder)
    print(f"(d) peak memory of `pipelex run --dry-run` of a {items}-item batch (whole process)")
    print(f"    baseline: pipelex validate     {baseline:7.1f} MB")
    print(f"    pipelex run                    {peak:7.1f} MB   x{peak / baseline:4.1f} baseline   target ≤ 300 MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=10_000)
    parser.add_argument("--calls", type=int, default=1_000)
    parser.add_argument("--only", choices=["overhead", "concurrency", "memory"])
    arguments = parser.parse_args()
    print(f"{sys.platform}, Python {sys.version.split()[0]}")
    if arguments.only in (None, "overhead"):
        bench_overhead(arguments.steps)
    if arguments.only in (None, "concurrency"):
        bench_concurrency(arguments.calls)
    if arguments.only in (None, "memory"):
        bench_memory(arguments.steps)


if __name__ == "__main__":
    main()
