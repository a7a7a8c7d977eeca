# A small .plx-like document used by tests/language/test_toml_parser.py (spans are asserted).
domain = "demo"
description = 'Summaries'

[concept]
Summary = "A short text"

[pipe.summarize]
type = "PipeLLM"
inputs = { text = "Text" }
prompt = """
Summarize @text
in one line.
"""
tags = [
  "fast",
  "small",
]
temperature = 0.2

[[pipe.summarize.examples]]
input = "long text"

[[pipe.summarize.examples]]
input = "another"
