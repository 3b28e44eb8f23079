"""A Markdown document as the blocks the importer reads: headings, list items, paragraph lines, tables, the rest.

The structure comes from markdown-it-py (CommonMark with tables), so a heading
inside a fenced code block is code, not a heading; the text of each block is
the source as written (emphasis, links and trailing ``<!-- {JSON} -->`` facts
kept), with its 1-based line number for warnings. Every non-blank line of the
document lands in exactly one block: what the parser set aside (a link
reference definition, say) comes back as an :class:`Other` block. No Textual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

BOX = re.compile(r"^\[( |x|X)\](?:[ \t]+|$)")
MARKER = re.compile(r"^\s*(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]+|$)")


@dataclass
class Heading:
    """A Markdown heading: its line, its level (the number of #) and its text."""

    line: int
    level: int
    text: str


@dataclass
class Item:
    """A list item's first paragraph; ``depth`` 1 for a top-level list, 2 for a list inside an item, …"""

    line: int
    depth: int
    text: str
    box: str | None = None  # " ", "x" or "X" for a checkbox item
    ordered: bool = False
    end: int = 0  # the last line of its first paragraph


@dataclass
class Line:
    """One line of a paragraph; ``depth`` > 0 when the paragraph is inside a list item (a detail of it)."""

    line: int
    text: str
    starts_paragraph: bool
    depth: int = 0


@dataclass
class Table:
    """A Markdown table: its first line, its header cells and its rows (each with its line)."""

    line: int
    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    source: str = ""


@dataclass
class Other:
    """A block the importer keeps as it is: code, HTML, a quote, or lines the parser set aside."""

    line: int
    kind: str
    source: str


Block = Heading | Item | Line | Table | Other


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").disable("inline")  # blocks only: texts are read as written


def split_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def read_blocks(text: str) -> list[Block]:
    """The blocks of ``text`` in document order."""
    return _Walker(split_lines(text)).run()


class _Walker:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.covered = [False] * len(lines)
        self.blocks: list[Block] = []

    def cover(self, start: int, end: int) -> None:
        for n in range(start, min(end, len(self.lines))):
            self.covered[n] = True

    def source(self, start: int, end: int) -> str:
        return "\n".join(self.lines[start:end]).strip("\n")

    def run(self) -> list[Block]:
        lines = self.lines
        end = _front_matter_end(lines)
        if end:  # YAML front matter (Jekyll, Hugo, …): one block, and no rule or heading for the parser
            self.blocks.append(Other(1, "front matter", self.source(0, end)))
            self.cover(0, end)
            lines = [""] * end + lines[end:]
        tokens = _parser().parse("\n".join(lines))
        self.walk(tokens)
        start: int | None = None
        for n, covered in enumerate([*self.covered, True]):
            blank = n < len(self.lines) and not self.lines[n].strip()
            if (covered or blank) and start is not None:
                self.blocks.append(Other(start + 1, "unread", self.source(start, n)))
                start = None
            elif not covered and not blank and start is None:
                start = n
        self.blocks.sort(key=lambda block: block.line)  # stable: an item stays before the lines it holds
        return self.blocks

    def walk(self, tokens: list[Token]) -> None:
        depth = 0
        i = 0
        while i < len(tokens):
            token = tokens[i]
            kind = token.type
            where = token.map or [0, 0]
            if kind == "heading_open":
                inline = tokens[i + 1]
                self.blocks.append(Heading(where[0] + 1, int(token.tag[1]), " ".join(inline.content.split("\n"))))
                self.cover(*where)
                i += 3
                continue
            if kind in ("bullet_list_open", "ordered_list_open"):
                depth += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                depth -= 1
            elif kind == "list_item_open":
                i = self.item(tokens, i, depth)
                continue
            elif kind == "paragraph_open":
                for n in range(where[0], where[1]):
                    if self.lines[n].strip():
                        self.blocks.append(Line(n + 1, self.lines[n].strip(), n == where[0], depth))
                self.cover(*where)
                i += 3
                continue
            elif kind == "table_open":
                i = self.table(tokens, i)
                continue
            elif kind in ("fence", "code_block", "html_block"):
                self.blocks.append(Other(where[0] + 1, kind.split("_")[0], self.source(*where)))
                self.cover(*where)
            elif kind == "blockquote_open":
                self.blocks.append(Other(where[0] + 1, "quote", self.source(*where)))
                self.cover(*where)
                i = _closing(tokens, i) + 1
                continue
            elif kind == "hr":
                self.cover(*where)  # a rule between sections says nothing
            i += 1

    def item(self, tokens: list[Token], i: int, depth: int) -> int:
        """Read the item opening at ``tokens[i]``; return the index of the token after its first paragraph."""
        token = tokens[i]
        start = (token.map or [0, 0])[0]
        ordered = token.markup in (".", ")")
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if after is not None and after.type == "paragraph_open" and after.map and after.map[0] == start:
            text = " ".join(tokens[i + 2].content.split("\n"))
            self.cover(*after.map)
            end = after.map[1]
            next_index = i + 4
        else:  # an empty item, or one that opens with a heading, a fence or HTML: its first line as written
            text = MARKER.sub("", self.lines[start], count=1).strip()
            self.cover(start, start + 1)
            end = start + 1
            next_index = _closing(tokens, i)  # whatever else it holds is kept as unread lines
        box = BOX.match(text)
        if box:
            self.blocks.append(Item(start + 1, depth, text[box.end() :].strip(), box.group(1), ordered, end))
        else:
            self.blocks.append(Item(start + 1, depth, text, None, ordered, end))
        return next_index

    def table(self, tokens: list[Token], i: int) -> int:
        where = tokens[i].map or [0, 0]
        table = Table(where[0] + 1, [], source=self.source(*where))
        row: list[str] = []
        row_line = where[0]
        while tokens[i].type != "table_close":
            token = tokens[i]
            if token.type == "tr_open":
                row, row_line = [], (token.map or [row_line])[0]
            elif token.type == "inline":
                row.append(token.content.strip())
            elif token.type == "tr_close":
                if table.header:
                    table.rows.append((row_line + 1, row))
                else:
                    table.header = row
            i += 1
        self.cover(*where)
        self.blocks.append(table)
        return i + 1


def _front_matter_end(lines: list[str]) -> int:
    """The number of lines of a leading ``---`` … ``---`` block, or 0."""
    if not lines or lines[0].rstrip() != "---":
        return 0
    for n in range(1, min(len(lines), 200)):
        if lines[n].rstrip() in ("---", "..."):
            return n + 1
    return 0


def _closing(tokens: list[Token], i: int) -> int:
    """The index of the token that closes ``tokens[i]``."""
    level = tokens[i].level
    closing = tokens[i].type.replace("_open", "_close")
    j = i + 1
    while j < len(tokens) and not (tokens[j].type == closing and tokens[j].level == level):
        j += 1
    return j
