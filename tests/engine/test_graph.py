"""The graph of a pipe (static) and of a run: Mermaid text of a valid shape, and a self-contained HTML page."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pipelex import Pipelex
from pipelex.engine.flow_graph import RunData, run_graph, static_graph
from pipelex.engine.graph_html import to_html
from pipelex.engine.graph_mermaid import mermaid_label, to_mermaid
from pipelex.engine.graph_preview import preview
from pipelex.engine.output_writer import save_output
from tests.conftest import EXAMPLES_DIR, REPO_ROOT

TOUR = REPO_ROOT / "tests" / "data" / "graph" / "tour.plx"
TOUR_INPUTS = {"ticket": {"category": "bug", "body": 'It "crashes" <always> #1'}, "reviews": ["great", "bad", "ok"]}

_ID = r"[A-Za-z][A-Za-z0-9_]*"
_LABEL = r'"[^"]*"'
_STATEMENTS = {
    "node": re.compile(rf"({_ID})(\[{_LABEL}\]|\(\[{_LABEL}\]\)|\{{{_LABEL}\}})"),
    "edge": re.compile(rf"({_ID}) -->(?:\|{_LABEL}\|)? ({_ID})"),
    "subgraph": re.compile(rf"subgraph ({_ID})\[{_LABEL}\]"),
    "class_def": re.compile(rf"classDef {_ID} [a-z-]+:[^\s;]+(?:,[a-z-]+:[^,;]+)*"),
    "class": re.compile(rf"class {_ID}(?:,{_ID})* {_ID}"),
}


def check_mermaid_shape(text: str) -> None:
    """Every line is a statement Mermaid's flowchart grammar accepts; ids are declared before edges use them."""
    lines = text.splitlines()
    assert lines[0] == "flowchart TD"
    declared: set[str] = set()
    depth = 0
    edges: list[tuple[str, str]] = []
    for line in lines[1:]:
        statement = line.strip()
        if statement.startswith("%%") or statement == "direction TB":
            continue
        if statement == "end":
            depth -= 1
            assert depth >= 0, "an `end` without its subgraph"
            continue
        for kind, pattern in _STATEMENTS.items():
            match = pattern.fullmatch(statement)
            if match is None:
                continue
            if kind in ("node", "subgraph"):
                assert match.group(1) not in declared, f"id declared twice: {statement}"
                declared.add(match.group(1))
                depth += kind == "subgraph"
            elif kind == "edge":
                edges.append((match.group(1), match.group(2)))
            break
        else:
            pytest.fail(f"not a Mermaid flowchart statement: {statement!r}")
    assert depth == 0, "a subgraph is not closed"
    for source, target in edges:
        assert {source, target} <= declared, f"edge between undeclared ids: {source} --> {target}"


@pytest.fixture(scope="module")
def tour() -> Pipelex:
    return Pipelex.load(TOUR)


def test_static_graph_of_an_example_whole_text() -> None:
    px = Pipelex.load(EXAMPLES_DIR / "invoice_summary")
    text = to_mermaid(static_graph(px.pipes, "summarise_invoices"))
    check_mermaid_shape(text)
    assert text.splitlines()[:16] == [
        "flowchart TD",
        "  %% summarise_invoices",
        '  s1(["invoices<br/>invoices.InvoiceText[]"])',
        '  subgraph c1["summarise_invoices (PipeSequence)"]',
        "    direction TB",
        '    p1["extract_invoices<br/>PipeLLM · gpt-4o-mini"]',
        '    s3(["facts<br/>invoices.Invoice[]"])',
        '    p2["write_summary<br/>PipeCompose"]',
        "  end",
        '  s2(["main result<br/>native.Text"])',
        "  s1 --> p1",
        "  p1 --> s3",
        "  s3 --> p2",
        "  p2 --> s2",
        "  classDef pipe fill:#e3f2fd,stroke:#1e88e5,color:#0d2a45",
        "  classDef input fill:#e8f5e9,stroke:#43a047,color:#173d1a",
    ]


@pytest.mark.parametrize("example", sorted(path.name for path in EXAMPLES_DIR.iterdir() if path.is_dir()))
def test_every_example_has_a_valid_static_graph(example: str) -> None:
    px = Pipelex.load(EXAMPLES_DIR / example)
    assert px.main_pipe is not None
    check_mermaid_shape(to_mermaid(static_graph(px.pipes, px.main_pipe)))


def test_static_graph_draws_every_controller(tour: Pipelex) -> None:
    text = to_mermaid(static_graph(tour.pipes, "handle"))
    check_mermaid_shape(text)
    for title in ("handle (PipeSequence)", "route (PipeCondition)", "both (PipeParallel)", "rate_all (PipeBatch)"):
        assert f'["{title}"]' in text
    assert '{"ticket.category"}' in text
    assert '-->|"bug"|' in text
    assert '-->|"question #124; default"|' in text
    assert '-->|"for each"|' in text
    assert text.count('(["review<br/>tour.Review<br/>each item of reviews"])') == 2


def test_run_graph_shows_what_ran(tour: Pipelex) -> None:
    output = tour.run_sync("handle", inputs=TOUR_INPUTS, dry_run=True)
    assert output.trace is not None
    values = {stuff.name: stuff.plain() for stuff in output.working_memory}
    graph = run_graph(output.trace.pipes, "handle", RunData(output.trace, output.report, values))
    text = to_mermaid(graph)
    check_mermaid_shape(text)
    assert re.search(r'p\d+\["answer<br/>PipeLLM<br/>not run"\]', text)
    assert "class p2 notrun" in text
    assert re.search(r"rate_review<br/>PipeLLM<br/>\u00d73 · [0-9.]+ (µs|ms|s) total<br/>model: gpt-4o-mini", text)
    assert "“It #quot;crashes#quot; #lt;always#gt; #35;1”" in text  # a preview of the input, escaped
    assert "3 items: “great”" in text


def test_mermaid_labels_are_escaped() -> None:
    assert mermaid_label('say "hi" #1 <b> `x` a|b') == "say #quot;hi#quot; #35;1 #lt;b#gt; #96;x#96; a#124;b"
    assert mermaid_label("two\nlines") == "two<br/>lines"


def test_previews_are_short_and_flat() -> None:
    assert preview("a  long\ntext") == "“a long text”"
    assert preview({"kind": "image", "url": "media/pictures-1.png"}) == "image media/pictures-1.png"
    assert preview({"kind": "image", "url": "data:image/png;base64,AAAA"}) == "image (image/png)"
    assert preview([1, 2]) == "2 items: 1"
    assert len(preview("x" * 500)) == 64


def test_html_page_is_self_contained(tour: Pipelex) -> None:
    page = to_html(static_graph(tour.pipes, "handle"))
    assert page.startswith("<!DOCTYPE html>")
    assert "<svg " in page
    assert "<script" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "http" not in page
    assert "flowchart TD" in page  # the Mermaid text travels with the picture


def test_run_results_hold_the_graph(tour: Pipelex, tmp_path: Path) -> None:
    output = tour.run_sync("handle", inputs=TOUR_INPUTS, dry_run=True)
    saved = save_output(output, tmp_path / "out")
    names = sorted(path.name for path in saved.iterdir())
    assert names == [
        "graph.html",
        "graph.mmd",
        "main_result.json",
        "main_result.md",
        "run_report.json",
        "working_memory.json",
    ]
    check_mermaid_shape((saved / "graph.mmd").read_text(encoding="utf-8"))
    assert "handle — run" in (saved / "graph.html").read_text(encoding="utf-8")
    without = save_output(output, tmp_path / "plain", graph=False)
    assert not (without / "graph.mmd").exists()


def test_generated_images_show_as_saved_files_in_the_graph(tmp_path: Path) -> None:
    px = Pipelex.load(REPO_ROOT / "tests" / "data" / "plx" / "valid" / "describe_then_draw.plx")
    output = px.run_sync("illustrate", inputs={"topic": "tea"}, dry_run=True)
    saved = save_output(output, tmp_path / "out")
    text = (saved / "graph.mmd").read_text(encoding="utf-8")
    assert "2 items: image media/pictures-1.png" in text or "2 items: image media/illustrate-1.png" in text
    assert "data:image" not in text


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium on this machine")
def test_html_page_renders_offline_in_chromium(tour: Pipelex, tmp_path: Path) -> None:
    page = tmp_path / "graph.html"
    page.write_text(to_html(static_graph(tour.pipes, "handle")), encoding="utf-8")
    shot = tmp_path / "graph.png"
    command = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
    command += [f"--screenshot={shot}", "--window-size=1200,900", page.as_uri()]
    subprocess.run(command, capture_output=True, timeout=90, check=False)
    assert shot.exists()
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000  # a blank page is a few kilobytes
