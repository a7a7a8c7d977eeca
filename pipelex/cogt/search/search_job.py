"""A web search request: the query, the options, and what comes back (an answer and its sources)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class SearchOptions:
    """How to search; ``None`` leaves the provider's default.

    Attributes:
        max_results: at most this many sources.
        include_domains: search only these domains (``example.com``), if given.
        exclude_domains: never return sources from these domains.
        with_answer: also ask for an answer written from the sources (providers that cannot leave it empty).
    """

    max_results: int | None = None
    include_domains: tuple[str, ...] = ()
    exclude_domains: tuple[str, ...] = ()
    with_answer: bool = True


@dataclass(frozen=True, slots=True)
class SearchJob:
    """One search to run, and a label for reports (usually the pipe code)."""

    query: str
    options: SearchOptions = field(default_factory=SearchOptions)
    job_label: str = ""


@dataclass(frozen=True, slots=True)
class SearchSource:
    """One source found: where it is, its title, and the passage that matched."""

    url: str
    title: str = ""
    snippet: str = ""


@dataclass(frozen=True, slots=True)
class SearchResult:
    """What a search found: an answer written from the sources (when asked and given), and the sources."""

    answer: str | None
    sources: tuple[SearchSource, ...] = ()
