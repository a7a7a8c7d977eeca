"""A module that fails when imported: the library reports it at the line that raised."""

from pydantic import BaseModel

SETTINGS = {"depth": 1}


class ReportModel(BaseModel):
    title: str


LIMIT = SETTINGS["width"]
