"""Our markdown-it rules for the issues' Markdown: bare URLs next to Chinese text (GFM's extended
autolinks, adapted), ``$…$`` / ``$$…$$`` math, and emphasis next to CJK text. The parser that
uses them is :func:`talkeditor.render.markdown_tree.parser`; see its module docstring.
"""

from __future__ import annotations

import re

# ---------------------------------------------------------------- bare URLs

#: Characters that end a bare URL besides whitespace and ``<``: CJK ideographs, kana, Hangul,
#: CJK and full-width punctuation (。，；：、！？（）「」『』【】《》), and the general
#: punctuation block (… “ ” ‘ ’ —).
URL_STOP = ("\u1100-\u11ff\u2010-\u206f\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7ff"
             "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff")
#: case-insensitive only where it matters: the same matches (the class has no letter whose
#: other case falls on the other side of it), compiled in a quarter of the time, since
#: IGNORECASE makes ``re`` fold every code point of the CJK ranges one by one
_URL_RE = re.compile(r"(?i:https?://[a-z0-9_-])[^\s<" + URL_STOP + r"]*")
_SCHEME_TAIL_RE = re.compile(r"(?i)https?$")
_HOST_RE = re.compile(r"[A-Za-z0-9_.-]*")
_AFTER_OK = re.compile(r"[\s*_~(:;,]|[^\x00-\x7f]")
_TRAILING = "?!.,:*_~'\""


def bare_url_end(url: str) -> str:
    """A URL candidate with its trailing punctuation removed by GFM's extended autolink rules
    (GitHub Flavored Markdown spec 0.29, section 6.9 "Autolinks (extension)"): trailing
    ``? ! . , : * _ ~`` (and quotes) are not part of it; a trailing ``)`` is dropped while the
    URL has more ``)`` than ``(``; a trailing ``&name;`` that looks like an entity is dropped.

    Linear in ``len(url)``: the parentheses are counted once and the end moves left (a URL of
    50,000 ``)`` once took seconds)."""
    end = len(url)
    opens, closes = url.count("("), url.count(")")
    while end:
        last = url[end - 1]
        if last in _TRAILING:
            end -= 1
        elif last == ")" and closes > opens:
            end -= 1
            closes -= 1
        elif last == ";":
            start = _entity_start(url, end)
            if start < 0:
                break
            end = start  # an entity has no parentheses: the counts stay right
        else:
            break
    return url[:end]


def _entity_start(url: str, end: int) -> int:
    """Where ``&name;`` ending at ``end`` starts (``name`` ASCII letters and digits), or -1."""
    i = end - 2
    while i >= 0 and url[i].isascii() and url[i].isalnum():
        i -= 1
    return i if i >= 0 and i < end - 2 and url[i] == "&" else -1


def _valid_domain(domain: str) -> bool:
    parts = domain.rstrip(".").split(".")
    return len(parts) >= 2 and all(parts) and "_" not in "".join(parts[-2:])


def bare_url_rule(state, silent: bool) -> bool:
    """Inline rule: ``http://`` / ``https://`` URLs in running text become links.

    The reference is GFM's extended autolink rule ("Autolinks (extension)", GitHub Flavored
    Markdown spec 0.29 §6.9): the scheme, a valid domain (segments of letters, digits, ``_``
    and ``-`` separated by periods, at least one period, no ``_`` in the last two segments),
    then any characters up to whitespace or ``<``, less trailing punctuation
    (:func:`bare_url_end`). Two changes for Chinese text, where no space separates a URL from
    the words around it:

    * the URL may start right after any non-ASCII character (``代码：https://…``,
      ``（https://…）``, ``论文标题很长https://…``), not only after whitespace or ``* _ ~ (``
      (ASCII ``:`` ``;`` ``,`` are accepted too); after an ASCII letter or digit it is not a URL;
    * it ends at the first CJK character, CJK or full-width punctuation (。，；：、！？）」』】)
      or general punctuation (… “ ”), as well as at whitespace
      (``https://example.com/paper。下一句`` links ``https://example.com/paper``).

    Like markdown-it's own linkify rule it runs at the ``:`` of the scheme, whose letters are
    still in ``state.pending``; it does nothing inside a link's text.
    """
    pos = state.pos
    src = state.src
    if state.linkLevel > 0 or not src.startswith("://", pos):
        return False
    # only the pending text's last five characters: a search anchored at ``$`` still scans
    # the whole string, which made a paragraph of many non-URL ``://`` quadratic
    scheme = _SCHEME_TAIL_RE.search(state.pending[-5:])
    if scheme is None:
        return False
    start = pos - len(scheme.group(0))
    if src[start:pos] != scheme.group(0) or (start > 0 and not _AFTER_OK.match(src[start - 1])):
        return False
    match = _URL_RE.match(src, start, state.posMax)
    if match is None:
        return False
    url = bare_url_end(match.group(0))
    if not _valid_domain(_HOST_RE.match(url, len(scheme.group(0)) + 3).group(0)):
        return False
    href = state.md.normalizeLink(url)
    if not state.md.validateLink(href):
        return False
    if not silent:
        state.pending = state.pending[:len(state.pending) - len(scheme.group(0))]
        token = state.push("link_open", "a", 1)
        token.attrs = {"href": href}
        token.markup, token.info = "linkify", "auto"
        token = state.push("text", "", 0)
        token.content = state.md.normalizeLinkText(url)
        state.push("link_close", "a", -1).markup = "linkify"
    state.pos = start + len(url)
    return True


_WWW_EMAIL_RE = re.compile(
    r"(?P<www>(?i:www)\.[A-Za-z0-9_-][^\s<" + URL_STOP + r"]*)"
    r"|(?<![A-Za-z0-9.+_-])(?P<email>[A-Za-z0-9.+_-]+@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+)")


def _www_email_pieces(text: str) -> list[tuple[str, str]]:
    """``text`` cut into ``("text", s)`` and ``("link", href, s)`` pieces (see
    :func:`www_email_rule`)."""
    pieces: list[tuple] = []
    position = 0
    for match in _WWW_EMAIL_RE.finditer(text):
        start = match.start()
        if start < position:
            continue
        before = text[start - 1] if start else ""
        if match.group("www"):
            if before and not _AFTER_OK.match(before):
                continue
            url = bare_url_end(match.group("www"))
            if not _valid_domain(_HOST_RE.match(url).group(0)):
                continue
            href = "http://" + url
        else:
            if before and (before.isascii() and (before.isalnum() or before in "+-._/")):
                continue
            url = match.group("email")
            if url[-1] in "-_.":
                continue
            href = "mailto:" + url
        pieces.append(("text", text[position:start]))
        pieces.append(("link", href, url))
        position = start + len(url)
    if pieces:
        pieces.append(("text", text[position:]))
    return pieces


def www_email_rule(state) -> None:
    """Core rule: ``www.`` addresses and e-mail addresses in text become links, by the same
    GFM extended autolink rules as :func:`bare_url_rule` (``www.`` needs a valid domain and is
    linked as ``http://``; an e-mail address is letters, digits and ``.+-_`` before ``@`` and a
    domain after it, not ending in ``-`` or ``_``), with the same changes for Chinese text.
    Runs over the text tokens after inline parsing, outside links."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children, out, in_link = block.children, [], 0
        for token in children:
            if token.type == "link_open":
                in_link += 1
            elif token.type == "link_close":
                in_link -= 1
            pieces = _www_email_pieces(token.content) \
                if token.type == "text" and not in_link and ("www" in token.content.lower()
                                                             or "@" in token.content) else []
            if not pieces:
                out.append(token)
                continue
            for piece in pieces:
                if piece[0] == "text":
                    if piece[1]:
                        text = token.__class__("text", "", 0)
                        text.content, text.level = piece[1], token.level
                        out.append(text)
                    continue
                opening = token.__class__("link_open", "a", 1)
                opening.attrs, opening.markup, opening.info = {"href": piece[1]}, "linkify", "auto"
                opening.level = token.level
                text = token.__class__("text", "", 0)
                text.content, text.level = piece[2], token.level + 1
                closing = token.__class__("link_close", "a", -1)
                closing.markup, closing.level = "linkify", token.level
                out.extend((opening, text, closing))
        block.children = out


# ---------------------------------------------------------------- math

_MATH_BODY = r"(?:\\.|[^$\\])+?"
_INLINE_MATH_RE = re.compile(r"\$\$(?P<d>" + _MATH_BODY + r")\$\$"
                             r"|\$(?![\s$])(?P<s>" + _MATH_BODY + r")(?<![\s\\])\$(?!\d)")


def math_inline_rule(state, silent: bool) -> bool:
    """``$tex$`` and ``$$tex$$`` inside a paragraph. Pandoc's rule keeps dollar amounts text:
    the opening ``$`` is followed by a non-space, the closing one preceded by a non-space and
    not followed by a digit; ``\\$`` (handled by the escape rule) is a literal dollar."""
    pos = state.pos
    src = state.src
    if src[pos] != "$" or (pos > 0 and src[pos - 1] in "\\$"):
        return False
    match = _INLINE_MATH_RE.match(src, pos, state.posMax)
    if match is None:
        return False
    if not silent:
        token = state.push("math_inline", "", 0)
        token.content = match.group("d") or match.group("s")
        token.markup = "$$" if match.group("d") else "$"
    state.pos = match.end()
    return True


def _closing_dollars(text: str, start: int = 0) -> int:
    index = start
    while True:
        index = text.find("$$", index)
        if index < 0 or index == 0 or text[index - 1] != "\\":
            return index
        index += 2


def math_block_rule(state, start_line: int, end_line: int, silent: bool) -> bool:
    """A paragraph that starts with ``$$`` and closes it, possibly after blank lines; nothing
    may follow the closing ``$$`` on its line. It does not interrupt a paragraph."""
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    begin = state.bMarks[start_line] + state.tShift[start_line]
    if not state.src.startswith("$$", begin):
        return False
    lines: list[str] = []
    line = start_line
    while line < end_line:
        first = state.bMarks[line] + (state.tShift[line] if line == start_line else 0)
        if line > start_line and state.sCount[line] < state.blkIndent \
                and not state.isEmpty(line):
            return False
        text = state.src[first:state.eMarks[line]]
        if line == start_line:
            text = text[2:]
        lines.append(text)
        end = _closing_dollars(text)
        if end >= 0:
            break
        line += 1
    else:
        return False
    tex = "\n".join(lines)
    cut = len(tex) - len(lines[-1]) + end
    if tex[cut + 2:].strip() or not tex[:cut].strip():
        return False
    if not silent:
        token = state.push("math_block", "", 0)
        token.content = tex[:cut]
        token.map = [start_line, line + 1]
    state.line = line + 1
    return True


# ---------------------------------------------------------------- emphasis next to CJK

_CJK_RE = re.compile("[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
                     "\uff00-\uffef\U00020000-\U0003ffff]")


def _is_cjk(char: str) -> bool:
    return bool(_CJK_RE.match(char))


def cjk_emphasis_rule(state, silent: bool) -> bool:
    """Inline rule in place of markdown-it's ``emphasis`` tokenizer: ``*`` and ``_`` delimiter
    runs, with CommonMark's flanking rules made CJK-friendly as proposed by the "CJK-friendly
    amendments for CommonMark" (github.com/tats-u/markdown-cjk-friendly): next to a CJK
    character (ideographs, kana, CJK and full-width punctuation) a delimiter run may open or
    close although the character on its other side is punctuation, so ``读了**《书名》**之后``
    is bold as Chinese writers mean (plain CommonMark leaves the asterisks). Only ``*`` runs
    get this (an ``_`` next to Chinese is more often part of a name than emphasis); where no
    CJK character touches the run, the result is exactly CommonMark's (``state.scanDelims``)."""
    from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
    from markdown_it.rules_inline.state_inline import Delimiter

    start = state.pos
    marker = state.src[start]
    if silent or marker not in ("_", "*"):
        return False
    scanned = state.scanDelims(start, marker == "*")
    can_open, can_close, length = scanned.can_open, scanned.can_close, scanned.length
    before = state.src[start - 1] if start > 0 else " "
    after = state.src[start + length] if start + length < state.posMax else " "
    if marker == "*" and not (can_open and can_close) and (_is_cjk(before) or _is_cjk(after)):
        def punct(ch: str) -> bool:
            return isMdAsciiPunct(ord(ch)) or isPunctChar(ch)

        before_blocks = punct(before) and not _is_cjk(before)
        after_blocks = punct(after) and not _is_cjk(after)
        before_allows = punct(before) or _is_cjk(before)
        after_allows = punct(after) or _is_cjk(after)
        space_before, space_after = isWhiteSpace(ord(before)), isWhiteSpace(ord(after))
        left = not space_after and (not after_blocks or space_before or before_allows)
        right = not space_before and (not before_blocks or space_after or after_allows)
        can_open, can_close = left, right
    for _ in range(length):
        token = state.push("text", "", 0)
        token.content = marker
        state.delimiters.append(Delimiter(
            marker=ord(marker), length=length, token=len(state.tokens) - 1, end=-1,
            open=can_open, close=can_close))
    state.pos += length
    return True
