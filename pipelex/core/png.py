"""Encoding PNG images with the standard library only (zlib + struct): page renderings and mock images."""

from __future__ import annotations

import struct
import zlib

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_COLOR_TYPES = {1: 0, 3: 2, 4: 6}  # channels → PNG colour type (grey, RGB, RGBA)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def encode_png(width: int, height: int, pixels: bytes, *, channels: int = 3, stride: int | None = None) -> bytes:
    """A PNG of ``width`` by ``height`` 8-bit pixels, rows top to bottom.

    Args:
        pixels: grey, RGB or RGBA bytes, ``stride`` bytes per row (default: ``width * channels``).
        channels: 1 (grey), 3 (RGB) or 4 (RGBA).

    Raises:
        ValueError: unsupported ``channels`` or too few bytes.
    """
    if channels not in _COLOR_TYPES:
        raise ValueError(f"PNG encoding supports 1, 3 or 4 channels, not {channels}")
    row_size = width * channels
    stride = stride or row_size
    if width < 1 or height < 1 or len(pixels) < stride * (height - 1) + row_size:
        raise ValueError(f"{len(pixels)} bytes cannot hold a {width}x{height} image")
    rows = b"".join(b"\x00" + pixels[row * stride : row * stride + row_size] for row in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, _COLOR_TYPES[channels], 0, 0, 0)
    return PNG_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows, 6)) + _chunk(b"IEND", b"")


def png_size(data: bytes) -> tuple[int, int] | None:
    """The (width, height) of a PNG, or ``None`` when ``data`` is not one."""
    if not data.startswith(PNG_SIGNATURE) or len(data) < 24 or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def mock_png(width: int = 64, height: int = 64, variant: int = 0) -> bytes:
    """A small, real PNG for dry runs: a soft diagonal gradient, the same for a given ``variant``."""
    pixels = bytearray()
    shift = (variant * 37) % 64
    for y in range(height):
        for x in range(width):
            red, green = 64 + shift + (x * 128) // width, 96 + (y * 96) // height
            pixels += bytes((red, green, 192 - ((x + y) * 64) // (width + height)))
    return encode_png(width, height, bytes(pixels))
