"""Tables as text: one model for every command's rows, fitted to where they go.

A table is its columns and rows of plain strings. Where it goes decides its form:

* a terminal: fitted to the terminal's width. Columns have a role: ``key`` cells
  (a verdict) are never cut; ``extra`` columns are left out, rightmost first,
  before anything is cut; ``text`` cells are cut with an ellipsis (rich's table
  folds them instead); last, ``id`` cells (run ids) are shortened in the middle
  (``lightning_logs/…/version_3``), keeping both ends;
* a pipe or a file: plain rows that never wrap, each column padded to its widest
  cell, so that ``grep`` finds a whole row and ``column``/``awk`` split it;
* ``--format tsv``: tab-separated, one header line, no padding (tabs and line
  breaks inside a cell become spaces).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from curvecli.errors import printable

GAP = "  "  # between the columns of a plain table
ELLIPSIS = "…"
MIN_ID = 20  # an id column is never shortened below this many characters
MIN_TEXT = 12  # nor a text column cut below this many
FOLDED_TEXT = 24  # a text column that folds (rich) is given at least this width


@dataclass(frozen=True)
class Column:
    name: str
    role: str = "text"  # key | id | text | number | extra
    right: bool = False  # right-justified (numbers)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def shorten_middle(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters, its middle replaced by an ellipsis."""
    if len(text) <= width:
        return text
    if width <= 1:
        return text[:width]
    head = (width - 1) // 2
    tail = width - 1 - head
    return text[:head] + ELLIPSIS + (text[-tail:] if tail else "")


def _clean(cell: str) -> str:
    return printable(str(cell)).replace("\t", " ").replace("\n", " ")


def _widths(columns: list[Column], rows: list[list[str]]) -> list[int]:
    return [max([len(column.name)] + [len(row[i]) for row in rows])
            for i, column in enumerate(columns)]


def fit(columns: list[Column], rows: list[list[str]], width: int, per_column: int = len(GAP),
        cut_text: bool = True) -> tuple[list[Column], list[list[str]]]:
    """The columns and rows that fit in ``width`` characters, each column costing
    ``per_column`` more (the gap, or a box's borders and padding). In order: extra columns
    go, then (``cut_text``) text is cut, then ids shorten in the middle; keys stay whole."""
    rows = [[_clean(cell) for cell in row] for row in rows]

    def _total(widths: list[int]) -> int:
        if not cut_text:  # text will fold: it needs only a reasonable width
            widths = [min(w, FOLDED_TEXT) if c.role == "text" else w
                      for w, c in zip(widths, columns)]
        return sum(widths) + per_column * len(widths)

    while _total(_widths(columns, rows)) > width and any(c.role == "extra" for c in columns):
        drop = max(i for i, c in enumerate(columns) if c.role == "extra")
        columns = columns[:drop] + columns[drop + 1:]
        rows = [row[:drop] + row[drop + 1:] for row in rows]
    for role, least in (("text", MIN_TEXT), ("id", MIN_ID))[0 if cut_text else 1:]:
        widths = _widths(columns, rows)
        excess = _total(widths) - width
        flexible = [i for i, c in enumerate(columns) if c.role == role and widths[i] > least]
        for i in sorted(flexible, key=lambda i: -widths[i]):
            if excess <= 0:
                break
            new = max(least, widths[i] - excess)
            excess -= widths[i] - new
            cut = shorten_middle if role == "id" else _cut_end
            rows = [row[:i] + [cut(row[i], new)] + row[i + 1:] for row in rows]
    return columns, rows


def _cut_end(text: str, width: int) -> str:
    return text if len(text) <= width else text[:max(width - 1, 0)] + ELLIPSIS


def plain_lines(columns: list[Column], rows: list[list[str]], rule: bool = False) -> list[str]:
    """Rows padded to their columns' widths, never wrapped (trailing spaces stripped)."""
    rows = [[_clean(cell) for cell in row] for row in rows]
    widths = _widths(columns, rows)

    def line(cells: list[str]) -> str:
        return GAP.join(cell.rjust(w) if column.right else cell.ljust(w)
                        for cell, w, column in zip(cells, widths, columns)).rstrip()

    lines = [line([column.name for column in columns])]
    if rule:
        lines.append(GAP.join("-" * w for w in widths))
    return lines + [line(row) for row in rows]


def tsv(columns: list[Column], rows: list[list[str]]) -> str:
    """Tab-separated values with a header line."""
    lines = ["\t".join(column.name for column in columns)]
    lines += ["\t".join(_clean(cell) for cell in row) for row in rows]
    return "\n".join(lines) + "\n"
