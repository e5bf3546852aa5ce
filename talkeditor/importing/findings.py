"""What an import dropped, guessed or changed: ``Finding`` records (a code and plain data) that
the command line (``cli/wording.py``) and the app (``ui/document/import_report.py``) word for
the user.
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
    - ``title_kept``: ``title``, ``expected`` (a short title line that differs from the
      series' ``OpenLLM Talk 003``, kept as the issue's title)
    - ``no_sections``: ``section`` (no section was recognised; the whole text went there)
    - ``number_differs``: ``label``, ``written``, ``number`` (a number field that disagrees
      with the title's number; the title's wins)
    """

    code: str
    data: dict = field(default_factory=dict, hash=False, compare=True)


#: Every finding's code (see ``Finding``); a test checks that the app and the CLI word each.
CODES = ("encoding_detected", "comment_dropped", "element_dropped", "image_missing",
         "invisible_removed", "notes_kept", "judged_standing", "title_kept", "no_sections",
         "number_differs")
#: The reasons of ``image_missing``.
IMAGE_REASONS = ("not_found", "too_large", "unreadable", "no_folder", "no_part")
