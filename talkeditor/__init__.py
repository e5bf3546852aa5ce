"""talkeditor: a desktop editor for the issues of a weekly community talk.

The package root is pure Python; everything that touches Qt lives in ``talkeditor.ui``.
"""

__version__ = "0.1.0"
