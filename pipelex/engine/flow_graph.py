"""The graph of a pipe: its steps as nodes, controllers as groups, and the stuffs that flow between them.

One model serves both pictures: the static graph (``pipelex graph``) and the graph of a run, which is
the static graph of the pipe that ran, annotated from the run's trace (durations, counts, models) and
working memory (a preview of each stuff). The renderers (:mod:`pipelex.engine.graph_mermaid`,
:mod:`pipelex.engine.graph_svg`) only read this model.

Data flow is resolved by name, as working memory does at run time: a step reads the latest stuff of that
name visible from where it runs (earlier steps of its sequence, then the enclosing scopes, then the inputs).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pipelex.engine.graph_preview import preview
from pipelex.engine.run_trace import CallPath, RunTrace, call_step
from pipelex.pipes.controllers.pipe_batch import PipeBatch
from pipelex.pipes.controllers.pipe_condition import PipeCondition
from pipelex.pipes.controllers.pipe_parallel import PipeParallel
from pipelex.pipes.controllers.pipe_sequence import PipeSequence, Step
from pipelex.pipes.pipe_abstract import PipeAbstract, Slot
from pipelex.reporting.run_report import RunReport

_MAX_DEPTH = 32
"""Controllers nested deeper than this are cut (the checks refuse recursion; this guards the renderer)."""


class NodeKind(StrEnum):
    PIPE = "pipe"
    STUFF = "stuff"
    DECISION = "decision"


class NodeState(StrEnum):
    """How a node fared in a run; ``STATIC`` when the graph shows no run."""

    STATIC = "static"
    RAN = "ran"
    FAILED = "failed"
    NOT_RUN = "not_run"


class StuffRole(StrEnum):
    INPUT = "input"
    RESULT = "result"
    OUTPUT = "output"


class GroupLayout(StrEnum):
    """How a group's members are placed: one under the other, or side by side."""

    COLUMN = "column"
    ROW = "row"


@dataclass
class GraphNode:
    """A box of the graph: a pipe, a stuff or a condition's decision."""

    id: str
    kind: NodeKind
    title: str
    lines: list[str] = field(default_factory=list)
    role: StuffRole | None = None
    state: NodeState = NodeState.STATIC


@dataclass
class Group:
    """Members placed together; a group with a title is a controller, drawn as a frame around its steps."""

    id: str
    layout: GroupLayout
    title: str = ""
    members: list[GraphNode | Group] = field(default_factory=list)
    state: NodeState = NodeState.STATIC

    def nodes(self) -> list[GraphNode]:
        """Every node inside, depth first."""
        found: list[GraphNode] = []
        for member in self.members:
            found.extend(member.nodes() if isinstance(member, Group) else [member])
        return found


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str = ""


@dataclass
class FlowGraph:
    """What the renderers draw: a tree of groups over nodes, and the edges between nodes or groups."""

    title: str
    root: Group
    edges: list[Edge] = field(default_factory=list)
    is_run: bool = False


@dataclass
class RunData:
    """What a run adds to the picture: its trace, report and the plain values of its stuffs by name."""

    trace: RunTrace
    report: RunReport
    values: Mapping[str, Any] = field(default_factory=dict)


def static_graph(pipes: Mapping[str, PipeAbstract], pipe_code: str) -> FlowGraph:
    """The graph of ``pipe_code`` as declared."""
    return _GraphBuilder(pipes, None).build(pipe_code)


def static_graphs(pipes: Mapping[str, PipeAbstract], pipe_codes: list[str], title: str) -> FlowGraph:
    """The graphs of several pipes side by side (the root pipes of a directory)."""
    if len(pipe_codes) == 1:
        return static_graph(pipes, pipe_codes[0])
    builder = _GraphBuilder(pipes, None)
    graphs = [builder.build(code) for code in pipe_codes]
    root = Group("all", GroupLayout.ROW, members=[graph.root for graph in graphs])
    return FlowGraph(title, root, [edge for graph in graphs for edge in graph.edges])


def root_pipes(pipes: Mapping[str, PipeAbstract]) -> list[str]:
    """The pipes no controller calls, in library order."""
    called: set[str] = set()
    for pipe in pipes.values():
        if isinstance(pipe, PipeSequence | PipeParallel):
            called.update(step.pipe_code for step in (pipe.steps if isinstance(pipe, PipeSequence) else pipe.branches))
        elif isinstance(pipe, PipeCondition):
            called.update(pipe.outcomes.values())
            called.add(pipe.default_outcome or "")
        elif isinstance(pipe, PipeBatch):
            called.add(pipe.branch_pipe_code)
    return [code for code in pipes if code not in called]


def run_graph(pipes: Mapping[str, PipeAbstract], pipe_code: str, run: RunData) -> FlowGraph:
    """The graph of a run of ``pipe_code``: what ran, how long, and a preview of each stuff."""
    return _GraphBuilder(pipes, run).build(pipe_code)


Scope = dict[str, GraphNode]


class _GraphBuilder:
    def __init__(self, pipes: Mapping[str, PipeAbstract], run: RunData | None) -> None:
        self._pipes = pipes
        self._run = run
        self._edges: list[Edge] = []
        self._counts: dict[str, int] = {}

    def build(self, pipe_code: str) -> FlowGraph:
        pipe = self._pipes[pipe_code]
        inputs = Group(self._id("g"), GroupLayout.ROW)
        scope: Scope = {}
        for name, slot in _root_inputs(pipe).items():
            node = self._stuff(name, slot.label, StuffRole.INPUT)
            inputs.members.append(node)
            scope[name] = node
        output = self._stuff(pipe.code, pipe.output.label, StuffRole.OUTPUT)
        output.title = "main result"
        main = self._pipe_member(pipe, scope, ((pipe.code, pipe.code),), output, depth=0)
        members: list[GraphNode | Group] = [inputs] if inputs.members else []
        root = Group(self._id("g"), GroupLayout.COLUMN, members=[*members, main, output])
        title = f"{pipe.code} — run" if self._run is not None else pipe.code
        edges, self._edges = self._edges, []
        return FlowGraph(title, root, edges, is_run=self._run is not None)

    # -- members ---------------------------------------------------------------------------------------

    def _pipe_member(
        self, pipe: PipeAbstract, scope: Scope, path: CallPath, output: GraphNode, depth: int
    ) -> GraphNode | Group:
        """The node (operator) or group (controller) of ``pipe``, with an edge to its ``output``."""
        if depth >= _MAX_DEPTH:
            node = self._pipe_node(pipe, path, extra=["… nested too deep to draw"])
            self._edges.append(Edge(node.id, output.id))
            return node
        if isinstance(pipe, PipeSequence):
            member: GraphNode | Group = self._sequence(pipe, scope, path, output, depth)
        elif isinstance(pipe, PipeParallel):
            member = self._parallel(pipe, scope, path, depth)
        elif isinstance(pipe, PipeCondition):
            return self._condition(pipe, scope, path, output, depth)
        elif isinstance(pipe, PipeBatch):
            member = self._batch(pipe, scope, path, depth)
        else:
            member = self._pipe_node(pipe, path)
            self._consume(member, pipe, scope)
        if not isinstance(pipe, PipeSequence) or not pipe.steps:  # a sequence's last step makes its output
            self._edges.append(Edge(member.id, output.id))
        return member

    def _sequence(self, pipe: PipeSequence, scope: Scope, path: CallPath, output: GraphNode, depth: int) -> Group:
        group = self._group(pipe, path, GroupLayout.COLUMN)
        for index, step in enumerate(pipe.steps):
            is_last = index == len(pipe.steps) - 1
            child = self._pipes.get(step.pipe_code)
            if child is None:
                continue
            result = output if is_last else self._stuff(step.result, _step_label(child, step), StuffRole.RESULT)
            group.members.extend(self._step(child, step, scope, path=path, result=result, depth=depth))
            if not is_last:
                group.members.append(result)
            scope[step.result] = result
        return group

    def _step(
        self, child: PipeAbstract, step: Step, scope: Scope, *, path: CallPath, result: GraphNode, depth: int
    ) -> list[GraphNode | Group]:
        child_path = (*path, call_step(child.code, step.result))
        if step.batch_over is None or step.batch_as is None:
            return [self._pipe_member(child, scope, child_path, result, depth + 1)]
        item = self._batch_item(step.batch_over, step.batch_as, child, scope)
        inner = {**scope, step.batch_as: item}
        member = self._pipe_member(child, inner, child_path, result, depth + 1)
        return [item, member]

    def _parallel(self, pipe: PipeParallel, scope: Scope, path: CallPath, depth: int) -> Group:
        group = self._group(pipe, path, GroupLayout.ROW)
        results: Scope = {}
        for branch in pipe.branches:
            child = self._pipes.get(branch.pipe_code)
            if child is None:
                continue
            result = self._stuff(branch.result, child.output.label, StuffRole.RESULT)
            member = self._pipe_member(
                child, dict(scope), (*path, call_step(child.code, branch.result)), result, depth + 1
            )
            group.members.append(Group(self._id("g"), GroupLayout.COLUMN, members=[member, result]))
            results[branch.result] = result
        if pipe.add_each_output:
            scope.update(results)
        return group

    def _condition(self, pipe: PipeCondition, scope: Scope, path: CallPath, output: GraphNode, depth: int) -> Group:
        group = self._group(pipe, path, GroupLayout.COLUMN)
        expression = pipe.expression or (pipe.expression_template.source if pipe.expression_template else "")
        decision = GraphNode(self._id("d"), NodeKind.DECISION, _shorten(expression.strip(), 60) or "condition")
        decision.state = group.state
        self._consume(decision, pipe, scope)
        outcomes = Group(self._id("g"), GroupLayout.ROW)
        targets: dict[str, list[str]] = {}
        for value, code in pipe.outcomes.items():
            targets.setdefault(code, []).append(value)
        if pipe.default_outcome is not None:
            targets.setdefault(pipe.default_outcome, []).append("default")
        for code, values in targets.items():
            label = " | ".join(values)
            child = self._pipes.get(code)
            if child is None:  # "fail" or "continue"
                end = GraphNode(self._id("p"), NodeKind.PIPE, code, ["ends the condition"], state=group.state)
                outcomes.members.append(end)
                self._edges.append(Edge(decision.id, end.id, label))
                if code != "fail":
                    self._edges.append(Edge(end.id, output.id))
                continue
            member = self._pipe_member(
                child, dict(scope), (*path, call_step(child.code, path[-1][1])), output, depth + 1
            )
            outcomes.members.append(member)
            self._edges.append(Edge(decision.id, member.id, label))
        group.members = [decision, outcomes]
        return group

    def _batch(self, pipe: PipeBatch, scope: Scope, path: CallPath, depth: int) -> Group:
        group = self._group(pipe, path, GroupLayout.COLUMN)
        child = self._pipes.get(pipe.branch_pipe_code)
        if child is None:
            return group
        item = self._batch_item(pipe.input_list_name, pipe.input_item_name, child, scope)
        inner = {**scope, pipe.input_item_name: item}
        result = self._stuff(f"{pipe.input_item_name} result", child.output.label, StuffRole.RESULT)
        member = self._pipe_member(child, inner, (*path, call_step(child.code, path[-1][1])), result, depth + 1)
        group.members = [item, member, result]
        return group

    # -- nodes -----------------------------------------------------------------------------------------

    def _pipe_node(self, pipe: PipeAbstract, path: CallPath, extra: list[str] | None = None) -> GraphNode:
        lines = [type(pipe).__name__ + _model_suffix(pipe)]
        node = GraphNode(self._id("p"), NodeKind.PIPE, pipe.code, lines)
        node.state = self._annotate(node, path)
        node.lines.extend(extra or [])
        return node

    def _group(self, pipe: PipeAbstract, path: CallPath, layout: GroupLayout) -> Group:
        probe = GraphNode("", NodeKind.PIPE, pipe.code)
        state = self._annotate(probe, path)
        title = " · ".join([f"{pipe.code} ({type(pipe).__name__})", *probe.lines])
        return Group(self._id("c"), layout, title=title, state=state)

    def _annotate(self, node: GraphNode, path: CallPath) -> NodeState:
        """Add the run's facts about ``path`` to ``node``; its state in the run."""
        if self._run is None:
            return NodeState.STATIC
        record = self._run.trace.get(path)
        if record is None:
            node.lines.append("not run")
            return NodeState.NOT_RUN
        timing = _duration(record.total_s)
        if record.runs > 1:
            timing = f"\u00d7{record.runs} · {timing} total"  # "xN": the runs of a batch
        node.lines.append(timing)
        if node.kind is NodeKind.PIPE:
            models = sorted({call.model for call in self._run.report.calls if call.job_label == node.title})
            if models:
                node.lines.append("model: " + ", ".join(models))
        if record.failures:
            node.lines.append(f"{record.failures} failed")
            return NodeState.FAILED
        return NodeState.RAN

    def _stuff(self, name: str, label: str, role: StuffRole) -> GraphNode:
        node = GraphNode(self._id("s"), NodeKind.STUFF, name, [label], role=role)
        if self._run is not None:
            value = self._run.values.get(name)
            if value is not None:
                node.lines.append(preview(value))
                node.state = NodeState.RAN
        return node

    def _batch_item(self, list_name: str, item_name: str, child: PipeAbstract, scope: Scope) -> GraphNode:
        slot = child.inputs.get(item_name)
        label = slot.concept.ref if slot is not None else "item"
        item = GraphNode(self._id("s"), NodeKind.STUFF, item_name, [label, f"each item of {list_name}"])
        item.role = StuffRole.RESULT
        source = scope.get(list_name)
        if source is not None:
            self._edges.append(Edge(source.id, item.id, "for each"))
        return item

    def _consume(self, node: GraphNode, pipe: PipeAbstract, scope: Scope) -> None:
        for root in dict.fromkeys(name.split(".", 1)[0] for name in pipe.inputs):
            source = scope.get(root)
            if source is not None:
                self._edges.append(Edge(source.id, node.id))

    def _id(self, prefix: str) -> str:
        self._counts[prefix] = self._counts.get(prefix, 0) + 1
        return f"{prefix}{self._counts[prefix]}"


def _root_inputs(pipe: PipeAbstract) -> dict[str, Slot]:
    return {name.split(".", 1)[0]: slot for name, slot in pipe.inputs.items()}


def _step_label(pipe: PipeAbstract, step: Step) -> str:
    if step.batch_over is not None:
        return f"{pipe.output.concept.ref}[]"
    if step.nb_output is not None:
        return f"{pipe.output.concept.ref}[{step.nb_output}]"
    return pipe.output.label


def _model_suffix(pipe: PipeAbstract) -> str:
    model = getattr(pipe, "model", None)
    if isinstance(model, dict):
        model = model.get("model")
    return f" · {model}" if isinstance(model, str) and model else ""


def _duration(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms" if seconds >= 0.001 else f"{seconds * 1_000_000:.0f} µs"
    return f"{seconds:.2f} s"


def _shorten(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
