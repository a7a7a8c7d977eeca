"""Our TOML parser: located tree, table origins, values, located error messages, grammar cache."""

from __future__ import annotations

import re
import tomllib
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from pipelex.exceptions import TomlSyntaxError
from pipelex.language import grammar_loader
from pipelex.language.source import SourceFile, Span
from pipelex.language.toml_parser import parse_toml, read_source
from pipelex.language.toml_tree import TomlArray, TomlScalar, TomlTable, to_python

DATA = Path(__file__).resolve().parents[1] / "data" / "toml"


def parse(text: str) -> TomlTable:
    return parse_toml(SourceFile("test.plx", text))


def parse_error(text: str) -> TomlSyntaxError:
    with pytest.raises(TomlSyntaxError) as caught:
        parse(text)
    return caught.value


def where(span: Span) -> tuple[int, int, int, int]:
    return span.line, span.column, span.end_line, span.end_column


def table(node: object) -> TomlTable:
    assert isinstance(node, TomlTable)
    return node


def scalar(node: object) -> TomlScalar:
    assert isinstance(node, TomlScalar)
    return node


def array(node: object) -> TomlArray:
    assert isinstance(node, TomlArray)
    return node


# ---------------------------------------------------------------------- the located tree

PIPELINE = (DATA / "pipeline.plx").read_text(encoding="utf-8")


def test_fixture_matches_tomllib() -> None:
    assert to_python(parse(PIPELINE)) == tomllib.loads(PIPELINE)


def test_spans_of_keys_and_values() -> None:
    root = parse(PIPELINE)
    assert where(root.key_span("domain")) == (2, 1, 2, 7)
    domain = scalar(root.entries["domain"])
    assert (domain.kind, domain.value, domain.string_style) == ("string", "demo", "basic")
    assert where(domain.span) == (2, 10, 2, 16)  # quotes included
    assert where(root.span) == (1, 1, len(PIPELINE.splitlines()) + 1, 1)


def test_spans_of_multi_line_strings_and_arrays() -> None:
    pipe = table(table(parse(PIPELINE).entries["pipe"]).entries["summarize"])
    prompt = scalar(pipe.entries["prompt"])
    assert prompt.value == "Summarize @text\nin one line.\n"
    assert prompt.string_style == "multiline_basic"
    assert where(prompt.span) == (11, 10, 14, 4)
    tags = array(pipe.entries["tags"])
    assert where(tags.span) == (15, 8, 18, 2)
    assert [where(item.span) for item in tags.items] == [(16, 3, 16, 9), (17, 3, 17, 10)]


def test_key_spans_of_dotted_keys() -> None:
    root = parse('a.b."c d" = 1\n')
    a = table(root.entries["a"])
    b = table(a.entries["b"])
    assert where(root.key_span("a")) == (1, 1, 1, 2)
    assert where(a.key_span("b")) == (1, 3, 1, 4)
    assert where(b.key_span("c d")) == (1, 5, 1, 10)
    assert (a.origin, where(a.span)) == ("dotted", (1, 1, 1, 2))


def test_key_spans_and_spans_of_headers() -> None:
    root = parse("x = 1\n[ pipe . summarize ]\ny = 2\n")
    pipe = table(root.entries["pipe"])
    summarize = table(pipe.entries["summarize"])
    assert where(root.key_span("pipe")) == (2, 3, 2, 7)
    assert where(pipe.key_span("summarize")) == (2, 10, 2, 19)
    assert (pipe.origin, summarize.origin) == ("implicit", "header")
    assert where(summarize.span) == (2, 1, 2, 21)
    assert where(summarize.key_span("y")) == (3, 1, 3, 2)


def test_table_origins() -> None:
    root = parse("a.b = 1\ninline = { c = 2 }\n[t.u]\n[t]\n[[items]]\nx = 1\n[[items]]\n")
    assert root.origin == "root"
    assert table(root.entries["a"]).origin == "dotted"
    assert table(root.entries["inline"]).origin == "inline"
    t = table(root.entries["t"])
    assert t.origin == "header"  # implicit first, then defined by its own header
    assert where(t.span) == (4, 1, 4, 4)
    assert table(t.entries["u"]).origin == "header"
    items = array(root.entries["items"])
    assert items.is_array_of_tables
    assert [table(item).origin for item in items.items] == ["array_element", "array_element"]
    assert [where(item.span) for item in items.items] == [(5, 1, 5, 10), (7, 1, 7, 10)]


def test_inline_table_span_is_its_braces() -> None:
    inline = table(parse("x = { a = 1, b = { c = 2 } }\n").entries["x"])
    assert where(inline.span) == (1, 5, 1, 29)
    assert where(table(inline.entries["b"]).span) == (1, 18, 1, 27)


def test_scalar_values() -> None:
    root = parse(
        "i = [0x1F, 0o17, 0b101, -9_223_372_036_854_775_808, +1]\n"
        "f = [1e3, -0.5, inf, -inf, 6.626e-34]\n"
        "d = [1979-05-27T07:32:00.999999999Z, 1979-05-27 07:32:00-07:00, 1979-05-27T07:32:00, 1979-05-27, 07:32:00.5]\n"
        "b = [true, false]\n"
    )
    assert to_python(root.entries["i"]) == [31, 15, 5, -(2**63), 1]
    assert to_python(root.entries["f"]) == [1000.0, -0.5, float("inf"), float("-inf"), 6.626e-34]
    assert to_python(root.entries["d"]) == [
        datetime(1979, 5, 27, 7, 32, 0, 999999, tzinfo=UTC),  # extra precision is truncated
        datetime(1979, 5, 27, 7, 32, tzinfo=timezone(-timedelta(hours=7))),
        datetime(1979, 5, 27, 7, 32),
        date(1979, 5, 27),
        time(7, 32, 0, 500000),
    ]
    kinds = [scalar(item).kind for item in array(root.entries["d"]).items]
    assert kinds == ["datetime", "datetime", "datetime-local", "date-local", "time-local"]
    assert to_python(root.entries["b"]) == [True, False]


def test_strings() -> None:
    text = "a = \"tab\\t\\u00e9\\U0001F600\"\nb = 'C:\\\\x'\nc = \"\"\"\r\none \\\r\n   two\r\n\"\"\"\nd = '''\nraw\\n'''\n"
    root = parse(text)
    assert to_python(root) == {"a": "tab\té😀", "b": "C:\\\\x", "c": "one two\n", "d": "raw\\n"}
    assert [scalar(root.entries[key]).string_style for key in "abcd"] == [
        "basic",
        "literal",
        "multiline_basic",
        "multiline_literal",
    ]


# ---------------------------------------------------------------------- located errors

ERRORS = [
    # (source, message (substring), line, column)
    ('name "x"\n', "expected `=` after the key `name`", 1, 6),
    ("name\n", "expected `=` after the key `name`", 1, 5),
    ("a.b c = 1\n", "expected `=` after the key `a.b`", 1, 5),
    ('a = "hello\nb = 1\n', 'unterminated string: the closing `"` is missing', 1, 5),
    ('x = 1\na = """hello\nb = 1\n', 'unterminated multi-line string: the closing `"""` is missing', 2, 5),
    ("a = [1, 2", "this array is not closed: expected `,` or `]`", 1, 10),
    ("a = [1 2]\n", "this array is not closed: expected `,` or `]`", 1, 8),
    ("a = {x = 1", "this inline table is not closed: expected `,` or `}`", 1, 11),
    ("a = {x = 1\nb = 2\n", "this inline table is not closed: expected `,` or `}`", 1, 11),
    ("x = 1\ny = 2\nx = 3\n", "the key `x` is already defined at line 1", 3, 1),
    ("[t]\nx = 1\n\n[t.u]\nx = 2\nx = 3\n", "the key `x` is already defined at line 5", 6, 1),
    ("[a]\nx = 1\n[b]\n[a]\n", "the table [a] is already defined at line 1", 4, 1),
    ('a = "foo\\qbar"\n', "invalid escape sequence `\\q` in a string", 1, 9),
    ("a = { x = 1,\n y = 2 }\n", "newlines are not allowed inside an inline table (TOML 1.0)", 1, 13),
    ("a = {x = 1, }\n", "trailing commas are not allowed in inline tables (TOML 1.0)", 1, 13),
    ("a = 1 b = 2\n", "expected a new line after the value: only one key/value pair per line", 1, 7),
    ("a = 1, b = 2\n", "only one key/value pair per line", 1, 6),
    ("model = gpt4\n", "expected a value, found the bare word `gpt4`", 1, 9),
    ("a =\n", "expected a value after `=`", 1, 4),
    ("[pipe.x\n", "this table header is not closed: expected `]` after `pipe.x`", 1, 8),
    ("[[items]\n", "this table header is not closed: expected `]]` after `items`", 1, 8),
    ("[a] x = 1\n", "expected a new line after the table header", 1, 5),
    ("= 1\n", "expected a key before `=`", 1, 1),
    ("ab$c = 1\n", "the character `$` is not allowed in a bare key", 1, 3),
    ("a = 9223372036854775808\n", "the integer `9223372036854775808` does not fit in 64 bits", 1, 5),
    ("a = 007\n", "invalid value `007`: leading zeros are not allowed in numbers", 1, 5),
    ("a = 1__0\n", "an underscore in a number must sit between two digits", 1, 5),
    ("d = 2023-02-30\n", "invalid date `2023-02-30`", 1, 13),
    ("t = 24:00:00\n", "invalid time `24:00:00`: the hour must be between 00 and 23", 1, 5),
    ("d = 1979-05-27T07:32\n", "invalid value `1979-05-27T07:32`", 1, 5),
    ("a = True\n", "invalid value `True`", 1, 5),
    ('a = "x\x01y"\n', "the control character U+0001 is not allowed in a string", 1, 7),
    ("# note\x7f\n", "the control character U+007F is not allowed in a comment", 1, 7),
    ("a = 1\rb = 2\n", "a carriage return (U+000D) is only allowed right before a line feed", 1, 6),
    ('"""k""" = 1\n', "a multi-line string cannot be used as a key", 1, 1),
    ("a.b = 1\n[a]\n", "the table [a] is already defined with dotted keys at line 1", 2, 1),
    ("a = 1\n[[a]]\n", "the key `a` is already defined at line 1", 2, 1),
    ("a = [1]\n[[a]]\n", "cannot append to `a` with [[a]]: it is a static array defined at line 1", 2, 1),
    ("[[a]]\n[a]\n", "the table [a] is already defined as an array of tables at line 1", 2, 1),
    ("a = {b = 1}\na.c = 2\n", "cannot add keys to `a`: it is an inline table", 2, 1),
    ("a = {b = 1}\n[a.c]\n", "cannot add keys to `a`: it is an inline table", 2, 2),
    ("[x.y]\nz = 1\n[x]\ny.w = 2\n", "cannot add keys to the table [x.y] with dotted keys", 4, 1),
    ("a = false\na.b = true\n", "the key `a` is already defined at line 1: it holds a value, not a table", 2, 1),
]


@pytest.mark.parametrize(("text", "message", "line", "column"), ERRORS, ids=[case[1][:50] for case in ERRORS])
def test_located_error(text: str, message: str, line: int, column: int) -> None:
    error = parse_error(text)
    assert message in error.message
    assert error.span is not None
    assert (error.span.line, error.span.column) == (line, column)


def test_bare_word_value_suggests_quotes() -> None:
    error = parse_error("model = gpt4\n")
    assert error.help_text == 'quote the value: `model = "gpt4"`'
    assert error.span is not None
    assert where(error.span) == (1, 9, 1, 13)


def test_duplicate_key_points_at_the_second_definition() -> None:
    error = parse_error('[pipe]\nname = "a"\n\nname = "b"\n')
    assert error.message == "the key `name` is already defined at line 2"
    assert error.span is not None
    assert where(error.span) == (4, 1, 4, 5)


def test_messages_never_show_grammar_names() -> None:
    """Truncated and mangled documents give plain-words messages, never a lark exception."""
    variants = [PIPELINE[:end] for end in range(0, len(PIPELINE), 2)]
    variants += [
        PIPELINE[:index] + char + PIPELINE[index:] for index in range(0, len(PIPELINE), 7) for char in '"]{=,.'
    ]
    internal = re.compile(r"[A-Z]{2,}_[A-Z]|\$END|_NEWLINE|_SEP|Token\(|Tree\(")
    errors: list[TomlSyntaxError] = []
    for variant in variants:
        try:
            parse(variant)
        except TomlSyntaxError as error:
            errors.append(error)
    assert len(errors) > len(variants) // 2
    assert all(error.span is not None for error in errors)
    assert [error.message for error in errors if internal.search(f"{error.message} {error.help_text}")] == []


# ---------------------------------------------------------------------- reading bytes


def test_read_source_strips_one_bom() -> None:
    source = read_source("x.toml", b"\xef\xbb\xbfa = 1\n")
    assert source.text == "a = 1\n"
    assert to_python(parse_toml(source)) == {"a": 1}


def test_second_bom_is_rejected() -> None:
    source = read_source("x.toml", b"\xef\xbb\xbf\xef\xbb\xbfa = 1\n")
    with pytest.raises(TomlSyntaxError, match="byte order mark"):
        parse_toml(source)


def test_invalid_utf8_is_located_at_the_bad_byte() -> None:
    with pytest.raises(TomlSyntaxError) as caught:
        read_source("x.toml", 'a = "é"\nb = "x\xff"\n'.encode("latin-1").replace(b"\xe9", "é".encode()))
    error = caught.value
    assert error.message == "invalid UTF-8: the byte 0xFF cannot appear here"
    assert error.span is not None
    assert (error.span.line, error.span.column) == (2, 7)


# ---------------------------------------------------------------------- grammar cache


def test_grammar_cache_is_written_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PIPELEX_CACHE_DIR", str(tmp_path))
    grammar_loader.build_parser()
    cached = list(tmp_path.glob("toml-grammar-*.lark-cache"))
    assert len(cached) == 1
    rebuilt = grammar_loader.build_parser()
    assert rebuilt.parse("a = 1\n") is not None


def test_corrupt_grammar_cache_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PIPELEX_CACHE_DIR", str(tmp_path))
    grammar_loader.build_parser()
    (cache_file,) = tmp_path.glob("toml-grammar-*.lark-cache")
    cache_file.write_bytes(b"not a pickle")
    assert grammar_loader.build_parser().parse("a = 1\n") is not None
    assert cache_file.read_bytes() != b"not a pickle"


def test_unusable_cache_dir_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("PIPELEX_CACHE_DIR", str(blocker / "cache"))  # cannot be created
    assert grammar_loader.build_parser().parse("a = 1\n") is not None
    monkeypatch.setenv("PIPELEX_CACHE_DIR", "")  # disabled
    assert grammar_loader.cache_dir() is None


def test_nesting_too_deep_to_read_is_a_located_error() -> None:
    from pipelex.exceptions import TomlSyntaxError
    from pipelex.language.source import SourceFile
    from pipelex.language.toml_parser import parse_toml

    text = 'domain = "x"\nv = ' + "[" * 2000 + "]" * 2000 + "\n"
    try:
        parse_toml(SourceFile("deep.plx", text))
    except TomlSyntaxError as error:
        assert error.span is not None
        assert (error.span.line, error.span.column) == (2, 105)
        assert "nested too deeply" in error.message
    else:
        raise AssertionError("a 2,000-level nesting must be refused")


def test_a_fifo_in_a_library_directory_is_skipped(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os

    from pipelex.language.library_loader import load_library

    (tmp_path / "ok.plx").write_text('domain = "x"\n', encoding="utf-8")
    os.mkfifo(tmp_path / "blocked.plx")
    library = load_library([str(tmp_path)])
    assert library.files == [str(tmp_path / "ok.plx")]
