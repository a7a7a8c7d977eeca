"""Build the lark parser of ``pipelex/grammar/plx.lark`` once per process.

Analysing the grammar into LALR tables takes about 50 ms; loading the result back from a cache
file takes about 5 ms, so the built parser is cached under the user's cache directory. The cache
is only an optimisation and can never break parsing: the file name carries a hash of the grammar,
of lark's version and of Python's, so a stale file is never read; a file that cannot be read,
is not ours or is corrupt is ignored and rebuilt; writes go through a temporary file and an
atomic rename; and a read-only or missing cache directory simply means no cache.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import stat
import sys
import tempfile
from importlib.resources import files
from pathlib import Path
from typing import Any

import lark

_OPTIONS: dict[str, Any] = {"parser": "lalr", "lexer": "contextual", "start": "start"}
_CACHE_PREFIX = "toml-grammar-"
_CACHE_SUFFIX = ".lark-cache"


def grammar_text() -> str:
    """The text of the TOML grammar shipped inside the package."""
    return (files("pipelex") / "grammar" / "plx.lark").read_text(encoding="utf-8")


def cache_dir() -> Path | None:
    """Where the built parser is cached: ``$PIPELEX_CACHE_DIR``, else the user cache dir.

    Setting ``PIPELEX_CACHE_DIR`` to an empty string disables the cache.
    """
    configured = os.environ.get("PIPELEX_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "pipelex" / "cache" if base else None
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "pipelex"
    try:
        return Path.home() / ".cache" / "pipelex"
    except RuntimeError:  # no home directory can be determined
        return None


def _cache_file(grammar: str) -> Path | None:
    directory = cache_dir()
    if directory is None:
        return None
    key = "\n".join([grammar, lark.__version__, sys.version, repr(sorted(_OPTIONS.items()))])
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]
    return directory / f"{_CACHE_PREFIX}{digest}{_CACHE_SUFFIX}"


def _is_trusted(path: Path) -> bool:
    """Only load a pickle that the current user owns and nobody else may write."""
    info = path.stat()
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False
    return not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _load_cached(path: Path) -> lark.Lark | None:
    try:
        if not _is_trusted(path):
            return None
        with path.open("rb") as stream:
            return lark.Lark.load(stream)
    except FileNotFoundError:
        return None
    except Exception:  # a corrupt or foreign cache file: rebuild instead
        return None


def _save_cached(parser: lark.Lark, path: Path) -> None:
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=_CACHE_SUFFIX, dir=path.parent)
        try:
            with os.fdopen(descriptor, "wb") as stream:
                parser.save(stream)
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        for stale in path.parent.glob(f"{_CACHE_PREFIX}*{_CACHE_SUFFIX}"):
            if stale != path:
                with contextlib.suppress(OSError):
                    stale.unlink()


def build_parser(use_cache: bool = True) -> lark.Lark:
    """Build the TOML parser, loading it from (and saving it to) the cache when allowed.

    Args:
        use_cache: read and write the cache file; ``False`` always analyses the grammar.

    Returns:
        A ``lark.Lark`` LALR parser with the contextual lexer, rooted at ``start``.
    """
    grammar = grammar_text()
    path = _cache_file(grammar) if use_cache else None
    if path is not None:
        cached = _load_cached(path)
        if cached is not None:
            return cached
    parser = lark.Lark(grammar, **_OPTIONS)
    if path is not None:
        _save_cached(parser, path)
    return parser


@functools.cache
def toml_parser() -> lark.Lark:
    """The process-wide TOML parser (built on first use)."""
    return build_parser()
