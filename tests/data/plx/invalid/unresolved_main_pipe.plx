domain = "haiku"
main_pipe = "write_haiku"

[pipe.write_haikus]
type = "PipeLLM"
description = "Write a haiku about a topic"
inputs = { topic = "Text" }
output = "Text"
prompt = "Write a haiku about $topic."
