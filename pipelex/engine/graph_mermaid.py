"""Mermaid flowchart text of a :class:`FlowGraph`.

Labels are always quoted, and the characters Mermaid gives a meaning to inside them (quotes, ``#``,
angle brackets, backticks, pipes) are written as Mermaid entity codes (``#quot;``, ``#35;`` ...), so
whatever a pipe description or a stuff preview holds cannot break the diagram.
"""

from __future__ import annotations

from pipelex.engine.flow_graph import FlowGraph, GraphNode, Group, NodeKind, NodeState, StuffRole

_ENTITIES = {'"': "#quot;", "#": "#35;", "<": "#lt;", ">": "#gt;", "`": "#96;", "|": "#124;", "\\": "#92;"}

_CLASS_DEFS = {
    "pipe": "fill:#e3f2fd,stroke:#1e88e5,color:#0d2a45",
    "decision": "fill:#ede7f6,stroke:#5e35b1,color:#2a1650",
    "input": "fill:#e8f5e9,stroke:#43a047,color:#173d1a",
    "result": "fill:#fffde7,stroke:#c9a800,color:#3d3300",
    "output": "fill:#fff3e0,stroke:#fb8c00,color:#4a2a00",
    "failed": "fill:#ffebee,stroke:#e53935,stroke-width:2px,color:#5c0f0f",
    "notrun": "fill:#f5f5f5,stroke:#9e9e9e,stroke-dasharray:4 3,color:#8a8a8a",
}


def mermaid_label(text: str) -> str:
    """``text`` safe inside a quoted Mermaid label (line breaks become ``<br/>``)."""
    escaped = "".join(_ENTITIES.get(char, char) for char in text)
    return "<br/>".join(line for line in escaped.splitlines()) if "\n" in escaped else escaped


def to_mermaid(graph: FlowGraph) -> str:
    """The Mermaid ``flowchart`` of ``graph``, one statement per line."""
    lines = ["flowchart TD", f"  %% {' '.join(graph.title.split())}"]
    _group_lines(graph.root, lines, indent="  ")
    for edge in graph.edges:
        arrow = f' -->|"{mermaid_label(edge.label)}"| ' if edge.label else " --> "
        lines.append(f"  {edge.source}{arrow}{edge.target}")
    used: dict[str, list[str]] = {}
    for node in graph.root.nodes():
        used.setdefault(_class_of(node), []).append(node.id)
    for name, style in _CLASS_DEFS.items():
        if name in used:
            lines.append(f"  classDef {name} {style}")
    for name, ids in used.items():
        lines.append(f"  class {','.join(ids)} {name}")
    return "\n".join(lines) + "\n"


def _group_lines(group: Group, lines: list[str], indent: str) -> None:
    inner = indent
    if group.title:
        lines.append(f'{indent}subgraph {group.id}["{mermaid_label(group.title)}"]')
        lines.append(f"{indent}  direction TB")
        inner = indent + "  "
    for member in group.members:
        if isinstance(member, Group):
            _group_lines(member, lines, inner)
        else:
            lines.append(inner + _node_statement(member))
    if group.title:
        lines.append(f"{indent}end")


def _node_statement(node: GraphNode) -> str:
    text = mermaid_label(node.title)
    if node.lines:
        text += "<br/>" + "<br/>".join(mermaid_label(line) for line in node.lines)
    if node.kind is NodeKind.STUFF:
        return f'{node.id}(["{text}"])'
    if node.kind is NodeKind.DECISION:
        return f'{node.id}{{"{text}"}}'
    return f'{node.id}["{text}"]'


def _class_of(node: GraphNode) -> str:
    if node.state is NodeState.FAILED:
        return "failed"
    if node.state is NodeState.NOT_RUN:
        return "notrun"
    if node.kind is NodeKind.STUFF:
        return (node.role or StuffRole.RESULT).value
    return node.kind.value
