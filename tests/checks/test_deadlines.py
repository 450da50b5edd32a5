"""Task association, DL4 checks with config dates, and the `doclint deadlines` command."""
from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from doclint.api import lint_text
from doclint.engine.config import Config
from doclint.cli.deadlines import deadlines
from doclint.model.document import Document
from doclint.text.tasks import assigned_tasks, find_owners, same_task

SPEECH = (
    "在全市重点工作推进会上的讲话\n"
    "（2020年9月8日）\n"
    "一、坚决打赢脱贫攻坚收官战\n"
    "市农业农村局牵头起草产业扶贫利益联结机制的意见，市林业局牵头起草支持油茶产业发展的意见，9月底前报市政府研究。\n"
    "二、全力以赴稳增长\n"
    "（一）抓项目\n"
    "市工信局、财政局牵头，10月15日前完成政府优先采购办法起草。要确保所有民生实事项目年底前全面交账。\n"
    "三、抓落实\n"
    "市林业局牵头起草支持油茶产业发展的意见，10月底前报市政府研究。截至8月底，已完成投资80亿元。\n"
)


def test_owners_lists_roles_and_groups():
    t = "市工信局、财政局牵头，×月底前完成办法起草。各县市区、市直牵头单位要高度重视。公安、人社、医保等部门要及时提供信息。"
    names = [(o.name, o.role) for o in find_owners(t)]
    assert names[:2] == [("市工信局", "牵头"), ("财政局", "牵头")]
    assert ("各县市区", "") in names and ("市直牵头单位", "") in names
    assert [n for n, _ in names[-3:]] == ["公安", "人社", "医保"]
    # verbs at a clause start are not units
    assert find_owners("要加快推进市级公共卫生救治中心、紧密型县域医共体建设。") == []


def test_tasks_have_sentence_owners_and_section():
    doc = Document(SPEECH)
    tasks = assigned_tasks(doc)
    assert [t.expr.text for t in tasks] == ["9月底前", "10月15日前", "年底前", "10月底前"]
    first = tasks[0]
    assert first.owner_names == ["市农业农村局", "市林业局"]
    assert first.line == 4
    assert first.section_label == "一、坚决打赢脱贫攻坚收官战"
    assert tasks[1].owner_names == ["市工信局", "财政局"]
    assert tasks[1].section_label == "二、全力以赴稳增长 > （一）抓项目"
    assert tasks[2].owner_names == []
    assert same_task(tasks[0], tasks[3]) and not same_task(tasks[1], tasks[3])


def test_dl401_names_both_places_and_dl403_uses_document_date():
    fs = lint_text(SPEECH, select=["DL4"])
    assert [(f.code, f.line, f.text) for f in fs] == [("DL401", 9, "10月底前")]
    msg = fs[0].message
    assert "第4行（一、坚决打赢脱贫攻坚收官战）" in msg and "9月底前" in msg
    en = lint_text(SPEECH, select=["DL401"], lang="en")[0].message
    assert "line 4 (一、坚决打赢脱贫攻坚收官战)" in en


def test_dl403_needs_a_stated_reference_date():
    text = "一、项目建设\n市发改委牵头，8月底前完成项目筛选。\n"
    assert lint_text(text, select=["DL403"]) == []          # no date line, no config: silent
    fs = lint_text(text, select=["DL403"], config=Config(date="2020-09-08"))
    assert [f.text for f in fs] == ["8月底前"]
    assert "配置文件 date" in fs[0].message and "2020-08-31" in fs[0].message
    assert lint_text(text, select=["DL403"], config=Config(date="2020-08-01")) == []
    # the document's own date wins over the config
    dated = "讲话\n（2020年8月1日）\n" + text
    assert lint_text(dated, select=["DL403"], config=Config(date="2020-09-08")) == []


def test_dl401_reference_date_makes_relative_deadlines_comparable():
    text = ("一、人口普查\n各县市要尽快落实普查经费，确保本月底经费落实到位。\n"
            "二、经费保障\n各县市要尽快落实普查经费，确保10月15日前经费落实到位。\n")
    assert lint_text(text, select=["DL401"]) == []
    fs = lint_text(text, select=["DL401"], config=Config(date="2020-09-08"))
    assert [f.text for f in fs] == ["10月15日前"]
    # same month: 本月底 is 10月31日 in October, not 10月15日 either
    assert len(lint_text(text, select=["DL401"], config=Config(date="2020-10-08"))) == 1
    assert lint_text(text.replace("10月15日前", "10月31日前"), select=["DL401"],
                     config=Config(date="2020-10-08")) == []


def _run(args, **kw):
    return CliRunner().invoke(deadlines, args, catch_exceptions=False, **kw)


def test_cli_table_markdown_json_csv(tmp_path):
    p = tmp_path / "speech.txt"
    p.write_text(SPEECH, encoding="utf-8")
    r = _run([str(p)])
    assert r.exit_code == 0
    assert "参考日期 2020-09-08，取自文中日期（第2行）；共 4 项" in r.output
    assert "市农业农村局、市林业局" in r.output and "2020-10-15" in r.output

    r = _run([str(p), "--format", "markdown", "--lang", "en", "--date", "2021-01-05"])
    assert "reference date 2021-01-05, from --date" in r.output
    assert "| 1 | 一、坚决打赢脱贫攻坚收官战 |" in r.output and "| 2021-12-31 |" in r.output

    r = _run([str(p), "-f", "json"])
    data = json.loads(r.output)
    assert data["reference_date"] == {"date": "2020-09-08", "source": "document", "line": 2,
                                      "description": "参考日期 2020-09-08，取自文中日期（第2行）"}
    assert [(t["deadline"], t["due"], t["line"], t["owners"]) for t in data["tasks"]] == [
        ("9月底前", "2020-09-30", 4, ["市农业农村局", "市林业局"]),
        ("10月15日前", "2020-10-15", 7, ["市工信局", "财政局"]),
        ("年底前", "2020-12-31", 7, []),
        ("10月底前", "2020-10-31", 9, ["市林业局"])]

    out = tmp_path / "list.csv"
    r = _run([str(p), "-f", "csv", "-o", str(out)])
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")               # BOM: Excel/WPS read UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["序号", "部分", "任务", "责任单位", "期限（原文）", "截止日期", "行"]
    assert rows[2][1:] == ["二、全力以赴稳增长 > （一）抓项目",
                           "市工信局、财政局牵头，10月15日前完成政府优先采购办法起草。",
                           "市工信局、财政局", "10月15日前", "2020-10-15", "7"]


def test_cli_reference_from_config_then_today(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("一、项目\n确保所有民生实事项目年底前全面交账。\n", encoding="utf-8")
    r = _run([str(p), "-f", "json"])
    assert json.loads(r.output)["reference_date"]["source"] == "today"
    sub = tmp_path / "configured"   # config lookups are cached per folder: use a new one
    sub.mkdir()
    (sub / "doclint.toml").write_text('date = "2019-05-01"\n', encoding="utf-8")
    q = sub / "a.txt"
    q.write_text(p.read_text("utf-8"), encoding="utf-8")
    data = json.loads(_run([str(q), "-f", "json"]).output)
    assert data["reference_date"]["source"] == "config"
    assert data["tasks"][0]["due"] == "2019-12-31"


def test_cli_errors_exit_2_with_one_line(tmp_path):
    r = CliRunner().invoke(deadlines, [str(tmp_path / "missing.txt")])
    assert r.exit_code == 2 and "文件不存在" in r.output and "Traceback" not in r.output
    p = tmp_path / "a.txt"
    p.write_text("年底前完成。", encoding="utf-8")
    r = CliRunner().invoke(deadlines, [str(p), "--date", "2020-02-30"])
    assert r.exit_code == 2 and "--date" in r.output


def test_seed_speech_lists_every_deadline(seed_path):
    """The real speech: all 12 deadline expressions, with sections and owners, × kept unknown."""
    r = _run([str(seed_path), "-f", "json", "--date", "2020-09-08"])
    tasks = json.loads(r.output)["tasks"]
    got = [(t["line"], t["deadline"], t["section"].split("、")[0], t["owners"]) for t in tasks]
    assert got == [
        (20, "×月底前", "一", ["市农业农村局", "市林业局"]),
        (20, "×月×日前", "一", ["×县"]),
        (20, "×月底前", "一", []),
        (22, "×月底", "二", []),
        (24, "×月底前", "三", ["市工信局", "财政局"]),
        (24, "年内", "三", []),
        (26, "年底前", "四", []),
        (30, "×月中旬", "六", []),
        (30, "年底前", "六", []),
        (30, "×月中旬前", "六", []),
        (34, "本月底", "八", ["各县市"]),
        (34, "×月×日前", "八", ["公安部门"]),
    ]
    assert [t["due"] for t in tasks if not t["unknown"]] == ["2020-12-31", "2020-12-31", "2020-12-31",
                                                              "2020-09-30"]
    assert all(t["due"] == "待定（含×）" for t in tasks if t["unknown"])
    # with --all the scheduled dates (×月×日正式入户登记, ×月份召开…) are listed too
    r = _run([str(seed_path), "-f", "json", "--all"])
    kinds = [t["kind"] for t in json.loads(r.output)["tasks"]]
    assert kinds.count("deadline") == 12 and kinds.count("point") >= 8


def test_seed_speech_has_no_dl4_warnings(seed_path):
    """Its deadlines are × placeholders (DL201) or consistent: no DL4 finding."""
    text = seed_path.read_text("utf-8")
    assert lint_text(text, select=["DL4"], config=Config(date="2020-09-08")) == []


NOTICE = """××市人民政府办公室关于做好第四季度重点工作的通知

各县市区人民政府，市直各单位：
为确保全面完成全年目标任务，现就做好第四季度重点工作通知如下。
一、抓好项目建设
（一）加快项目开工。市发改委牵头，市财政局、市自然资源局配合，10月15日前完成第二批重点项目用地报批；各县市区要在10月底前实现第二批重点项目全部开工。截至9月底，全市已开工项目128个。
（二）做好项目储备。市发改委牵头编制明年重点项目计划，11月底前报市政府审定，12月10日前印发。
二、保障和改善民生
（一）办好民生实事。各县市区要确保所有民生实事项目年底前全面交账，城镇老旧小区改造项目11月底前全部完工。
（二）稳定就业。市人社局要在10月20日前出台高校毕业生就业见习补贴办法，收到申请后5个工作日内完成审核。
三、防范化解风险
（一）化解债务风险。市财政局要在11月15日前完成存量资金清理。
（二）安全生产。市应急管理局牵头完成全市危险化学品企业安全风险评估，10月底前形成评估报告。
四、工作要求
各县市区、市直各单位要于每月5日前报送上月工作进展。市发改委牵头编制明年重点项目计划，12月15日前报市政府审定。城镇老旧小区改造项目要在11月底前全部完工。请各地于2月30日前报送全年工作总结。

××市人民政府办公室
2020年9月28日
"""


def test_notice_with_four_sections_table_and_findings():
    """A notice dated at its end (成文日期), two heading levels, leads and supporting units."""
    doc = Document(NOTICE)
    tasks = assigned_tasks(doc)
    assert [(t.line, t.expr.text) for t in tasks] == [
        (6, "10月15日前"), (6, "10月底前"), (7, "11月底前"), (7, "12月10日前"), (9, "年底前"),
        (9, "11月底前"), (10, "10月20日前"), (10, "5个工作日内"), (12, "11月15日前"), (13, "10月底前"),
        (15, "12月15日前"), (15, "11月底前"), (15, "2月30日前")]   # 每月5日前 recurs: not a deadline
    first = tasks[0]
    assert [(o.name, o.role) for o in first.owners] == [
        ("市发改委", "牵头"), ("市财政局", "配合"), ("市自然资源局", "配合")]
    assert first.section_label == "一、抓好项目建设 > （一）加快项目开工"
    assert tasks[7].expr.after_event and tasks[7].expr.due(None) is None
    fs = lint_text(NOTICE, select=["DL4"])
    assert [(f.code, f.line, f.text) for f in fs] == [("DL401", 15, "12月15日前"), ("DL402", 15, "2月30日")]
    assert "第7行（一、抓好项目建设 > （二）做好项目储备）" in fs[0].message
    # 11月底前 for 城镇老旧小区改造 is repeated, not changed; 12月10日前印发 is a later stage
    r = _run(["-f", "json", "-"], input=NOTICE)
    data = json.loads(r.output)
    assert data["reference_date"]["source"] == "document" and data["reference_date"]["line"] == 18
    assert data["tasks"][0]["lead"] == ["市发改委"]
    assert data["tasks"][0]["support"] == ["市财政局", "市自然资源局"]
    assert data["tasks"][7]["due"] == "自相关事件起算"


def test_check_date_option_wins_over_the_document_date():
    """A run's reference date (`doclint check --date`, `date=` in the API) beats the document's date."""
    text = "讲话\n（2020年8月1日）\n一、项目\n市发改委牵头，8月底前完成项目筛选。\n"
    assert lint_text(text, select=["DL403"]) == []
    fs = lint_text(text, select=["DL403"], date="2020-09-08")
    assert [f.text for f in fs] == ["8月底前"] and "命令行 --date" in fs[0].message


# ---------------------------------------------------------------------------
# output safety: formulas in CSV cells, terminal control characters in every format

HOSTILE = ("一、\x1b]0;pwned\x07项目\u2028建设\n"
           "=HYPERLINK(\"http://x\")市发改委要在9月底前完成\x1b[31m方案\u202e起草\u2028\x9b。\n"
           "@SUM(1)各县市区要在10月底前完成\x1b[2J验收。\n"
           "-1+1市财政局要在11月底前落实资金。\n"
           "+1市财政局要在11月底前落实经费。\n")
_RAW = ("\x1b", "\x07", "\x9b", "\u2028", "\u202e")


def test_cell_safe_follows_the_owasp_rule():
    from doclint.text.display import cell_safe
    for start in ("=", "+", "-", "@", "\t", "\r"):
        got = cell_safe(start + "1+1")
        assert got.startswith("'"), start
        assert "\t" not in got and "\r" not in got
    assert cell_safe("市发改委牵头，9月底前完成") == "市发改委牵头，9月底前完成"
    assert cell_safe("2026-09-30") == "2026-09-30" and cell_safe("") == ""
    assert cell_safe("第一行\n第二行") == "第一行 第二行"
    assert cell_safe("\x1b[31m红") == "\ufffd[31m红"


def test_csv_neutralises_formulas_and_control_characters(tmp_path):
    p = tmp_path / "hostile.txt"
    p.write_text(HOSTILE, encoding="utf-8")
    r = _run([str(p), "-f", "csv", "--date", "2026-01-01"])
    assert r.exit_code == 0
    assert not any(c in r.output for c in _RAW)
    rows = list(csv.reader(io.StringIO(r.stdout.lstrip("\ufeff"))))[1:]
    tasks = [row[2] for row in rows]
    assert [t[:2] for t in tasks] == ["'=", "'@", "'-", "'+"]
    assert tasks[0].startswith("'=HYPERLINK(\"http://x\")市发改委要在9月底前完成")
    # no cell of any column starts like a formula
    assert not [c for row in rows for c in row if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    out = tmp_path / "list.csv"
    _run([str(p), "-f", "csv", "-o", str(out)])
    assert not any(c in out.read_text("utf-8-sig") for c in _RAW)


def test_table_and_markdown_pass_no_terminal_controls(tmp_path):
    p = tmp_path / "hostile.txt"
    p.write_text(HOSTILE, encoding="utf-8")
    for fmt in ("table", "markdown"):
        r = _run([str(p), "-f", fmt, "--date", "2026-01-01"])
        assert r.exit_code == 0 and "共 4 项" in r.output, fmt
        assert not any(c in r.output for c in _RAW), fmt
        assert "\ufffd[31m" in r.output, fmt            # shown, harmless
    md = _run([str(p), "-f", "markdown", "--date", "2026-01-01"]).output
    assert all(line.count(" | ") == 6 for line in md.splitlines() if line.startswith("| "))   # one row per line


def test_json_escapes_what_json_dumps_leaves_raw(tmp_path):
    p = tmp_path / "hostile.txt"
    p.write_text(HOSTILE, encoding="utf-8")
    r = _run([str(p), "-f", "json", "--date", "2026-01-01"])
    assert not any(c in r.output for c in _RAW)
    assert "\\u2028" in r.output and "\\u202e" in r.output and "\\u009b" in r.output
    data = json.loads(r.output)           # the same value: the document's text, exactly
    assert "\x1b[31m方案\u202e起草\u2028\x9b" in data["tasks"][0]["task"]


def test_file_names_are_escaped_in_headers(tmp_path):
    p = tmp_path / "a\x1b[2Jb.txt"
    p.write_text("市发改委要在9月底前完成方案。\n", encoding="utf-8")
    for fmt in ("table", "markdown", "csv"):
        r = CliRunner().invoke(deadlines, [str(p), "-f", fmt], catch_exceptions=False)
        assert "\x1b" not in r.output + r.stderr and "a\\x1b[2Jb.txt" in r.output + r.stderr, fmt


def test_cli_honours_the_config_dictionaries(tmp_path):
    """Owners, holidays and user words come from the session's config like for `doclint check`."""
    text = "一、项目\n城投集团牵头，收到申请后3个工作日内完成审核。\n城投集团牵头，5个工作日内完成项目清单梳理。\n"
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "a.txt").write_text(text, encoding="utf-8")
    before = json.loads(_run([str(plain / "a.txt"), "-f", "json", "--date", "2026-09-30"]).output)["tasks"]
    assert before[1]["owners"] == [] and before[1]["due"] == "2026-10-07"
    conf = tmp_path / "conf"
    conf.mkdir()
    (conf / "units.txt").write_text("城投集团\n", encoding="utf-8")
    (conf / "holidays.txt").write_text("2026-10-01\n2026-10-02\n2026-10-05\n2026-10-06\n2026-10-07\n"
                                       "2026-10-10\t工作日\n", encoding="utf-8")
    (conf / "doclint.toml").write_text('[dictionaries]\nowners_units = ["units.txt"]\n'
                                       'deadline_holidays = ["holidays.txt"]\n', encoding="utf-8")
    (conf / "a.txt").write_text(text, encoding="utf-8")
    after = json.loads(_run([str(conf / "a.txt"), "-f", "json", "--date", "2026-09-30"]).output)["tasks"]
    assert after[1]["owners"] == ["城投集团"] and after[1]["lead"] == ["城投集团"]
    # 10月1、2、5、6、7日 off, 10月10日 (a Saturday) worked: 8, 9, 10, 12, 13 are the five days
    assert after[1]["due"] == "2026-10-13"


# ---------------------------------------------------------------------------
# candidate search (DL401 compares a task only with earlier tasks sharing a rare word)

from hypothesis import given, settings, strategies as st  # noqa: E402

from doclint.text.tasks import MAX_CANDIDATES, Task, distinctive, earlier_candidates  # noqa: E402
from doclint.text.dates import extract  # noqa: E402

_X = extract("9月底前")[0]


def _bare(words, n=0):
    return Task(_X, (n, n + 1), "", words=tuple(words))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from("甲乙丙丁戊己庚辛壬癸子丑"), max_size=6), min_size=2, max_size=25),
       st.booleans())
def test_candidates_hold_every_pair_that_same_task_could_accept(word_lists, with_variants):
    """Exact: any earlier task whose distinctive words contain, or are contained in, the task's is a
    candidate (unless an identical earlier task stands for it); and same_task never accepts a pair
    without that containment, whatever the words."""
    extra = ["项目", "工作"] if with_variants else []
    tasks = [_bare([w * 2 for w in ws] + extra[:n % 3], n) for n, ws in enumerate(word_lists)]
    got = dict(earlier_candidates(tasks))
    for j, b in enumerate(tasks):
        db = distinctive(b)
        for i in range(j):
            da = distinctive(tasks[i])
            contained = bool(da and db) and (da <= db or db <= da)
            twin = any(distinctive(tasks[k]) == da for k in range(i))
            if contained and not twin and len(got[j]) < MAX_CANDIDATES:
                assert i in got[j], (i, j, da, db)
            if not contained:
                assert not same_task(tasks[i], b, 0.0), (da, db)
        assert got[j] == sorted(got[j]) and all(i < j for i in got[j])


def test_candidates_are_bounded_for_hundreds_of_copies_of_one_task():
    """The same sentence with 300 deadlines: each task meets a bounded number of earlier ones
    (copies with the same words and deadline stand for each other), so the work is linear."""
    text = "".join(f"一、第{k}部分\n市住建局要在{k % 12 + 1}月底前完成城区雨污分流管网改造。\n" for k in range(300))
    tasks = [t for t in assigned_tasks(Document(text)) if t.words]
    sizes = [len(c) for _, c in earlier_candidates(tasks)]
    assert len(sizes) == 300 and max(sizes) <= 12      # twelve distinct deadlines: twelve twins indexed
    fs = lint_text(text, select=["DL401"])
    assert len(fs) == 299 and "第2行（一、第0部分）" in fs[0].message   # each has an earlier other month


_OWNERS = ["市住建局", "市财政局", "各县市区", ""]
_ITEMS = ["城区雨污分流管网改造", "城区污水管网改造", "老旧小区改造项目", "老旧小区改造", "普查经费",
          "农村公路危桥改造", "校舍安全隐患排查", "校舍安全隐患整改", "城北污水处理厂二期工程"]
_DUE = ["9月底前", "10月15日前", "年底前", "明年3月底前", "上半年", "三季度末"]
_DONE = ["完成", "全部完工", "开工", "建成投用", "落实到位", "通过验收"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_OWNERS), st.sampled_from(_ITEMS), st.sampled_from(_DUE),
                          st.sampled_from(_DONE), st.integers(0, 2)), min_size=2, max_size=30))
def test_conflicts_equal_comparing_all_pairs(lines):
    """The candidate search finds exactly what comparing every earlier task would (and the same
    earlier task), on documents of reworded tasks."""
    from doclint.checks.deadlines import _due
    from doclint.text.tasks import conflicts, different_stage
    forms = ["{o}牵头，{d}{v}{i}。", "{i}要在{d}{v}。", "{o}要加快推进{i}，确保{d}{v}。"]
    text = "".join(f"{k + 1}、第{k}项\n" + forms[f].format(o=o, i=i, d=d, v=v) + "\n"
                   for k, (o, i, d, v, f) in enumerate(lines))
    tasks = [t for t in assigned_tasks(Document(text)) if t.words and not t.expr.past]
    due = {id(t): _due(t.expr, None) for t in tasks}
    brute = []
    for j, b in enumerate(tasks):
        for a in tasks[:j]:
            da, db = due[id(a)], due[id(b)]
            if a.sentence == b.sentence or da is None or db is None or da[0] != db[0] or da[1] == db[1]:
                continue
            if same_task(a, b) and not different_stage(a, b):
                brute.append((a.line, b.line))
                break
    got = [(a.line, b.line) for a, b in conflicts(tasks, lambda x: _due(x, None))]
    assert got == brute


def test_dl401_reads_synonyms_from_the_config(tmp_path):
    """deadline_synonyms extended by a config: 款项 = 资金 makes two wordings one task."""
    text = "一、普查\n各县市要在9月30日前落实普查款项。\n二、保障\n普查经费要在10月15日前落实到位。\n"
    assert lint_text(text, select=["DL401"]) == []
    syn = tmp_path / "syn.txt"
    syn.write_text("# 本地说法\n资金\t款项\n", encoding="utf-8")
    cfg = Config(dictionaries={"deadline_synonyms": [syn]})
    assert [f.text for f in lint_text(text, select=["DL401"], config=cfg)] == ["10月15日前"]
    # the added word keeps the group's kind (资金 alone is too general to name a task)
    general = "一、甲\n各县市要在9月30日前落实配套款项。\n二、乙\n配套资金要在10月15日前落实到位。\n"
    assert lint_text(general, select=["DL401"], config=cfg) == []


def test_task_similarity_equals_rapidfuzz_indel_on_real_tasks():
    """tasks.similarity computes Indel's normalized similarity of sorted word sets by set
    arithmetic (no rapidfuzz import on every document): the same float on every pair of tasks."""
    from rapidfuzz.distance import Indel

    from doclint.model.document import Document
    from doclint.text.tasks import assigned_tasks, similarity
    from samples import SEED, sample_texts
    texts = sample_texts() + ([SEED.read_text("utf-8")] if SEED.exists() else [])
    pairs = 0
    for text in texts:
        tasks = assigned_tasks(Document(text))[:60]
        for i, a in enumerate(tasks):
            for b in tasks[i + 1:]:
                wa, wb = sorted(set(a.words)), sorted(set(b.words))
                ref = Indel.normalized_similarity(wa, wb) * 100.0 if wa and wb else 0.0
                assert similarity(a, b) == ref, (a.words, b.words)
                pairs += 1
    assert pairs >= 20
