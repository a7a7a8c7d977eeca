"""The dry-run search worker: placeholder sources on example.com, no network."""

from __future__ import annotations

from pipelex.cogt.search.search_job import SearchJob, SearchResult, SearchSource
from pipelex.cogt.search.search_worker_abstract import SearchWorkerAbstract

_DEFAULT_COUNT = 3


class MockSearchWorker(SearchWorkerAbstract):
    """Answers at once, deterministically for a given query."""

    async def _search(self, search_job: SearchJob) -> SearchResult:
        options = search_job.options
        count = _DEFAULT_COUNT if options.max_results is None else max(0, options.max_results)
        domain = options.include_domains[0] if options.include_domains else "example.com"
        sources = tuple(
            SearchSource(
                url=f"https://{domain}/mock-result-{number}",
                title=f"[dry run: mock result {number}]",
                snippet=f"[dry run: a passage about {search_job.query!r}]",
            )
            for number in range(1, count + 1)
        )
        answer = f"[dry run: mock answer to {search_job.query!r}]" if options.with_answer else None
        return SearchResult(answer=answer, sources=sources)
