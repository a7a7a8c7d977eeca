"""Moving the bytes held in ``data:`` URLs (generated images, page renderings, mocks) into files of the results.

The saved JSON then references each file by its path relative to the output folder (``media/x-1.png``).
"""

from __future__ import annotations

import mimetypes
from typing import Any

from pipelex.core.media_values import decode_data_url

MEDIA_DIR = "media"
_MEDIA_KINDS = ("image", "document")
_EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg", "image/webp": ".webp", "application/pdf": ".pdf"}


class MediaFiles:
    """The files to write beside the JSON results, by relative path; the same bytes are written once."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self._paths: dict[str, str] = {}
        self._counts: dict[str, int] = {}

    def externalize(self, value: Any, stem: str) -> Any:
        """``value`` (plain JSON data) with every media ``data:`` URL replaced by the path of its file."""
        if isinstance(value, list):
            return [self.externalize(item, stem) for item in value]
        if not isinstance(value, dict):
            return value
        result = {key: self.externalize(item, stem) for key, item in value.items()}
        url = result.get("url")
        if result.get("kind") in _MEDIA_KINDS and isinstance(url, str) and url.startswith("data:"):
            result["url"] = self._file_for(url, stem)
        return result

    def _file_for(self, url: str, stem: str) -> str:
        known = self._paths.get(url)
        if known is not None:
            return known
        try:
            data, mime_type = decode_data_url(url)
        except ValueError:
            return url  # not ours to fix: saved as it is
        index = self._counts.get(stem, 0) + 1
        self._counts[stem] = index
        extension = _EXTENSIONS.get(mime_type) or mimetypes.guess_extension(mime_type) or ".bin"
        path = f"{MEDIA_DIR}/{_safe(stem)}-{index}{extension}"
        self.files[path] = data
        self._paths[url] = path
        return path


def _safe(stem: str) -> str:
    return "".join(char if char.isalnum() or char in "-_" else "_" for char in stem) or "media"
