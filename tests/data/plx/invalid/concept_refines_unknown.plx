domain = "contracts"

[concept.Contract]
description = "A signed agreement"
refines = "Documnet"

[pipe.summarize_contract]
type = "PipeLLM"
description = "Summarize the obligations of a contract"
inputs = { contract = "Contract" }
output = "Text"
prompt = "List the obligations of each party: @contract"
