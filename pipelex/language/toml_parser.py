"""Parse TOML 1.0 text into the located tree, with errors that say what was expected.

This module is the only place where lark's exceptions are caught: each one is turned into a
``TomlSyntaxError`` whose message is written for users, in plain words, and whose span points
at the offending token or character. The wording is chosen from what the parser could have
accepted at that point (asked to lark's interactive parser) and from the text around it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import cast

from lark import Token, Tree
from lark.exceptions import LarkError, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from pipelex.exceptions import TomlSyntaxError
from pipelex.language.grammar_loader import toml_parser
from pipelex.language.source import SourceFile, Span
from pipelex.language.toml_builder import build_document
from pipelex.language.toml_lexical import explain_invalid_value
from pipelex.language.toml_tree import TomlTable

_BOM = "\ufeff"
_KEY_STARTS = frozenset({"UNQUOTED_KEY", "BASIC_STRING", "LITERAL_STRING"})
_VALUE_STARTS = frozenset(
    {
        "BASIC_STRING", "ML_BASIC_STRING", "LITERAL_STRING", "ML_LITERAL_STRING", "BOOLEAN",
        "DEC_INT", "HEX_INT", "OCT_INT", "BIN_INT", "FLOAT", "SPECIAL_FLOAT",
        "OFFSET_DATE_TIME", "LOCAL_DATE_TIME", "LOCAL_DATE", "LOCAL_TIME", "LBRACKET", "LBRACE",
    }
)  # fmt: skip
_LINE_ENDS = frozenset({"_NEWLINE", "$END"})
_PUNCTUATION = {
    "_KEYVAL_SEP": "`=`", "_DOT_SEP": "`.`", "_ARRAY_SEP": "`,`", "LBRACKET": "`[`", "RBRACKET": "`]`",
    "ARRAY_TABLE_OPEN": "`[[`", "ARRAY_TABLE_CLOSE": "`]]`", "LBRACE": "`{`", "RBRACE": "`}`",
    "_NEWLINE": "the end of the line", "$END": "the end of the file",
}  # fmt: skip
_WORD = re.compile(r"[0-9A-Za-z_.:+-]*")
_BARE_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_QUOTE_HELP = "a string ends on the line it starts; use triple quotes for text on several lines"
_BARE_KEY_HELP = "bare keys may only contain ASCII letters, digits, `_` and `-`; quote the key to use other characters"


def read_source(path: str, data: bytes) -> SourceFile:
    """Decode a TOML file: strict UTF-8, one leading byte order mark removed.

    Args:
        path: the path to report in diagnostics, as the user gave it.
        data: the raw bytes of the file.

    Returns:
        The decoded source file.

    Raises:
        TomlSyntaxError: the bytes are not valid UTF-8; the span locates the first bad byte.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return SourceFile(path, data.decode("utf-8"))
    except UnicodeDecodeError as error:
        before = data[: error.start].decode("utf-8")
        line = before.count("\n") + 1
        column = len(before) - before.rfind("\n")
        span = Span.point(len(before), line, column)
        message = f"invalid UTF-8: the byte 0x{data[error.start]:02X} cannot appear here"
        raise TomlSyntaxError(message, span, "TOML files must be encoded in UTF-8") from None


def parse_toml(source: SourceFile) -> TomlTable:
    """Parse a TOML 1.0 document into its located root table.

    Args:
        source: the decoded text, without its byte order mark (``read_source`` removes it).

    Returns:
        The root table, with origin ``"root"``.

    Raises:
        TomlSyntaxError: the text is not valid TOML 1.0; ``span`` locates the problem.
    """
    try:
        tree = toml_parser().parse(source.text)
        return build_document(tree, source)
    except UnexpectedInput as error:
        raise _syntax_error(error, source) from None
    except LarkError as error:  # not expected from a valid grammar; still never leak lark's types
        raise TomlSyntaxError(f"invalid TOML: {error}") from None
    except RecursionError:
        offset = _deepest_nesting(source.text)
        raise TomlSyntaxError(
            "arrays or inline tables are nested too deeply to read",
            source.span(offset, offset + 1),
            f"keep nesting under {MAX_NESTING} levels",
        ) from None


MAX_NESTING = 100


def _deepest_nesting(text: str) -> int:
    """Where brackets first nest more than ``MAX_NESTING`` deep (strings roughly skipped), else 0."""
    depth, quote = 0, ""
    for offset, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return offset
        elif char in "]}":
            depth = max(0, depth - 1)
    return 0


# ---------------------------------------------------------------------- error messages


class _Failure:
    """What the parser saw where it stopped, and what it could have accepted there."""

    def __init__(self, error: UnexpectedInput, source: SourceFile) -> None:
        self.source = source
        self.text = source.text
        self.token: Token | None = error.token if isinstance(error, UnexpectedToken) else None
        self.kind = self.token.type if self.token is not None else "CHAR"
        interactive = error.interactive_parser
        self.expected: set[str] = set()
        self.stack: list[object] = []
        if interactive is not None:
            accepts = cast(Callable[[], set[str]], interactive.accepts)
            try:
                self.expected = accepts()
            except LarkError:  # keep the lexer's view of what was allowed
                self.expected = set(getattr(error, "expected", None) or getattr(error, "allowed", None) or ())
            self.stack = list(interactive.parser_state.value_stack)
        self.offset = self._offset(error)

    def _offset(self, error: UnexpectedInput) -> int:
        if isinstance(error, UnexpectedEOF):
            return len(self.text)
        if self.token is None:
            return max(0, int(error.pos_in_stream or 0))
        start, end = self.token.start_pos or 0, self.token.end_pos or 0
        if self.kind != "$END":
            return start
        # At the end of the file lark repeats the last token's position; point just after it.
        return start if self.text[start : start + 1] in ("\n", "\r") else end

    @property
    def span(self) -> Span:
        if self.offset >= len(self.text):
            return self.source.span(self.offset, self.offset)
        if self.token is None or self.kind in _LINE_ENDS:  # one character, kept on its line
            line, column = self.source.position(self.offset)
            return Span.point(self.offset, line, column)
        return self.source.span(self.offset, self.offset + len(self.token))

    def newline_in_inline_table(self, opened: str | None) -> TomlSyntaxError:
        """A line break inside an inline table: a forgotten `}`, or TOML 1.1's multi-line tables."""
        rest = self.text[self.offset :]
        next_header = re.search(r"^[ \t]*\[", rest, re.MULTILINE)
        if "}" in rest[: next_header.start() if next_header else len(rest)]:
            return self.error("newlines are not allowed inside an inline table (TOML 1.0)", opened)
        return self.error(
            "this inline table is not closed: expected `,` or `}`",
            "an inline table ends on the line it starts (TOML 1.0 allows no newlines inside)",
        )

    @property
    def char(self) -> str:
        return self.text[self.offset : self.offset + 1]

    @property
    def found(self) -> str:
        if self.kind in _PUNCTUATION:
            return _PUNCTUATION[self.kind]
        if self.token is None:
            return _show_char(self.char)
        return "a multi-line string" if "\n" in self.token else f"`{self.token}`"

    def key_before(self) -> str:
        """The key written just before the error (an `=` after it is skipped), as in the text."""
        start, end = -1, -1
        for item in reversed(self.stack):
            if isinstance(item, Token) and item.type == "_KEYVAL_SEP" and end < 0:
                continue
            if isinstance(item, Tree) and str(item.data).lstrip("_").startswith("dotted_key"):
                tokens = list(item.scan_values(lambda value: isinstance(value, Token)))
            elif isinstance(item, Token) and (item.type in _KEY_STARTS or item.type == "_DOT_SEP"):
                tokens = [item]
            else:
                break
            if not tokens:
                break
            start = tokens[0].start_pos or 0
            end = max(end, tokens[-1].end_pos or 0)
        return self.text[start:end] if start >= 0 else ""

    def expression_start(self) -> object:
        """The first item of the expression being parsed: what follows the last top-level newline."""
        first: object = None
        for item in reversed(self.stack):
            if isinstance(item, Token) and item.type == "_NEWLINE":
                break
            first = item
        return first

    def innermost_bracket(self) -> Token | None:
        """The innermost array or inline table still open, from the parser's stack."""
        for item in reversed(self.stack):
            if isinstance(item, Token) and item.type in ("LBRACKET", "LBRACE"):
                return item
        return None

    def error(self, message: str, help_text: str | None = None, span: Span | None = None) -> TomlSyntaxError:
        return TomlSyntaxError(message, span or self.span, help_text)


def _show_char(char: str) -> str:
    if not char:
        return "the end of the file"
    if char.isprintable() and not char.isspace():
        return f"`{char}`"
    return f"the character U+{ord(char):04X}"


def _syntax_error(error: UnexpectedInput, source: SourceFile) -> TomlSyntaxError:
    failure = _Failure(error, source)
    for explain in (_character_error, _value_word_error, _key_error, _value_error, _container_error, _line_error):
        explained = explain(failure)
        if explained is not None:
            return explained
    return failure.error(f"unexpected {failure.found}: expected {_describe(failure.expected)}")


def _describe(expected: set[str]) -> str:
    words = ["a value"] if "DEC_INT" in expected else ["a key"] if expected & _KEY_STARTS else []
    words += sorted({_PUNCTUATION[name] for name in expected if name in _PUNCTUATION and name != "LBRACE"})
    return " or ".join(words) if words else "something else"


def _character_error(failure: _Failure) -> TomlSyntaxError | None:
    """Characters no token can start with: unterminated strings, control characters, a BOM."""
    char = failure.char
    if char in ('"', "'"):
        return _unterminated_string(failure, char)
    if failure.kind != "CHAR":
        return None
    if char == _BOM:
        return failure.error("a byte order mark (U+FEFF) is only allowed at the very start of the file")
    if char == "\r":
        return failure.error("a carriage return (U+000D) is only allowed right before a line feed")
    if char == "\x7f" or (char < " " and char not in "\t\n"):
        line_start = failure.text.rfind("\n", 0, failure.offset) + 1
        where = "in a comment" if "#" in failure.text[line_start : failure.offset] else "here"
        return failure.error(
            f"the control character U+{ord(char):04X} is not allowed {where}",
            "only tab is allowed; inside a basic string, write it as an escape such as `\\u0000`",
        )
    return None


def _unterminated_string(failure: _Failure, quote: str) -> TomlSyntaxError | None:
    # An unclosed `"""abc` lexes as the empty string `""` then `"abc`: the error is on the third quote.
    triple, text, offset = quote * 3, failure.text, failure.offset
    start = offset - 2 if text[max(0, offset - 2) : offset + 1] == triple else offset
    if text[start : start + 3] == triple and (start < offset or failure.kind == "CHAR"):
        if _multi_line_string(quote).match(text, start):
            return None  # a complete multi-line string, used where it is not allowed
        span = failure.source.span(start, start + 3)
        help_text = None
        if quote * 6 in text[start + 3 :]:
            help_text = f"a run of three to five `{quote}` closes the string; six or more in a row cannot"
        message = f"unterminated multi-line string: the closing `{triple}` is missing"
        return failure.error(message, help_text, span)
    if failure.kind != "CHAR":
        return None
    return failure.error(f"unterminated string: the closing `{quote}` is missing", _QUOTE_HELP)


@functools.cache
def _multi_line_string(quote: str) -> re.Pattern[str]:
    """The grammar's own pattern for a complete multi-line string opened with ``quote``."""
    terminal = toml_parser().get_terminal("ML_BASIC_STRING" if quote == '"' else "ML_LITERAL_STRING")
    return re.compile(terminal.pattern.to_regexp())


def _value_word_error(failure: _Failure) -> TomlSyntaxError | None:
    """A malformed value the lexer split in two, such as ``0123`` or ``1979-05-27T07:32``."""
    if failure.expected & (_VALUE_STARTS | _KEY_STARTS) or failure.kind == "_NEWLINE":
        return None
    text, offset = failure.text, failure.offset
    start = offset
    while start > 0 and _WORD.fullmatch(text[start - 1]):
        start -= 1
    word_end = _WORD.match(text, offset)
    end = word_end.end() if word_end else offset
    if offset in (start, end):
        return None
    if text[start - 1 : start] == " " and _DATE.fullmatch(text[max(0, start - 11) : start - 1]):
        start -= 11  # a date-time written with a space
    message, help_text = explain_invalid_value(text[start:end])
    return failure.error(message, help_text, failure.source.span(start, end))


def _key_error(failure: _Failure) -> TomlSyntaxError | None:
    """Errors where a key was expected, or right after one."""
    expected = failure.expected
    if "DEC_INT" in expected:
        return None
    if expected & {"_KEYVAL_SEP", "RBRACKET", "ARRAY_TABLE_CLOSE"} and "_ARRAY_SEP" not in expected:
        return _after_key_error(failure)  # a key was read: `=`, `]` or `]]` must follow
    if not expected & _KEY_STARTS:
        return None
    bracket = failure.innermost_bracket()
    if bracket is not None and bracket.type == "LBRACE":
        return _inline_table_key_error(failure)
    return _missing_key_error(failure)


def _missing_key_error(failure: _Failure) -> TomlSyntaxError:
    """A key was expected: at the start of a line, after `.`, or between the brackets of a header."""
    if failure.text[: failure.offset].rstrip().endswith("."):
        return failure.error(f"expected a key after `.`, found {failure.found}")
    if "LBRACKET" not in failure.expected:
        return failure.error(f"expected the name of a table between the brackets, found {failure.found}")
    if failure.kind == "_KEYVAL_SEP":
        return failure.error("expected a key before `=`")
    help_text = _BARE_KEY_HELP if failure.kind == "CHAR" and not failure.char.isspace() else None
    return failure.error(f"expected a key or a [table] header, found {failure.found}", help_text)


def _after_key_error(failure: _Failure) -> TomlSyntaxError:
    """After a key: `=` in a key/value pair, `]` or `]]` in a table header."""
    key = failure.key_before()
    if key in ('""', "''") and failure.char == key[0]:
        span = failure.source.span(failure.offset - 2, failure.offset + 1)
        return failure.error("a multi-line string cannot be used as a key", "use a basic or literal string", span)
    previous = failure.text[failure.offset - 1 : failure.offset]
    if failure.kind == "CHAR" and not failure.char.isspace() and previous.strip():
        return failure.error(f"the character {_show_char(failure.char)} is not allowed in a bare key", _BARE_KEY_HELP)
    help_text = None
    if failure.kind == "UNQUOTED_KEY" and _BARE_WORD.fullmatch(key):
        help_text = f'a key cannot contain spaces unless it is quoted: `"{key} {failure.token}"`'
    if "_KEYVAL_SEP" in failure.expected:
        return failure.error(f"expected `=` after the key `{key}`", help_text)
    close = "`]`" if "RBRACKET" in failure.expected else "`]]`"
    return failure.error(f"this table header is not closed: expected {close} after `{key}`", help_text)


def _inline_table_key_error(failure: _Failure) -> TomlSyntaxError:
    if failure.kind == "RBRACE":
        return failure.error("trailing commas are not allowed in inline tables (TOML 1.0)")
    if failure.kind == "_NEWLINE":
        return failure.newline_in_inline_table(None)
    if failure.kind == "$END":
        return failure.error("this inline table is not closed: expected a key or `}`")
    return failure.error(f"expected a key in the inline table, found {failure.found}")


def _value_error(failure: _Failure) -> TomlSyntaxError | None:
    """Errors where a value was expected: after `=`, after `[` or `,` in an array."""
    expected, kind = failure.expected, failure.kind
    if "DEC_INT" not in expected:
        return None
    if "RBRACKET" in expected and kind == "_ARRAY_SEP":
        return failure.error("expected a value in the array, found `,`")
    if "RBRACKET" in expected and kind == "$END":
        return failure.error("this array is not closed: expected a value or `]`")
    if kind in _LINE_ENDS or kind in ("RBRACE", "_ARRAY_SEP"):
        return failure.error(f"expected a value after `=`, found {failure.found}")
    return _value_word_error_at(failure)


def _value_word_error_at(failure: _Failure) -> TomlSyntaxError:
    """A word where a value was expected: an unquoted string, or a malformed number or date."""
    match = _WORD.match(failure.text, failure.offset)
    word = match.group() if match else ""
    if not word:
        return failure.error(f"expected a value, found {failure.found}")
    span = failure.source.span(failure.offset, failure.offset + len(word))
    if _BARE_WORD.fullmatch(word) and word.lower() not in ("true", "false", "inf", "nan"):
        after_equals = bool(failure.stack) and getattr(failure.stack[-1], "type", None) == "_KEYVAL_SEP"
        key = failure.key_before() if after_equals else ""
        example = f'`{key} = "{word}"`' if key else f'`"{word}"`'
        return failure.error(f"expected a value, found the bare word `{word}`", f"quote the value: {example}", span)
    message, help_text = explain_invalid_value(word)
    return failure.error(message, help_text, span)


def _container_error(failure: _Failure) -> TomlSyntaxError | None:
    """Errors after a value inside an array or an inline table."""
    if "_ARRAY_SEP" not in failure.expected:
        return None
    bracket = failure.innermost_bracket()
    opened = f"it opens at line {bracket.line}, column {bracket.column}" if bracket is not None else None
    if "RBRACE" in failure.expected:
        if failure.kind == "_NEWLINE":
            return failure.newline_in_inline_table(opened)
        return failure.error("this inline table is not closed: expected `,` or `}`", opened)
    return failure.error("this array is not closed: expected `,` or `]`", opened)


def _line_error(failure: _Failure) -> TomlSyntaxError | None:
    """Errors after a complete key/value pair or table header: only a new line may follow."""
    if not failure.expected or not failure.expected <= _LINE_ENDS:
        return None
    first = failure.expression_start()
    is_header = isinstance(first, Tree) and first.data in ("std_table", "array_table")
    if is_header or (isinstance(first, Token) and first.type in ("LBRACKET", "ARRAY_TABLE_OPEN")):
        return failure.error(f"expected a new line after the table header, found {failure.found}")
    rest = failure.text[failure.offset :].partition("\n")[0]
    if failure.kind in _KEY_STARTS or failure.kind == "_ARRAY_SEP" or "=" in rest:
        help_text = "TOML does not separate key/value pairs with commas" if failure.kind == "_ARRAY_SEP" else None
        return failure.error("expected a new line after the value: only one key/value pair per line", help_text)
    return failure.error(f"unexpected {failure.found} after the value", "a key/value pair ends with its line")
