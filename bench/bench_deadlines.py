"""Scaling of DL401 (conflicting deadlines) and of `doclint deadlines` at 1x / 4x / 16x.

    python bench/bench_deadlines.py [--runs 3] [--timeout 600] [--quick] [--only NAMES] [--tree DIR] [--json FILE]

Input: an assignment document (督办通知 style) written by a seeded generator
below: numbered sections of task sentences, each with an owner, a work item
(place name + subject + kind of work), a
milestone and a deadline in one of the usual forms, plus every tenth task
restated in another section in other words (some with another deadline: real
conflicts, so the matcher has work to do) and a tenth of the lines plain prose.
The same generator at 1x, 4x and 16x the number of lines, so the growth per 4x
is the figure (linear: 4x; the target is at most 4.5x).

Measured, each size in its own child process (so peak memory is the size's own):
- DL401: `Session.lint` with only DL401 selected, on a Document whose views
  (tokens, sentences, time expressions, outline) are built before the clock
  starts: the check's own work;
- deadlines: what `doclint deadlines -f csv` does after reading the file —
  the task rows (`rows_for`) and the CSV text — from a fresh Document (its views
  included, since the command builds them).
Time is the CPU time of that work (wall time beside it: on a busy machine the two
differ), the least of --runs runs; peak is the child's peak resident memory (VmHWM)
and its growth over the child's peak before the work. A size that hits --timeout is
shown as "> N s" (never silently cut short). "out" is the number of DL401 findings,
or of rows in the deadlines table.

Two vocabularies: by default work items name one of 2,265 place names (jieba's
dictionary, tag ns), as a long real document names many projects; `dl401-narrow`
uses 30 places only, so that every task shares its rarest words with hundreds of
others — the worst case for DL401's candidate search, which is then bounded by
MAX_CANDIDATES (doclint.text.tasks) and shown from 2,000 lines, where the cap is
reached. The "before" figures in the report come from `--tree` of main.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OWNERS = ("市发改委 市工信局 市财政局 市住建局 市交通运输局 市水利局 市农业农村局 市商务局 市教育局 市卫健委 "
          "市民政局 市人社局 市自然资源局 市生态环境局 市应急管理局 市市场监管局 市医保局 市林业局 市文旅局 "
          "市大数据局 市城管局 市公安局 市审计局 市统计局 市税务局 各县市区 各乡镇 市直各部门").split()
PLACES = ("城区 园区 开发区 高新区 老城区 新城区 东部片区 西部片区 南部片区 北部片区 沿江片区 城北新区 城南新区 "
          "滨河新区 工业园区 物流园区 港口 机场 火车站 客运站 农村 山区 库区 景区 口岸 城乡结合部 集镇 县城 "
          "中心城区 主城区").split()
SUBJECTS = ("老旧小区 污水管网 供水管网 燃气管道 雨污分流管网 农贸市场 公共厕所 停车场 充电桩 路灯 人行道 "
            "背街小巷 城中村 棚户区 危旧房 中小学校舍 幼儿园 卫生院 养老院 文化站 体育场馆 村级道路 农村公路 "
            "危桥 小型水库 堤防 山塘 灌区 高标准农田 冷链物流设施 物流配送中心 标准厂房 孵化器 数据中心 "
            "政务服务大厅 便民服务中心 社区食堂 消防站 应急避难场所 地质灾害隐患点 危化品企业 尾矿库 "
            "加油站 建筑工地 渣土车 餐饮油烟 扬尘污染 黑臭水体 垃圾中转站").split()
WORKS = "改造 建设 排查 整改 整治 验收 维修 提升 清理 评估 摸底 规划".split()
MILESTONES = ("全面完成 全部完工 完成 开工 建成投用 投入使用 落实到位 报市政府 通过验收").split()


def _deadline(rng: random.Random) -> str:
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    return rng.choice([f"{m}月底前", f"{m}月{d}日前", f"{m}月中旬前", f"{m}月下旬前", "年底前", "上半年",
                       f"明年{m}月底前", f"{'一二三四'[rng.randint(0, 3)]}季度末"])


def _place_names() -> list:
    """Two-character place names (tag ns, frequency >= 20, so that segmentation keeps them
    whole; none ending in 市/县/区…, which would read as a unit) of jieba's dictionary."""
    import importlib.util
    path = Path(importlib.util.find_spec("jieba").origin).parent / "dict.txt"
    names = set()
    for line in path.read_text("utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2] == "ns" and len(parts[0]) == 2 and int(parts[1]) >= 20 \
                and parts[0][-1] not in "市县区镇乡村省州":
            names.add(parts[0])
    return sorted(names)


def _item(rng: random.Random, names) -> str:
    place = rng.choice(names) if names else rng.choice(PLACES)
    return place + rng.choice(SUBJECTS) + rng.choice(WORKS)


def _task(rng: random.Random, owner: str, item: str, deadline: str) -> str:
    form = rng.randint(0, 3)
    done = rng.choice(MILESTONES)
    if form == 0:
        return f"{owner}牵头，{deadline}完成{item}。"
    if form == 1:
        return f"{item}要在{deadline}{done}。"
    if form == 2:
        return f"{owner}要加快推进{item}，确保{deadline}{done}。"
    return f"{owner}负责{item}工作，{deadline}{done}。"


def make_text(lines: int, seed: int = 0, narrow: bool = False) -> str:
    """An assignment document of about `lines` lines (see the module docstring); `narrow`: work
    items from 30 places only instead of 2,265 place names (every task shares its rarest words
    with many others: DL401's candidate cap is reached)."""
    from doclint.text.numerals import to_chinese
    rng = random.Random(seed)
    names = None if narrow else _place_names()
    out, items, section = [], [], 0
    while len(out) < lines:
        if len(out) % 25 == 0:
            section += 1
            out.append(f"{to_chinese(section)}、第{section}项重点工作")
            continue
        r = rng.random()
        if r < 0.1:
            out.append("各地各部门要提高政治站位，压实工作责任，加强统筹调度，形成工作合力。")
        elif r < 0.2 and items:
            owner, item, deadline = rng.choice(items)      # the same task restated elsewhere
            out.append(_task(rng, owner, item, deadline if rng.random() < 0.5 else _deadline(rng)))
        else:
            owner, item, deadline = rng.choice(OWNERS), _item(rng, names), _deadline(rng)
            items.append((owner, item, deadline))
            out.append(_task(rng, owner, item, deadline))
    return "\n".join(out) + "\n"


def _peak_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _run_dl401(text: str) -> dict:
    from doclint.engine.session import Session, Settings
    from doclint.model.document import Document
    session = Session(Settings(select=("DL401",)))
    session.lint(Document("一、甲\n市发改委牵头，9月底前完成方案。\n二、乙\n市发改委牵头，10月底前完成方案。\n"))
    doc = Document(text)
    _ = doc.tokens, doc.sentences, doc.time_expressions, doc.headings
    base = _peak_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    found = session.lint(doc)
    return {"wall": time.perf_counter() - t0, "s": time.process_time() - c0, "peak": _peak_mb(),
            "grew": _peak_mb() - base, "n": len(found)}


def _run_deadlines(text: str) -> dict:
    from doclint.engine.session import Session, Settings
    from doclint.model.document import Document
    from doclint.reporters.deadlines import render_csv, rows_for
    from doclint.text.dates import reference_date
    session = Session(Settings())
    cfg = session.config_for(".")
    dictionaries = session.dictionaries(cfg)
    ref = reference_date("", "2026-06-01")
    rows_for(Document("市发改委牵头，9月底前完成方案。"), dictionaries, ref, ("deadline",))
    base = _peak_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    doc = Document(text)
    rows = rows_for(doc, dictionaries, ref, ("deadline",))
    out = render_csv([("bench.txt", ref, rows)], "zh", False)
    return {"wall": time.perf_counter() - t0, "s": time.process_time() - c0, "peak": _peak_mb(),
            "grew": _peak_mb() - base, "n": len(rows), "bytes": len(out)}


def _use_tree(tree: str) -> None:
    """Import doclint from another checkout (e.g. `git archive` of main) past an editable install."""
    sys.meta_path[:] = [f for f in sys.meta_path if not type(f).__module__.startswith("__editable__")]
    sys.path.insert(0, tree)


def _child(kind: str, lines: int, tree, narrow: bool, queue) -> None:
    if tree:
        _use_tree(tree)
    text = make_text(lines, narrow=narrow)
    queue.put((_run_dl401 if kind == "dl401" else _run_deadlines)(text))


def measure(kind: str, lines: int, timeout: float, tree=None, narrow: bool = False):
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    p = ctx.Process(target=_child, args=(kind, lines, tree, narrow, queue))
    p.start()
    p.join(timeout)
    if p.is_alive():
        p.kill()
        p.join()
        return None
    return queue.get() if not queue.empty() else None


RUNS = (  # name, what runs, 1x in lines (option), narrow vocabulary
    ("dl401", "dl401", "dl401_lines", False),
    ("dl401-narrow", "dl401", "narrow_lines", True),
    ("deadlines", "deadlines", "deadlines_lines", False),
)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds per size before giving up")
    ap.add_argument("--quick", action="store_true", help="smaller sizes (1x = a quarter)")
    ap.add_argument("--runs", type=int, default=1, help="runs per size; the least CPU time counts")
    ap.add_argument("--dl401-lines", type=int, default=500, help="1x size of the DL401 run, in lines")
    ap.add_argument("--narrow-lines", type=int, default=2000,
                    help="1x size of the DL401 run on the narrow vocabulary (past the candidate cap)")
    ap.add_argument("--deadlines-lines", type=int, default=3500, help="1x size of the deadlines run, in lines")
    ap.add_argument("--only", default="", help="comma-separated names of the runs (dl401,dl401-narrow,deadlines)")
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--tree", help="run the doclint of this source tree (e.g. `git archive` of another revision)")
    args = ap.parse_args(argv)
    div = 4 if args.quick else 1
    only = {x for x in args.only.split(",") if x}
    results = {}
    print(f"{'run':<13} {'lines':>7} {'out':>6} {'cpu s':>8} {'wall s':>8} {'x per 4x':>9} {'peak MB':>8} {'(+work)':>8}")
    for name, kind, size_opt, narrow in RUNS:
        if only and name not in only:
            continue
        results[name] = _growth(name, kind, getattr(args, size_opt) // div, narrow, args)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), "utf-8")
    return results


def _growth(name, kind, base, narrow, args):
    """One row per size (1x, 4x, 16x); 'x per 4x' is the CPU time against the size before."""
    rows, prev = [], None
    for mult in (1, 4, 16):
        lines = base * mult
        got = [measure(kind, lines, args.timeout, args.tree, narrow) for _ in range(max(1, args.runs))]
        if any(r is None for r in got):
            print(f"{name:<13} {lines:>7} {'':>6} {'> ' + str(int(args.timeout)):>8}")
            rows.append({"lines": lines, "timeout": args.timeout})
            break
        r = min(got, key=lambda x: x["s"])
        growth = f"{r['s'] / prev:.2f}x" if prev else ""
        print(f"{name:<13} {lines:>7} {r['n']:>6} {r['s']:>8.3f} {r['wall']:>8.3f} {growth:>9} "
              f"{r['peak']:>8.1f} {r['grew']:>+8.1f}")
        rows.append({"lines": lines, **r})
        prev = r["s"]
    return rows


if __name__ == "__main__":
    main()
