"""A seeded random host for the real window (run in a child process by test_ui_model.py).

    python tests/gui_model_driver.py --seed N --steps M --workdir DIR [--check-every K]

It opens issue 004 in the real main window (offscreen) and does what a host does, at random:
select a section, type (Chinese through input-method commits, with NBSP, U+2028, tabs,
zero-width and full-width spaces), undo, redo, add / add a subsection / move / delete /
rename sections (F2 in the tree, typing into the tree's editor), New from Template, New from
Past Issue, open another issue, save. After every step it delivers DeferredDelete as the
event loop would, and checks: the editor's title box shows the model's title, the modified
flag equals "differs from the file on disk", Undo/Redo are enabled exactly when the history
they act on has a step. Every K steps and at the end: save then reopen gives the same issue,
and undoing everything gives back the issue as opened. Prints one JSON line: steps, counts,
failures. A segfault shows as the child's exit code, which the test reports.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from PySide6.QtCore import QCoreApplication, QEvent, Qt  # noqa: E402
from PySide6.QtGui import QInputMethodEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit  # noqa: E402

HERE = Path(__file__).resolve().parent
ALPHABET = ["中文", "测试", "，", "。", "羡鱼", "abc", " ", "\u00a0", "\u2028", "\t", "\u200b",
            "\u3000", "\n", "【标签】：值", "—群友"]
ACTIONS = ["select", "select", "type", "type", "type", "undo", "undo", "redo", "add", "add_sub",
           "move", "delete", "rename", "new_template", "new_past", "open", "save"]


def deliver() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


class Host:
    def __init__(self, seed: int, workdir: Path):
        from talkeditor.ui import dialogs
        from talkeditor.ui.app import create_main_window

        self.rng = random.Random(seed)
        self.workdir = workdir
        archive = workdir / "archive"
        for number in ("003", "004"):
            (archive / number).mkdir(parents=True)
        shutil.copy(HERE / "fixtures" / "issue-004.yaml", archive / "004" / "issue.yaml")
        self.special = archive / "003" / "issue.yaml"
        self._write_special(archive / "004" / "issue.yaml", self.special)
        self.files = [archive / "004" / "issue.yaml", self.special]
        dialogs.ask_save_changes = lambda parent, name: "discard"
        dialogs.ask_recover = lambda parent, drafts: ("later", -1)
        dialogs.show_error = self._error
        dialogs.show_info = lambda *a, **k: None
        self.errors: list[str] = []
        self.failures: list[str] = []
        self.counts: dict[str, int] = {}
        self.saved_count = 0
        self.window = create_main_window(self.files[0], lang="en")
        self.window.activateWindow()
        self._opened()

    @staticmethod
    def _write_special(source: Path, target: Path) -> None:
        """Issue 004 renumbered 003, with bodies holding the characters viewing must keep."""
        from talkeditor.storage.files import load_yaml_issue, save_issue

        issue = load_yaml_issue(source)
        issue.number = "003"
        for index, (section, _depth) in enumerate(issue.walk()):
            if index % 2 == 0:
                section.body += "不换行\u00a0空格\u2028行分隔\t制表\u200b零宽\u3000全角\n"
        save_issue(issue, target)

    def _error(self, parent, title, text, details=""):
        self.errors.append(f"{title}: {text} {details}")

    # ------------------------------------------------------------------ helpers
    @property
    def doc(self):
        return self.window.document

    def _opened(self) -> None:
        self.opened = self.doc.sync().clone()

    def _sections(self):
        return [s for s, _d in self.doc.issue.walk()]

    def _select_random(self, allow_meta: bool = True) -> str:
        sections = self._sections()
        if not sections or (allow_meta and self.rng.random() < 0.1):
            self.window.select_section()
            return ""
        section = self.rng.choice(sections)
        self.window.tree.select(section.id)
        return section.id

    def _fail(self, step: int, what: str) -> None:
        self.failures.append(f"step {step}: {what}")

    # ------------------------------------------------------------------ actions
    def do(self, action: str) -> None:
        self.counts[action] = self.counts.get(action, 0) + 1
        getattr(self, "act_" + action)()

    def act_select(self) -> None:
        self._select_random()

    def act_type(self) -> None:
        if not self.window.current_section():
            if not self._select_random(allow_meta=False):
                return
        body = self.window.body_editor()
        body.setFocus()
        cursor = body.textCursor()
        cursor.setPosition(self.rng.randrange(body.document().characterCount()))
        body.setTextCursor(cursor)
        for _ in range(self.rng.randint(1, 4)):
            event = QInputMethodEvent()
            event.setCommitString("".join(self.rng.choice(ALPHABET)
                                          for _ in range(self.rng.randint(1, 3))))
            QApplication.sendEvent(body, event)

    def _focus_for_undo(self) -> None:
        if self.window.current_section() and self.rng.random() < 0.5:
            self.window.body_editor().setFocus()
        else:
            self.window.tree.setFocus()

    def act_undo(self) -> None:
        self._focus_for_undo()
        action = self.window.actions_["actionUndo"]
        if action.isEnabled():
            action.trigger()

    def act_redo(self) -> None:
        self._focus_for_undo()
        action = self.window.actions_["actionRedo"]
        if action.isEnabled():
            action.trigger()

    def _rename_in_tree(self, name: str) -> None:
        """Type a name into the tree's open editor and press Enter, as a host does."""
        deliver()
        editor = self.window.tree.viewport().findChild(QLineEdit)
        if editor is None or not editor.isVisible():
            return
        editor.selectAll()
        editor.insert(name)
        QTest.keyClick(editor, Qt.Key.Key_Return)
        self.counts["renamed"] = self.counts.get("renamed", 0) + 1

    def act_add(self) -> None:
        self._select_random()
        self.window.actions_["actionAddSection"].trigger()
        self._rename_in_tree(self.rng.choice(["新版块", "refs", "线上讨论", "Free Talk 2"]))

    def act_add_sub(self) -> None:
        if self._select_random(allow_meta=False):
            self.window.actions_["actionAddSubsection"].trigger()
            self._rename_in_tree(self.rng.choice(["子版块", "学术 2", "资料"]))

    def act_move(self) -> None:
        if self._select_random(allow_meta=False):
            name = self.rng.choice(["actionMoveUp", "actionMoveDown"])
            self.window.actions_[name].trigger()

    def act_delete(self) -> None:
        if self._select_random(allow_meta=False) and len(self._sections()) > 3:
            self.window.actions_["actionDeleteSection"].trigger()

    def act_rename(self) -> None:
        if self._select_random(allow_meta=False):
            self.window.tree.setFocus()
            self.window.actions_["actionRenameSection"].trigger()
            self._rename_in_tree(self.rng.choice(["改名", "本周新闻 bis", "Renamed"]))

    def act_new_template(self) -> None:
        if self.rng.random() < 0.5:
            return  # rarer than the rest: each one resets the history
        self.window.actions_["actionNew"].trigger()
        self._opened()

    def act_new_past(self) -> None:
        if self.rng.random() < 0.5:
            return
        self.window.archive_actions.new_next_from(self.rng.choice(self.files))
        self._opened()

    def act_open(self) -> None:
        if self.rng.random() < 0.5:
            return
        if self.window.manager.maybe_save() and self.window.open_path(self.rng.choice(self.files)):
            self._opened()

    def act_save(self) -> None:
        path = self.doc.path
        if path is None:
            path = self.workdir / "saved" / f"{self.saved_count}" / "issue.yaml"
            self.saved_count += 1
        if self.window.save(path):
            self.files.append(path)

    # ------------------------------------------------------------------ checks
    def check_step(self, step: int) -> None:
        from talkeditor.storage.files import load_yaml_issue

        pane = self.window.editor.pane
        sid = self.window.current_section()
        section = self.doc.issue.find(sid) if sid else None
        if section is not None and pane.title.text() != section.title:
            self._fail(step, f"title box {pane.title.text()!r} != model {section.title!r}")
        path = self.doc.path
        if path is not None and not self.doc._draft:
            differs = self.doc.saved_issue() != load_yaml_issue(path)
            if self.doc.is_modified() != differs:
                self._fail(step, f"modified flag {self.doc.is_modified()} but differs {differs}")
        stack = self.doc.undo_stack  # one history: typing included
        can_undo, can_redo = stack.canUndo(), stack.canRedo()
        actions = self.window.actions_
        if actions["actionUndo"].isEnabled() != can_undo:
            self._fail(step, f"Undo enabled {actions['actionUndo'].isEnabled()}, can {can_undo}")
        if actions["actionRedo"].isEnabled() != can_redo:
            self._fail(step, f"Redo enabled {actions['actionRedo'].isEnabled()}, can {can_redo}")

    def check_sequence(self, step: int) -> None:
        """Save and reopen gives the same issue; undoing everything gives the opened one."""
        from talkeditor.storage.files import load_yaml_issue

        path = self.doc.path or self.workdir / "check" / f"{step}" / "issue.yaml"
        if not self.window.save(path):
            self._fail(step, "save failed: " + "; ".join(self.errors[-1:]))
            return
        if load_yaml_issue(path) != self.doc.saved_issue():
            self._fail(step, "reopening the saved file gives another issue")
        if self.doc.is_modified():
            self._fail(step, "modified right after a save")
        stack = self.doc.undo_stack
        while stack.canUndo():
            stack.undo()
        deliver()
        if self.doc.sync() != self.opened:
            self._fail(step, "undoing everything does not give back the issue as opened")
        self.window.save()
        self._opened()  # carry on from here: the history is at its start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--check-every", type=int, default=40)
    parser.add_argument("--workdir", type=Path, required=True)
    args = parser.parse_args()
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        folder = args.workdir / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        os.environ[name] = str(folder)  # never the real user's settings or recovery folder
    from talkeditor.ui.app import ensure_app

    ensure_app("en")
    host = Host(args.seed, args.workdir)
    deliver()
    trail: list[str] = []
    for step in range(1, args.steps + 1):
        action = host.rng.choice(ACTIONS)
        trail.append(action)
        print(f"{step} {action}", file=sys.stderr, flush=True)  # the last line names a crash
        host.do(action)
        deliver()
        host.check_step(step)
        if step % args.check_every == 0 or step == args.steps:
            host.check_sequence(step)
            deliver()
        if len(host.failures) > 20:
            break
    host.window.document.set_modified(False)
    print(json.dumps({"seed": args.seed, "steps": len(trail), "counts": host.counts,
                      "failures": host.failures, "errors": host.errors[:5]},
                     ensure_ascii=False), flush=True)
    return 0 if not host.failures else 1


if __name__ == "__main__":
    sys.exit(main())
