"""PyInstaller entry point: the frozen ``talkeditor`` executable runs the normal CLI.

``talkeditor.cli.main.run`` is also the console script of the wheel, so the bundle and a pip install
take exactly the same arguments (``talkeditor [FILE]``, ``talkeditor render ...``).
"""

from talkeditor.cli.main import run

if __name__ == "__main__":
    run()
