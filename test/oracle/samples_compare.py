"""Independent oracle for `rationale-lens compare` of two sampled runs (issue 24).

Usage: samples_compare.py <a.jsonl> <b.jsonl> <seed> <resamples>. Groups each file's rows into
sample sets with samples.py (its own json/re reading of R-Align and VL-RewardBench rows), pairs the
sets by record id, and prints the `samples` object's figures:

- majority: per run, records whose majority verdict (more than half of k) equals the gold, over the
  paired records with a gold label in both runs; the exact McNemar p on the records right by
  majority in one run only (math.comb, exact integers: 2 * P(X <= min(b, c)), capped at 1);
- per-sample S-Corr: 1 - aligned / judged over the label-correct samples of the paired records
  with a fidelity verdict of Correct or Incorrect; a paired bootstrap over the paired records, in
  a's order: mulberry32 from the seed (compare.py's), each resample n draws of floor(random() * n),
  a resample left out when either run's judged count is 0; numpy-style percentiles 2.5 and 97.5 of
  the sorted differences b - a; p = min(1, 2 * min(#{d <= 0}, #{d >= 0}) / m) over the m kept.
"""
import json
import math
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from compare import mulberry32, percentile  # noqa: E402
from samples import majority, read_sets  # noqa: E402


def counts(s):
    judged = [f for v, f in s["samples"] if s["gold"] is not None and v == s["gold"] and f in ("Correct", "Incorrect")]
    return judged.count("Correct"), len(judged)


def scorr(aligned, judged):
    return 1 - aligned / judged if judged else None


def main(path_a, path_b, seed, resamples):
    a, b = read_sets(path_a), read_sets(path_b)
    b_by_id = {s["id"]: s for s in b if s["id"] is not None}
    pairs = [(s, b_by_id[s["id"]]) for s in a if s["id"] in b_by_id]
    with_gold = right_a = right_b = only_a = only_b = 0
    for sa, sb in pairs:
        if sa["gold"] is None or sb["gold"] is None:
            continue
        with_gold += 1
        ca = majority([v for v, _ in sa["samples"]]) == sa["gold"]
        cb = majority([v for v, _ in sb["samples"]]) == sb["gold"]
        right_a += ca
        right_b += cb
        only_a += ca and not cb
        only_b += cb and not ca
    n = only_a + only_b
    p_mcnemar = 1.0 if n == 0 else min(1.0, 2 * sum(math.comb(n, i) for i in range(min(only_a, only_b) + 1)) / 2**n)

    rows = [counts(sa) + counts(sb) for sa, sb in pairs]
    s_a = scorr(sum(r[0] for r in rows), sum(r[1] for r in rows))
    s_b = scorr(sum(r[2] for r in rows), sum(r[3] for r in rows))
    delta = None if s_a is None or s_b is None else s_b - s_a
    deltas = []
    if delta is not None and rows:
        draw = mulberry32(seed)
        for _ in range(resamples):
            drawn = [rows[math.floor(draw() * len(rows))] for _ in range(len(rows))]
            x = scorr(sum(r[0] for r in drawn), sum(r[1] for r in drawn))
            y = scorr(sum(r[2] for r in drawn), sum(r[3] for r in drawn))
            if x is not None and y is not None:
                deltas.append(y - x)
    deltas.sort()
    ci = [percentile(deltas, 0.025), percentile(deltas, 0.975)] if deltas else None
    p = min(1.0, 2 * min(sum(d <= 0 for d in deltas), sum(d >= 0 for d in deltas)) / len(deltas)) if deltas else None
    print(json.dumps({
        "records": {"a": len(a), "b": len(b)},
        "samples": {"a": sum(len(s["samples"]) for s in a), "b": sum(len(s["samples"]) for s in b)},
        "matched": len(pairs),
        "onlyInA": len(a) - len(pairs),
        "onlyInB": len(b) - len(pairs),
        "majority": {
            "a": right_a / with_gold if with_gold else None,
            "b": right_b / with_gold if with_gold else None,
            "denominator": with_gold,
            "onlyACorrect": only_a,
            "onlyBCorrect": only_b,
            "mcnemarP": p_mcnemar,
        },
        "sCorrPerSample": {
            "a": s_a,
            "b": s_b,
            "judgedA": sum(r[1] for r in rows),
            "judgedB": sum(r[3] for r in rows),
            "delta": delta,
            "ci": ci,
            "p": p,
            "used": len(deltas),
        },
    }))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
