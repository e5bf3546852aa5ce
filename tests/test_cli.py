"""The command line: new, render and check on real files; exit code 2 and one line on bad input."""

import pytest

from talkeditor import __version__

from .conftest import FIXTURES, run_cli


def test_version_prints_the_package_version():
    out = run_cli("--version")
    assert out.returncode == 0 and out.stdout.strip() == f"talkeditor {__version__}"


def test_new_then_render_prints_the_whole_skeleton_and_check_accepts_it(tmp_path):
    target = tmp_path / "x.yaml"
    assert run_cli("new", "-o", target).returncode == 0
    assert (tmp_path / "x.md").exists()
    out = run_cli("render", target)
    assert out.returncode == 0
    for heading in ("# 序章", "## 本期记录", "# 本周新闻", "## 学术", "# 本周推荐", "## 杂项",
                    "# 本周经典-optional", "# 本周实践-optional", "# Free Talk", "# 参考资料",
                    "# 后续计划", "# 加入/赞助我们", "# 往期精彩"):
        assert f"\n{heading}\n" in out.stdout
    assert "【本周新闻】：LLM/AI news" in out.stdout
    check = run_cli("check", target)
    assert check.returncode == 0 and "OK" in check.stdout


def test_new_refuses_to_overwrite_without_force(tmp_path):
    target = tmp_path / "x.yaml"
    run_cli("new", "-o", target)
    out = run_cli("new", "-o", target)
    assert out.returncode == 2 and "exists" in out.stderr
    assert run_cli("new", "-o", target, "--force").returncode == 0


def test_render_to_html_and_to_a_file(tmp_path):
    out = run_cli("render", FIXTURES / "issue-004.yaml", "--to", "html")
    assert out.returncode == 0 and "<h1>本周新闻</h1>" in out.stdout
    target = tmp_path / "out.md"
    assert run_cli("render", FIXTURES / "issue-004.yaml", "-o", target).returncode == 0
    assert "【编号】：OpenLLM Talk 004" in target.read_text(encoding="utf-8")


BAD_INPUTS = {
    "malformed.yaml": b"format: 1\nsections: [\n",
    "types.yaml": b"format: 1\nsections:\n- title: [a]\n",
    "newer.yaml": b"format: 7\n",
    "python.yaml": b"format: 1\nx: !!python/object/apply:os.system ['touch pwned']\n",
    "bomb.yaml": b"format: 1\na: &a [x, x]\nb: [*a, *a]\n",
    "binary.yaml": bytes(range(256)),
    "empty.yaml": b"",
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
@pytest.mark.parametrize("command", ["render", "check"])
def test_bad_input_exits_2_with_one_clear_line_and_no_traceback(tmp_path, name, command):
    path = tmp_path / name
    path.write_bytes(BAD_INPUTS[name])
    out = run_cli(command, path, cwd=tmp_path)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
    assert out.stderr.startswith("talkeditor: error: ") and name in out.stderr
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("args", [["render"], ["check", "a", "b"], ["render", "x", "--to", "pdf"],
                                  ["new"], ["--no-such-flag"]])
def test_usage_errors_exit_2_with_one_line(args):
    out = run_cli(*args)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr


def test_check_refuses_deep_nesting_with_exit_2_and_one_line(tmp_path):
    """Behaviour, not PyYAML's wording (6.0.4 words the nesting error unlike 6.0.3)."""
    deep = tmp_path / "deep.yaml"
    deep.write_text("format: 1\nx: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    out = run_cli("check", deep)
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize("command", [("render", "{issue}", "-o", "{out}/x.md"),
                                     ("new", "-o", "{out}/x.yaml"),
                                     ("links", "{issue}", "--clean", "-o", "{out}/x.yaml")])
def test_an_output_path_that_cannot_be_written_is_one_error_line_and_exit_2(tmp_path, command):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    issue = FIXTURES / "issue-004.yaml"
    done = run_cli(*[part.format(issue=issue, out=blocker) for part in command])
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("talkeditor: error: ")
    assert "Traceback" not in done.stderr and "unexpected" not in done.stderr
