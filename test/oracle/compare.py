"""Independent oracle for `rationale-lens compare` on two R-Align JSONL files joined by `id`.

Written from the definitions in docs/ARCHITECTURE.md: record classes, R-Align figures on the paired
records, the exact McNemar p (exact integers, math.comb), and the paired bootstrap with the same
mulberry32 generator and numpy-style percentiles, so every resample can be reproduced.
"""
import json
import math
import sys

M = 0xFFFFFFFF


def mulberry32(seed):
    state = [seed & M]

    def imul(x, y):
        return (x * y) & M

    def draw():
        state[0] = (state[0] + 0x6D2B79F5) & M
        a = state[0]
        t = imul(a ^ (a >> 15), 1 | a)
        t = ((t + imul(t ^ (t >> 7), 61 | t)) & M) ^ t
        return ((t ^ (t >> 14)) & M) / 4294967296

    return draw


def load(path):
    records = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                r = json.loads(line)
                records[r["id"]] = r
    return records


def kind(r):
    pred, gold = r.get("model_pred"), (r.get("gt_label") or "").strip()
    if pred not in ("A", "B"):
        return "unparseable"
    if pred != gold:
        return "label-wrong"
    # A label-correct record the judge was asked about and gave no usable verdict; else never judged.
    return {"Correct": "aligned", "Incorrect": "spurious", "CallFail": "judge-failed", "ParseFail": "judge-failed"}.get(r.get("metarm_verdict"), "never-judged")


def figures(rows):
    n = len(rows)
    correct = sum(1 for r in rows if kind(r) in ("aligned", "spurious", "judge-failed", "never-judged"))
    v = [r.get("metarm_verdict") for r in rows]
    c, i, cf, pf = v.count("Correct"), v.count("Incorrect"), v.count("CallFail"), v.count("ParseFail")
    return {
        "labelAccuracy": correct / n if n else None,
        "sCorr": 1 - c / (c + i) if c + i else None,
        "fScore": c / (n - cf - pf) if (c + i + cf + pf) and n - cf - pf > 0 else None,
    }


def scorr(aligned, misaligned):
    return 1 - aligned / (aligned + misaligned) if aligned + misaligned else None


def percentile(values, p):
    pos = (len(values) - 1) * p
    lo = math.floor(pos)
    hi = min(len(values) - 1, lo + 1)
    return values[lo] + (values[hi] - values[lo]) * (pos - lo)


def main(path_a, path_b, seed, resamples):
    a, b = load(path_a), load(path_b)
    ids = [k for k in a if k in b]
    classes = ["aligned", "spurious", "label-wrong", "judge-failed", "never-judged", "unparseable"]
    transitions = {f: {t: 0 for t in classes} for f in classes}
    only_a = only_b = 0
    both = []
    for k in ids:
        ka, kb = kind(a[k]), kind(b[k])
        transitions[ka][kb] += 1
        ca, cb = ka in ("aligned", "spurious", "judge-failed", "never-judged"), kb in ("aligned", "spurious", "judge-failed", "never-judged")
        only_a += ca and not cb
        only_b += cb and not ca
        if ca and cb:
            both.append((ka, kb))
    n = only_a + only_b
    tail = sum(math.comb(n, i) for i in range(min(only_a, only_b) + 1))
    p = 1.0 if n == 0 else min(1.0, 2 * tail / 2**n)

    def delta(sample):
        sa = scorr(sum(x == "aligned" for x, _ in sample), sum(x == "spurious" for x, _ in sample))
        sb = scorr(sum(y == "aligned" for _, y in sample), sum(y == "spurious" for _, y in sample))
        return sa, sb, (None if sa is None or sb is None else sb - sa)

    sa, sb, d = delta(both)
    deltas = []
    if both and d is not None:
        draw = mulberry32(seed)
        for _ in range(resamples):
            sample = [both[math.floor(draw() * len(both))] for _ in range(len(both))]
            x = delta(sample)[2]
            if x is not None:
                deltas.append(x)
    deltas.sort()
    print(json.dumps({
        "a": figures([a[k] for k in ids]),
        "b": figures([b[k] for k in ids]),
        "matched": len(ids),
        "mcnemarP": p,
        "sCorr": {"a": sa, "b": sb, "delta": d, "ci": [percentile(deltas, 0.025), percentile(deltas, 0.975)] if deltas else None, "n": len(both)},
        "transitions": transitions,
    }))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
