#!/usr/bin/env python3
"""Parses a Markdown file with markdown-it-py (CommonMark + tables) and prints its structure as JSON:
headings, fenced blocks (language, line count) and tables (the heading above, header cells, row cells)."""
import json
import sys

from markdown_it import MarkdownIt

tokens = MarkdownIt("commonmark").enable("table").parse(open(sys.argv[1], encoding="utf-8").read())
out = {"headings": [], "fences": [], "tables": [], "links": []}
heading = None
table = None
row = None
i = 0
while i < len(tokens):
    token = tokens[i]
    if token.type == "heading_open":
        heading = tokens[i + 1].content
        out["headings"].append(heading)
    elif token.type == "fence":
        out["fences"].append({"info": token.info, "lines": token.content.count("\n")})
    elif token.type == "table_open":
        table = {"heading": heading, "header": [], "rows": []}
    elif token.type == "tr_open":
        row = []
    elif token.type in ("th_open", "td_open"):
        row.append(tokens[i + 1].content)
    elif token.type == "tr_close":
        if not table["header"]:
            table["header"] = row
        else:
            table["rows"].append(row)
    elif token.type == "table_close":
        out["tables"].append(table)
        table = None
    elif token.type == "inline":
        for child in token.children or []:
            if child.type == "link_open":
                out["links"].append(child.attrGet("href"))
    i += 1
print(json.dumps(out, sort_keys=True))
