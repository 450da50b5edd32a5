"""DL4xx dates and deadlines.

DL401 conflicting-deadline: the same task is given different deadlines in
      different places (9月底前 in one section, 10月15日前 in another).
DL402 invalid-date: a calendar date that cannot exist (2月30日, 11月31日, 13月).
DL403 past-deadline: a deadline that falls before the document's reference
      date (the date line under the title or the 成文日期, or `date` in the config).

Time expressions come from doclint.text.dates, tasks and owners from doclint.text.tasks
(which also finds the candidate pairs: near-linear, never all pairs).
Deadlines written with × placeholders are never compared or dated (DL201
reports them); 截至X is an as-of date, not a deadline.

Reference date for DL403: a check must give the same result tomorrow as
today, so DL403 uses only a date the document or its configuration states
(the document's own date line, else `date` in doclint.toml); without one it
reports nothing. `doclint deadlines` additionally accepts --date and falls
back to today, saying so in its header.
"""
from __future__ import annotations

from doclint.model.finding import Issue
from doclint.engine.registry import check


def _ref(doc, ctx):
    from doclint.text.dates import reference_date
    try:
        # a --date given to this run wins over the document's date line, which wins over the config's
        return reference_date(doc.text, ctx.date_option, ctx.config_date, allow_today=False)
    except ValueError:
        return None


def _place(t, lang):
    label = t.section_label
    if lang == "zh":
        return f"第{t.line}行" + (f"（{label}）" if label else "")
    return f"line {t.line}" + (f" ({label})" if label else "")


def _short(text, n=30):
    text = text.strip()
    return text if len(text) <= n else text[:n] + "…"


@check(
    code="DL401", name="conflicting-deadline", severity="warning",
    summary={"zh": "同一任务在不同位置的期限不一致",
             "en": "The same task has different deadlines in different places"},
    description={
        "zh": "把每个期限（9月底前、10月15日前、年底前、上半年……）与所在句子的任务和牵头/负责单位关联，"
              "用分词后的模糊匹配（rapidfuzz）找出同一任务在不同句子、不同部分给出的不同期限，消息指出两处位置。"
              "换了说法也算同一任务：语序不同、同义词（经费/资金、完成/完工/落实到位，见词典 deadline_synonyms）、"
              "“改造”与“改造项目”。不报告：不同任务；相同期限的重复；同一项目的不同节点（开工、完工、投运、验收）"
              "和不同环节（排查、整改）；同一句中先后阶段（9月底前完成起草，10月底前报市政府审定）"
              "及不同句中动作不同的阶段；含×的期限（由 DL201 报告）；“截至”表示的时点。",
        "en": "Ties every deadline (9月底前, 10月15日前, 年底前, 上半年 …) to the task of its sentence and "
              "its lead units, then uses fuzzy matching over segmented words (rapidfuzz) to find the same "
              "task given different deadlines in different sentences or sections; the message names both "
              "places. A task reworded is the same task: word order, synonyms (经费/资金, 完成/完工/落实到位; "
              "dictionary deadline_synonyms), 改造 vs 改造项目. Not reported: different tasks, the same "
              "deadline repeated, different milestones of one project (开工, 完工, 投运, 验收) and different "
              "steps (排查, 整改), successive stages (9月底前完成起草，10月底前报市政府审定), deadlines with "
              "× (DL201), and 截至 as-of dates."},
    wrong="一、…市发改委牵头制定营商环境整改方案，9月底前报市政府。\n二、…市发改委牵头制定营商环境整改方案，10月15日前报市政府。",
    right="一、…市发改委牵头制定营商环境整改方案，9月底前报市政府。\n二、…市发改委牵头制定营商环境整改方案，9月底前报市政府。",
    options={"threshold": 70.0},
)
def conflicting_deadline(doc, ctx):
    from doclint.text.tasks import assigned_tasks, conflicts
    ref = _ref(doc, ctx)
    ref_date = ref.date if ref else None
    synonyms = ctx.entries("deadline_synonyms")
    tasks = [t for t in assigned_tasks(doc, stems=ctx.lines("owners_units"), groups=ctx.lines("owners_groups"),
                                       stopwords=ctx.lines("deadline_stopwords"), synonyms=synonyms)
             if not t.expr.unknown and not t.expr.invalid and not t.expr.past and t.words]
    threshold = float(ctx.options.get("threshold", 70.0))
    for a, b in conflicts(tasks, lambda x: _due(x, ref_date), threshold, synonyms):
        zh = (f"同一任务期限不一致：此处为“{b.expr.text}”，{_place(a, 'zh')}为“{a.expr.text}”"
              f"（任务：“{_short(a.text)}”）")
        en = (f"conflicting deadlines for one task: “{b.expr.text}” here, “{a.expr.text}” at "
              f"{_place(a, 'en')} (task: “{_short(a.text)}”)")
        yield Issue(b.expr.start, b.expr.end, zh, en)


def _due(x, ref_date):
    """A deadline's due value as (kind, value): two deadlines compare only when their kinds are
    equal. With a reference date, the due date; without, TimeExpr.key(): deadlines without a
    year compare among themselves (one unknown year), explicit years among themselves."""
    if ref_date is not None:
        d = x.due(ref_date)
        return None if d is None else ("date", d)
    k = x.key()
    return None if k is None else (k[0][0], (k[0][1], k[1]))


@check(
    code="DL402", name="invalid-date", severity="error",
    summary={"zh": "不存在的日期（2月30日、11月31日、13月）",
             "en": "A calendar date that does not exist (2月30日, 11月31日, 13月)"},
    description={
        "zh": "日期中的月份须为1—12，日须在该月天数以内；写明年份时按平年、闰年核对2月29日。"
              "含×的日期不检查（由 DL201 报告）。",
        "en": "Months must be 1–12 and days within the month; with a year written, 2月29日 is checked "
              "against leap years. Dates with × are left to DL201."},
    wrong="各县市区于11月31日前报送整改情况", right="各县市区于11月30日前报送整改情况",
)
def invalid_date(doc, ctx):
    for x in doc.time_expressions:
        if x.invalid:
            core = x.text.rstrip("前以之内止")   # flag the date, not the 前 after it
            yield Issue(x.start, x.start + len(core), f"日期不存在：“{core}”（{x.invalid}）",
                        f"date does not exist: “{core}” ({x.invalid_en})")


@check(
    code="DL403", name="past-deadline", severity="warning",
    summary={"zh": "期限早于文件日期（已过期）",
             "en": "A deadline that is already past at the document's date"},
    description={
        "zh": "期限的截止日早于参考日期：文中日期（标题下的（2020年9月8日）或文末成文日期），"
              "否则为配置文件中的 date。两者都没有时不检查（检查结果不随“今天”变化）。"
              "已完成事项（已、了）、含×的期限和“截至”时点不报告。不写年份的月日按参考日期所在年份理解，"
              "若指明年，请写明“明年”。",
        "en": "The deadline's last day is before the reference date: the document's own date (a "
              "（2020年9月8日） line under the title or the 成文日期), else `date` in the config. Without "
              "either nothing is reported (results never depend on today's date). Work reported as done "
              "(已, 了), deadlines with × and 截至 as-of dates are skipped. A month and day without a year "
              "is read in the reference year; write 明年 when next year is meant."},
    wrong="（2020年9月8日）\n市林业局8月底前报送方案。", right="（2020年9月8日）\n市林业局9月底前报送方案。",
)
def past_deadline(doc, ctx):
    from doclint.text.dates import Holidays
    ref = _ref(doc, ctx)
    if ref is None or ref.date is None:
        return
    holidays = Holidays(ctx.lines("deadline_holidays"))
    for x in doc.time_expressions:
        if x.kind != "deadline" or x.unknown or x.invalid or x.past:
            continue
        due = x.due(ref.date, holidays)
        if due is None or due >= ref.date:
            continue
        zh_src = ref.describe("zh")
        en_src = ref.describe("en")
        hint = "；如指明年，请写明“明年”" if x.year is None and x.year_rel is None else ""
        hint_en = "; write 明年 if next year is meant" if hint else ""
        yield Issue(x.start, x.end,
                    f"期限已过：“{x.text}”即 {due.isoformat()}，早于{zh_src}{hint}",
                    f"deadline already past: “{x.text}” is {due.isoformat()}, before the {en_src}{hint_en}")
