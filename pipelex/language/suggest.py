""" "Did you mean" suggestions."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate closest to ``word``, compared case-insensitively, or ``None``."""
    pool = list(dict.fromkeys(candidates))
    lowered = {candidate.lower(): candidate for candidate in pool}
    matches = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=cutoff)
    return lowered[matches[0]] if matches else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A ready-to-print "did you mean `x`?" or ``None``."""
    match = closest(word, candidates)
    return f"did you mean `{match}`?" if match else None
