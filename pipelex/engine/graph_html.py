"""A self-contained HTML page of a graph: the SVG inline, the Mermaid text beside it, no script, no link.

Why not Mermaid's own renderer: it is a JavaScript bundle of several megabytes that the page would have
to fetch (no network at view time) or that the wheel would have to carry. Laying the graph out in Python
(:mod:`pipelex.engine.graph_svg`) keeps the page a few kilobytes, readable in any browser offline, and
the Mermaid text is still there to paste into a Mermaid viewer or a Markdown file.
"""

from __future__ import annotations

from html import escape

from pipelex.engine.flow_graph import FlowGraph
from pipelex.engine.graph_mermaid import to_mermaid
from pipelex.engine.graph_svg import to_svg

_STYLE = """
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 24px; color: #1f2933; background: #fff; }
h1 { font-size: 20px; margin: 0 0 4px; }
p.meta { color: #607d8b; margin: 0 0 16px; font-size: 13px; }
.legend span { display: inline-block; padding: 1px 8px; margin-right: 6px; border: 1px solid; border-radius: 9px; }
.graph { overflow: auto; border: 1px solid #eceff1; border-radius: 6px; }
details { margin-top: 16px; }
pre { background: #f7f9fb; padding: 12px; overflow: auto; font-size: 12px; }
"""

_LEGEND = (
    '<span style="background:#e8f5e9;border-color:#43a047">input</span>'
    '<span style="background:#e3f2fd;border-color:#1e88e5">pipe</span>'
    '<span style="background:#fffde7;border-color:#c9a800">stuff</span>'
    '<span style="background:#fff3e0;border-color:#fb8c00">main result</span>'
)


def to_html(graph: FlowGraph, *, mermaid: str | None = None) -> str:
    """The page: a title, a legend, the graph as inline SVG, and its Mermaid text in a fold."""
    kind = "the graph of a run" if graph.is_run else "the pipeline as declared"
    legend = _LEGEND
    if graph.is_run:
        legend += (
            '<span style="background:#f5f5f5;border-color:#9e9e9e;border-style:dashed">not run</span>'
            '<span style="background:#ffebee;border-color:#e53935">failed</span>'
        )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(graph.title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{escape(graph.title)}</h1>\n"
        f'<p class="meta">{kind} · drawn by pipelex · <span class="legend">{legend}</span></p>\n'
        f'<div class="graph">\n{to_svg(graph, standalone=False)}</div>\n'
        "<details>\n<summary>Mermaid source</summary>\n"
        f"<pre>{escape(mermaid if mermaid is not None else to_mermaid(graph))}</pre>\n</details>\n"
        "</body>\n</html>\n"
    )
