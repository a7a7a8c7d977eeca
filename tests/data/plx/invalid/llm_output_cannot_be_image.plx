domain = "illustration"

[concept]
CoverArt = { description = "A book cover", refines = "Image" }

[pipe.draw_cover]
type = "PipeLLM"
description = "Draw a book cover"
inputs = { title = "Text" }
output = "CoverArt"
prompt = "Draw a cover for the book $title."

[pipe.draw_thumbnails]
type = "PipeLLM"
description = "Draw thumbnails"
inputs = { title = "Text" }
output = "Image[3]"
prompt = "Draw three thumbnails for $title."
