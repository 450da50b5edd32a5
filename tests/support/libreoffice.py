"""Headless LibreOffice for the tests: open a .docx for real, accept or reject all tracked changes,
read paragraphs and comments (with the text each is anchored on), convert to PDF.

UNO (python3-uno) only imports under Debian's /usr/bin/python3, not in the test venv, so this
file is two things:
- in the tests (`office()`): a client that starts ONE server per test session (a subprocess of
  /usr/bin/python3 running this file) and talks to it with one JSON line per request;
- as a script under /usr/bin/python3: the server, which starts one soffice (own profile, own
  pipe, own process group) and answers requests until its stdin closes, then shuts soffice down.

`libreoffice-writer-nogui` ships no .ui files, and Writer aborts as soon as a document with
comments gets a view (it builds the comment sidebar from annotation.ui). So documents are loaded
as a bare model (no view) to read paragraphs, redlines and comments; for accept/reject every
comment is first replaced by a bookmark over its anchor (with change recording off, else the
removal would itself be recorded), then a hidden view is attached and .uno:AcceptAllTrackedChanges
or .uno:RejectAllTrackedChanges is dispatched; anchors afterwards are the bookmarks' ranges (a
bookmark whose whole range was deleted is gone: anchor ""). PDF goes through `soffice
--convert-to` in a separate process, which finishes before the sidebar is built and keeps the
comments as PDF notes.
"""
from __future__ import annotations

import atexit
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid

SYSTEM_PYTHON = "/usr/bin/python3"
TIMEOUT = 300  # seconds for one request (a 1 MB document with thousands of revisions takes ~20 s)


# =============================================================================== client side
def unavailable_reason():
    """None if soffice and UNO can be used here, else why not (the tests skip with this reason)."""
    if not shutil.which("soffice"):
        return "soffice not found (Debian package libreoffice-writer-nogui is not installed)"
    if not os.path.exists(SYSTEM_PYTHON):
        return f"{SYSTEM_PYTHON} not found (UNO needs Debian's python3)"
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, timeout=60)
    if probe.returncode != 0:
        return "python3-uno is not installed (import uno fails under /usr/bin/python3)"
    return None


class Office:
    """The client: one server process (and one soffice) for the whole test session."""

    def __init__(self):
        self.proc = subprocess.Popen([SYSTEM_PYTHON, os.path.abspath(__file__), "serve"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     start_new_session=True, env=_clean_env())
        hello = self._read(180)
        if hello.get("ready") is not True:
            raise RuntimeError(f"LibreOffice did not start: {hello}")
        self.startup_s = hello.get("startup_s")

    def _read(self, timeout):
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            self.close(kill=True)
            raise RuntimeError("LibreOffice server did not answer in time")
        line = self.proc.stdout.readline()
        if not line:
            err = self.proc.stderr.read().decode("utf-8", "replace")[-2000:]
            raise RuntimeError(f"LibreOffice server ended: {err}")
        return json.loads(line)

    def request(self, **req) -> dict:
        self.proc.stdin.write((json.dumps(req) + "\n").encode("utf-8"))
        self.proc.stdin.flush()
        out = self._read(TIMEOUT)
        if "error" in out:
            raise RuntimeError(f"LibreOffice: {out['error']}")
        return out

    def inspect(self, path, redlines: bool = False) -> dict:
        """merged / accepted / rejected paragraphs, comments (before, after accept, after reject),
        redline_count, redlines_left; with redlines=True also every redline's type, author and text."""
        return self.request(op="inspect", path=os.path.abspath(str(path)), redlines=redlines)

    def close(self, kill: bool = False):
        if self.proc.poll() is not None:
            return
        try:
            if not kill:
                self.proc.stdin.close()
                self.proc.wait(timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            kill = True
        if kill or self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)  # our own process group (start_new_session)
            self.proc.wait(timeout=30)


def _clean_env():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["PATH"] = ":".join(p for p in env.get("PATH", "").split(":") if ".venv" not in p)
    return env


_OFFICE = None


def office():
    """The session's Office (started on first use); pytest.skip when LibreOffice/UNO is missing."""
    global _OFFICE
    import pytest
    if _OFFICE is None:
        reason = unavailable_reason()
        if reason:
            pytest.skip(reason)
        _OFFICE = Office()
        atexit.register(_OFFICE.close)
    return _OFFICE


def convert_pdf(path, outdir) -> str:
    """`soffice --convert-to pdf` (comments exported as PDF notes) in a separate process; the PDF path."""
    profile = tempfile.mkdtemp(prefix="doclint_lo_pdf_")
    filt = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
    cmd = ["soffice", "--headless", "--norestore", "--nologo", "--nolockcheck",
           f"-env:UserInstallation=file://{profile}", "--convert-to", filt, "--outdir", str(outdir), str(path)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                            env=_clean_env())
    try:
        out, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise RuntimeError("soffice --convert-to pdf did not finish")
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = os.path.join(str(outdir), os.path.splitext(os.path.basename(str(path)))[0] + ".pdf")
    if not os.path.exists(pdf):
        raise RuntimeError(f"no PDF: {out.decode('utf-8', 'replace')} {err.decode('utf-8', 'replace')}")
    return pdf


# =============================================================================== server side
def _pv(name, value):
    from com.sun.star.beans import PropertyValue  # type: ignore
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


class _Soffice:
    def __init__(self):
        self.pipe = f"doclint_{uuid.uuid4().hex[:10]}"
        self.profile = tempfile.mkdtemp(prefix="doclint_lo_")
        self.proc = None

    def start(self):
        import uno  # type: ignore
        from com.sun.star.connection import NoConnectException  # type: ignore
        t0 = time.monotonic()
        self.proc = subprocess.Popen(
            ["soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
             f"-env:UserInstallation=file://{self.profile}",
             f"--accept=pipe,name={self.pipe};urp;StarOffice.ComponentContext"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + 120
        while True:
            try:
                self.ctx = resolver.resolve(f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("soffice did not come up")
                time.sleep(0.1)
        self.smgr = self.ctx.ServiceManager
        self.desktop = self.smgr.createInstanceWithContext("com.sun.star.frame.Desktop", self.ctx)
        self.dispatcher = self.smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", self.ctx)
        return time.monotonic() - t0

    def stop(self):
        try:
            self.desktop.terminate()
        except Exception:
            pass  # the bridge goes down with soffice
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)  # the group we created: wrapper + soffice.bin
            self.proc.wait()

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def copy(self, path):
        """A private copy (a stale .~lock file next to a document makes a headless load return None)."""
        import uno  # type: ignore
        work = os.path.join(self.profile, "work")
        os.makedirs(work, exist_ok=True)
        tmp = os.path.join(work, f"{uuid.uuid4().hex[:8]}.docx")
        shutil.copyfile(path, tmp)
        return uno.systemPathToFileUrl(tmp)

    def load_model(self, path):
        doc = self.smgr.createInstanceWithContext("com.sun.star.text.TextDocument", self.ctx)
        doc.load((_pv("URL", self.copy(path)), _pv("FilterName", "MS Word 2007 XML")))
        return doc

    def attach_view(self, doc):
        self.desktop.loadComponentFromURL("private:object", "_blank", 0, (_pv("Model", doc), _pv("Hidden", True)))
        if doc.getCurrentController() is None:
            raise RuntimeError("could not attach a view")

    def dispatch(self, doc, command):
        self.dispatcher.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, ())

    def paragraphs(self, doc):
        if doc.getTextTables().getCount() == 0:
            import uno  # type: ignore
            tmp = os.path.join(self.profile, f"x_{uuid.uuid4().hex[:8]}.txt")
            doc.storeToURL(uno.systemPathToFileUrl(tmp), (_pv("FilterName", "Text (encoded)"),
                                                          _pv("FilterOptions", "UTF8,LF")))
            with open(tmp, encoding="utf-8-sig") as fh:
                data = fh.read()
            os.remove(tmp)
            return (data[:-1] if data.endswith("\n") else data).split("\n")
        out = []

        def walk(text):
            en = text.createEnumeration()
            while en.hasMoreElements():
                el = en.nextElement()
                if el.supportsService("com.sun.star.text.Paragraph"):
                    out.append(el.getString())
                elif el.supportsService("com.sun.star.text.TextTable"):
                    for name in el.getCellNames():
                        walk(el.getCellByName(name).getText())
        walk(doc.getText())
        return out


def _annotations(doc):
    out = []
    en = doc.getTextFields().createEnumeration()
    while en.hasMoreElements():
        f = en.nextElement()
        if f.supportsService("com.sun.star.text.textfield.Annotation"):
            out.append(f)
    return out


def _comments(doc):
    return [{"author": f.Author, "initials": f.Initials, "text": f.Content, "anchor": f.getAnchor().getString()}
            for f in _annotations(doc)]


def _redlines(doc, detail):
    rl = doc.getRedlines()
    items, en = [], rl.createEnumeration()
    while en.hasMoreElements():
        r = en.nextElement()
        if not detail:
            items.append(None)
            continue
        item = {"type": r.RedlineType, "author": r.RedlineAuthor}
        try:
            s, e = r.RedlineStart, r.RedlineEnd
            cur = s.getText().createTextCursorByRange(s)
            cur.gotoRange(e, True)
            item["text"] = cur.getString()
        except Exception:
            item["text"] = None
        items.append(item)
    return items


def _comments_to_bookmarks(doc):
    doc.RecordChanges = False  # else the removal below is recorded as a tracked deletion
    names = []
    for i, f in enumerate(_annotations(doc)):
        info = {"author": f.Author, "initials": f.Initials, "text": f.Content}
        anchor = f.getAnchor()
        bm = doc.createInstance("com.sun.star.text.Bookmark")
        name = f"_doclint_c{i}"
        bm.setName(name)
        anchor.getText().insertTextContent(anchor, bm, True)
        anchor.getText().removeTextContent(f)
        names.append((name, info))
    return names


def _bookmark_comments(doc, names):
    bms = doc.getBookmarks()
    return [dict(info, anchor=bms.getByName(name).getAnchor().getString() if bms.hasByName(name) else "")
            for name, info in names]


def _resolved(office, path, command):
    doc = office.load_model(path)
    names = _comments_to_bookmarks(doc)
    office.attach_view(doc)
    office.dispatch(doc, command)
    out = (office.paragraphs(doc), _bookmark_comments(doc, names), doc.getRedlines().getCount()
           if hasattr(doc.getRedlines(), "getCount") else len(_redlines(doc, False)))
    doc.close(True)
    return out


def _inspect(office, req):
    path = req["path"]
    doc = office.load_model(path)
    rep = {"merged": office.paragraphs(doc), "comments": _comments(doc)}
    red = _redlines(doc, req.get("redlines"))
    rep["redline_count"] = len(red)
    if req.get("redlines"):
        rep["redlines"] = red
    doc.close(True)
    acc = _resolved(office, path, ".uno:AcceptAllTrackedChanges")
    rej = _resolved(office, path, ".uno:RejectAllTrackedChanges")
    rep["accepted"], rep["comments_accepted"] = acc[0], acc[1]
    rep["rejected"], rep["comments_rejected"] = rej[0], rej[1]
    rep["redlines_left"] = [acc[2], rej[2]]
    return rep


def serve():
    office = _Soffice()
    try:
        startup = office.start()
    except Exception as exc:  # reported to the client, which fails the test with it
        print(json.dumps({"ready": False, "error": f"{type(exc).__name__}: {exc}"}), flush=True)
        return
    print(json.dumps({"ready": True, "startup_s": round(startup, 2)}), flush=True)
    try:
        for line in sys.stdin:
            req = json.loads(line)
            try:
                if not office.alive():
                    office = _Soffice()
                    office.start()
                if req["op"] == "inspect":
                    out = _inspect(office, req)
                else:
                    out = {"error": f"unknown op {req['op']}"}
            except Exception as exc:
                out = {"error": f"{type(exc).__name__}: {exc}", "soffice_alive": office.alive()}
            print(json.dumps(out, ensure_ascii=False), flush=True)
    finally:
        office.stop()
        shutil.rmtree(office.profile, ignore_errors=True)


if __name__ == "__main__" and sys.argv[1:] == ["serve"]:
    serve()
