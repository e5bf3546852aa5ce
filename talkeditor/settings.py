"""The user's settings: one JSON file under the platformdirs config folder, with typed accessors.

Every settings key lives here (no key strings scattered through the app). Writes are atomic;
a damaged settings file is set aside and defaults are used.
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

from . import paths
from .storage.files import atomic_write

MAX_RECENT = 10


class Settings:
    def __init__(self, path: Path | None = None):
        self.path = path or paths.config_dir() / "settings.json"
        self._data: dict = {}
        self.load()

    def load(self) -> None:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except OSError:
            self._data = {}
            return
        try:
            data = json.loads(raw)
            self._data = data if isinstance(data, dict) else {}
        except ValueError:
            try:
                os.replace(self.path, self.path.with_suffix(".damaged"))
            except OSError:
                pass
            self._data = {}

    def save(self) -> None:
        atomic_write(self.path, json.dumps(self._data, ensure_ascii=False, indent=2) + "\n",
                     backup=False)

    # -- recent files and the last issue
    def recent_files(self) -> list[str]:
        items = self._data.get("recent_files", [])
        return [p for p in items if isinstance(p, str)]

    def add_recent(self, path: str | os.PathLike) -> None:
        text = str(Path(path).resolve())
        items = [p for p in self.recent_files() if p != text]
        self._data["recent_files"] = [text, *items][:MAX_RECENT]
        self._data["last_issue"] = text

    def clear_recent(self) -> None:
        self._data["recent_files"] = []

    def last_issue(self) -> str | None:
        value = self._data.get("last_issue")
        return value if isinstance(value, str) and value else None

    # -- window layout (opaque Qt blobs kept as base64)
    def _blob(self, key: str) -> bytes | None:
        value = self._data.get(key)
        if not isinstance(value, str):
            return None
        try:
            return base64.b64decode(value)
        except ValueError:
            return None

    def window_geometry(self) -> bytes | None:
        return self._blob("window_geometry")

    def window_state(self) -> bytes | None:
        return self._blob("window_state")

    def set_window_layout(self, geometry: bytes, state: bytes) -> None:
        self._data["window_geometry"] = base64.b64encode(geometry).decode("ascii")
        self._data["window_state"] = base64.b64encode(state).decode("ascii")

    # -- preferences
    def language(self) -> str | None:
        value = self._data.get("language")
        return value if isinstance(value, str) and value else None

    def set_language(self, lang: str | None) -> None:
        """'zh_CN', 'en', or None to follow the system (View › Language)."""
        self._data["language"] = lang or ""

    def preview_visible(self) -> bool:
        return bool(self._data.get("preview_visible", True))

    def set_preview_visible(self, visible: bool) -> None:
        self._data["preview_visible"] = bool(visible)

    def archive_shown(self) -> bool:
        """Whether the Past Issues panel was on screen (not behind a tab) when the window
        closed; the next start builds it before its first paint then."""
        return self._data.get("archive_shown") is True

    def set_archive_shown(self, shown: bool) -> None:
        self._data["archive_shown"] = bool(shown)

    def archive_dir(self) -> Path:
        value = self._data.get("archive_dir")
        return Path(value) if isinstance(value, str) and value else paths.default_archive_dir()

    def set_archive_dir(self, folder: str | os.PathLike) -> None:
        self._data["archive_dir"] = str(folder)

    def image_base_url(self) -> str:
        value = self._data.get("image_base_url")
        return value if isinstance(value, str) else ""

    def set_image_base_url(self, url: str) -> None:
        self._data["image_base_url"] = url

    def zhihu_link_cards(self) -> bool:
        """Link cards in the Zhihu export: on unless the host turned them off."""
        return bool(self._data.get("zhihu_link_cards", True))

    def set_zhihu_link_cards(self, on: bool) -> None:
        self._data["zhihu_link_cards"] = bool(on)

    # -- collaboration
    def author(self) -> str:
        """The contributor's name: commits made by Sync, the default signature of Sign Line
        As. ``''`` when not set."""
        value = self._data.get("author")
        return value.strip() if isinstance(value, str) else ""

    def set_author(self, name: str) -> None:
        self._data["author"] = name.strip()

    def fetch_link_titles(self) -> bool:
        """Whether pasting a lone URL fetches the page's title (on unless turned off)."""
        return bool(self._data.get("fetch_link_titles", True))

    def set_fetch_link_titles(self, on: bool) -> None:
        self._data["fetch_link_titles"] = bool(on)
