"""Text that is not Markdown, made safe to put in Markdown: plain text and Word runs are
escaped so that nothing in them turns into markup by accident (``*``, ``_``, ``#`` at a line
start, ``<tag>``, ``__dunder__``), while URLs stay as they are.
"""

from __future__ import annotations

import re
import string

_URL = re.compile(r"(?:https?|ftp)://[^\s<>()（）\[\]]+|www\.[^\s<>()（）\[\]]+")
#: Characters whose backslash escape the preview and the Zhihu export read (CommonMark
#: escapes every ASCII punctuation character); for others an HTML character reference is used.
_MD_ESCAPABLE = set(string.punctuation)
_LINE_START = re.compile(r"^( {0,3})(#|>|[-+*](?=[ \t]|$)|\d{1,9}(?=[.)](?:[ \t]|$))|"
                         r"(?=-{2,}[ \t]*$)-|(?==+[ \t]*$)=|(?=`{3,}|~{3,})[`~])")


def _math_openers(text: str) -> set[int]:
    """Positions of the ``$`` in ``text`` that would open TeX math in the Zhihu export (a
    ``$`` before a non-space, with a later ``$`` after a non-space and not before a digit:
    pandoc's rule, see ``zhihu/transform.py``). ``$5 和 $10`` has none."""
    closers = [j for j, ch in enumerate(text) if ch == "$" and j and not text[j - 1].isspace()
               and not (j + 1 < len(text) and text[j + 1].isdigit())]
    return {i for i, ch in enumerate(text) if ch == "$" and i + 1 < len(text)
            and not text[i + 1].isspace() and any(j > i + 1 for j in closers)}


def _escape_inline(text: str) -> str:
    out = []
    n = len(text)
    dollars = _math_openers(text) if "$" in text else set()
    for i, ch in enumerate(text):
        nxt = text[i + 1] if i + 1 < n else ""
        prev = text[i - 1] if i else ""
        if i in dollars:
            out.append("&#36;")
        elif ch == "\\":
            out.append("\\\\" if nxt in _MD_ESCAPABLE or not nxt else ch)
        elif ch in "*`":
            out.append("\\" + ch)
        elif ch == "~" and "~" in (prev, nxt):
            out.append("\\~")  # ``~~删除~~`` is strikethrough; ``共~10分钟`` stays
        elif ch == "_":
            inner = prev.isalnum() and nxt.isalnum()
            out.append(ch if inner else "\\_")
        elif ch == "]" and nxt in ("(", "[", ":"):
            out.append("\\]")
        elif ch == "[" and nxt == "^":
            out.append("\\[")
        elif ch == "<" and (nxt.isalpha() or nxt in "/!?"):
            out.append("&lt;")
        elif ch == "&" and re.match(r"#?\w+;", text[i + 1:i + 12]):
            out.append("&amp;")
        else:
            out.append(ch)
    return "".join(out)


def escape_markdown(text: str, line_start: bool = True) -> str:
    """Text (from Word) as Markdown that renders as exactly this text.

    Escapes emphasis (``*``, ``_`` at word edges so ``__init__`` stays, ``snake_case`` is
    left alone), code spans, link/footnote brackets (``[备注](可选)``), HTML-looking tags
    (``<think>`` → ``&lt;think>``) and entities, ``~~``, a ``$`` that would open TeX math in
    the Zhihu export (``$x_1$`` → ``&#36;x_1$``; dollar amounts stay), and, at the start of
    each line when ``line_start``, what would make a heading, quote, list, rule or code fence
    (``# 标题`` → ``\\# 标题``). URLs are left as they are (they are turned into links).
    Escapes are CommonMark backslash escapes, which the preview and the Zhihu export read;
    ``=`` becomes ``&#61;``.
    """
    if not text:
        return text
    parts = []
    last = 0
    for m in _URL.finditer(text):
        if m.start() < last:
            continue
        parts.append(_escape_inline(text[last:m.start()]))
        parts.append(m.group(0))
        last = m.end()
        if text.startswith(">", last):
            # ``<https://…>`` typed in Word: the ``<`` is ``&lt;``, and a bare ``>`` (or
            # ``\>``) would be read as part of the link (GFM autolinks end at ``<`` only);
            # a trailing entity is not (``render.markdown_tree.bare_url_end``).
            parts.append("&gt;")
            last += 1
    parts.append(_escape_inline(text[last:]))
    out = "".join(parts)
    return escape_line_starts(out) if line_start else out


def escape_line_starts(text: str) -> str:
    """Each line of ``text`` (Markdown) with what would make it a heading, quote, list item,
    rule or code fence escaped (see ``escape_markdown``)."""
    return "\n".join(_escape_line_start(line) for line in text.split("\n"))


def _escape_line_start(line: str) -> str:
    m = _LINE_START.match(line)
    if not m:
        return line
    lead, mark = m.group(1), m.group(2)
    rest = line[m.end():]
    if mark == "=":
        return f"{lead}&#61;{rest}"
    if mark.isdigit():
        return f"{lead}{mark}\\{rest}"
    return f"{lead}\\{mark}{rest}"


_TAG = re.compile(r"<(?=[A-Za-z/!?])(?![a-zA-Z][a-zA-Z0-9+.-]*:[^\s>]*>)")
_DUNDER = re.compile(r"(?<![\w\\])(__?)(?=[A-Za-z0-9])([A-Za-z0-9_]*?[A-Za-z0-9])(__?)(?!\w)")


def escape_plain_text(text: str) -> str:
    """A plain-text (.txt) issue's lines, escaped where Markdown would lose or restructure
    text: HTML-looking tags (``<think>``, which the preview would hide; autolinks such as
    ``<https://…>`` stay), ``__init__``-style names (which would turn bold) and a ``#`` that
    starts a line (a heading in the rendered issue; the importer never takes structure from
    it). The ``**bold**`` and links that copied posts carry are kept as Markdown."""
    out = []
    fence = False
    for line in text.split("\n"):
        if re.match(r"^\s*(`{3,}|~{3,})", line):
            fence = not fence
        if fence or re.match(r"^\s*(`{3,}|~{3,})", line):
            out.append(line)
            continue
        line = _TAG.sub("&lt;", line)
        line = _DUNDER.sub(lambda m: m.group(1).replace("_", "\\_") + m.group(2)
                           + m.group(3).replace("_", "\\_"), line)
        line = re.sub(r"^( {0,3})#", r"\1\\#", line)
        out.append(line)
    return "\n".join(out)
