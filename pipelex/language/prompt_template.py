"""Prompt templates: the ``$var`` / ``@var`` / ``@?var`` sigils over sandboxed jinja2.

The pre-pass rewrites sigils outside jinja tags:

- ``$var`` / ``$var.field``  → the value inline;
- ``@var`` / ``@var.field``  → the value as a block wrapped in a tag that names it;
- ``@?var``                  → the block only when ``var`` is present.

Raw ``{{ }}`` and ``{% %}`` are left as they are, and nothing inside ``{% raw %}…{% endraw %}`` is
rewritten (the way to write a literal ``@channel`` or ``$HOME``). Rendering happens in a sandbox
(``pipelex.language.template_sandbox``), so a template can read its inputs and nothing else.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import jinja2

from pipelex.core.stuff import render_text
from pipelex.exceptions import PipelexError
from pipelex.language.names import is_private
from pipelex.language.template_sandbox import PromptSandbox

_JINJA_TAG = re.compile(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}|\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_PATH = r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*"
_SIGIL = re.compile(rf"(?<![\w$@])(?P<sigil>\$|@\?|@)(?P<path>{_PATH})")


@dataclass(frozen=True, slots=True)
class TemplateVariable:
    """A variable a template reads; ``offset`` is where it appears in the template text."""

    root: str
    path: str
    offset: int
    sigil: str = ""


class TemplateRenderError(PipelexError):
    """A template failed while rendering (a missing field, a refused operation)."""


class TemplateSyntaxProblem(ValueError):
    """A template jinja2 cannot parse; ``offset`` locates it in the template text when known."""

    def __init__(self, message: str, offset: int | None) -> None:
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True)
class PromptTemplate:
    """A template ready to render, with the variables it reads."""

    source: str
    jinja_source: str
    variables: tuple[TemplateVariable, ...]
    is_literal: bool = False
    private_reads: tuple[TemplateVariable, ...] = ()
    """Names and attributes starting with ``_`` that the template reads (the sandbox refuses them)."""

    @classmethod
    def literal(cls, text: str) -> PromptTemplate:
        """A text used as it is: no sigils, no jinja (the header's ``system_prompt``)."""
        return cls(text, "", (), is_literal=True)

    @property
    def roots(self) -> set[str]:
        return {variable.root for variable in self.variables}

    @property
    def optional_roots(self) -> set[str]:
        """Variables used only as ``@?name``: the template renders without them."""
        required = {variable.root for variable in self.variables if variable.sigil != "@?"}
        return {variable.root for variable in self.variables if variable.sigil == "@?"} - required

    def render(self, context: dict[str, Any]) -> str:
        """Render with plain data (str, numbers, dicts, lists) as the context.

        Raises:
            TemplateRenderError: a variable or field is missing, or the sandbox refused an operation.
        """
        if self.is_literal:
            return self.source.strip()
        try:
            return _compile(self.jinja_source).render(**context).strip()
        except _RENDER_FAILURES as error:
            raise _render_error("the template", error) from None


def optional_roots(templates: list[PromptTemplate | None]) -> set[str]:
    """Variables that every one of ``templates`` uses only as ``@?name``."""
    present = [template for template in templates if template is not None]
    optional = set().union(*(template.optional_roots for template in present))
    required = set().union(*(template.roots - template.optional_roots for template in present))
    return optional - required


def _rewrite(source: str) -> tuple[str, list[TemplateVariable]]:
    pieces: list[str] = []
    variables: list[TemplateVariable] = []
    cursor = 0
    for tag in _JINJA_TAG.finditer(source):
        pieces.append(_rewrite_plain(source[cursor : tag.start()], cursor, variables))
        pieces.append(tag.group(0))
        cursor = tag.end()
    pieces.append(_rewrite_plain(source[cursor:], cursor, variables))
    return "".join(pieces), variables


def _rewrite_plain(text: str, base: int, variables: list[TemplateVariable]) -> str:
    def replace(match: re.Match[str]) -> str:
        path = match.group("path")
        root = path.split(".", 1)[0]
        sigil = match.group("sigil")
        variables.append(TemplateVariable(root, path, base + match.start(), sigil))
        if sigil == "$":
            return f"{{{{ {path} | inline }}}}"
        block = f'{{{{ {path} | block("{path}") }}}}'
        if sigil == "@?":
            return f"{{% if {root} is defined and {root} is not none %}}{block}{{% endif %}}"
        return block

    return _SIGIL.sub(replace, text)


def parse_template(source: str) -> PromptTemplate:
    """Pre-process and parse a template, collecting every variable it reads.

    Raises:
        TemplateSyntaxProblem: when jinja2 cannot parse the result.
    """
    jinja_source, variables = _rewrite(source)
    try:
        ast = _environment().parse(jinja_source)
    except jinja2.TemplateSyntaxError as error:
        raise TemplateSyntaxProblem(error.message or "invalid template", _line_offset(source, error.lineno)) from None
    seen = {variable.root for variable in variables if variable.sigil != "@?"}
    raw = _raw_jinja_variables(source, ast)
    for name in sorted(raw - seen):
        found = re.search(rf"\b{re.escape(name)}\b", source)
        variables.append(TemplateVariable(name, name, found.start() if found else 0))
    for node in ast.find_all(jinja2.nodes.Getattr):
        if isinstance(node.node, jinja2.nodes.Name) and node.node.name in raw:
            path = f"{node.node.name}.{node.attr}"
            found = re.search(rf"\b{re.escape(path)}\b", source)
            if found is not None:
                variables.append(TemplateVariable(node.node.name, path, found.start()))
    return PromptTemplate(source, jinja_source, tuple(variables), private_reads=private_reads(ast, source))


def expression_variables(expression: str) -> set[str]:
    """The variables a jinja2 expression reads (``request.category == "x"`` reads ``request``).

    Raises:
        TemplateSyntaxProblem: it is not a valid expression.
    """
    return {path.split(".", 1)[0] for path in expression_paths(expression)}


def expression_paths(expression: str) -> set[str]:
    """The variables a jinja2 expression reads, with the first field read on each (``request.category``).

    Raises:
        TemplateSyntaxProblem: it is not a valid expression.
    """
    try:
        ast = _environment().parse("{{ (" + expression + ") }}")
    except jinja2.TemplateSyntaxError as error:
        raise TemplateSyntaxProblem(error.message or "invalid expression", None) from None
    paths = undeclared_names(ast)
    for node in ast.find_all(jinja2.nodes.Getattr):
        if isinstance(node.node, jinja2.nodes.Name) and node.node.name in paths:
            paths.add(f"{node.node.name}.{node.attr}")
    return paths


def expression_private_reads(expression: str) -> tuple[TemplateVariable, ...]:
    """The private names and attributes a jinja2 expression reads (offsets in ``expression``).

    Raises:
        TemplateSyntaxProblem: it is not a valid expression.
    """
    try:
        ast = _environment().parse("{{ (" + expression + ") }}")
    except jinja2.TemplateSyntaxError as error:
        raise TemplateSyntaxProblem(error.message or "invalid expression", None) from None
    return private_reads(ast, expression)


def private_reads(ast: jinja2.nodes.Template, source: str) -> tuple[TemplateVariable, ...]:
    """Reads of names or attributes starting with ``_`` (except the reserved ``_nb_output``), once each.

    ``ast`` may come from a rewritten ``source``; each read is located by finding its name in ``source``.
    """
    found: dict[str, TemplateVariable] = {}
    for name in sorted(undeclared_names(ast)):
        if is_private(name):
            match = re.search(rf"(?<![\w.]){re.escape(name)}\b", source)
            found.setdefault(name, TemplateVariable(name, name, match.start() if match else 0))
    for node in ast.find_all((jinja2.nodes.Getattr, jinja2.nodes.Getitem, jinja2.nodes.Filter)):
        if isinstance(node, jinja2.nodes.Getattr):
            attribute = node.attr
        elif isinstance(node, jinja2.nodes.Getitem) and isinstance(node.arg, jinja2.nodes.Const):
            attribute = node.arg.value if isinstance(node.arg.value, str) else ""
        elif isinstance(node, jinja2.nodes.Filter) and node.name == "attr" and node.args:
            first = node.args[0]
            attribute = first.value if isinstance(first, jinja2.nodes.Const) and isinstance(first.value, str) else ""
        else:
            continue
        if not attribute.startswith("_") or f".{attribute}" in found:
            continue
        match = re.search(rf"(?<=[.'\"]){re.escape(attribute)}\b", source)
        target = getattr(node, "node", None)
        root = target.name if isinstance(target, jinja2.nodes.Name) else ""
        found[f".{attribute}"] = TemplateVariable(root, attribute, match.start() if match else 0)
    return tuple(sorted(found.values(), key=lambda variable: variable.offset))


def evaluate_expression(expression: str, context: dict[str, Any]) -> Any:
    """The value of a jinja2 expression over plain data, in the sandbox.

    Raises:
        TemplateRenderError: the expression failed (a missing field, a refused operation, …).
    """
    try:
        value = _environment().compile_expression(expression, undefined_to_none=False)(**context)
        if isinstance(value, jinja2.Undefined):
            str(value)  # raises, naming what is missing
        return value
    except _RENDER_FAILURES as error:
        raise _render_error(f"the expression `{expression}`", error) from None


_RENDER_FAILURES = (
    jinja2.TemplateError,
    ArithmeticError,
    TypeError,
    ValueError,
    LookupError,
    MemoryError,
    RecursionError,
)


def _render_error(what: str, error: Exception) -> TemplateRenderError:
    """A readable error for a failure while rendering, whatever raised it (jinja2 or the data)."""
    if isinstance(error, jinja2.TemplateError):
        detail = re.sub(r"'[\w.]*TextValue object'", "a text", str(error.message or error))
        return TemplateRenderError(f"{what} could not be rendered: {detail}")
    return TemplateRenderError(f"{what} failed while rendering: {type(error).__name__}: {error}")


def _raw_jinja_variables(source: str, rewritten_ast: jinja2.nodes.Template) -> set[str]:
    """Variables read by the template's own ``{{ }}`` / ``{% %}`` (not by its sigils)."""
    if not undeclared_names(rewritten_ast):
        return set()
    without_sigils = "".join(tag.group(0) for tag in _JINJA_TAG.finditer(source))
    return undeclared_names(_environment().parse(without_sigils))


_SCOPE_NAMES = frozenset({"loop", "caller", "varargs", "kwargs"})


def undeclared_names(ast: jinja2.nodes.Template) -> set[str]:
    """The names a template reads from its context: one walk of the tree.

    ``jinja2.meta.find_undeclared_variables`` compiles the template to find them, several times slower on
    a whole library. This walk ignores scopes: a name assigned anywhere (``for``, ``set``, macro
    parameters) counts as declared everywhere, so it can miss a read, never invent one.
    """
    loaded: set[str] = set()
    declared: set[str] = set()
    for node in ast.find_all(jinja2.nodes.Name):
        (loaded if node.ctx == "load" else declared).add(node.name)
    return loaded - declared - _SCOPE_NAMES - set(_environment().globals)


def _line_offset(source: str, lineno: int) -> int | None:
    offset = 0
    for _ in range(max(0, lineno - 1)):
        newline = source.find("\n", offset)
        if newline < 0:
            return None
        offset = newline + 1
    return offset


def _inline(value: Any) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return render_text(value)


def _block(value: Any, name: str) -> str:
    return f"<{name}>\n{render_text(value)}\n</{name}>"


@lru_cache(maxsize=1)
def _environment() -> PromptSandbox:
    environment = PromptSandbox(
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
    )
    environment.filters["inline"] = _inline
    environment.filters["block"] = _block
    return environment


@lru_cache(maxsize=256)
def _compile(jinja_source: str) -> jinja2.Template:
    return _environment().from_string(jinja_source)
