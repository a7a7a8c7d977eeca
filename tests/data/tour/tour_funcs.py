"""The Python side of the tour: a function a PipeFunc calls."""

from pipelex import pipe_func


@pipe_func
def tour_worry(summary: object) -> str:
    """Bad news, from the summary's title."""
    return f"Worrying: {getattr(summary, 'title', summary)}"
