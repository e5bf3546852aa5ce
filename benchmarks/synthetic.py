"""Synthetic archives for benchmarks and tests, and the archive benchmark itself.

``make_synthetic_issue(i)`` builds a deterministic issue the size and shape of a real one
(~10k characters of mixed Chinese and English, links, paper titles, ~20 sections);
``make_synthetic_issues(n)`` returns n of them newest first; ``make_synthetic_archive(folder,
n)`` writes them as an archive. ``python -m benchmarks.synthetic [N] [--files]`` prints
how long indexing and searching take (the design's targets for 500 issues on a 2-core
machine: build ≤ 1 s, ≤ 50 ms per query); ``--files`` also times listing an archive on disk.
Timings are printed, never asserted.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from talkeditor.model import BODY_STANDING, Field, Issue, Section

_CJK_WORDS = (
    "大模型", "检索增强", "长上下文", "位置编码", "指令微调", "强化学习", "人类反馈", "知识编辑",
    "推理加速", "量化", "多轮对话", "数学能力", "代码解释器", "开源社区", "评测基准", "数据配比",
    "混合专家", "显存优化", "分布式训练", "向量数据库", "提示词", "幻觉", "对齐", "智能体",
    "多模态", "中文语料", "预训练", "蒸馏", "剪枝", "外推", "注意力机制", "词表扩充",
)
_CJK_GLUE = ("的", "和", "是", "在", "可以", "我们", "大家", "这个", "一些", "如何", "为什么",
             "讨论了", "推荐", "认为", "效果", "比较好", "问题", "方法")
_EN_WORDS = (
    "LLaMA", "GPT-4", "RLHF", "LoRA", "vLLM", "FlashAttention", "RoPE", "ChatGLM2", "Baichuan",
    "RWKV", "MoE", "DPO", "PPO", "LongNet", "Qwen", "InternLM", "tokenizer", "benchmark",
    "inference", "training", "dataset", "context", "retrieval", "alignment", "agent",
)
_TITLE_WORDS = ("Scaling", "Language", "Models", "Efficient", "Attention", "Learning",
                "Transformers", "Long", "Context", "Reasoning", "Instruction", "Tuning",
                "Retrieval", "Augmented", "Generation", "Memory", "Alignment", "Feedback")
_SECTIONS = (("本周新闻", ("学术", "项目", "工业")), ("本周推荐", ("资料", "模型", "项目", "杂项")),
             ("本周经典", ()), ("本周实践", ()), ("Free Talk", ("线上讨论", "群里讨论")),
             ("参考资料", ()))


def _sentence(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(4, 9)):
        roll = rng.random()
        if roll < 0.45:
            parts.append(rng.choice(_CJK_WORDS))
        elif roll < 0.75:
            parts.append(rng.choice(_CJK_GLUE))
        else:
            parts.append(f" {rng.choice(_EN_WORDS)} ")
    return "".join(parts).strip() + rng.choice(("；", "。", "", "？"))


def _paragraph(rng: random.Random, issue: int) -> str:
    roll = rng.random()
    if roll < 0.2:
        return f"<https://zhuanlan.zhihu.com/p/{rng.randint(600000000, 699999999)}>"
    if roll < 0.3:
        return f"<https://github.com/{rng.choice(_EN_WORDS)}/{rng.choice(_EN_WORDS)}-{issue}>"
    if roll < 0.38:
        return f"<https://arxiv.org/abs/23{rng.randint(1, 12):02d}.{rng.randint(10000, 19999)}>"
    if roll < 0.45:
        words = rng.sample(_TITLE_WORDS, 5)
        return f"{rng.choice(_EN_WORDS)}: {' '.join(words)}"
    if roll < 0.55:
        return f"{_sentence(rng)} - {rng.choice(('羡鱼', '何枝', '初七', '群友'))}的文章 - 知乎"
    return " ".join(_sentence(rng) for _ in range(rng.randint(1, 3)))


def make_synthetic_issue(i: int, chars: int = 10_000, seed: int = 0) -> Issue:
    """A deterministic issue number ``i`` (``'007'``), about ``chars`` characters long."""
    rng = random.Random(seed * 1_000_003 + i)
    day = date(2023, 6, 10) + timedelta(weeks=i)
    issue = Issue(number=f"{i:03d}", date=day.isoformat(), time="21:00",
                  highlights=[rng.choice(_CJK_WORDS) for _ in range(8)],
                  host=[rng.choice(("羡鱼", "何枝", "初七"))], editors=["羡鱼"],
                  zhihu=f"https://zhuanlan.zhihu.com/p/{640000000 + i}", template="openllm-talk")
    record = Section(title="本期记录", id="record", fields=[
        Field("编号", bind="number"), Field("时间", bind="datetime"),
        Field("本期提要", bind="highlights"), Field("主持人", bind="host")])
    issue.sections.append(Section(title="序章", id="preface", children=[record]))
    leaves: list[Section] = []
    for n, (title, children) in enumerate(_SECTIONS):
        top = Section(title=title, id=f"sec{n}", minutes=10, fields=[
            Field(title, value=_sentence(rng)), Field("贡献者", keep=False, bind="contributors")])
        top.contributors = [rng.choice(("羡鱼", "何枝", "suc16", "初七", "群友"))]
        top.children = [Section(title=c, id=f"sec{n}-{k}") for k, c in enumerate(children)]
        leaves.extend(top.children or [top])
        issue.sections.append(top)
    plans = "- OpenSE：检索项目，P0;\n- OpenLLM：LLM 学习和实践项目，P0;"
    issue.sections.append(Section(title="后续计划", id="plans", body_kind=BODY_STANDING,
                                  body=plans))
    bodies: dict[str, list[str]] = {s.id: [] for s in leaves}
    size = 0
    while size < chars:
        target = rng.choice(leaves)
        paragraph = _paragraph(rng, i)
        bodies[target.id].append(paragraph)
        size += len(paragraph) + 2
    for section in leaves:
        section.body = "\n\n".join(bodies[section.id])
    return issue


def make_synthetic_issues(n: int, chars: int = 10_000, seed: int = 0) -> list[Issue]:
    """``n`` synthetic issues, newest (highest number) first."""
    return [make_synthetic_issue(i, chars, seed) for i in reversed(range(n))]


def make_synthetic_archive(folder: str | Path, n: int, chars: int = 10_000, seed: int = 0):
    """Write ``n`` synthetic issues into ``folder`` as an archive; returns the Archive."""
    from talkeditor.archive.folder import Archive

    archive = Archive(folder)
    for issue in make_synthetic_issues(n, chars, seed):
        archive.add(issue)
    return archive


BENCH_QUERIES = ("大模型", "模型", "位置编码 rope", "lora", "net", "gpt-4", "的", "羡鱼 检索",
                 "scaling language", "zhuanlan", "不存在的词")


def run_benchmark(n: int = 500, repeat: int = 5) -> dict[str, float]:
    """Build an index over ``n`` synthetic issues and time queries; returns seconds."""
    from talkeditor.archive.search import SearchIndex

    issues = make_synthetic_issues(n)
    chars = sum(len(s.body) for i in issues for s, _d in i.walk())
    start = time.perf_counter()
    index = SearchIndex.build(issues)
    results = {"issues": n, "body_chars": chars, "build": time.perf_counter() - start}
    for query in BENCH_QUERIES:
        best = float("inf")
        for _ in range(repeat):
            index._vocab_cache.clear()
            start = time.perf_counter()
            hits = index.search(query)
            best = min(best, time.perf_counter() - start)
        results[f"search {query!r} ({len(hits)} hits)"] = best
    return results


def run_files_benchmark(n: int = 500) -> dict[str, float]:
    """Time an on-disk archive of ``n`` issues: first listing, re-listing, search index."""
    import tempfile

    from talkeditor.archive.folder import Archive

    with tempfile.TemporaryDirectory() as folder:
        make_synthetic_archive(folder, n)
        archive = Archive(folder)
        results: dict[str, float] = {}
        for name, action in (("list (parse every file)", archive.entries),
                             ("list again (nothing changed)", archive.entries),
                             ("archive.search_index()", archive.search_index),
                             ("next_number()", archive.next_number)):
            start = time.perf_counter()
            action()
            results[name] = time.perf_counter() - start
    return results


def main(argv: list[str] | None = None) -> int:
    """``python -m benchmarks.synthetic [N] [--files]``."""
    argv = sys.argv[1:] if argv is None else argv
    numbers = [a for a in argv if a.isdigit()]
    n = int(numbers[0]) if numbers else 500
    results = run_benchmark(n)
    if "--files" in argv:
        results.update(run_files_benchmark(n))
    for name, value in results.items():
        shown = f"{value * 1000:8.1f} ms" if isinstance(value, float) else f"{value:>8}"
        print(f"{name:45} {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
