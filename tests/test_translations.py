"""Every UI string is translatable and translated: the shipped zh_CN catalogue covers the code."""

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "i18n" / "talkeditor_zh_CN.ts"


def _lupdate() -> str:
    found = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent)) or \
        shutil.which("pyside6-lupdate")
    if not found:
        pytest.skip("pyside6-lupdate is not installed")
    return found


def test_every_string_in_the_ui_code_has_a_chinese_translation(tmp_path):
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    sources = [str(p) for p in sorted((ROOT / "talkeditor" / "ui").rglob("*.py"))]
    subprocess.run([_lupdate(), "-no-obsolete", "-locations", "none", *sources, "-ts",
                    str(fresh)], check=True, capture_output=True)
    untranslated = []
    total = 0
    for context in ET.parse(fresh).getroot().iter("context"):
        for message in context.iter("message"):
            total += 1
            translation = message.find("translation")
            if translation.get("type") == "unfinished" or not (translation.text or "").strip():
                untranslated.append(f"{context.findtext('name')}: {message.findtext('source')}")
    assert untranslated == []
    assert total > 100


def test_the_compiled_catalogue_is_shipped_beside_its_source():
    qm = TS.with_suffix(".qm")
    assert qm.is_file() and qm.stat().st_size > 1000
