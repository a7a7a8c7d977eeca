"""Scalar conversion for TOML 1.0: strings and their escapes, integers, floats, dates and times.

The grammar only checks the shape of a scalar token. This module checks what a regular
expression cannot (escape sequences, control characters, the int64 range, real calendar
dates and clock times) and converts the token text into its Python value.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, timezone

from pipelex.exceptions import TomlSyntaxError
from pipelex.language.source import SourceFile, Span
from pipelex.language.toml_tree import ScalarValue, StringStyle, TomlScalar, TomlScalarKind

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1

_SINGLE_LINE_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
# In multi-line strings a newline is content, but a carriage return must start a CRLF pair.
_MULTI_LINE_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)")
_BASIC_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.?)", re.DOTALL)
# Multi-line basic strings add the line-ending backslash; CRLF is normalized to LF.
_ML_BASIC_ESCAPE = re.compile(r"\\([ \t]*\r?\n[ \t\r\n]*|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.?)|\r\n", re.DOTALL)
_SIMPLE_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _error(source: SourceFile, start: int, end: int, message: str, help_text: str | None = None) -> TomlSyntaxError:
    return TomlSyntaxError(message, source.span(start, end), help_text)


def _check_controls(pattern: re.Pattern[str], body: str, offset: int, source: SourceFile, literal: bool) -> None:
    found = pattern.search(body)
    if found is None:
        return
    char = found.group()[0]
    code = f"U+{ord(char):04X}"
    where = offset + found.start()
    if literal:
        raise _error(source, where, where + 1, f"the control character {code} is not allowed in a literal string")
    raise _error(
        source,
        where,
        where + 1,
        f"the control character {code} is not allowed in a string",
        f"write it as an escape: `\\u{ord(char):04X}`",
    )


def _unicode_escape(digits: str, source: SourceFile, where: int) -> str:
    code = int(digits[1:], 16)
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise _error(
            source,
            where,
            where + len(digits) + 1,
            f"invalid escape sequence `\\{digits}`: {code:X} is not a Unicode scalar value",
        )
    return chr(code)


def _unescape(pattern: re.Pattern[str], body: str, offset: int, source: SourceFile) -> str:
    def replace(match: re.Match[str]) -> str:
        escape = match.group(1)
        if escape is None:  # a CRLF pair in a multi-line string
            return "\n"
        simple = _SIMPLE_ESCAPES.get(escape)
        if simple is not None:
            return simple
        where = offset + match.start()
        if len(escape) > 1 and escape[0] in "uU":
            return _unicode_escape(escape, source, where)
        if "\n" in escape:
            return ""  # a line-ending backslash trims the line break and the whitespace after it
        if escape in ("u", "U"):
            width = 4 if escape == "u" else 8
            message = f"invalid escape sequence `\\{escape}`: expected {width} hexadecimal digits"
            raise _error(source, where, where + 2, message)
        help_text = 'valid escapes are \\b \\t \\n \\f \\r \\" \\\\ \\uXXXX \\UXXXXXXXX; write `\\\\` for a backslash'
        if escape in (" ", "\t"):
            help_text = "a line-ending backslash must be the last character on its line"
        message = f"invalid escape sequence `\\{escape}` in a string"
        raise _error(source, where, where + 1 + len(escape), message, help_text)

    return pattern.sub(replace, body)


def basic_string(text: str, start: int, source: SourceFile) -> str:
    """The value of a `"..."` token; ``start`` is the offset of its opening quote."""
    body = text[1:-1]
    _check_controls(_SINGLE_LINE_CONTROL, body, start + 1, source, literal=False)
    if "\\" not in body:
        return body
    return _unescape(_BASIC_ESCAPE, body, start + 1, source)


def literal_string(text: str, start: int, source: SourceFile) -> str:
    """The value of a `'...'` token."""
    body = text[1:-1]
    _check_controls(_SINGLE_LINE_CONTROL, body, start + 1, source, literal=True)
    return body


def _multi_line_body(text: str, start: int) -> tuple[str, int]:
    """The content between the triple quotes without the newline that may follow the opening ones."""
    body, offset = text[3:-3], start + 3
    if body.startswith("\n"):
        return body[1:], offset + 1
    if body.startswith("\r\n"):
        return body[2:], offset + 2
    return body, offset


def ml_basic_string(text: str, start: int, source: SourceFile) -> str:
    """The value of a `\"\"\"...\"\"\"` token: escapes resolved, line-ending backslashes applied."""
    body, offset = _multi_line_body(text, start)
    _check_controls(_MULTI_LINE_CONTROL, body, offset, source, literal=False)
    if "\\" not in body and "\r" not in body:
        return body
    return _unescape(_ML_BASIC_ESCAPE, body, offset, source)


def ml_literal_string(text: str, start: int, source: SourceFile) -> str:
    """The value of a `'''...'''` token."""
    body, offset = _multi_line_body(text, start)
    _check_controls(_MULTI_LINE_CONTROL, body, offset, source, literal=True)
    return body.replace("\r\n", "\n")


def integer(text: str, start: int, source: SourceFile) -> int:
    """The value of a decimal, hexadecimal, octal or binary integer token, checked against int64."""
    digits = text.replace("_", "")
    prefix = digits[:2]
    base = 16 if prefix == "0x" else 8 if prefix == "0o" else 2 if prefix == "0b" else 10
    value = int(digits if base == 10 else digits[2:], base)
    if not INT64_MIN <= value <= INT64_MAX:
        raise _error(
            source,
            start,
            start + len(text),
            f"the integer `{text}` does not fit in 64 bits",
            f"TOML integers range from {INT64_MIN} to {INT64_MAX}; use a float or a string for larger numbers",
        )
    return value


def float_value(text: str, start: int, source: SourceFile) -> float:
    """The value of a float token, including `inf` and `nan` with their optional sign."""
    del start, source  # the grammar has already checked the shape; every match converts
    return float(text.replace("_", ""))


def _check_date(text: str, start: int, source: SourceFile) -> date:
    year, month, day = int(text[0:4]), int(text[5:7]), int(text[8:10])
    if not 1 <= month <= 12:
        raise _error(source, start + 5, start + 7, f"invalid date `{text[:10]}`: there is no month {month}")
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    last_day = 29 if month == 2 and leap else _DAYS_IN_MONTH[month - 1]
    if not 1 <= day <= last_day:
        raise _error(
            source, start + 8, start + 10, f"invalid date `{text[:10]}`: the month has days 01 to {last_day:02d}"
        )
    if year == 0:
        raise _error(source, start, start + 4, f"invalid date `{text[:10]}`: year 0000 is not supported")
    return date(year, month, day)


def _check_time(text: str, start: int, source: SourceFile) -> time:
    hour, minute, second = int(text[0:2]), int(text[3:5]), int(text[6:8])
    for value, limit, position, name in ((hour, 23, 0, "hour"), (minute, 59, 3, "minute"), (second, 59, 6, "second")):
        if value > limit:
            where = start + position
            message = f"invalid time `{text[:8]}`: the {name} must be between 00 and {limit}"
            raise _error(source, where, where + 2, message)
    # Extra precision is truncated, never rounded, as TOML requires.
    fraction = text[9:15].ljust(6, "0") if len(text) > 8 else "0"
    return time(hour, minute, second, int(fraction))


def _offset(text: str, start: int, source: SourceFile) -> timezone:
    if text in ("Z", "z"):
        return UTC
    hours, minutes = int(text[1:3]), int(text[4:6])
    if hours > 23 or minutes > 59:
        raise _error(source, start, start + len(text), f"invalid time offset `{text}`")
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if text[0] == "-" else delta)


def local_date(text: str, start: int, source: SourceFile) -> date:
    """The value of a `YYYY-MM-DD` token."""
    return _check_date(text, start, source)


def local_time(text: str, start: int, source: SourceFile) -> time:
    """The value of a `HH:MM:SS[.fraction]` token."""
    return _check_time(text, start, source)


def local_date_time(text: str, start: int, source: SourceFile) -> datetime:
    """The value of a date-time token without an offset."""
    return datetime.combine(_check_date(text, start, source), _check_time(text[11:], start + 11, source))


def offset_date_time(text: str, start: int, source: SourceFile) -> datetime:
    """The value of a date-time token with `Z` or a `+HH:MM`/`-HH:MM` offset."""
    split = len(text) - 1 if text[-1] in "Zz" else len(text) - 6
    moment = local_date_time(text[:split], start, source)
    return moment.replace(tzinfo=_offset(text[split:], start + split, source))


# Why a word that looks like a number, a date or a boolean is not a TOML value, tried in order:
# (pattern, reason appended to the message, help).
_INVALID_VALUE_REASONS: tuple[tuple[re.Pattern[str], str | None, str | None], ...] = (
    (
        re.compile(r"[0-9]+-[0-9]|[0-9]+:"),
        None,
        "write dates as YYYY-MM-DD, times as HH:MM:SS and date-times as YYYY-MM-DDTHH:MM:SS[Z]",
    ),
    (
        re.compile(r"[+-]?(?:true|false|inf|nan)[A-Za-z]*$", re.IGNORECASE),
        None,
        "booleans are `true` and `false`, special floats `inf` and `nan`, all lowercase",
    ),
    (re.compile(r"[+-]?0[0-9_]"), "leading zeros are not allowed in numbers", None),
    (
        re.compile(r".*(?:__|_$|_[.eE]|[.eE]_|0[xob]_)|[+-]?_"),
        "an underscore in a number must sit between two digits",
        None,
    ),
    (
        re.compile(r"[+-]?0[XOB]|[+-]0[xob]"),
        None,
        "prefixed integers are unsigned and the prefixes are lowercase: 0x, 0o, 0b",
    ),
    (re.compile(r"[+-]?\.|.*(?:\.$|\.[eE_]|\.\.)"), "a decimal point needs digits on both sides", None),
)


def explain_invalid_value(word: str) -> tuple[str, str | None]:
    """A message and a help text for a malformed number, date or boolean such as ``0123``."""
    message = f"invalid value `{word}`"
    for pattern, reason, help_text in _INVALID_VALUE_REASONS:
        if pattern.match(word):
            return (f"{message}: {reason}" if reason else message), help_text
    return message, None


_Converter = Callable[[str, int, SourceFile], ScalarValue]
_SCALARS: dict[str, tuple[TomlScalarKind, _Converter, StringStyle | None]] = {
    "BASIC_STRING": ("string", basic_string, "basic"),
    "ML_BASIC_STRING": ("string", ml_basic_string, "multiline_basic"),
    "LITERAL_STRING": ("string", literal_string, "literal"),
    "ML_LITERAL_STRING": ("string", ml_literal_string, "multiline_literal"),
    "DEC_INT": ("integer", integer, None),
    "HEX_INT": ("integer", integer, None),
    "OCT_INT": ("integer", integer, None),
    "BIN_INT": ("integer", integer, None),
    "FLOAT": ("float", float_value, None),
    "SPECIAL_FLOAT": ("float", float_value, None),
    "OFFSET_DATE_TIME": ("datetime", offset_date_time, None),
    "LOCAL_DATE_TIME": ("datetime-local", local_date_time, None),
    "LOCAL_DATE": ("date-local", local_date, None),
    "LOCAL_TIME": ("time-local", local_time, None),
}


def scalar(terminal: str, text: str, span: Span, source: SourceFile) -> TomlScalar:
    """Convert one scalar token, named by its grammar terminal, into a located ``TomlScalar``."""
    if terminal == "BOOLEAN":
        return TomlScalar("bool", text == "true", span)
    kind, convert, style = _SCALARS[terminal]
    return TomlScalar(kind, convert(text, span.start, source), span, style)
