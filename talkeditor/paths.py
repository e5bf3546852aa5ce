"""Where things live: the shipped resources and the per-user folders (via platformdirs).

Every per-user path comes from here, so ``XDG_CONFIG_HOME``, ``XDG_DATA_HOME``,
``XDG_STATE_HOME`` and ``XDG_CACHE_HOME`` redirect them. The names every module shares (file
suffixes, the default template) are defined here too.
"""

from __future__ import annotations

from pathlib import Path

APP_NAME = "talkeditor"
#: The template a new issue starts from, and whose titles the importer knows.
DEFAULT_TEMPLATE = "openllm-talk"
#: What an issue file may be called (``issue.yaml``); the first is what is written.
YAML_SUFFIXES = (".yaml", ".yml")
#: Image files an issue may use (imported into ``assets/``, copied for a Zhihu post).
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".svg")


def resources_dir() -> Path:
    """The ``resources/`` folder: beside the package in a checkout, inside it when installed."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "resources", here.parent / "resources"):
        if (candidate / "templates").is_dir():
            return candidate
    raise FileNotFoundError("talkeditor's resources folder is missing from this installation")


def guide_path(lang: str = "zh") -> Path:
    """The user guide (Markdown): ``docs/`` beside the package in a checkout, inside it when
    installed."""
    here = Path(__file__).resolve().parent
    for folder in (here / "docs", here.parent / "docs"):
        if (folder / f"guide.{lang}.md").is_file():
            return folder / f"guide.{lang}.md"
    raise FileNotFoundError("the user guide is missing from this installation")


def resource_text(*parts: str) -> str:
    """A shipped text resource (``resource_text("styles", "preview.css")``); ``""`` when it
    is missing or unreadable (a missing stylesheet must not stop the app)."""
    try:
        return resources_dir().joinpath(*parts).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def templates_dir() -> Path:
    return resources_dir() / "templates"


def template_names() -> list[str]:
    return sorted(p.stem for p in templates_dir().glob("*.yaml"))


def template_path(name: str = DEFAULT_TEMPLATE) -> Path:
    path = templates_dir() / f"{name}.yaml"
    if not path.is_file():
        known = ", ".join(template_names()) or "none"
        raise FileNotFoundError(f"no template named {name!r} (known: {known})")
    return path


def _dirs():
    import platformdirs

    return platformdirs.PlatformDirs(APP_NAME, appauthor=False)


def config_dir() -> Path:
    return Path(_dirs().user_config_dir)


def data_dir() -> Path:
    return Path(_dirs().user_data_dir)


def state_dir() -> Path:
    return Path(_dirs().user_state_dir)


def cache_dir() -> Path:
    """Things that can be rebuilt (the archive's search index); ``XDG_CACHE_HOME`` moves it."""
    return Path(_dirs().user_cache_dir)


def recovery_dir() -> Path:
    """Autosaved drafts live here until they are saved or discarded."""
    return state_dir() / "recovery"


def log_path() -> Path:
    """The app's error log (unexpected errors, with their traceback): in the state folder."""
    return state_dir() / "talkeditor.log"


def default_archive_dir() -> Path:
    return data_dir() / "archive"
