"""The graph files of a run's results: ``graph.mmd`` (Mermaid text) and ``graph.html`` (a page that works offline)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from pipelex.engine.flow_graph import FlowGraph, RunData, run_graph
from pipelex.engine.graph_html import to_html
from pipelex.engine.graph_mermaid import to_mermaid
from pipelex.engine.pipe_output import PipeOutput

GRAPH_MERMAID = "graph.mmd"
GRAPH_HTML = "graph.html"

_log = logging.getLogger("pipelex.graph")


def graph_texts(graph: FlowGraph) -> dict[str, str]:
    """The graph files of ``graph``, by file name."""
    mermaid = to_mermaid(graph)
    return {GRAPH_MERMAID: mermaid, GRAPH_HTML: to_html(graph, mermaid=mermaid)}


def run_graph_files(output: PipeOutput, stuffs: Mapping[str, Any]) -> dict[str, str]:
    """The graph files of the run in ``output``; ``stuffs`` are the saved stuffs (media already as file paths).

    A run without a trace has no graph; a failure to draw it is logged, never raised: results come first.
    """
    trace = output.trace
    if trace is None or output.pipe_code not in trace.pipes:
        return {}
    values = {name: item.get("content") for name, item in stuffs.items() if isinstance(item, dict)}
    try:
        graph = run_graph(trace.pipes, output.pipe_code, RunData(trace, output.report, values))
        return graph_texts(graph)
    except Exception as error:  # a drawing bug must not lose the results
        _log.warning("the graph of the run was not drawn: %s: %s", type(error).__name__, error)
        return {}
