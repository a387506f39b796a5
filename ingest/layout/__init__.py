"""One layout pass: every reader yields the same document layout (see `model.py`).

Importing the package registers the builders for every supported extension; `build_layout`
picks one by the file's extension.
"""
from __future__ import annotations

from . import from_docx, from_html, from_md, from_pdf, from_txt  # noqa: F401  (registration)
from .model import (Block, Boilerplate, Layout, ListBlock, ListItem, Paragraph, Section, Table, TableMatch,
                    TocEntry)
from .registry import build_layout, register, supported

__all__ = [
    "Block", "Boilerplate", "Layout", "ListBlock", "ListItem", "Paragraph", "Section", "Table", "TableMatch",
    "TocEntry", "build_layout", "register", "supported",
]
