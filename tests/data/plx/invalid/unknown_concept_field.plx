domain = "fields"

[concept.Review]
description = "A review"

[concept.Review.structure]
score = { type = "integer", description = "From 1 to 5" }
main_problem = "What to fix"

[concept.Note]
description = "A plain note"

[pipe.fix]
type = "PipeLLM"
description = "Reads a field that does not exist"
inputs = { review = "Review", note = "Note" }
output = "Text"
prompt = """
Fix this: $review.main_problems (score $review.score).
Note: $note.text and $note.author
"""
