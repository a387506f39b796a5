"""Markdown (.md) into a layout, through markdown-it-py's CommonMark parser with pipe tables.

Markdown marks headings, lists and tables itself; the heading detector is asked only for a
title's numbering and about bold-only paragraphs ("**Speerpunten**"), which exports use as
minor headings. A heading titled as a table of contents takes its subtree with it into the TOC.
"""
from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..readers import _read_text
from .assemble import Element, HeadingMark, assemble
from .headings import run_in_head, short_title, split_heading
from .model import Layout, ListBlock, ListItem, Paragraph, Table
from .registry import register
from .tablehead import first_row_is_header
from .tocsplit import split_toc

_PARSER = MarkdownIt("commonmark", {"html": True}).enable("table")
_TAG = re.compile(r"<[^>]*>")


@register(".md", ".markdown")
def build_md(path: Path) -> Layout:
    return md_layout(_read_text(path, "md").pages[0].text)


def md_layout(text: str) -> Layout:
    stream = _walk(_PARSER.parse(text))
    toc, stream, toc_title = split_toc(stream)
    return Layout("md", assemble(stream), None, toc, [], toc_title=toc_title)


def inline_text(token: Token) -> str:
    """An inline token as plain text: markup, link targets and raw HTML left out, image alt text kept."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(" ".join(c.content for c in child.children or []))
    return " ".join("".join(parts).split())


def _bold_only(token: Token) -> bool:
    depth, seen = 0, False
    for child in token.children or []:
        if child.type == "strong_open":
            depth += 1
        elif child.type == "strong_close":
            depth -= 1
        elif child.type in ("text", "code_inline") and child.content.strip():
            if depth == 0:
                return False
            seen = True
    return seen


def _bold_lead(token: Token) -> tuple[str, str] | None:
    """(the bold text a paragraph opens with, the text after it), when it opens in bold and goes on."""
    lead: list[str] = []
    rest: list[str] = []
    depth, opened = 0, False
    for child in token.children or []:
        if child.type == "strong_open":
            depth += 1
            opened = opened or not "".join(lead + rest).strip()
        elif child.type == "strong_close":
            depth -= 1
        elif child.type in ("text", "code_inline", "softbreak", "hardbreak"):
            part = child.content if child.type in ("text", "code_inline") else " "
            (lead if opened and depth and not "".join(rest).strip() else rest).append(part)
    head, tail = " ".join("".join(lead).split()), " ".join("".join(rest).split())
    return (head, tail) if opened and head and tail else None


def _closing(tokens: list[Token], i: int) -> int:
    """Index of the token that closes tokens[i] (same nesting)."""
    depth = 0
    for j in range(i, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j
    return len(tokens) - 1


def _walk(tokens: list[Token]) -> list[Element]:
    out: list[Element] = []
    level = 0  # level of the last Markdown heading
    i = 0
    while i < len(tokens):
        t = tokens[i]
        page = None
        if t.type == "heading_open":
            level = int(t.tag[1])
            out.append(HeadingMark(split_heading(inline_text(tokens[i + 1])), level, page))
            i += 3
        elif t.type == "paragraph_open":
            inline = tokens[i + 1]
            text = inline_text(inline)
            lead = _bold_lead(inline)
            if _bold_only(inline) and short_title(text):
                out.append(HeadingMark(split_heading(text), level + 1, page))
            elif lead and (title := run_in_head(lead[0])):
                out += [HeadingMark(split_heading(title), level + 1, page), Paragraph(lead[1])]
            elif text:
                out.append(Paragraph(text))
            i += 3
        elif t.type in ("bullet_list_open", "ordered_list_open"):
            j = _closing(tokens, i)
            out.append(ListBlock(_items(tokens[i:j + 1])))
            i = j + 1
        elif t.type == "table_open":
            j = _closing(tokens, i)
            out.append(_table(tokens[i:j + 1]))
            i = j + 1
        else:
            text = _TAG.sub(" ", t.content) if t.type == "html_block" else t.content
            if t.type in ("fence", "code_block", "html_block") and text.strip():
                out.append(Paragraph(" ".join(text.split())))
            i += 1
    return out


def _items(tokens: list[Token]) -> list[ListItem]:
    """List items at every depth, in order; an item's paragraphs joined, nested items apart."""
    items: list[ListItem] = []
    open_items: list[ListItem] = []
    depth = 0
    for t in tokens:
        if t.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif t.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif t.type == "list_item_open":
            item = ListItem("", depth, f"{t.info}{t.markup}")
            items.append(item)
            open_items.append(item)
        elif t.type == "list_item_close":
            open_items.pop()
        elif open_items and t.type in ("inline", "fence", "code_block"):
            text = inline_text(t) if t.type == "inline" else " ".join(t.content.split())
            open_items[-1].text = " ".join(p for p in (open_items[-1].text, text) if p)
    return [it for it in items if it.text]


def _table(tokens: list[Token]) -> Table:
    header: list[str] | None = None
    rows: list[list[str]] = []
    row: list[str] = []
    in_head = False
    for t in tokens:
        if t.type == "thead_open":
            in_head = True
        elif t.type == "thead_close":
            in_head = False
        elif t.type == "tr_open":
            row = []
        elif t.type == "inline":
            row.append(inline_text(t))
        elif t.type == "tr_close":
            if in_head:
                header = row
            else:
                rows.append(row)
    if header is not None and not any(header) and first_row_is_header(rows):
        header = rows.pop(0)  # an empty header row with the real labels in the first body row
    return Table(header if header and any(header) else None, rows)
