"""Dumping an issue as ``issue.yaml``: keys in a fixed order, multi-line text as ``|`` blocks,
Chinese (and emoji) as themselves, never a wrapped line, so that dumping what was loaded gives
the same bytes. ``storage.yaml_format`` loads; its ``dumps`` and ``to_data`` come here.

Speed (issue 18): libyaml's emitter whenever it writes the same bytes, a resolver without
PyYAML's generic steps, and :mod:`.yaml_pieces` (each top-level section's text kept between
saves, nodes built without PyYAML's generic representer).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..model import BODY_WEEKLY, FORMAT_VERSION, Conflict, Field, Issue, Section
from .yaml_format import _STD, ISSUE_KEYS, KeptScalar

#: Characters written as themselves: in ``|`` blocks, and unescaped in double quotes.
#: Everything else (control characters, CR, U+0085/U+2028/U+2029 which YAML reads as line
#: breaks, the BOM U+FEFF) only survives a round trip as an escape in double quotes.
_AS_ITSELF = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                        "\U00010000-\U0010ffff]*")
_LITERAL_OK = re.compile("[\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                         "\U00010000-\U0010ffff]*")
_ESCAPES = {"\0": "0", "\x07": "a", "\x08": "b", "\t": "t", "\n": "n", "\x0b": "v",
            "\x0c": "f", "\r": "r", "\x1b": "e", '"': '"', "\\": "\\", "\x85": "N",
            "\u2028": "L", "\u2029": "P"}


def _resolve(resolver, kind, value, implicit):
    """``BaseResolver.resolve`` without its generic steps when there are no path resolvers
    (ours have none): the emitter asks twice per scalar whether its tag may stay implicit."""
    if kind is not yaml.ScalarNode or resolver.yaml_path_resolvers:
        return yaml.resolver.BaseResolver.resolve(resolver, kind, value, implicit)
    if implicit[0]:
        resolvers = resolver.yaml_implicit_resolvers.get(value[:1], ())
        wildcard = resolver.yaml_implicit_resolvers.get(None)
        for tag, regexp in [*resolvers, *wildcard] if wildcard else resolvers:
            if regexp.match(value):
                return tag
    return resolver.DEFAULT_SCALAR_TAG


class _Dumper(yaml.SafeDumper):
    """Readable, exact output: multi-line text as ``|`` blocks even with tabs or trailing
    spaces (PyYAML would fall back to one double-quoted line), non-ASCII as itself (PyYAML
    escapes emoji as ``\\U0001F680`` in double quotes), and double quotes only for text
    holding characters that nothing else keeps exactly (see ``_AS_ITSELF``)."""

    def ignore_aliases(self, data):  # PyYAML hook
        return True

    def analyze_scalar(self, scalar):  # PyYAML hook
        analysis = super().analyze_scalar(scalar)
        if "\n" in scalar and _LITERAL_OK.fullmatch(scalar):
            analysis.allow_block = True
        return analysis

    def determine_block_hints(self, text):  # PyYAML hook
        # A block whose first line starts with a tab needs an explicit indentation
        # indicator (``|2``): without it libyaml refuses the block ("found a tab character
        # where an indentation space is expected") and the file no longer opens.
        hints = super().determine_block_hints(text)
        if text.startswith("\t"):
            hints = str(self.best_indent) + hints
        return hints

    def write_double_quoted(self, text, split=True):  # PyYAML hook
        out = []
        for ch in text:
            if ch in _ESCAPES:
                out.append("\\" + _ESCAPES[ch])
            elif _AS_ITSELF.fullmatch(ch):
                out.append(ch)
            elif ch <= "\xff":
                out.append(f"\\x{ord(ch):02X}")
            elif ch <= "\uffff":
                out.append(f"\\u{ord(ch):04X}")
            else:
                out.append(f"\\U{ord(ch):08X}")
        self.write_indicator('"' + "".join(out) + '"', True)

    resolve = _resolve  # PyYAML hook



def _represent_str(dumper: yaml.SafeDumper, value: str):
    if not _LITERAL_OK.fullmatch(value):
        # Only escapes keep these characters exactly.
        return dumper.represent_scalar(_STD + "str", value, style='"')
    if "\n" in value:
        return dumper.represent_scalar(_STD + "str", value, style="|")
    return dumper.represent_scalar(_STD + "str", value)


def _represent_kept(dumper: yaml.SafeDumper, value: KeptScalar):
    """An unknown key's date, number, true/false or null: its own tag and text, as read."""
    return dumper.represent_scalar(value.tag, str(value))


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(KeptScalar, _represent_kept)

_C_DUMPER_BASE = getattr(yaml, "CSafeDumper", None)
if _C_DUMPER_BASE is not None:
    class _CDumper(_C_DUMPER_BASE):
        """libyaml's emitter with our representers: the same bytes as ``_Dumper`` wherever
        ``_fast_dump_ok`` says so (tested for any text), 5-7x faster."""

        ignore_aliases = _Dumper.ignore_aliases
        resolve = _Dumper.resolve

    _CDumper.add_representer(str, _represent_str)
    _CDumper.add_representer(KeptScalar, _represent_kept)
    _FAST_DUMPER: type | None = _CDumper
else:
    _FAST_DUMPER = None

#: characters libyaml's emitter writes differently from PyYAML's (it escapes NEL, every
#: character beyond U+FFFF and lone surrogates): text holding one is dumped in pure Python
_C_EMITTER_DIFFERS = re.compile("[\x85\ud800-\udfff\U00010000-\U0010ffff]")
#: multi-line text that only ``_Dumper.analyze_scalar`` keeps as a ``|`` block (a tab, a
#: space before a line break or at the end): libyaml would double-quote it
_C_BLOCK_DIFFERS = re.compile(r"\t| \n| \Z")


def _fast_dump_ok(data: Any) -> bool:
    """True when libyaml writes every string of ``data`` as ``_Dumper`` does."""
    if isinstance(data, str):
        if _C_EMITTER_DIFFERS.search(data) is not None:
            return False
        if data == "\n" or data.endswith("\n\n"):
            # a "|+" block: libyaml then ends the document with "..." (PyYAML does not)
            return False
        return "\n" not in data or _C_BLOCK_DIFFERS.search(data) is None
    if isinstance(data, dict):
        return all(_fast_dump_ok(k) and _fast_dump_ok(v) for k, v in data.items())
    if isinstance(data, list | tuple):
        return all(_fast_dump_ok(v) for v in data)
    return True


def _field_dict(f: Field) -> dict:
    out: dict[str, Any] = {"label": f.label}
    if f.value:
        out["value"] = f.value
    if f.sep != "：":
        out["sep"] = f.sep
    if f.bind:
        out["bind"] = f.bind
    if f.note:
        out["note"] = f.note
    if not f.keep:
        out["keep"] = False
    out.update(f.extra)
    return out


def _conflict_dict(c: Conflict) -> dict:
    return {"part": c.part, "ours": c.ours, "theirs": c.theirs}


def _section_dict(s: Section) -> dict:
    out: dict[str, Any] = {"id": s.id, "title": s.title}
    if s.optional:
        out["optional"] = True
    if s.minutes is not None:
        out["minutes"] = s.minutes
    if s.owners:
        out["owners"] = list(s.owners)
    if s.contributors:
        out["contributors"] = list(s.contributors)
    if s.fields:
        out["fields"] = [_field_dict(f) for f in s.fields]
    if s.body_kind != BODY_WEEKLY:
        out["body_kind"] = s.body_kind
    if s.body:
        out["body"] = s.body
    if s.children:
        out["children"] = [_section_dict(c) for c in s.children]
    if s.conflicts:
        out["conflicts"] = [_conflict_dict(c) for c in s.conflicts]
    out.update(s.extra)
    return out


def to_data(issue: Issue) -> dict:
    """The issue as plain Python data, keys in the order they are written."""
    out: dict[str, Any] = {"format": FORMAT_VERSION}
    for key in ISSUE_KEYS[1:-2]:  # then sections and conflicts
        value = getattr(issue, key)
        out[key] = list(value) if isinstance(value, list) else value
    out["sections"] = [_section_dict(s) for s in issue.sections]
    if issue.conflicts:
        out["conflicts"] = [_conflict_dict(c) for c in issue.conflicts]
    out.update(issue.extra)
    return out


def dumps(issue: Issue) -> str:
    """The issue as YAML text; loads(dumps(x)) == x and dumps(loads(t)) == t for our files.

    Byte for byte ``dump_whole(to_data(issue))``, made in pieces by :mod:`.yaml_pieces` so
    that a save after an edit dumps only the top-level sections that changed.
    """
    from .yaml_pieces import dump_data

    return dump_data(to_data(issue))


def dump_whole(data: Any) -> str:
    """``data`` as one YAML document in one go: by libyaml's emitter when PyYAML has it and
    ``_fast_dump_ok`` (no text libyaml writes differently), else by PyYAML's pure-Python
    one; the same bytes either way but for the end marker (see :mod:`.yaml_pieces`)."""
    dumper = _FAST_DUMPER if _FAST_DUMPER is not None and _fast_dump_ok(data) else _Dumper
    return yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True,
                     width=1_000_000, default_flow_style=False, indent=2)
