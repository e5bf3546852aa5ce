"""``python -m talkeditor`` runs the command line (and so, with no command, the app)."""

from .cli.main import run

run()
