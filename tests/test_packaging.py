"""Packaging: what a user installs is complete and works.

- The wheel carries every module and every resource (templates, styles, translations .ts/.qm,
  icons); the sdist is a complete source release (resources, packaging, docs, tests).
- The wheel installed into a clean virtual environment, with only the pure-Python
  dependencies and no PySide6, runs ``talkeditor --version``, ``render``, ``new`` and ``check``
  on the template it installed (the CLI imports Qt lazily, and paths.resources_dir() finds the
  resources inside the installed package).
- The desktop file and the AppStream metainfo validate (desktop-file-validate, appstreamcli;
  skipped when those tools are not installed) and agree with the code: app id, icon, command,
  WM class, version.
- The icon PNGs have the right sizes and match the SVG they are rendered from.

Building uses ``python -m build`` (sdist, then the wheel from the sdist) when the ``build``
package is installed, else ``pip wheel``; both use build isolation, so they need PyPI (or pip's
cache) for setuptools. The whole module takes about 20 s.
"""

from __future__ import annotations

import configparser
import importlib.util
import os
import re
import shutil
import struct
import subprocess
import sys
import tarfile
import tomllib
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from talkeditor import __version__

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
RESOURCES = ROOT / "resources"
ICONS = RESOURCES / "icons"
APP_ID = "io.github.talkeditor.TalkEditor"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
ICON_SIZES = (16, 32, 48, 64, 128, 256)
# Resources the app cannot work without: checked by name, so that losing them from the source
# tree fails here too (the lists below are otherwise computed from the tree).
ESSENTIAL_RESOURCES = [
    "templates/openllm-talk.yaml",
    "styles/preview.css",
    "i18n/talkeditor_zh_CN.ts",
    "i18n/talkeditor_zh_CN.qm",
    "icons/talkeditor.svg",
    *(f"icons/talkeditor-{size}.png" for size in ICON_SIZES),
]
PURE_DEPENDENCIES = ["pyyaml", "markdown-it-py", "mdit-py-plugins", "platformdirs"]
_IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".pytest_cache",
                                  ".hypothesis", ".ruff_cache", "build", "dist")


def _run(args, timeout=300, env=None, **kwargs) -> subprocess.CompletedProcess:
    """Run a command without this process's PYTHONPATH (the clean venv must not see the tree)."""
    env = {k: v for k, v in (env or os.environ).items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.setdefault("PIP_DISABLE_PIP_VERSION_CHECK", "1")
    return subprocess.run([str(a) for a in args], capture_output=True, text=True,
                          timeout=timeout, env=env, **kwargs)


def _check(args, **kwargs) -> subprocess.CompletedProcess:
    out = _run(args, **kwargs)
    assert out.returncode == 0, f"{args} exited {out.returncode}\n{out.stdout}\n{out.stderr}"
    return out


def _resource_files() -> list[str]:
    """Every file under resources/, relative to it (the wheel must carry each one)."""
    return sorted(p.relative_to(RESOURCES).as_posix() for p in RESOURCES.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")


def _module_files() -> list[str]:
    package = ROOT / "talkeditor"
    return sorted(p.relative_to(ROOT).as_posix() for p in package.rglob("*.py")
                  if "__pycache__" not in p.parts)


def _copy_source(target: Path) -> Path:
    """The working tree's sources, copied so that building leaves no build/ in the checkout."""
    target.mkdir()
    for name in ("pyproject.toml", "README.md", "MANIFEST.in", "CHANGELOG.md", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, target / name)
    for name in ("talkeditor", "resources", "packaging", "docs", "tests"):
        shutil.copytree(ROOT / name, target / name, ignore=_IGNORED)
    return target


@pytest.fixture(scope="module")
def dists(tmp_path_factory) -> dict[str, Path | None]:
    """The wheel (and the sdist, when ``build`` is installed), built from a copy of the tree."""
    base = tmp_path_factory.mktemp("dists")
    source = _copy_source(base / "src")
    out = base / "out"
    if importlib.util.find_spec("build") is not None:
        _check([sys.executable, "-m", "build", "--outdir", out, source])
    else:
        _check([sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", out, source])
    wheels = sorted(out.glob("talkeditor-*.whl"))
    sdists = sorted(out.glob("talkeditor-*.tar.gz"))
    assert len(wheels) == 1, f"expected one wheel in {out}: {sorted(out.iterdir())}"
    return {"wheel": wheels[0], "sdist": sdists[0] if sdists else None}


def test_the_essential_resources_exist_in_the_tree():
    files = _resource_files()
    assert [name for name in ESSENTIAL_RESOURCES if name not in files] == []


def test_the_wheel_carries_every_module_and_resource_and_no_bytecode(dists):
    with zipfile.ZipFile(dists["wheel"]) as wheel:
        names = set(wheel.namelist())
        info = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        entry_points = wheel.read(info).decode()
    missing = [f"talkeditor/resources/{rel}" for rel in _resource_files()
               if f"talkeditor/resources/{rel}" not in names]
    missing += [rel for rel in _module_files() if rel not in names]
    assert missing == []
    assert "talkeditor/resources/__init__.py" in names
    guide = ROOT / "docs"
    docs = [f"talkeditor/docs/{p.relative_to(guide).as_posix()}"
            for pattern in ("*.md", "*.png", "images/*.png") for p in guide.glob(pattern)]
    missing_docs = [name for name in docs if name not in names]
    assert missing_docs == []
    assert [n for n in names if "__pycache__" in n or n.endswith(".pyc")] == []
    assert re.search(r"^talkeditor = talkeditor\.cli\.main:run$", entry_points, re.M)


def test_the_sdist_is_a_complete_source_release(dists):
    if dists["sdist"] is None:
        pytest.skip("the `build` package is not installed, so no sdist was built")
    with tarfile.open(dists["sdist"]) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    wanted = [f"resources/{rel}" for rel in _resource_files()] + _module_files() + [
        "pyproject.toml", "README.md", "MANIFEST.in", "CHANGELOG.md",
        f"packaging/{DESKTOP.name}", f"packaging/{METAINFO.name}", "packaging/make_icons.py",
        "packaging/talkeditor.spec", "packaging/build-pyinstaller.sh",
        "docs/format.md", "tests/conftest.py", "tests/fixtures/issue-004.yaml",
    ]
    assert [name for name in wanted if name not in names] == []
    assert [n for n in names if "__pycache__" in n or n.endswith(".pyc")] == []


def test_the_installed_wheel_runs_the_cli_without_qt(dists, tmp_path):
    venv = tmp_path / "venv"
    _check([sys.executable, "-m", "venv", "--without-pip", venv])
    python = venv / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", python, "install", "-q"]
    _check([*pip, "--no-deps", dists["wheel"]])
    _check([*pip, *PURE_DEPENDENCIES])
    # No Qt in there: --version and render must not need it.
    _check([python, "-c", "import importlib.util, sys; "
                          "sys.exit(importlib.util.find_spec('PySide6') is not None)"])
    talkeditor = venv / "bin" / "talkeditor"
    work = tmp_path / "work"
    work.mkdir()

    out = _check([talkeditor, "--version"], cwd=work)
    assert out.stdout.strip() == f"talkeditor {__version__}"

    located = _check([python, "-c", "from talkeditor import paths; "
                                    "print(paths.resources_dir()); print(paths.template_path()); "
                                    "print(paths.guide_path())"],
                     cwd=work).stdout.split("\n")
    resources, template, guide = Path(located[0]), Path(located[1]), Path(located[2])
    assert venv.resolve() in guide.resolve().parents, f"guide found at {guide}"
    assert venv.resolve() in resources.resolve().parents, f"resources found at {resources}"
    for rel in ESSENTIAL_RESOURCES:
        assert (resources / rel).is_file(), rel

    markdown = _check([talkeditor, "render", template], cwd=work).stdout
    assert "\n# 本周新闻\n" in markdown and "【本周新闻】：" in markdown
    html = _check([talkeditor, "render", template, "--to", "html"], cwd=work).stdout
    assert "<h1>本周新闻</h1>" in html

    _check([talkeditor, "new", "-o", work / "next" / "issue.yaml"], cwd=work)
    assert "OK" in _check([talkeditor, "check", work / "next" / "issue.yaml"], cwd=work).stdout


# ------------------------------------------------------------------ desktop integration files

def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive: Name, Name[zh_CN]
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_desktop_file_agrees_with_the_package_and_the_app():
    entry = _desktop_entry()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    assert entry["Exec"].split()[0] in scripts
    assert entry["Exec"].split()[1:] == ["%f"]
    assert entry["Icon"] == APP_ID == DESKTOP.stem
    app_source = (ROOT / "talkeditor" / "ui" / "app.py").read_text("utf-8")
    assert f'setDesktopFileName("{APP_ID}")' in app_source
    # Qt on X11 sets WM_CLASS's class to the application name.
    assert f'setApplicationName("{entry["StartupWMClass"]}")' in app_source
    for key in ("Name[zh_CN]", "Comment[zh_CN]"):
        assert re.search(r"[\u4e00-\u9fff]", entry[key]), key
    mime_types = entry["MimeType"].rstrip(";").split(";")
    assert "text/markdown" in mime_types and "application/x-yaml" in mime_types
    assert "text/plain" not in mime_types  # never claim every text file


def test_the_metainfo_agrees_with_the_package_and_the_desktop_file():
    component = ET.parse(METAINFO).getroot()
    assert component.get("type") == "desktop-application"
    assert component.findtext("id") == APP_ID == METAINFO.name.removesuffix(".metainfo.xml")
    assert component.findtext("launchable[@type='desktop-id']") == DESKTOP.name
    assert component.findtext("provides/binary") == _desktop_entry()["Exec"].split()[0]
    newest = component.find("releases/release")
    assert newest is not None and newest.get("version") == __version__
    changelog = (ROOT / "CHANGELOG.md").read_text("utf-8")
    assert f"## [{__version__}] - {newest.get('date')}" in changelog


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate (Debian: desktop-file-utils) is not installed")
def test_the_desktop_file_validates():
    out = _run(["desktop-file-validate", DESKTOP])
    report = out.stdout + out.stderr
    assert out.returncode == 0, report
    # Hints may remain (TextEditor "can be extended with" Utility); errors and warnings not.
    assert not re.search(r": (error|warning): ", report), report


@pytest.mark.skipif(shutil.which("appstreamcli") is None,
                    reason="appstreamcli (Debian: appstream) is not installed")
def test_the_metainfo_validates():
    out = _run(["appstreamcli", "validate", "--no-net", "--explain", METAINFO])
    report = out.stdout + out.stderr
    assert out.returncode == 0, report
    assert not re.search(r"^\s*[EW]: ", report, re.M), report


@pytest.mark.skipif(shutil.which("appstreamcli") is None,
                    reason="appstreamcli (Debian: appstream) is not installed")
def test_the_installed_desktop_integration_validates_as_a_tree(tmp_path):
    env = {**os.environ, "DESTDIR": str(tmp_path / "stage")}
    _check(["bash", PACKAGING / "install-data.sh", "/usr"], env=env)
    share = tmp_path / "stage" / "usr" / "share"
    assert (share / "applications" / DESKTOP.name).is_file()
    assert (share / "metainfo" / METAINFO.name).is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    for size in ICON_SIZES:
        png = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert _png_size(png) == (size, size)
    out = _run(["appstreamcli", "validate-tree", "--no-net", tmp_path / "stage" / "usr"])
    report = out.stdout + out.stderr
    assert out.returncode == 0, report
    assert not re.search(r"^\s*[EW]: ", report, re.M), report


# ---------------------------------------------------------------------------------- the icon

def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_the_icon_pngs_have_their_sizes_and_the_svg_is_square():
    for size in ICON_SIZES:
        assert _png_size(ICONS / f"talkeditor-{size}.png") == (size, size)
    svg = ET.parse(ICONS / "talkeditor.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    _x, _y, width, height = (float(v) for v in svg.get("viewBox").split())
    assert width == height


@pytest.mark.skipif(importlib.util.find_spec("PySide6") is None, reason="PySide6 is missing")
def test_the_icon_pngs_are_rendered_from_the_current_svg():
    out = _run([sys.executable, PACKAGING / "make_icons.py", "--check"], timeout=120)
    assert out.returncode == 0, out.stderr


def test_the_packaging_scripts_parse():
    for script in PACKAGING.glob("*.sh"):
        _check(["bash", "-n", script])
    compile((PACKAGING / "talkeditor.spec").read_text("utf-8"), "talkeditor.spec", "exec")
