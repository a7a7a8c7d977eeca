domain = "hello_world"
description = "The smallest pipeline: one model call"
main_pipe = "write_haiku"

[pipe.write_haiku]
type = "PipeLLM"
description = "Write a haiku about a topic"
inputs = { topic = "Text" }
output = "Text"
model = { model = "gpt-4o-mini", temperature = 0.9 }
prompt = """
Write a haiku about $topic.
Answer with the haiku only.
"""
