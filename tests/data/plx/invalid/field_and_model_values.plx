domain = "f"
[concept.T.structure]
_private = "x"
json = "y"
n = { type = "integer", default_value = "abc" }
c = { type = "text", choices = ["a", "b"], default_value = "z" }
e = { type = "text", choices = [] }
ok = { type = "number", default_value = 3 }
flag = { type = "boolean", default_value = 1 }

[pipe.p]
type = "PipeLLM"
description = "d"
inputs = { t = "T" }
output = "Text"
model = { model = "gpt-4o-mini", temperature = "hot" }
prompt = "$t"

[pipe.q]
type = "PipeLLM"
description = "d"
output = "Text"
model = { temperature = 0.2, top_k = 3 }
prompt = "hi"

[pipe.s]
type = "PipeSequence"
description = "d"
inputs = { one = "Text" }
output = "Text"
steps = [{ pipe = "q", batch_over = "one", batch_as = "x", result = "r" }]
