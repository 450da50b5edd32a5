"""Matching blocks of two key sequences in about linear time (the differ's exact anchors).

`matching_blocks(a, b)` returns runs (i, j, size) with a[i:i+size] == b[j:j+size],
increasing in both sequences, like difflib's `get_matching_blocks` (without its
final sentinel). difflib finds the longest block first and recurses on both
sides of it; with repeated keys its search is quadratic (16,000 identical lines:
51 s) and on long drafts it grows 6–9x per 4x of input. Here (a patience /
histogram diff, as in git):

1. the common prefix and suffix of a range are matched;
2. keys that occur exactly once in both sides of the range pair up; the longest
   chain of such pairs increasing in both sides (patience sorting, n log n) are
   the anchors; each anchor grows over equal neighbours on both sides;
3. a range without a key unique on both sides pairs the k-th occurrence of each
   shared key on one side with its k-th occurrence on the other (repeated
   sentences match in order), again keeping the longest increasing chain;
4. the ranges between blocks are handled the same way.

Each pass over a range costs its length; the passes stop once their total
reaches WORK_PER_ITEM times the input length (ranges not yet split stay
unmatched, and later stages of the differ see them as gaps), so the time is
linear whatever the input. Crossing pairs (moved text) are left out of the
chain; the differ finds them as moves.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from typing import Dict, List, Sequence, Tuple

Block = Tuple[int, int, int]
WORK_PER_ITEM = 16


def _increasing_chain(pairs: List[Tuple[int, int]]) -> List[Tuple[int, int]]:
    """The longest subsequence of `pairs` (sorted by i, distinct i) increasing in j."""
    tails: List[int] = []        # tails[k]: smallest j ending a chain of length k+1
    tail_at: List[int] = []      # index in pairs of that chain end
    prev = [-1] * len(pairs)
    for x, (_, j) in enumerate(pairs):
        k = bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_at.append(x)
        else:
            tails[k] = j
            tail_at[k] = x
        prev[x] = tail_at[k - 1] if k else -1
    out = []
    x = tail_at[-1] if tail_at else -1
    while x >= 0:
        out.append(pairs[x])
        x = prev[x]
    out.reverse()
    return out


def _candidates(a: Sequence, b: Sequence, a0: int, a1: int, b0: int, b1: int) -> List[Tuple[int, int]]:
    """Pairs (i, j) to chain in a range: keys unique on both sides, else k-th occurrences."""
    # Counting and indexing run in C (Counter, dict over zip): this is called on every range the
    # search splits, so on about twice the input in all; a loop of setdefault/append per key
    # cost more than the rest of the anchor stage.
    sa, sb = a[a0:a1], b[b0:b1]
    count_a, count_b = Counter(sa), Counter(sb)
    at_a = dict(zip(sa, range(a0, a1)))   # for a key found once: its one position
    at_b = dict(zip(sb, range(b0, b1)))
    unique = [(at_a[key], at_b[key]) for key, n in count_b.items() if n == 1 and count_a.get(key) == 1]
    if unique:
        unique.sort()
        return unique
    pos_a: Dict[object, List[int]] = {}
    for i in range(a0, a1):
        pos_a.setdefault(a[i], []).append(i)
    pos_b: Dict[object, List[int]] = {}
    for j in range(b0, b1):
        key = b[j]
        if key in pos_a:
            pos_b.setdefault(key, []).append(j)
    out = []
    for key, jb in pos_b.items():
        out.extend(zip(pos_a[key], jb))
    out.sort()
    return out


def _trim(a: Sequence, b: Sequence, a0: int, a1: int, b0: int, b1: int, blocks: List[Block]):
    """Match the common prefix and suffix of a range; the range left between them."""
    p = 0
    while a0 + p < a1 and b0 + p < b1 and a[a0 + p] == b[b0 + p]:
        p += 1
    if p:
        blocks.append((a0, b0, p))
        a0 += p
        b0 += p
    s = 0
    while a1 - s > a0 and b1 - s > b0 and a[a1 - s - 1] == b[b1 - s - 1]:
        s += 1
    if s:
        blocks.append((a1 - s, b1 - s, s))
        a1 -= s
        b1 -= s
    return a0, a1, b0, b1


def _grow(a: Sequence, b: Sequence, chain, a0: int, a1: int, b0: int, b1: int, blocks: List[Block]):
    """Each anchor of the chain grown over equal neighbours (never past the previous block)
    into a block; returns the sub-ranges left between the blocks."""
    lo_a, lo_b = a0, b0
    sub = []
    for i, j in chain:
        if i < lo_a or j < lo_b:
            continue  # swallowed by the previous block's growth
        x, y = i, j
        while x > lo_a and y > lo_b and a[x - 1] == b[y - 1]:
            x -= 1
            y -= 1
        e, f = i + 1, j + 1
        while e < a1 and f < b1 and a[e] == b[f]:
            e += 1
            f += 1
        if x > lo_a or y > lo_b:
            sub.append((lo_a, x, lo_b, y))
        blocks.append((x, y, e - x))
        lo_a, lo_b = e, f
    if lo_a < a1 or lo_b < b1:
        sub.append((lo_a, a1, lo_b, b1))
    return [r for r in sub if r[0] < r[1] and r[2] < r[3]]


def matching_blocks(a: Sequence, b: Sequence, work_per_item: int = WORK_PER_ITEM) -> Tuple[List[Block], bool]:
    """(blocks, complete): matching runs increasing in both sequences, and False when the
    work cap stopped the search before every range was split."""
    blocks: List[Block] = []
    cap = work_per_item * (len(a) + len(b)) + 1024
    work = 0
    complete = True
    stack = [(0, len(a), 0, len(b))]
    while stack:
        a0, a1, b0, b1 = _trim(a, b, *stack.pop(), blocks)
        if a0 == a1 or b0 == b1:
            continue
        work += (a1 - a0) + (b1 - b0)
        if work > cap:
            complete = False
            continue
        chain = _increasing_chain(_candidates(a, b, a0, a1, b0, b1))
        if chain:
            stack.extend(_grow(a, b, chain, a0, a1, b0, b1, blocks))
    blocks.sort()
    merged: List[Block] = []
    for i, j, n in blocks:
        if merged and merged[-1][0] + merged[-1][2] == i and merged[-1][1] + merged[-1][2] == j:
            merged[-1] = (merged[-1][0], merged[-1][1], merged[-1][2] + n)
        else:
            merged.append((i, j, n))
    return merged, complete
