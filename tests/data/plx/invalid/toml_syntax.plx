domain = "broken"

[pipe.hello]
type = "PipeLLM"
output "Text"
