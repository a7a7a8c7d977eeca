domain = "media_pipes"
description = "PipeExtract and PipeImgGen with every field"

[concept]
Scan = { description = "A scanned page", refines = "Image" }
Poster = { description = "A poster", refines = "Image" }

[concept.Brief]
description = "What to draw"
refines = "ImgGenPrompt"

[pipe.read_document]
type = "PipeExtract"
description = "Pages with their images and renderings"
inputs = { document = "Document" }
output = "Page[]"
model = "extract_text_from_pdf"
max_page_images = 3
page_views = true
page_views_dpi = 100
page_image_captions = false

[pipe.read_scan_text]
type = "PipeExtract"
description = "All the text of a scan"
inputs = { scan = "Scan" }
output = "Text"

[pipe.draw_posters]
type = "PipeImgGen"
description = "Posters from a prompt template"
inputs = { theme = "Text" }
output = "Poster[2]"
prompt = "A poster about $theme"
negative_prompt = "text, watermark"
model = "gen_image_fast"
size = "1024x1536"
seed = 42
background = "opaque"
output_format = "png"
is_raw = false

[pipe.draw_brief]
type = "PipeImgGen"
description = "The brief is the prompt"
inputs = { brief = "Brief" }
output = "Image"
aspect_ratio = "landscape_16_9"
seed = "auto"
