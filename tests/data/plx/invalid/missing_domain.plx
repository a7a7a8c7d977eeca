description = "No domain"

[pipe.hello]
type = "PipeLLM"
description = "Hello"
output = "Text"
prompt = "Say hello"
