"""Seeded random corruptions of a file's bytes: what a half-saved file, a bad merge or a stray keystroke leaves."""

from __future__ import annotations

import random
from collections.abc import Callable

_INSERTS: tuple[bytes, ...] = (
    b'"',
    b"'",
    b'"""',
    b"'''",
    b"[",
    b"]",
    b"[[",
    b"{",
    b"}",
    b"=",
    b",",
    b"\x00",
    b"\\",
    b"\n",
    b"#",
)
_INSERTS += (
    b"\xff",
    b"\xc3",
    b"\xe9",
    b"\xed\xa0\x80",
    b"{{",
    b"}}",
    b"{%",
    b"$",
    b"@",
    b".",
    b"\t",
    b"\r",
    b"\xef\xbb\xbf",
)


def _delete_chars(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + data[at + rng.randint(1, 8) :]


def _insert(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(_INSERTS) + data[at:]


def _duplicate_chars(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + data[at : at + rng.randint(1, 12)] + data[at:]


def _swap_chars(data: bytes, rng: random.Random) -> bytes:
    if len(data) < 2:
        return data
    first, second = sorted(rng.sample(range(len(data)), 2))
    return (
        data[:first]
        + data[second : second + 1]
        + data[first + 1 : second]
        + data[first : first + 1]
        + data[second + 1 :]
    )


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _delete_line(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    del lines[rng.randrange(len(lines))]
    return b"\n".join(lines)


def _duplicate_line(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    at = rng.randrange(len(lines))
    lines.insert(rng.randrange(len(lines) + 1), lines[at])
    return b"\n".join(lines)


def _swap_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    first, second = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[first], lines[second] = lines[second], lines[first]
    return b"\n".join(lines)


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _garble_byte(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    at = rng.randrange(len(data))
    return data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]


CORRUPTIONS: tuple[Callable[[bytes, random.Random], bytes], ...] = (
    _delete_chars,
    _insert,
    _duplicate_chars,
    _swap_chars,
    _delete_line,
    _duplicate_line,
    _swap_lines,
    _truncate,
    _garble_byte,
)


def corrupt(data: bytes, rng: random.Random) -> bytes:
    """One to three random corruptions, chosen and placed by ``rng``."""
    for _ in range(rng.randint(1, 3)):
        data = rng.choice(CORRUPTIONS)(data, rng)
    return data
