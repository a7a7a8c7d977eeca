"""Time our TOML parser against ``tomllib`` on a few documents, and the cold start of a process.

Run from the repository root: ``python bench/bench_toml_parse.py [--repeat N]``. The documents
are the largest files of the toml-test suite (when it is found, see PIPELEX_TOML_TEST_DIR) and a
synthetic .plx-like document of about 2,000 lines. Times are the best of N runs, in milliseconds.
"""

from __future__ import annotations

import argparse
import functools
import os
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from pipelex.language.grammar_loader import build_parser  # noqa: E402
from pipelex.language.source import SourceFile  # noqa: E402
from pipelex.language.toml_parser import parse_toml  # noqa: E402


def plx_document(pipes: int = 125) -> str:
    """A synthetic .plx-like document: a domain, concepts, and pipes with prompts (16 lines each)."""
    lines = ['domain = "bench"', 'description = "A synthetic .plx-like document"', "", "[concept]"]
    lines += [f'Concept{index} = "A concept number {index}, described in plain words"' for index in range(pipes // 2)]
    lines.append("")
    for index in range(pipes):
        lines += [
            f"[pipe.step_{index}]",
            'type = "PipeLLM"',
            f'description = "Step {index} of the pipeline"  # a comment',
            'inputs = { text = "Text", context = "Context" }',
            f'output = "Concept{index % max(1, pipes // 2)}"',
            "temperature = 0.7",
            "max_tokens = 1_024",
            'tags = ["alpha", "beta", "gamma"]',
            'prompt = """',
            "You are a helpful assistant. Read the text below and answer.",
            "",
            "@text",
            "",
            r"Keep it short, and quote \"exactly\" what matters.",
            '"""',
            "",
        ]
    return "\n".join(lines) + "\n"


def suite_documents(count: int = 3) -> list[tuple[str, str]]:
    """The largest valid documents of the toml-test suite, if it is available."""
    configured = os.environ.get("PIPELEX_TOML_TEST_DIR")
    suite = Path(configured) if configured else REPO_ROOT / ".." / "shared" / "conformance" / "toml-test"
    listing = suite / "files-toml-1.0.0"
    if not listing.is_file():
        return []
    names = [name for name in listing.read_text(encoding="utf-8").split() if name.startswith("valid/")]
    names = [name for name in names if name.endswith(".toml")]
    names.sort(key=lambda name: (suite / name).stat().st_size, reverse=True)
    return [(name, (suite / name).read_bytes().decode("utf-8-sig")) for name in names[:count]]


def best_ms(function: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def cold_ms(code: str, repeat: int, env: dict[str, str]) -> float:
    """Best wall time of a fresh ``python -c code`` process."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO_ROOT, env=env)
        best = min(best, time.perf_counter() - start)
    return best * 1000


def bench_documents(repeat: int) -> None:
    documents = [*suite_documents(), ("synthetic .plx (2,000+ lines)", plx_document())]
    print(f"{'document':45} {'lines':>6} {'ours ms':>9} {'tomllib ms':>11} {'ratio':>6}")
    for name, text in documents:
        source = SourceFile(name, text)
        parse_toml(source)  # build the parser before timing
        ours = best_ms(functools.partial(parse_toml, source), repeat)
        theirs = best_ms(functools.partial(tomllib.loads, text), repeat)
        print(f"{name:45} {text.count(chr(10)):>6} {ours:>9.2f} {theirs:>11.2f} {ours / theirs:>6.1f}")


def bench_start(repeat: int) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    first_parse = (
        "from pipelex.language.toml_parser import parse_toml; from pipelex.language.source import SourceFile; "
        "parse_toml(SourceFile('x', 'a = 1'))"
    )
    baseline = cold_ms("pass", repeat, env)
    importing = cold_ms("from pipelex.language.toml_parser import parse_toml", repeat, env)
    print(f"\ncold process: python -c 'pass' {baseline:.0f} ms; importing parse_toml {importing:.0f} ms")
    with tempfile.TemporaryDirectory() as cache:
        cached = {**env, "PIPELEX_CACHE_DIR": cache}
        cold_ms(first_parse, 1, cached)  # fills the cache
        with_cache = cold_ms(first_parse, repeat, cached)
    without_cache = cold_ms(first_parse, repeat, {**env, "PIPELEX_CACHE_DIR": ""})
    print(f"import + first parse: {with_cache:.0f} ms with the grammar cache, {without_cache:.0f} ms without")
    built = best_ms(lambda: build_parser(use_cache=False), repeat)
    print(f"building the LALR parser from the grammar in-process: {built:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7, help="runs per measurement (the best is kept)")
    arguments = parser.parse_args()
    bench_documents(arguments.repeat)
    bench_start(arguments.repeat)


if __name__ == "__main__":
    main()
