domain = "typos"

[pipe.hello]
type = "PipeLMM"
description = "A typo in the pipe type"
output = "Text"
prompt = "Say hello"
