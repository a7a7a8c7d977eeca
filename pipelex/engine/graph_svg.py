"""An SVG picture of a :class:`FlowGraph`, laid out in Python: no JavaScript, nothing fetched at view time.

The layout follows the shape of the pipeline rather than a general graph algorithm: a controller is a
frame around its steps, a sequence stacks them top to bottom, parallel branches and condition outcomes
stand side by side. Boxes therefore never overlap. An edge between boxes one above the other is a
curve; an edge that would cross other boxes (a stuff read several steps later) goes around them on the
right. Text widths are estimated from the font size, and long lines are cut with an ellipsis.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from pipelex.engine.flow_graph import Edge, FlowGraph, GraphNode, Group, GroupLayout, NodeKind, NodeState, StuffRole

FONT_SIZE = 12
CHAR_WIDTH = 7.0
TITLE_CHAR_WIDTH = 7.8
LINE_HEIGHT = 16
NODE_PADDING = 10
NODE_MIN_WIDTH = 140
NODE_MAX_WIDTH = 330
GROUP_PADDING = 14
GROUP_HEADER = 22
V_GAP = 30
H_GAP = 26
MARGIN = 20
SIDE_ROUTE_GAP = 16
SIDE_ROUTE_STEP = 9

_FILL = {
    "pipe": ("#e3f2fd", "#1e88e5"),
    "decision": ("#ede7f6", "#5e35b1"),
    "input": ("#e8f5e9", "#43a047"),
    "result": ("#fffde7", "#c9a800"),
    "output": ("#fff3e0", "#fb8c00"),
    "failed": ("#ffebee", "#e53935"),
    "notrun": ("#f5f5f5", "#9e9e9e"),
}


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def contains(self, x: float, y: float, inset: float = 2.0) -> bool:
        return self.x + inset < x < self.right - inset and self.y + inset < y < self.bottom - inset


def to_svg(graph: FlowGraph, *, standalone: bool = True) -> str:
    """The SVG of ``graph``; ``standalone`` adds the XML namespace a lone ``.svg`` file needs."""
    layout = _Layout()
    layout.measure(graph.root)
    layout.place(graph.root, MARGIN, MARGIN)
    root = layout.boxes[graph.root.id]
    edges_svg, right_edge = _Router(layout).draw(graph.edges)
    width = max(root.right, right_edge) + MARGIN
    height = root.bottom + MARGIN
    namespace = ' xmlns="http://www.w3.org/2000/svg"' if standalone else ""
    parts = [
        f'<svg{namespace} width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="{FONT_SIZE}" role="img">',
        f"<title>{escape(graph.title)}</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
        f'<rect x="0" y="0" width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
    ]
    _draw_group(graph.root, layout, parts)
    parts.extend(edges_svg)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


class _Layout:
    def __init__(self) -> None:
        self.sizes: dict[str, tuple[float, float]] = {}
        self.boxes: dict[str, Box] = {}
        self.node_ids: list[str] = []

    def measure(self, member: GraphNode | Group) -> tuple[float, float]:
        if isinstance(member, GraphNode):
            size = _node_size(member)
        else:
            sizes = [self.measure(child) for child in member.members]
            pad = GROUP_PADDING if member.title else 0.0
            header = GROUP_HEADER if member.title else 0.0
            if not sizes:
                size = (NODE_MIN_WIDTH, header + 2 * pad + LINE_HEIGHT)
            elif member.layout is GroupLayout.COLUMN:
                size = (
                    max(w for w, _ in sizes) + 2 * pad,
                    sum(h for _, h in sizes) + V_GAP * (len(sizes) - 1) + 2 * pad + header,
                )
            else:
                size = (
                    sum(w for w, _ in sizes) + H_GAP * (len(sizes) - 1) + 2 * pad,
                    max(h for _, h in sizes) + 2 * pad + header,
                )
            size = (max(size[0], _title_width(member.title) + 2 * pad), size[1])
        self.sizes[member.id] = size
        return size

    def place(self, member: GraphNode | Group, x: float, y: float) -> None:
        w, h = self.sizes[member.id]
        self.boxes[member.id] = Box(x, y, w, h)
        if isinstance(member, GraphNode):
            self.node_ids.append(member.id)
            return
        pad = GROUP_PADDING if member.title else 0.0
        cursor_x = x + pad
        cursor_y = y + pad + (GROUP_HEADER if member.title else 0.0)
        for child in member.members:
            cw, ch = self.sizes[child.id]
            if member.layout is GroupLayout.COLUMN:
                self.place(child, x + (w - cw) / 2, cursor_y)
                cursor_y += ch + V_GAP
            else:
                self.place(child, cursor_x, cursor_y)
                cursor_x += cw + H_GAP


def _title_width(title: str) -> float:
    return len(title) * TITLE_CHAR_WIDTH if title else 0.0


def _max_chars(bold: bool) -> int:
    return int((NODE_MAX_WIDTH - 2 * NODE_PADDING) / (TITLE_CHAR_WIDTH if bold else CHAR_WIDTH))


def _fit(text: str, bold: bool) -> str:
    limit = _max_chars(bold)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _node_size(node: GraphNode) -> tuple[float, float]:
    widths = [len(_fit(node.title, bold=True)) * TITLE_CHAR_WIDTH]
    widths.extend(len(_fit(line, bold=False)) * CHAR_WIDTH for line in node.lines)
    width = min(max(max(widths) + 2 * NODE_PADDING, NODE_MIN_WIDTH), NODE_MAX_WIDTH)
    if node.kind is NodeKind.DECISION:
        width += 30
    if node.kind is NodeKind.STUFF:
        width += 16
    return width, (1 + len(node.lines)) * LINE_HEIGHT + 2 * NODE_PADDING - 4


def _palette(node: GraphNode) -> tuple[str, str]:
    if node.state is NodeState.FAILED:
        return _FILL["failed"]
    if node.state is NodeState.NOT_RUN:
        return _FILL["notrun"]
    if node.kind is NodeKind.STUFF:
        return _FILL[(node.role or StuffRole.RESULT).value]
    return _FILL[node.kind.value]


def _draw_group(group: Group, layout: _Layout, parts: list[str]) -> None:
    if group.title:
        box = layout.boxes[group.id]
        dash = ' stroke-dasharray="5 4"' if group.state is NodeState.NOT_RUN else ""
        stroke = "#e53935" if group.state is NodeState.FAILED else "#90a4ae"
        parts.append(
            f'<g class="controller" id="{group.id}"><rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.w:.1f}" '
            f'height="{box.h:.1f}" rx="10" fill="#f7f9fb" stroke="{stroke}"{dash}/>'
            f'<text x="{box.x + GROUP_PADDING:.1f}" y="{box.y + 18:.1f}" font-weight="bold" fill="#37474f">'
            f"{escape(group.title)}</text></g>"
        )
    for member in group.members:
        if isinstance(member, Group):
            _draw_group(member, layout, parts)
        else:
            _draw_node(member, layout.boxes[member.id], parts)


def _draw_node(node: GraphNode, box: Box, parts: list[str]) -> None:
    fill, stroke = _palette(node)
    dash = ' stroke-dasharray="5 4"' if node.state is NodeState.NOT_RUN else ""
    shape_attrs = f'fill="{fill}" stroke="{stroke}" stroke-width="1.5"{dash}'
    parts.append(f'<g class="{node.kind.value}" id="{node.id}">')
    if node.kind is NodeKind.DECISION:
        inset = 14
        points = [
            (box.x, box.cy),
            (box.x + inset, box.y),
            (box.right - inset, box.y),
            (box.right, box.cy),
            (box.right - inset, box.bottom),
            (box.x + inset, box.bottom),
        ]
        parts.append(f'<polygon points="{" ".join(f"{px:.1f},{py:.1f}" for px, py in points)}" {shape_attrs}/>')
    else:
        radius = box.h / 2 if node.kind is NodeKind.STUFF else 6
        parts.append(
            f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.w:.1f}" height="{box.h:.1f}" '
            f'rx="{min(radius, 18):.1f}" {shape_attrs}/>'
        )
    text_y = box.y + NODE_PADDING + 11
    parts.append(
        f'<text x="{box.cx:.1f}" y="{text_y:.1f}" text-anchor="middle" font-weight="bold" fill="#1f2933">'
        f"{escape(_fit(node.title, bold=True))}</text>"
    )
    for index, line in enumerate(node.lines, start=1):
        style = ' font-style="italic"' if node.kind is NodeKind.STUFF and index > 1 else ""
        parts.append(
            f'<text x="{box.cx:.1f}" y="{text_y + index * LINE_HEIGHT:.1f}" text-anchor="middle" '
            f'fill="#455a64"{style}>{escape(_fit(line, bold=False))}</text>'
        )
    parts.append("</g>")


class _Router:
    """Draws edges: curves between boxes one above the other, detours on the right around the others."""

    def __init__(self, layout: _Layout) -> None:
        self._layout = layout
        self._nodes = [layout.boxes[node_id] for node_id in layout.node_ids]
        self._detours = 0

    def draw(self, edges: list[Edge]) -> tuple[list[str], float]:
        parts: list[str] = []
        right_edge = 0.0
        for edge in edges:
            source = self._layout.boxes.get(edge.source)
            target = self._layout.boxes.get(edge.target)
            if source is None or target is None:
                continue
            path, label_at, right = self._path(source, target)
            right_edge = max(right_edge, right)
            color = "#555" if path.startswith("M") and " C" in path else "#8fa3ad"
            parts.append(
                f'<path class="edge" d="{path}" fill="none" stroke="{color}" stroke-width="1.3" '
                'marker-end="url(#arrow)"/>'
            )
            if edge.label:
                parts.append(_edge_label(edge.label, *label_at))
        return parts, right_edge

    def _path(self, source: Box, target: Box) -> tuple[str, tuple[float, float], float]:
        start = (source.cx, source.bottom)
        end = (target.cx, target.y)
        if target.y >= source.bottom and not self._blocked(start, end, source, target):
            bend = max((end[1] - start[1]) / 2, 12)
            path = (
                f"M{start[0]:.1f},{start[1]:.1f} C{start[0]:.1f},{start[1] + bend:.1f} "
                f"{end[0]:.1f},{end[1] - bend:.1f} {end[0]:.1f},{end[1]:.1f}"
            )
            return path, ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2), max(start[0], end[0])
        top, bottom = min(source.y, target.y), max(source.bottom, target.bottom)
        in_the_way = [box.right for box in self._nodes if box.bottom > top and box.y < bottom]
        side = max([source.right, target.right, *in_the_way]) + SIDE_ROUTE_GAP + self._detours * SIDE_ROUTE_STEP
        offset = (self._detours % 5) * 4
        self._detours += 1
        leave_y = source.bottom + 6 + offset
        if self._clear(leave_y, source.cx, side, source, target):
            leave = f"M{source.cx + offset:.1f},{source.bottom:.1f} V{leave_y:.1f} H{side:.1f}"
        else:
            leave = f"M{source.right:.1f},{source.cy:.1f} H{side:.1f}"
        arrive_y = target.y - 6 - offset
        if target.y > source.bottom and self._clear(arrive_y, target.cx, side, source, target):
            arrive = f"V{arrive_y:.1f} H{target.cx + offset:.1f} V{target.y:.1f}"
            label_at = (side, arrive_y - 10)
        else:
            arrive = f"V{target.cy:.1f} H{target.right + 1:.1f}"
            label_at = (side, target.cy - 12)
        return f"{leave} {arrive}", label_at, side + 4

    def _clear(self, y: float, x_from: float, x_to: float, source: Box, target: Box) -> bool:
        """Whether a horizontal line at ``y`` between the two x crosses no other box."""
        low, high = min(x_from, x_to), max(x_from, x_to)
        return (
            not any(
                box.y - 1 <= y <= box.bottom + 1 and box.x < high and box.right > low
                for box in self._nodes
                if box not in (source, target)
            )
            and not (source.y <= y <= source.bottom)
            and not (target.y <= y <= target.bottom)
        )

    def _blocked(self, start: tuple[float, float], end: tuple[float, float], source: Box, target: Box) -> bool:
        for step in range(1, 20):
            t = step / 20
            x = start[0] + (end[0] - start[0]) * (3 * t * t - 2 * t * t * t)
            y = start[1] + (end[1] - start[1]) * t
            if any(box.contains(x, y) for box in self._nodes if box not in (source, target)):
                return True
        return False


def _edge_label(label: str, x: float, y: float) -> str:
    width = len(label) * CHAR_WIDTH + 8
    return (
        f'<g class="edge-label"><rect x="{x - width / 2:.1f}" y="{y - 9:.1f}" width="{width:.1f}" height="16" '
        f'rx="3" fill="#ffffff" stroke="#cfd8dc"/><text x="{x:.1f}" y="{y + 3:.1f}" text-anchor="middle" '
        f'fill="#37474f">{escape(label)}</text></g>'
    )
