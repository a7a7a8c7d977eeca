domain = "review"

[concept.CodeReview]
description = "A review of a change"

[concept.CodeReview.structure]
style = "Remarks on style"
security = "Remarks on security"

[concept]
Verdict = "Whether to merge"

[pipe.review_style]
type = "PipeLLM"
description = "Review the style of a diff"
inputs = { diff = "Text" }
output = "Text"
prompt = "Review the style of this diff: @diff"

[pipe.review_security]
type = "PipeLLM"
description = "Review the security of a diff"
inputs = { diff = "Text" }
output = "Text"
prompt = "Review the security of this diff: @diff"

[pipe.review_all]
type = "PipeParallel"
description = "Run both reviews at once"
inputs = { diff = "Text" }
output = "Verdict"
combined_output = "CodeReview"
branches = [
    { pipe = "review_style", result = "style" },
    { pipe = "review_security", result = "safety" },
]
