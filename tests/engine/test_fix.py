"""`--fix`, `--unsafe-fixes`, `--diff`: real files in GBK, UTF-8 with BOM, CRLF.

Every test compares bytes on disk: the fixed span changes, nothing else does
(encoding, BOM, line endings, permission bits), and a second run writes nothing.
"""
from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest
from click.testing import CliRunner

from doclint.model.document import Document
from doclint.errors import InputError
from doclint.files.writer import write_document

SPEECH = "同志们：\r\n今年要做好秋冬季农业农业生产，\r\n要加大加大推进和问责力度。\r\n末尾一行没有换行"
FIXED = "同志们：\r\n今年要做好秋冬季农业生产，\r\n要加大推进和问责力度。\r\n末尾一行没有换行"


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "doclint", *args], capture_output=True,
                          cwd=cwd, timeout=120)


def test_fix_keeps_gbk_crlf_and_mode_and_touches_only_the_span(tmp_path):
    f = tmp_path / "讲话稿.txt"
    f.write_bytes(SPEECH.encode("gbk"))
    os.chmod(f, 0o640)
    r = run("check", "--fix", "--select", "DL101", str(f))
    assert r.returncode == 0, r.stderr.decode()
    assert f.read_bytes() == FIXED.encode("gbk")          # still GBK, still CRLF, no final newline added
    assert stat.S_IMODE(f.stat().st_mode) == 0o640
    assert "已修复 2 处" in r.stderr.decode()
    assert [p.name for p in tmp_path.iterdir()] == ["讲话稿.txt"]  # no temporary file left behind


def test_fix_is_idempotent_second_run_writes_nothing(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes(SPEECH.encode("gbk"))
    assert run("check", "--fix", "--select", "DL101", str(f)).returncode == 0
    before = f.stat()
    r = run("check", "--fix", "--select", "DL101", str(f))
    after = f.stat()
    assert r.returncode == 0
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)  # not rewritten
    assert "已修复" not in r.stderr.decode()


def test_fix_keeps_utf8_bom_and_mixed_line_endings(tmp_path):
    text = "标题\n要做好农业农业生产。\r\n另一段\r第三种换行\n"
    f = tmp_path / "bom.md"
    f.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    r = run("check", "--fix", "--select", "DL101", str(f))
    assert r.returncode == 0, r.stderr.decode()
    assert f.read_bytes() == b"\xef\xbb\xbf" + text.replace("农业农业", "农业").encode("utf-8")


def test_check_without_fix_never_writes(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes(SPEECH.encode("gbk"))
    before = f.stat()
    r = run("check", str(f))
    assert r.returncode == 1
    assert f.stat().st_mtime_ns == before.st_mtime_ns and f.read_bytes() == SPEECH.encode("gbk")


def test_diff_shows_changes_and_writes_nothing(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes(SPEECH.encode("gbk"))
    r = run("check", "--diff", "-f", "patch", "--select", "DL101", "a.txt", cwd=tmp_path)
    out = r.stdout.decode("utf-8")
    assert r.returncode == 1
    assert f.read_bytes() == SPEECH.encode("gbk")
    assert out.startswith("--- a/a.txt\n+++ b/a.txt\n@@ -1,4 +1,4 @@\n")
    assert "-今年要做好秋冬季农业农业生产，\r\n" in out and "+今年要做好秋冬季农业生产，\r\n" in out
    assert "-要加大加大推进和问责力度。" in out and "+要加大推进和问责力度。" in out
    # findings are not listed in --diff mode: the diff is the output
    assert "DL101" not in out
    # nothing to fix: empty diff, exit 0
    f.write_bytes(FIXED.encode("gbk"))
    r = run("check", "--diff", "--select", "DL101", str(f))
    assert r.returncode == 0 and r.stdout == b""


def test_fix_reports_what_remains(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("时间：×月×日。要做好农业农业生产。\n", "utf-8")
    r = run("check", "--fix", "--format", "json", str(f))
    import json
    items = json.loads(r.stdout)
    assert [i["code"] for i in items] == ["DL201"]       # the placeholder cannot be fixed; DL101 was
    assert r.returncode == 1
    assert f.read_text("utf-8") == "时间：×月×日。要做好农业生产。\n"


def test_docx_cannot_be_fixed_in_place(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("要做好秋冬季农业农业生产。")
    path = tmp_path / "draft.docx"
    d.save(str(path))
    data = path.read_bytes()
    r = run("check", "--fix", str(path))
    err = r.stderr.decode()
    assert r.returncode == 1                       # the finding is still there
    assert "无法原地修复" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert path.read_bytes() == data


def test_unsafe_fixes_only_with_flag(tmp_path, monkeypatch):
    """An unsafe fix is applied by --unsafe-fixes only (a test check registers one)."""
    import doclint.engine.registry as registry
    from doclint.cli import main
    from doclint.model.finding import Fix, Issue
    from doclint.engine.registry import check

    @check(code="ZZ901", name="test-unsafe", severity="warning", summary={"zh": "t", "en": "t"},
           description={"zh": "t", "en": "t"}, wrong="必需", right="必须", fixable=True)
    def unsafe_check(doc, ctx):
        i = doc.text.find("必需")
        if i >= 0:
            yield Issue(i, i + 2, "疑为“必须”", "maybe 必须", fix=Fix.replace(i, i + 2, "必须", safe=False))

    monkeypatch.setattr(registry, "_ALL", {"ZZ901": unsafe_check})
    f = tmp_path / "a.txt"
    f.write_text("我们必需加强管理。\n", "utf-8")
    runner = CliRunner()
    r = runner.invoke(main, ["check", "--fix", str(f)])
    assert r.exit_code == 1 and f.read_text("utf-8") == "我们必需加强管理。\n"
    r = runner.invoke(main, ["check", "--diff", "-f", "patch", "--unsafe-fixes", str(f)])
    assert "+我们必须加强管理。" in r.output and f.read_text("utf-8") == "我们必需加强管理。\n"
    r = runner.invoke(main, ["check", "--fix", "--unsafe-fixes", str(f)])
    assert r.exit_code == 0, r.output
    assert f.read_text("utf-8") == "我们必须加强管理。\n"
    r = runner.invoke(main, ["check", "--unsafe-fixes", str(f)])
    assert r.exit_code == 2                       # --unsafe-fixes alone is a usage error


def test_writer_refuses_when_file_changed_since_read(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("农业农业\n", "utf-8")
    doc = Document("农业农业\n", path=str(f))
    f.write_text("别人改过了\n", "utf-8")
    with pytest.raises(InputError) as exc:
        write_document(doc, "农业\n")
    assert "未修改" in exc.value.render("zh")
    assert f.read_text("utf-8") == "别人改过了\n"


def test_writer_follows_symlinks_and_keeps_them(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("农业农业\n", "utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    r = run("check", "--fix", "--select", "DL101", str(link))
    assert r.returncode == 0, r.stderr.decode()
    assert link.is_symlink()
    assert real.read_text("utf-8") == "农业\n"


def test_writer_refuses_text_not_encodable_in_gbk_style_encoding(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes("农业".encode("ascii", errors="ignore") + b"abc\n")
    doc = Document("abc\n", path=str(f), encoding="ascii")
    with pytest.raises(InputError):
        write_document(doc, "abc农业\n")
    assert f.read_bytes() == b"abc\n"


def test_inserted_line_breaks_follow_the_files_line_endings(tmp_path, monkeypatch):
    """A fix that inserts "\\n" writes "\\r\\n" into a CRLF file (a test check splits at 。)."""
    import doclint.engine.registry as registry
    from doclint.cli import main
    from doclint.model.finding import Fix, Issue
    from doclint.engine.registry import check

    @check(code="ZZ902", name="test-split", severity="info", summary={"zh": "t", "en": "t"},
           description={"zh": "t", "en": "t"}, wrong="甲。乙", right="甲。\\n乙", fixable=True)
    def split_check(doc, ctx):
        i = doc.text.find("。乙")
        if i >= 0:
            yield Issue(i + 1, i + 1, "换行", "break", fix=Fix.replace(i + 1, i + 1, "\n"))

    monkeypatch.setattr(registry, "_ALL", {"ZZ902": split_check})
    f = tmp_path / "a.txt"
    f.write_bytes("标题\r\n甲。乙\r\n".encode("gbk"))
    r = CliRunner().invoke(main, ["check", "--fix", str(f)])
    assert r.exit_code == 0, r.output
    assert f.read_bytes() == "标题\r\n甲。\r\n乙\r\n".encode("gbk")


def test_read_only_file_is_not_rewritten(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    for f in (a, b):
        f.write_bytes(SPEECH.encode("gbk"))
    a.chmod(0o444)
    try:
        r = run("check", "--fix", "--select", "DL101", "a.txt", "b.txt", cwd=tmp_path)
    finally:
        a.chmod(0o644)
    err = r.stderr.decode("utf-8")
    assert r.returncode == 2 and "a.txt: 文件是只读的，未修改" in err
    assert a.read_bytes() == SPEECH.encode("gbk") and b.read_bytes() == FIXED.encode("gbk")
    assert "已修复 2 处问题（1 个文件）" in err          # only b.txt counts as fixed


def test_failed_write_leaves_original_and_no_temp_file(tmp_path, monkeypatch):
    import errno
    import doclint.files.writer as writer
    from doclint.cli import main
    real_replace = os.replace

    def failing_replace(src, dst, *a, **k):
        if os.path.basename(dst) == "a.txt":
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))
        return real_replace(src, dst, *a, **k)

    monkeypatch.setattr(writer.os, "replace", failing_replace)
    real_exchange = writer._exchange

    def failing_exchange(a, b):
        if os.path.basename(b) == "a.txt":
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))
        return real_exchange(a, b)

    monkeypatch.setattr(writer, "_exchange", failing_exchange)   # the rename on Linux
    a = tmp_path / "a.txt"
    a.write_bytes(SPEECH.encode("gbk"))
    r = CliRunner().invoke(main, ["check", "--fix", "--select", "DL101", str(a)])
    assert r.exit_code == 2
    assert a.read_bytes() == SPEECH.encode("gbk")
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
    assert "已修复" not in r.output


@pytest.mark.parametrize("encoding,bom", [
    ("gb18030", b""),                    # 4-byte GB18030 sequences (㐀, 𠀀) survive untouched
    ("utf-16-le", b"\xff\xfe"),
    ("utf-16-be", b"\xfe\xff"),
    ("utf-8", b""),
])
def test_fix_round_trips_other_encodings(tmp_path, encoding, bom):
    text = "生僻字㐀与𠀀：\r\n要做好农业农业生产。\n"
    f = tmp_path / "a.txt"
    f.write_bytes(bom + text.encode(encoding))
    r = run("check", "--fix", "--select", "DL101", str(f))
    assert r.returncode == 0, r.stderr.decode()
    assert f.read_bytes() == bom + text.replace("农业农业", "农业").encode(encoding)


def _apply_fixes_reference(text, findings, unsafe=False):
    """apply_fixes as first written: every edit against every accepted one, splices from the end."""
    accepted, taken = [], []
    for f in sorted((f for f in findings if f.fix is not None and (f.fix.safe or unsafe)),
                    key=lambda f: (min(e.start for e in f.fix.edits), f.code)):
        edits = sorted(f.fix.edits, key=lambda e: e.start)
        if any(not (e.end <= a or b <= e.start) or (e.start == e.end == a == b)
               for e in edits for a, b in taken):
            continue
        for e in edits:
            taken.append((e.start, e.end))
        accepted.append(f)
    out = text
    for e in sorted((e for f in accepted for e in f.fix.edits), key=lambda e: e.start, reverse=True):
        out = out[:e.start] + e.replacement + out[e.end:]
    return out, accepted


def test_apply_fixes_equals_the_pairwise_version(real_texts):
    """Same text and same accepted findings on real findings and on random clashing edits."""
    import random
    from types import SimpleNamespace
    from doclint.api import lint_text
    from doclint.model.finding import Edit, Fix
    from doclint.engine.fixes import apply_fixes
    for text in real_texts:
        findings = lint_text(text)
        for unsafe in (False, True):
            fast, ref = apply_fixes(text, findings, unsafe), _apply_fixes_reference(text, findings, unsafe)
            assert fast[0] == ref[0] and fast[1] == ref[1]
    rnd = random.Random(9)
    text = "".join(rnd.choice("农业生产的，。一二") for _ in range(200))
    for _ in range(400):
        findings = []
        for n in range(rnd.randint(1, 25)):
            edits = []
            for _ in range(rnd.choice((1, 1, 1, 2, 3))):
                s = rnd.randint(0, len(text))
                e = min(len(text), s + rnd.choice((0, 0, 1, 2, 5)))
                edits.append(Edit(s, e, rnd.choice(("", "X", "的的"))))
            findings.append(SimpleNamespace(fix=Fix(tuple(edits), safe=rnd.random() < 0.8),
                                            code=f"DL{rnd.randint(100, 105)}", n=n))
        for unsafe in (False, True):
            fast, ref = apply_fixes(text, findings, unsafe), _apply_fixes_reference(text, findings, unsafe)
            assert fast[0] == ref[0] and [f.n for f in fast[1]] == [f.n for f in ref[1]]
