"""``issue.yaml`` written in pieces, each top-level section's text kept between saves.

Issue 18: a save of a 10x issue (~130 KB of YAML, 100 top-level sections) spent 88 % of its
time dumping YAML, although an edit changes one section. The entries of a block mapping and
the items of a block sequence are written each on their own lines, independently of their
neighbours (nothing is wrapped, no aliases, the same indentation), so the file is its part
before ``sections``, ``sections:``, one item per top-level section, and its part after. Only
sections whose data changed since they were last dumped are dumped again; the others come
from ``_SECTION_TEXTS``, keyed by their data's pickle.

One thing depends on the whole document: the end marker ``...`` that the emitters write
after a block that keeps its trailing blank lines (``|+``). PyYAML's pure-Python emitter
writes it when the document's last scalar is such a block; libyaml's when any scalar of the
document is (it never forgets); ``yaml_dump._fast_dump_ok`` now leaves any document holding
such a block to PyYAML. Each piece's ``_Shape`` records what both rules and that choice need,
so the result is byte for byte :func:`talkeditor.storage.yaml_dump.dump_whole` of the data.

Nodes are built here (``_node``) rather than by PyYAML's generic representer: the same
nodes for the issue's own data types (anything else: the whole document goes the old way).
"""

from __future__ import annotations

import pickle
import threading
from collections import OrderedDict
from typing import Any

import yaml

from . import yaml_dump
from .yaml_format import KeptScalar

_SCALAR, _SEQUENCE, _MAPPING = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode
_STD = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ = _STD + "str", _STD + "map", _STD + "seq"
_BOOL, _INT, _NULL = _STD + "bool", _STD + "int", _STD + "null"
#: what both emitters write at the end of a document ending "open" (see the module text)
_END_MARKER = "...\n"


class _Unusual(Exception):
    """A value ``_node`` does not build a node for (PyYAML's representer would)."""


class _Shape:
    """What a dumped piece means for the whole document beyond its text: ``fast`` (libyaml
    writes all its text as PyYAML does: ``yaml_dump._fast_dump_ok``), ``keep`` (it holds a
    ``|+`` block) and ``last_keep`` (its last scalar is one)."""

    __slots__ = ("fast", "keep", "last_keep")

    def __init__(self, fast: bool):
        self.fast = fast
        self.keep = False
        self.last_keep = False


def _node(data: Any, shape: _Shape) -> yaml.Node:
    """The node ``yaml_dump``'s dumpers' representer makes for ``data`` with
    ``sort_keys=False`` and ``default_flow_style=False``: dicts, lists, text, int, bool,
    None and KeptScalar (else _Unusual); ``shape`` is updated as the emitter will write it."""
    kind = type(data)
    if kind is str or kind is KeptScalar:
        if shape.fast and (yaml_dump._C_EMITTER_DIFFERS.search(data) is not None
                           or data == "\n" or data.endswith("\n\n")
                           or ("\n" in data
                               and yaml_dump._C_BLOCK_DIFFERS.search(data) is not None)):
            shape.fast = False  # as yaml_dump._fast_dump_ok says
        if kind is KeptScalar:
            shape.last_keep = False
            return _SCALAR(data.tag, str(data))
        if not yaml_dump._LITERAL_OK.fullmatch(data):
            shape.last_keep = False
            return _SCALAR(_STR, data, style='"')
        if "\n" not in data:
            shape.last_keep = False
            return _SCALAR(_STR, data)
        # a literal block; its chomping is "+" (keep) when it ends with an empty line
        shape.last_keep = data[-1] == "\n" and (len(data) == 1 or data[-2] == "\n")
        shape.keep = shape.keep or shape.last_keep
        return _SCALAR(_STR, data, style="|")
    if kind is dict:
        shape.last_keep = False  # an empty one is written "{}"
        return _MAPPING(_MAP, [(_node(key, shape), _node(value, shape))
                               for key, value in data.items()], flow_style=False)
    if kind is list:
        shape.last_keep = False  # an empty one is written "[]"
        return _SEQUENCE(_SEQ, [_node(item, shape) for item in data], flow_style=False)
    shape.last_keep = False
    if kind is bool:
        return _SCALAR(_BOOL, "true" if data else "false")
    if kind is int:
        return _SCALAR(_INT, str(data))
    if data is None:
        return _SCALAR(_NULL, "null")
    raise _Unusual(kind.__name__)


def _serialize(node: yaml.Node, dumper: type) -> str:
    """``node`` as one document by ``dumper``, without its end marker."""
    text = yaml.serialize(node, Dumper=dumper, allow_unicode=True, width=1_000_000, indent=2)
    if text.endswith("\n" + _END_MARKER):
        return text[:-len(_END_MARKER)]
    return text


def _nodes(data: Any) -> tuple[yaml.Node, _Shape]:
    shape = _Shape(True)
    return _node(data, shape), shape


def dump_data(data: dict) -> str:
    """``data`` (from ``yaml_dump.to_data``) as YAML text: byte for byte
    ``yaml_dump.dump_whole(data)``, with each top-level section's text from
    ``_SECTION_TEXTS`` when its data was dumped before."""
    sections = data.get("sections")
    if not sections or type(sections) is not list:
        return yaml_dump.dump_whole(data)
    head: dict[str, Any] = {}
    tail: dict[str, Any] = {}
    part = head
    for key, value in data.items():
        if key == "sections":
            part = tail
        else:
            part[key] = value
    try:
        head_node, head_shape = _nodes(head)
        tail_node, tail_shape = _nodes(tail) if tail else (None, None)
        items = _SECTION_TEXTS.look_up(sections)
    except _Unusual:
        return yaml_dump.dump_whole(data)
    shapes = [head_shape, *(item.shape for item in items)]
    if tail_shape is not None:
        shapes.append(tail_shape)
    # one emitter for the whole document, as dump_whole chooses it
    fast = yaml_dump._FAST_DUMPER is not None and all(shape.fast for shape in shapes)
    dumper = yaml_dump._FAST_DUMPER if fast else yaml_dump._Dumper
    if fast:
        open_end = any(shape.keep for shape in shapes)  # libyaml's rule
    else:
        open_end = shapes[-1].last_keep  # PyYAML's
    texts = _SECTION_TEXTS.texts(items, dumper)
    return "".join([_serialize(head_node, dumper), "sections:\n", *texts,
                    _serialize(tail_node, dumper) if tail_node is not None else "",
                    _END_MARKER if open_end else ""])


class _Item:
    """One item of a block sequence: its data, its pickle (None: cannot be pickled), its
    shape, its node while needed, and its text as each emitter wrote it."""

    __slots__ = ("data", "key", "shape", "node", "texts")

    def __init__(self, data: Any, key: bytes | None):
        self.data, self.key = data, key
        self.node: yaml.Node | None
        self.node, self.shape = _nodes(data)
        self.texts: dict[type, str] = {}

    def chars(self) -> int:
        return sum(len(text) for text in self.texts.values())


class _ItemTexts:
    """Items of a block sequence as dumped (``- …`` and their lines) with their ``_Shape``,
    keyed by the item's pickle (equal pickles: equal data of the same types, so the same
    text; unequal pickles of equal data only cost a dump); the least recently used are
    dropped beyond ``max_chars`` of text. Thread-safe (an autosave may dump while the
    window saves)."""

    def __init__(self, max_chars: int = 4_000_000):
        self.max_chars = max_chars
        self.dumped = 0  #: items dumped so far (the misses), for tests and benchmarks
        self._items: OrderedDict[bytes, _Item] = OrderedDict()
        self._chars = 0
        self._lock = threading.Lock()

    def look_up(self, items: list) -> list[_Item]:
        """An ``_Item`` for each of ``items``, the known ones from the cache; raises
        _Unusual as ``_node`` does."""
        out: list[_Item | None] = []
        keys: list[bytes | None] = []
        with self._lock:
            for data in items:
                try:
                    key: bytes | None = pickle.dumps(data, protocol=5)
                except Exception:  # noqa: BLE001 - cannot be keyed: dumped every time
                    key = None
                item = None if key is None else self._items.get(key)
                if item is not None:
                    self._items.move_to_end(key)
                keys.append(key)
                out.append(item)
        return [item if item is not None else _Item(data, key)
                for item, data, key in zip(out, items, keys, strict=True)]

    def texts(self, items: list[_Item], dumper: type) -> list[str]:
        """Each item's text as ``dumper`` writes it: dumped now (together) if not known."""
        with self._lock:
            missing = [item for item in items if dumper not in item.texts]
        if missing:
            for item, text in zip(missing, _dump_items(missing, dumper), strict=True):
                item.texts[dumper] = text
                item.node = None
            with self._lock:
                self.dumped += len(missing)
                for item in missing:
                    if item.key is None:
                        continue
                    known = self._items.get(item.key)
                    if known is None:
                        self._items[item.key] = item
                        self._chars += item.chars()
                    elif dumper not in known.texts:
                        known.texts[dumper] = item.texts[dumper]
                        self._chars += len(item.texts[dumper])
                while self._chars > self.max_chars and self._items:
                    self._chars -= self._items.popitem(last=False)[1].chars()
        return [item.texts[dumper] for item in items]

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._chars = 0


def _dump_items(items: list[_Item], dumper: type) -> list[str]:
    """Each item's text as one block sequence writes it: one dump for all, cut where a line
    starts with ``- `` (an item's other lines are indented or empty); each alone if that
    does not give one piece per item."""
    nodes = [item.node if item.node is not None else _nodes(item.data)[0] for item in items]
    text = _serialize(_SEQUENCE(_SEQ, nodes, flow_style=False), dumper)
    starts = [0, *(at + 1 for at in _line_breaks_before_dash(text))]
    if not text.startswith("- ") or len(starts) != len(items):
        return [_serialize(_SEQUENCE(_SEQ, [node], flow_style=False), dumper)
                for node in nodes]
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def _line_breaks_before_dash(text: str) -> list[int]:
    """Positions of the line breaks followed by ``- ``."""
    out, at = [], text.find("\n- ")
    while at >= 0:
        out.append(at)
        at = text.find("\n- ", at + 1)
    return out


#: the text of each top-level section, between dumps
_SECTION_TEXTS = _ItemTexts()
