#!/usr/bin/env python3
"""Reads Markdown files with markdown-it-py (CommonMark + tables) and prints, as JSON, the text a reader sees:
for each file its headings, paragraphs and tables (the heading above, header cells, row cells), every inline span
rendered to plain text. Markup that survived as markup is kept visible: emphasis as *...*, strong as **...**,
a link as [text](href), raw HTML as it was written, so a test comparing texts notices it.

Usage: markdown-text.py FILE... (prints {"FILE": {...}, ...})"""
import json
import sys

from markdown_it import MarkdownIt

MARKERS = {"em_open": "*", "em_close": "*", "strong_open": "**", "strong_close": "**", "s_open": "~~", "s_close": "~~"}


def inline_text(token):
    out = []
    for child in token.children or []:
        if child.type in ("text", "text_special", "code_inline", "html_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif child.type in MARKERS:
            out.append(MARKERS[child.type])
        elif child.type == "link_open":
            out.append("[")
        elif child.type == "link_close":
            out.append("](link)")
        elif child.type == "image":
            out.append("![" + child.content + "](image)")
        else:
            out.append("<" + child.type + ">")
    return "".join(out)


def structure(text):
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    out = {"headings": [], "paragraphs": [], "tables": [], "blocks": []}
    heading = None
    table = None
    row = None
    in_paragraph = False
    for i, token in enumerate(tokens):
        if token.type.endswith("_open") and token.level == 0 or token.type in ("fence", "code_block", "hr", "html_block"):
            out["blocks"].append(token.type)
        if token.type == "heading_open":
            heading = inline_text(tokens[i + 1])
            out["headings"].append(heading)
        elif token.type == "paragraph_open":
            in_paragraph = True
        elif token.type == "paragraph_close":
            in_paragraph = False
        elif token.type == "inline" and in_paragraph and table is None:
            out["paragraphs"].append(inline_text(token))
        elif token.type == "table_open":
            table = {"heading": heading, "header": [], "rows": []}
        elif token.type == "tr_open":
            row = []
        elif token.type in ("th_open", "td_open"):
            row.append(inline_text(tokens[i + 1]))
        elif token.type == "tr_close":
            if not table["header"]:
                table["header"] = row
            else:
                table["rows"].append(row)
        elif token.type == "table_close":
            out["tables"].append(table)
            table = None
    return out


result = {}
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as handle:
        result[path] = structure(handle.read())
print(json.dumps(result, sort_keys=True, ensure_ascii=True))
