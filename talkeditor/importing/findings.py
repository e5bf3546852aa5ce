"""What an import dropped, guessed or changed: ``Finding`` records (a code and plain data) that
the command line (``importer.describe_findings``) and the app word for the user.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Finding:
    """Something the importer dropped, guessed or changed, for the CLI and the app to word.

    ``code`` names the kind and ``data`` holds its values (plain text and numbers):

    - ``encoding_detected``: ``encoding``, ``alternatives`` (a text file that was not UTF-8)
    - ``comment_dropped``: ``author``, ``text`` (a Word comment, kept out of the body)
    - ``element_dropped``: ``element``, ``count`` (Word content the importer cannot keep)
    - ``image_missing``: ``target``, ``reason`` (``not_found``, ``too_large``,
      ``unreadable``, ``no_folder``, ``no_part``)
    - ``invisible_removed``: ``text``, ``characters`` (invisible characters around a title or
      label, as ``U+200B`` codes)
    - ``notes_kept``: ``footnotes``, ``endnotes`` (Word notes kept as Markdown footnotes)
    - ``judged_standing``: ``section``, ``issues`` (a section whose body is the same in the
      last issues of the archive, marked standing text)
    """

    code: str
    data: dict = field(default_factory=dict, hash=False, compare=True)
