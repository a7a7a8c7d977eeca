"""pipelex: run declarative AI pipelines written in .plx files."""

__version__ = "0.1.0"
