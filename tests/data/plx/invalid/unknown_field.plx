domain = "fields"
descripton = "A typo in the header"

[pipe.hello]
type = "PipeLLM"
description = "A typo in a pipe field"
output = "Text"
promt = "Say hello"
