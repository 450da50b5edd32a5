"""Page chrome: what a web page or a template site wraps around a document (helpers for DL701).

A report copied from a government site arrives with the page around it: a toolbar
(下载 / 打印 / 全屏), a font-size menu (【字号： / 加大 / 还原 / 减小 / 】), a breadcrumb
(当前位置： / 首页 / > / 要闻), publication data (来源：… 时间：2026-02-02 阅读量：), a photo
caption, a QR prompt, related links, a footer, a licence notice; a draft started from a
template site carries its adverts. Scrapers often put every menu word on a line of its
own. The page's words are also ordinary words (加大, 下载, 来源, 大/中/小), so a line is
judged by its whole shape and by its neighbours, never by a word inside it:

- an *anchor* line is residue by itself (扫一扫在手机打开当前页, 责任编辑：, 来源：北京日报,
  时间：2026-02-02, ICP备…, a photo credit ending the line);
- a *widget* line consists only of menu words and separators (下载, 【字号：, 加大, 】, >);
  a *weak* line is a timestamp or a bare label (来源：, 发表时间：). They are residue only
  in a run of two or more residue lines, or next to an anchor;
- context, always bounded: the short line after a bare label is its value (来源： /
  四川日报), the lines around a breadcrumb separator are crumbs, the short lines after a
  related-links label or a link id are link titles, at most three short lines between
  two residue lines are residue (a template site's slogan between its adverts);
- two rules of position: a sentence between the byline and the salutation of a page
  that carries residue is a photo caption (张工作政府工作报告。), and lines after the
  last residue line that copy the document's own opening are the page's share text.

The document's own structure is never residue: title, subtitle (——…会议上), byline
(省长 卢东亮, a bare name), salutation (各位代表：), headings, dates, 附件/名词解释 and
paragraphs of prose stop every inference. A web page also breaks sentences around links
and bold words (…“双向 / 揭榜 / 挂帅”…); such fragments are joined into the line they
belong to before lines are judged.

The patterns are dictionary leftover_web (roles: anchor, inline, widget, weak, label,
list); short advert words for the neighbours of residue are in leftover_weak.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, List, NamedTuple, Sequence, Tuple

import regex

from doclint.text import rx
from doclint.text.markers import recognise

ROLES = ("anchor", "inline", "widget", "weak", "label", "list")

# Separators of menu lines: brackets, bars, slashes, colons, arrows, spaces.
_SEPARATORS = rx.compile(r"[【】\[\]〖〗()（）|｜/／·•:：,，、\-—<>＞《》»›«‹*\s\u3000\xa0]+")
_CRUMB_SEPARATOR = rx.compile(r"^(?:>|＞|»|›|>>|&gt;)+$")
_OPENING = tuple("《“‘（(【「『〔")
_CONTINUING = tuple("，、。；：！？》”’）)】」』〕…")
_TERMINAL = tuple("。！？；!?;：:")
_FRAGMENT = rx.compile(r"^[\p{Han}A-Za-z0-9.．]{1,4}$")

# ---- the document's own structure ---------------------------------------------------
_TITLE = rx.compile(r"^\s*(?:关于|在.{2,40}上的)|(?:通知|讲话|报告|意见|方案|办法|决定|函|纪要|批复|请示|规划|要点|"
                    r"总结|通报|公告|通告|细则|规定|致辞|发言|说明|决议|条例|政府工作报告)\s*$")
_SUBTITLE = rx.compile(r"^[—－-]{1,2}|^[（(]?\s*\d{4}年\d{1,2}月\d{1,2}日\s*[）)]?$|(?:会议|大会|会|仪式|典礼|论坛)上(?:的讲话)?[）)]?$")
_SALUTATION = rx.compile(r"^(?:各位|同志们|女士们|先生们|朋友们|尊敬的|亲爱的)[^。！？]{0,24}[：:！!，,]?$")
# An addressee line (各县区人民政府：): an organisation, a group of people, or 各… .
_ADDRESSEE = rx.compile(r"^(?:各[\p{Han}、，（）]{1,38}|[\p{Han}、，（）]{1,38}(?:政府|部门|单位|委员会|党委|党组|局|办公室|办|厅|委|"
                        r"公司|集团|学校|医院|机构|支部|同志|代表|委员|领导))[：:]$")
_DATE_LINE = rx.compile(r"^[（(]?(?:\d{4}|[〇○零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日[）)]?$")
_OWN_END = rx.compile(r"^(?:附\s*件\s*[\d一二三四五六七八九十]*[：:]?|名词解释|注释|说明|（此件公开发布）|此件公开发布)$")
_TITLE_WORDS = (r"(?:国务院)?(?:总理|副总理|省长|副省长|市长|副市长|主席|副主席|书记|副书记|县长|区长|州长|盟长|旗长|"
                r"部长|主任|局长|厅长|委员|秘书长|代表|同志)")
_BYLINE = rx.compile(rf"^[\p{{Han}}（）]{{0,24}}{_TITLE_WORDS}[ \t\u3000]*[\p{{Han}}·]{{2,4}}$")
# The commonest surnames: a bare 2-4 character line starting with one of them is
# taken for a name (a byline such as 毛伟明), never for a crumb or a slogan.
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施"
    "文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷"
    "盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷"
    "晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝")
_NAME = rx.compile(r"^[\p{Han}·]{2,4}$")


class Rule(NamedTuple):
    regex: object
    zh: str
    en: str
    role: str
    line_max: int
    items: int
    needs: object      # compiled regex or None
    whole: int         # inline: a match ending a line of at most this many characters takes the line
    group: str         # the family of residue (advert, page, meta, links, footer, caption)


@dataclass(frozen=True)
class Rules:
    lines: Tuple[Rule, ...]      # anchor, weak, label and list rules, matched on each line
    inline: Tuple[Rule, ...]
    widgets: Tuple[Rule, ...]
    widget_line: object          # fullmatch: the line is a sequence of widget words
    long_lines: Tuple[Rule, ...]  # the line rules that may match a line longer than LINE_CAP
    inline_any: object           # one search for all inline rules: most lines match none


def _rule(e) -> Rule:
    from doclint.errors import ConfigError, entry_problem
    opts = dict(e.options)
    role = opts.get("role") or ("inline" if opts.get("span") == "match" else "anchor")
    try:
        if role not in ROLES:
            raise ValueError(f"role={role}")
        # inline rules scan the whole text; the others one logical line (no line breaks)
        # a config's pattern runs with a timeout (doclint.text.rx.guarded); built-in ones as they are
        compiled = rx.guarded(rx.compile(e.columns[0], regex.M if role == "inline" else 0), e.where)
        needs = rx.guarded(rx.compile(opts["needs"]), e.where) if opts.get("needs") else None
        line_max = int(opts.get("line_max", 0) or 0)
        items = int(opts.get("items", 1) or 1)
        whole = int(opts.get("whole", 0) or 0)
        group = opts.get("group") or e.columns[1]
    except (ValueError, regex.error) as exc:
        raise ConfigError(f"{e.source}:{e.line}", *entry_problem(exc))
    return Rule(compiled, e.columns[1], e.columns[2], role, line_max, items, needs, whole, group)


@lru_cache(maxsize=16)
def rules(entries: Tuple) -> Rules:
    """The compiled rules of dictionary leftover_web's entries."""
    all_rules = [_rule(e) for e in entries]
    # A pattern joined from several runs with a timeout when a config added any of them.
    where = ", ".join(sorted({e.where for e in entries if e.where})) or None
    added = [e.columns[0] for e in entries if e.where]
    widgets = tuple(r for r in all_rules if r.role == "widget")
    groups = "|".join(f"(?P<w{i}>{r.regex.pattern})" for i, r in enumerate(widgets))
    widget_line = rx.guarded(rx.compile(f"^(?:{groups})+$"), where, added) if widgets else None
    line_rules = tuple(r for r in all_rules if r.role in ("anchor", "weak", "label", "list"))
    inline = tuple(r for r in all_rules if r.role == "inline")
    long_lines = tuple(r for r in line_rules if r.line_max > LINE_CAP)
    return Rules(line_rules, inline, widgets, widget_line, long_lines, _any(inline, where, added))


def _any(rules_: Sequence[Rule], where=None, added=()):
    if not rules_:
        return None
    return rx.guarded(rx.compile("|".join(f"(?:{r.regex.pattern})" for r in rules_), regex.M), where, added)


# ---- lines ------------------------------------------------------------------------

@dataclass
class Line:
    """A logical line: physical lines first..last (0-based) joined, and what it is."""
    first: int
    last: int
    text: str
    kind: str = ""            # "anchor", "widget", "weak", "label", "list", "struct", "" (other)
    struct: str = ""          # for "struct": title, subtitle, byline, salutation, heading, date, end, prose
    labels: Tuple = ()        # (zh, en) of the rules that matched
    groups: frozenset = frozenset()   # their families (advert, page, meta, ...)
    items: int = 0            # for "list": how many link titles may follow
    needs: Tuple = ()         # widget words that count only near a line matching one of these
    words: Tuple = ()         # the widget words of the line
    bare: bool = False        # a label with nothing after it: the next line is its value
    chrome: bool = False


def _joinable(cur: Line, nxt: str, after_fragment: bool, is_chrome) -> bool:
    """Whether physical line `nxt` continues logical line `cur` (a sentence broken by a page)."""
    t = cur.text
    if not t or not nxt:
        return False
    if t.endswith(_OPENING) and not is_chrome(t):
        return True
    if nxt.startswith(_CONTINUING) and not t.endswith(("。", "！", "？")) and len(t) >= 4 and not is_chrome(t):
        return True
    if t.endswith(_TERMINAL) or len(t) < 4 or is_chrome(t):
        return False
    if _FRAGMENT.match(nxt) and not is_chrome(nxt):
        return True          # …成果找市场“双向 / 揭榜 / 挂帅”…: a word split off by a link or bold type
    return after_fragment and recognise(nxt) is None and not is_chrome(nxt)


def logical_lines(doc, is_chrome) -> List[Line]:
    """Non-blank lines with sentence fragments joined to the line they belong to."""
    out: List[Line] = []
    prev_blank = True
    after_fragment = False
    for i, ln in enumerate(doc.lines):
        t = ln.text.strip()
        if not t:
            prev_blank = True
            after_fragment = False
            continue
        if out and not prev_blank and _joinable(out[-1], t, after_fragment, is_chrome):
            after_fragment = bool(_FRAGMENT.match(t)) or (after_fragment and not t.endswith(_TERMINAL))
            out[-1].text += t
            out[-1].last = i
        else:
            out.append(Line(i, i, t))
            after_fragment = False
        prev_blank = False
    return out


_ENDS = rx.compile(r"[。！？；!?;]")
_NAV_STOP = rx.compile(r"[。！？；，]")
# Residue is short: a rule without its own line_max looks at lines up to this length, and a
# longer line is never residue as a whole (only inline leftovers are looked for in it).
LINE_CAP = 120
_LONGEST = 300


def _struct(t: str) -> str:
    """Which part of a document's own structure the line is ("" if none)."""
    if recognise(t) is not None:
        return "heading"
    if len(t) >= 60:
        return "prose"          # longer than any title, subtitle, byline or salutation
    if _SALUTATION.match(t) and len(t) <= 24:
        return "salutation"
    if _SUBTITLE.search(t) and "。" not in t:
        return "subtitle"
    if _DATE_LINE.match(t):
        return "date"
    if _OWN_END.match(t):
        return "end"
    if len(t) <= 60 and "。" not in t and _TITLE.search(t):
        return "title"
    if _BYLINE.match(t) or (_NAME.match(t) and t[0] in _SURNAMES):
        return "byline"
    if _ADDRESSEE.match(t) and len(t) <= 30:
        return "salutation"
    ends = len(_ENDS.findall(t))
    if len(t) >= 60 or ends >= 2:
        return "prose"
    return ""


def _mark(line: Line, kind: str, label: Tuple[str, str], group: str) -> None:
    line.kind = kind
    line.labels += (label,)
    line.groups |= {group}


_RANK = ("anchor", "list", "label", "weak")


def _line_rules(line: Line, r: Rules) -> None:
    """Anchor, list, label and weak rules (a line takes the strongest role that matches)."""
    t = line.text
    n = len(t)
    for rule in (r.lines if n <= LINE_CAP else r.long_lines):
        if n > (rule.line_max or LINE_CAP):
            continue
        m = rule.regex.search(t)
        if m is None or m.end() == m.start():
            continue
        if not line.kind or _RANK.index(rule.role) < _RANK.index(line.kind):
            line.kind = rule.role
            line.items = rule.items if rule.role == "list" else 0
        if not line.labels:
            line.labels = ((rule.zh, rule.en),)
        line.groups |= {rule.group}
        if t.endswith((":", "：")) and (rule.role == "label" or m.end() == len(t)):
            line.bare = True


def _inline_lines(line: Line, r: Rules) -> None:
    """A caption ending in its credit, or inline menus filling the whole line, make an anchor."""
    t = line.text
    if r.inline_any is None or not r.inline_any.search(t):
        return
    for rule in r.inline:
        if rule.whole and len(t) <= rule.whole:
            m = rule.regex.search(t)
            if m is not None and m.end() == len(t.rstrip()) and m.start() > 0:
                _mark(line, "anchor", (rule.zh.replace("署名", "说明"), rule.en.replace("credit", "caption")),
                      rule.group)
    if line.kind:
        return
    rest = t
    for rule in r.inline:
        rest = rule.regex.sub(" ", rest)
    left = _SEPARATORS.sub("", rest)
    if rest != t and (not left or (r.widget_line is not None and r.widget_line.match(left))):
        hit = next(rule for rule in r.inline if rule.regex.search(t))
        _mark(line, "anchor", (hit.zh, hit.en), hit.group)      # 【字号：大 中 小】 (打印) on its own


def _widget_words(line: Line, r: Rules, stripped: str) -> None:
    """A line made only of menu words: weak alone, an anchor with two words or more."""
    m = r.widget_line.match(stripped) if r.widget_line is not None and len(stripped) <= 40 else None
    if m is None:
        return
    words = []
    for i, rule in enumerate(r.widgets):
        got = m.captures(f"w{i}")
        if got:
            words.extend(got)
            line.labels += ((rule.zh, rule.en),)
            line.groups |= {rule.group}
            if rule.needs is not None:
                line.needs += (rule.needs,)
    line.words = tuple(words)
    self_served = all(any(p.search(x) for x in (line.text,) + line.words) for p in line.needs)
    if len(words) >= 2 and self_served and line.kind != "list":
        line.kind = "anchor"        # 打印本页 关闭窗口: a menu line on its own
    elif not line.kind:
        line.kind = "widget"


def _classify(line: Line, r: Rules) -> None:
    """Set what a logical line is: a kind of residue, the document's structure, or other."""
    if len(line.text) > _LONGEST:
        line.struct = _struct(line.text)      # a paragraph: never residue as a whole
        line.kind = "struct" if line.struct else ""
        return
    _line_rules(line, r)
    _inline_lines(line, r)
    stripped = _SEPARATORS.sub("", line.text) if len(line.text) <= 80 else line.text
    if not stripped:
        if line.kind not in ("anchor", "list"):
            _mark(line, line.kind or "widget", ("网页菜单符号", "page menu mark"), "page")
        return
    _widget_words(line, r, stripped)
    if not line.kind and r.widget_line is not None and _nav_line(line.text, r.widget_line):
        _mark(line, "anchor", ("网站导航栏", "site navigation bar"), "page")   # 中国政府网|关于本网|网站声明
    if not line.kind:
        line.struct = _struct(line.text)
        if line.struct:
            line.kind = "struct"


_NAV_SPLIT = rx.compile(r"\s*[|｜丨*•]\s*|\s{2,}|[ \u3000](?=\S)")


def _nav_line(t: str, widget_line) -> bool:
    """A short line of three or more short items split by bars or spaces, two of them menu words."""
    if len(t) > 80 or _NAV_STOP.search(t):
        return False
    items = [x for x in _NAV_SPLIT.split(t) if x]
    if len(items) < 3 or any(len(x) > 10 for x in items):
        return False
    return sum(1 for x in items if widget_line.match(_SEPARATORS.sub("", x) or "-")) >= 2


def _companion(lines: List[Line], i: int, reach: int = 6) -> bool:
    """Whether a line of the run around lines[i] (at most `reach` away) matches one of its `needs`."""
    needs = lines[i].needs
    if any(p.search(x) for p in needs for x in (lines[i].text,) + lines[i].words):
        return True
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and abs(j - i) <= reach and _candidate(lines[j]):
            if any(p.search(lines[j].text) for p in needs):
                return True
            j += step
    return False


def _candidate(line: Line) -> bool:
    return line.kind in ("anchor", "widget", "weak", "label", "list") or line.chrome


def _infer(lines: List[Line], norm_before, weak_words: Sequence[str]) -> None:
    """The bounded inferences of the module docstring, in order."""
    for i, ln in enumerate(lines):
        # widget words that need a companion (大 / 中 / 小 after 【字号：) within the same run
        if ln.needs and ln.kind == "widget" and not _companion(lines, i):
            ln.struct = _struct(ln.text)
            ln.kind = "struct" if ln.struct else ""
    for ln in lines:
        if ln.kind in ("anchor", "list"):
            ln.chrome = True
    values = _context(lines)
    _runs(lines, values)
    tail_zone = 1 + max((k for k, ln in enumerate(lines) if ln.kind == "struct"), default=-1)
    for _ in range(3):
        _sandwiched(lines, tail_zone)
        _advert_neighbours(lines, weak_words)
    _captions(lines)
    _share_copies(lines, norm_before)


_SENTENCE_MARK = rx.compile(r"[。！？；]")


def _short_plain(ln: Line, limit: int, marks=_SENTENCE_MARK) -> bool:
    return len(ln.text) <= limit and not marks.search(ln.text)


def _context(lines: List[Line]) -> set:
    """Crumbs around breadcrumb separators and link titles after link lists (marked residue);
    the indices of the values of bare labels (residue when their run is, see _runs)."""
    n = len(lines)
    values = set()
    for i, ln in enumerate(lines):
        if ln.bare and ln.kind in ("anchor", "label", "list", "weak") and i + 1 < n:
            v = lines[i + 1]
            if v.kind in ("", "struct") and v.struct in ("", "byline", "date", "title") and _short_plain(v, 30):
                values.add(i + 1)
        if _CRUMB_SEPARATOR.match(ln.text):
            _crumbs(lines, i)
        if ln.kind == "list":
            _link_titles(lines, i)
    return values


def _crumbs(lines: List[Line], i: int) -> None:
    for j in (i - 1, i + 1):
        c = lines[j] if 0 <= j < len(lines) else None
        if c is not None and c.kind in ("", "struct") and c.struct in ("", "byline", "title") \
                and _short_plain(c, 16, _CRUMB_STOP):
            c.chrome = True
            c.labels += (("网页导航路径", "breadcrumb"),)


def _link_titles(lines: List[Line], i: int) -> None:
    ln = lines[i]
    for v in lines[i + 1:i + 1 + ln.items]:
        if _candidate(v) or v.struct not in ("", "title", "date", "byline") or len(v.text) > 60 \
                or v.text.endswith("。"):
            break
        v.chrome = True
        v.labels += ln.labels[-1:]


_CRUMB_STOP = rx.compile(r"[。！？；，]")


def _runs(lines: List[Line], values: set) -> None:
    """Weak lines and values are residue in a run of residue with an anchor or two lines of their own."""
    n = len(lines)
    i = 0
    while i < n:
        if not (_candidate(lines[i]) or i in values):
            i += 1
            continue
        j = i
        while j < n and (_candidate(lines[j]) or j in values):
            j += 1
        own = [k for k in range(i, j) if k not in values or _candidate(lines[k])]
        if any(lines[k].chrome for k in range(i, j)) or len(own) >= 2:
            for k in range(i, j):
                if k in values and not _candidate(lines[k]):
                    lines[k].labels += lines[k - 1].labels[-1:]
                lines[k].chrome = True
        i = j


def _sandwiched(lines: List[Line], tail_zone: int) -> None:
    """At most three short lines without structure between two residue lines of one family; a
    sentence only after the document's last structural line (a note inside a licence block)."""
    chrome_at = [k for k, ln in enumerate(lines) if ln.chrome]
    for a, b in zip(chrome_at, chrome_at[1:]):
        gap = range(a + 1, b)
        common = lines[a].groups & lines[b].groups
        if not common or not 0 < len(gap) <= 3:
            continue
        if all(lines[k].kind == "" and len(lines[k].text) <= 60
               and (k >= tail_zone or not _SENTENCE_END.search(lines[k].text)) for k in gap):
            for k in gap:
                lines[k].chrome = True
                lines[k].groups |= common
                lines[k].labels += (("夹在网页残留之间的内容", "text between residue lines"),)


_SENTENCE_END = rx.compile(r"[。！？!?]")


def _advert_neighbours(lines: List[Line], weak_words: Sequence[str]) -> None:
    """A short line with an advert word (免费, 资料 ...) next to an advert."""
    n = len(lines)
    for k, ln in enumerate(lines):
        if ln.chrome or ln.kind != "" or len(ln.text) > 40 or _SENTENCE_END.search(ln.text[:-1]):
            continue
        near = [lines[j] for j in (k - 1, k + 1) if 0 <= j < n]
        if any(w in ln.text for w in weak_words) and any(x.chrome and "advert" in x.groups for x in near):
            ln.chrome = True
            ln.groups |= {"advert"}
            ln.labels += (("紧邻网页残留的广告内容", "advert text next to web residue"),)


def _captions(lines: List[Line]) -> None:
    """A sentence between a page's byline (or headline) and the salutation is a photo caption.

    Bounded: only on a page that carries residue above the salutation, only the lines
    after the last title/subtitle/byline and before a speech salutation (各位代表：),
    and at most two of them.
    """
    salute = next((k for k, ln in enumerate(lines[:40]) if ln.struct == "salutation"
                   and _SALUTATION.match(ln.text)), None)
    if salute is None or not any(ln.chrome for ln in lines[:salute]):
        return
    front = max((k for k in range(salute) if lines[k].struct in ("title", "subtitle", "byline")), default=None)
    if front is None or salute - front - 1 > 2:
        return
    for ln in lines[front + 1:salute]:
        if not ln.chrome and ln.struct in ("", "prose") and ln.text.endswith("。") and len(ln.text) <= 160:
            ln.chrome = True
            ln.labels += (("新闻图片说明", "news photo caption"),)


_TAIL_REACH = 40  # logical lines walked back from the end


def _share_copies(lines: List[Line], norm_before) -> None:
    """Lines in the page's tail that repeat the document's own title or text (hidden share text).

    Walking back from the end over residue and copies: a copy is a line of six
    characters or more that occurs verbatim earlier, before the tail. Copies count
    only when the tail they sit in also holds residue.
    """
    k = len(lines)
    copies, weak = [], []
    while k > 0 and len(lines) - k < _TAIL_REACH:
        ln = lines[k - 1]
        if ln.chrome or _candidate(ln):
            if not ln.chrome:
                weak.append(k - 1)
            k -= 1
            continue
        key = _norm(ln.text)
        if len(key) >= 6 and key in norm_before(ln.first):
            copies.append(k - 1)
            k -= 1
            continue
        break
    # only copies that follow residue: a repeated paragraph just before the tail is the
    # document's own (pasted twice: DL602), not the page's
    first_chrome = next((j for j in range(k, len(lines)) if lines[j].chrome), None)
    if first_chrome is None:
        return
    for j in copies + weak:
        if j > first_chrome:
            lines[j].chrome = True
            if j in copies:
                lines[j].labels += (("网页分享信息（重复标题或正文）", "page share text (a copy of the title or text)"),)


_NORM = rx.compile(r"\s+")


def _norm(t: str) -> str:
    return _NORM.sub("", t)


class Block(NamedTuple):
    first: int                 # physical line indices, 0-based, inclusive
    last: int
    labels: Tuple[Tuple[str, str], ...]


def _blocks(doc, lines: List[Line]) -> Tuple[Block, ...]:
    out: List[Block] = []
    for ln in lines:
        if not ln.chrome:
            continue
        labels = tuple(dict.fromkeys(ln.labels))
        if out and all(not doc.lines[k].text.strip() for k in range(out[-1].last + 1, ln.first)):
            prev = out[-1]
            out[-1] = Block(prev.first, ln.last, tuple(dict.fromkeys(prev.labels + labels)))
        else:
            out.append(Block(ln.first, ln.last, labels))
    return tuple(out)


def _classified_as(ln: Line, classified: Dict[str, Line], r: Rules) -> Line:
    """`ln` classified, or a copy of the line of the same text classified before."""
    c = classified.get(ln.text)
    if c is None:
        _classify(ln, r)
        return ln
    return Line(ln.first, ln.last, c.text, c.kind, c.struct, c.labels, c.groups, c.items, c.needs, c.words, c.bare)


def _find(doc, entries, weak_words) -> Tuple[Tuple[Block, ...], Tuple[Line, ...]]:
    r = rules(entries)
    protected = doc.protected

    # A line's class depends on its text alone: each text is classified once, whether for the
    # joining of fragments (is_chrome) or as a logical line.
    classified: Dict[str, Line] = {}

    def classify(t: str) -> Line:
        got = classified.get(t)
        if got is None:
            got = classified[t] = Line(0, 0, t)
            _classify(got, r)
        return got

    def is_chrome(t: str) -> bool:
        return classify(t).kind in ("anchor", "widget", "list", "label", "weak")

    lines = [_classified_as(ln, classified, r) for ln in logical_lines(doc, is_chrome)
             if not protected.covers(doc.lines[ln.first].start)]
    norm = [_norm(ln.text) for ln in doc.lines]
    offsets = [0]
    for t in norm:
        offsets.append(offsets[-1] + len(t))
    whole = "".join(norm)

    def norm_before(phys: int) -> str:
        return whole[:offsets[phys]]

    _infer(lines, norm_before, weak_words)
    return _blocks(doc, lines), tuple(lines)


def page_chrome(doc, ctx) -> Tuple[Block, ...]:
    """The blocks of page chrome in `doc` (cached per document and dictionary)."""
    entries = ctx.entries("leftover_web")
    weak = tuple(sorted(w for w in ctx.words("leftover_weak") if w))
    return doc.derived(f"page_chrome:{hash((entries, weak))}", lambda d: _find(d, entries, weak))[0]


def chrome_lines(doc, ctx) -> frozenset:
    """0-based indices of the physical lines that are page chrome."""
    return frozenset(k for b in page_chrome(doc, ctx) for k in range(b.first, b.last + 1))


def inline_rules(ctx) -> Tuple[Rule, ...]:
    return rules(ctx.entries("leftover_web")).inline

