"""Turn lark's parse tree of a TOML document into the located tree, enforcing TOML's semantic rules.

The grammar accepts the shape of a document; this module decides what it means and rejects what
TOML 1.0 forbids although it parses: duplicate keys, tables defined twice, dotted keys that reach
into a table defined elsewhere, additions to inline tables, ``[[x]]`` on a static array, and
every scalar error that ``toml_lexical`` detects. Methods are named after the grammar rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from lark import Token, Tree

from pipelex.exceptions import TomlSyntaxError
from pipelex.language import toml_lexical
from pipelex.language.source import SourceFile, Span
from pipelex.language.toml_tree import TomlArray, TomlTable, TomlValue

KeyPart = tuple[str, Span]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def token_span(token: Token) -> Span:
    """The span of a token, from the positions lark recorded while lexing."""
    return Span(
        cast(int, token.start_pos),
        cast(int, token.end_pos),
        cast(int, token.line),
        cast(int, token.column),
        cast(int, token.end_line),
        cast(int, token.end_column),
    )


def _between(first: Token, last: Token) -> Span:
    start, end = token_span(first), token_span(last)
    return Span(start.start, end.end, start.line, start.column, end.end_line, end.end_column)


def key_text(names: list[str]) -> str:
    """A dotted key as a user would write it, quoting the parts that are not bare keys."""
    return ".".join(name if _BARE_KEY.fullmatch(name) else '"' + name.replace('"', '\\"') + '"' for name in names)


@dataclass(slots=True)
class _Section:
    """Where key/value pairs go: a table, the number of its section, and its full key (for messages)."""

    table: TomlTable
    number: int
    path: list[str]


class TomlBuilder:
    """Builds the located tree of one document; use once per parse."""

    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.root = TomlTable(source.span(0, len(source.text)), "root")
        self.current = _Section(self.root, 0, [])
        self.headers = 0  # header sections count up from 1, inline tables down from -1
        self.inline_tables = 0
        # Tables created by dotted keys may only be extended by dotted keys of the same section.
        self.dotted_sections: dict[int, int] = {}

    def start(self, tree: Tree[Token]) -> TomlTable:
        """Apply every expression of the document, in order, and return the root table."""
        for expression in tree.children:
            node = cast(Tree[Token], expression)
            if node.data == "keyval":
                self.keyval(node, self.current)
            elif node.data == "std_table":
                self.std_table(node)
            else:
                self.array_table(node)
        return self.root

    # ------------------------------------------------------------------ keys and values

    def key(self, node: Token | Tree[Token]) -> list[KeyPart]:
        """The parts of a simple or dotted key, each with its span."""
        if isinstance(node, Token):
            return [self.simple_key(node)]
        return [self.simple_key(cast(Token, part)) for part in node.children]

    def simple_key(self, token: Token) -> KeyPart:
        """A bare or quoted key, unquoted and unescaped."""
        span = token_span(token)
        if token.type == "UNQUOTED_KEY":
            return str(token), span
        if token.type == "BASIC_STRING":
            return toml_lexical.basic_string(str(token), span.start, self.source), span
        return toml_lexical.literal_string(str(token), span.start, self.source), span

    def val(self, node: Token | Tree[Token], path: list[str]) -> TomlValue:
        """A scalar, an array or an inline table; ``path`` is the full key it is assigned to."""
        if isinstance(node, Token):
            return toml_lexical.scalar(node.type, str(node), token_span(node), self.source)
        if node.data == "array":
            return self.array(node, path)
        return self.inline_table(node, path)

    def array(self, tree: Tree[Token], path: list[str]) -> TomlArray:
        """A static array: ``[ val, ... ]`` (TOML 1.0 allows mixed types)."""
        children = tree.children
        span = _between(cast(Token, children[0]), cast(Token, children[-1]))
        return TomlArray([self.val(child, path) for child in children[1:-1]], span)

    def inline_table(self, tree: Tree[Token], path: list[str]) -> TomlTable:
        """A ``{ key = val, ... }`` table; complete once written."""
        children = tree.children
        table = TomlTable(_between(cast(Token, children[0]), cast(Token, children[-1])), "inline")
        # Each inline table is its own section: its dotted keys may extend each other only.
        self.inline_tables -= 1
        section = _Section(table, self.inline_tables, path)
        for keyval in children[1:-1]:
            self.keyval(cast(Tree[Token], keyval), section)
        return table

    def keyval(self, tree: Tree[Token], section: _Section) -> None:
        """``key = val`` in the section's table, creating the tables its dotted key names."""
        key_node, value_node = tree.children
        parts = self.key(key_node)
        target = self.dotted_key(section, parts)
        name, span = parts[-1]
        names = [part for part, _ in parts]
        if name in target.entries:
            first = target.key_spans[name].line
            raise TomlSyntaxError(f"the key `{key_text(names)}` is already defined at line {first}", span)
        target.entries[name] = self.val(value_node, section.path + names)
        target.key_spans[name] = span

    def dotted_key(self, section: _Section, parts: list[KeyPart]) -> TomlTable:
        """The table that receives the last part of a dotted key, creating the ones in between."""
        table = section.table
        for index, (name, span) in enumerate(parts[:-1]):
            existing = table.entries.get(name)
            if existing is None:
                child = TomlTable(span, "dotted")
                table.entries[name] = child
                table.key_spans[name] = span
                self.dotted_sections[id(child)] = section.number
                table = child
                continue
            names = [part for part, _ in parts[: index + 1]]
            if not isinstance(existing, TomlTable):
                raise _not_a_table(existing, key_text(names), span, table.key_spans[name])
            if existing.origin == "implicit":
                existing.origin = "dotted"
                self.dotted_sections[id(existing)] = section.number
            elif existing.origin != "dotted" or self.dotted_sections.get(id(existing)) != section.number:
                raise _closed_table(existing, section.path + names, span, table.key_spans[name])
            table = existing
        return table

    # ------------------------------------------------------------------ tables

    def std_table(self, tree: Tree[Token]) -> None:
        """A ``[table]`` header: defines the table (once) and makes it the current section."""
        open_token, key_node, close_token = tree.children
        header = _between(cast(Token, open_token), cast(Token, close_token))
        parts = self.key(key_node)
        parent = self.table_path(parts)
        name, span = parts[-1]
        path = key_text([part for part, _ in parts])
        existing = parent.entries.get(name)
        if existing is None:
            table = TomlTable(header, "header")
            parent.entries[name] = table
            parent.key_spans[name] = span
        elif isinstance(existing, TomlTable) and existing.origin == "implicit":
            existing.origin = "header"
            existing.span = header
            table = existing
        else:
            raise _redefinition(existing, path, header, parent.key_spans[name])
        self.headers += 1
        self.current = _Section(table, self.headers, [part for part, _ in parts])

    def array_table(self, tree: Tree[Token]) -> None:
        """A ``[[table]]`` header: appends a new table to an array of tables."""
        open_token, key_node, close_token = tree.children
        header = _between(cast(Token, open_token), cast(Token, close_token))
        parts = self.key(key_node)
        parent = self.table_path(parts)
        name, span = parts[-1]
        element = TomlTable(header, "array_element")
        existing = parent.entries.get(name)
        if existing is None:
            parent.entries[name] = TomlArray([element], header, is_array_of_tables=True)
            parent.key_spans[name] = span
        elif isinstance(existing, TomlArray) and existing.is_array_of_tables:
            existing.items.append(element)
        else:
            path = key_text([part for part, _ in parts])
            first = parent.key_spans[name].line
            if isinstance(existing, TomlArray):
                message = f"cannot append to `{path}` with [[{path}]]: it is a static array defined at line {first}"
            elif isinstance(existing, TomlTable):
                message = f"the table [{path}] is already defined at line {first}; it cannot become an array of tables"
            else:
                message = f"the key `{path}` is already defined at line {first}"
            raise TomlSyntaxError(message, header)
        self.headers += 1
        self.current = _Section(element, self.headers, [part for part, _ in parts])

    def table_path(self, parts: list[KeyPart]) -> TomlTable:
        """The parent of the table a header names, creating implicit tables on the way."""
        table = self.root
        for index, (name, span) in enumerate(parts[:-1]):
            existing = table.entries.get(name)
            if existing is None:
                child = TomlTable(span, "implicit")
                table.entries[name] = child
                table.key_spans[name] = span
                table = child
            elif isinstance(existing, TomlTable) and existing.origin != "inline":
                table = existing
            elif isinstance(existing, TomlArray) and existing.is_array_of_tables:
                table = cast(TomlTable, existing.items[-1])
            else:
                names = [part for part, _ in parts[: index + 1]]
                if isinstance(existing, TomlTable):  # an inline table
                    raise _closed_table(existing, names, span, table.key_spans[name])
                raise _not_a_table(existing, key_text(names), span, table.key_spans[name])
        return table


def _redefinition(existing: TomlValue, path: str, header: Span, first: Span) -> TomlSyntaxError:
    if isinstance(existing, TomlTable):
        if existing.origin == "header":
            return TomlSyntaxError(f"the table [{path}] is already defined at line {existing.span.line}", header)
        how = "with dotted keys" if existing.origin == "dotted" else "as an inline table"
        return TomlSyntaxError(f"the table [{path}] is already defined {how} at line {first.line}", header)
    if isinstance(existing, TomlArray) and existing.is_array_of_tables:
        message = f"the table [{path}] is already defined as an array of tables at line {first.line}"
        return TomlSyntaxError(message, header, f"use [[{path}]] to add a table to the array")
    return _not_a_table(existing, path, header, first)


def _closed_table(table: TomlTable, names: list[str], span: Span, first: Span) -> TomlSyntaxError:
    path = key_text(names)
    if table.origin == "inline":
        message = f"cannot add keys to `{path}`: it is an inline table, complete since line {first.line}"
        return TomlSyntaxError(message, span, "put every key of an inline table between its braces")
    if table.origin == "dotted":
        message = f"cannot add keys to `{path}` here: its dotted keys were written at line {first.line}"
        return TomlSyntaxError(message, span, "write all the dotted keys of a table in the same section")
    message = f"cannot add keys to the table [{path}] with dotted keys: it is defined at line {table.span.line}"
    return TomlSyntaxError(message, span, f"write the keys under the [{path}] header")


def _not_a_table(existing: TomlValue, path: str, span: Span, first: Span) -> TomlSyntaxError:
    if isinstance(existing, TomlArray) and existing.is_array_of_tables:
        message = f"the key `{path}` is already defined at line {first.line} as an array of tables"
        return TomlSyntaxError(message, span, f"keys of an array of tables go under its [[{path}]] headers")
    kind = "an array" if isinstance(existing, TomlArray) else "a value"
    message = f"the key `{path}` is already defined at line {first.line}: it holds {kind}, not a table"
    return TomlSyntaxError(message, span, "a key holds either a value or a table, never both")


def build_document(tree: Tree[Token], source: SourceFile) -> TomlTable:
    """Build the located root table of a parsed document.

    Args:
        tree: the parse tree lark returned for ``source``, rooted at the ``start`` rule.
        source: the text that was parsed, for spans of errors found inside tokens.

    Returns:
        The root table (origin ``"root"``).

    Raises:
        TomlSyntaxError: the document parses but breaks one of TOML's semantic rules.
    """
    return TomlBuilder(source).start(tree)
