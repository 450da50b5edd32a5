"""The benchmark's speech-sized input (about 25,000 characters), built deterministically.

The seed speech (../shared/seeds/000_ab06478cd3cfddd3.txt, 8,698 characters:
a web-page header, the title, the opening, nine numbered sections 一、…九、
and the closing) followed by two more copies of its nine sections with the
headings renumbered 十、…十八、 and 十九、…二十七、, then the closing paragraph.
Result: 25,272 characters, 66 non-blank lines of real speech prose with the seed's
real defects repeated three times. Nothing is written into the repository:
`write_speech(dir)` writes the file to a (temporary) folder.
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_ab06478cd3cfddd3.txt"

_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1..99 as Chinese numerals (十, 十一, 二十, 二十七)."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "十" if tens == 1 else _DIGITS[tens] + "十"
    return head + (_DIGITS[ones] if ones else "")


def build_speech(seed: Path = SEED, copies: int = 3) -> str:
    text = seed.read_text(encoding="utf-8")
    lines = text.split("\n")
    marks = [f"{cn_number(k)}、" for k in range(1, 10)]
    heads = [i for i, line in enumerate(lines)
             if any(line.startswith(m) for m in marks) and len(line) < 40]
    n = len(heads)
    first, last = heads[0], heads[-1]
    body_end = last + 2          # the last section ends with its body paragraph
    out = lines[:body_end]
    for c in range(1, copies):
        for i in range(first, body_end):
            line = lines[i]
            if i in heads:
                k = heads.index(i) + 1
                line = f"{cn_number(k + c * n)}、" + line[len(cn_number(k)) + 1:]
            out.append(line)
    out += lines[body_end:]
    return "\n".join(out)


def write_speech(folder: Path, name: str = "speech25k.txt") -> Path:
    p = Path(folder) / name
    p.write_text(build_speech(), encoding="utf-8")
    return p


if __name__ == "__main__":
    s = build_speech()
    print(len(s), "characters")
