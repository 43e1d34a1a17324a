"""Independent oracle for the sample-set figures (issue 24), written from the issue's definitions.

Reads an R-Align or a VL-RewardBench JSONL file with the json module, groups rows that repeat an id
with the same prompt and responses, and prints one JSON object with every per-file figure. The
VL-RewardBench verdict is read with the authors' own pattern through Python's `re` (not a copy of
the TypeScript scan), so the two implementations share nothing but the definitions:

- per record: k; majority = A/B/tie given by more than half of k (unparsed count in k, never the
  majority); agreement = count of the most common outcome (unparsed is one outcome) / k;
- meanFlipRate, flipRateAbove20 (flip rate > 0.2) over records;
- labelAccuracyPerSample = label-correct samples / samples; labelAccuracyMajority = majority == gold
  / records with a gold label;
- sCorrPerSample = Incorrect / (Correct + Incorrect) over label-correct samples, Wilson 95%;
- sCorrMajority over records with a label-correct majority and at least one judged label-correct
  sample: more than half of those judged samples Incorrect;
- fleissKappa over the most common k >= 2 (larger k on a tie), unparsed left out, records with
  fewer than two parsed verdicts left out;
- reliability for k' = 1, 3, ... <= smallest k: majority of the first k' == majority of all.
"""
import hashlib
import json
import math
import re
import sys
from collections import Counter

VLRB_PATTERN = r"(?:Overall Judgment|Therefore)\s*.*\s*-*\s*Answer\s*(\d+)\s*is\s*(?:the\s*)?(?:slightly\s*)?better"


def ralign_row(row, line):
    gold = row.get("gt_label")
    gold = gold.strip() if isinstance(gold, str) else None
    gold = gold if gold in ("A", "B") else None
    pred = row.get("model_pred")
    verdict = pred if pred in ("A", "B") else None
    fidelity = row.get("metarm_verdict")
    rid = row.get("id")
    own = isinstance(rid, str) and rid != "" or isinstance(rid, int) and not isinstance(rid, bool)
    content = json.dumps([row.get("conversations"), row.get("response_A"), row.get("response_B")], sort_keys=True)
    return (str(rid) if own else None), content, gold, verdict, fidelity


def vlrb_row(row, line):
    ranking = row.get("ranking", row.get("human_ranking"))
    gold = None
    if isinstance(ranking, list) and len(ranking) == 2:
        gold = "A" if ranking[0] < ranking[1] else "B" if ranking[0] > ranking[1] else "tie"
    meta = row.get("meta") or {}
    verdict = None
    if isinstance(meta.get("filter_choice"), str):
        match = re.search(VLRB_PATTERN, meta["filter_choice"].replace("\n", "").replace("*", ""), re.IGNORECASE)
        choice = int(match.group(1)) if match else -1
        presented = "A" if choice == 1 else "B" if choice == 2 else None
        swapped = meta.get("random_number") != 0
        verdict = presented if not swapped or presented is None else ("B" if presented == "A" else "A")
    content = json.dumps([row.get("query"), row.get("response")], sort_keys=True)
    return str(row["id"]), content, gold, verdict, None


def read_sets(path):
    sets = {}
    order = []
    with open(path, "r", encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            reader = vlrb_row if "response" in row and "query" in row else ralign_row
            rid, content, gold, verdict, fidelity = reader(row, number)
            key = (rid, hashlib.sha256(content.encode()).hexdigest()) if rid is not None else ("#", number)
            if key not in sets:
                sets[key] = {"id": rid, "gold": gold, "samples": []}
                order.append(key)
            sets[key]["samples"].append((verdict, fidelity))
    return [sets[k] for k in order]


def majority(verdicts):
    k = len(verdicts)
    counts = Counter(v for v in verdicts if v is not None)
    for label, n in counts.items():
        if n * 2 > k:
            return label
    return None


def wilson(successes, n, z=1.959963984540054):
    if n == 0:
        return None
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return [0.0 if successes == 0 else max(0.0, centre - half), 1.0 if successes == n else min(1.0, centre + half)]


def fleiss(sets):
    sizes = Counter(len(s["samples"]) for s in sets if len(s["samples"]) >= 2)
    if not sizes:
        return {"value": None, "k": None, "records": 0}
    k = max(sizes, key=lambda size: (sizes[size], size))
    rows = []
    for s in sets:
        if len(s["samples"]) != k:
            continue
        c = Counter(v for v, _ in s["samples"] if v is not None)
        if sum(c.values()) >= 2:
            rows.append(c)
    if not rows:
        return {"value": None, "k": k, "records": 0}
    total = sum(sum(c.values()) for c in rows)
    p_bar = sum(sum(x * (x - 1) for x in c.values()) / (sum(c.values()) * (sum(c.values()) - 1)) for c in rows) / len(rows)
    pe = sum((sum(c[label] for c in rows) / total) ** 2 for label in ("A", "B", "tie"))
    return {"value": None if pe >= 1 else (p_bar - pe) / (1 - pe), "k": k, "records": len(rows)}


def figures(sets):
    samples = [x for s in sets for x in s["samples"]]
    sizes = sorted(len(s["samples"]) for s in sets)
    n = len(sizes)
    med = None if n == 0 else sizes[n // 2] if n % 2 else (sizes[n // 2 - 1] + sizes[n // 2]) / 2
    flips = []
    maj_correct = with_gold = 0
    aligned = misaligned = 0
    maj_judged = maj_spurious = 0
    sample_correct = 0
    for s in sets:
        verdicts = [v for v, _ in s["samples"]]
        k = len(verdicts)
        outcomes = Counter("unparsed" if v is None else v for v in verdicts)
        flips.append(1 - max(outcomes.values()) / k)
        correct = [f for v, f in s["samples"] if s["gold"] is not None and v == s["gold"]]
        sample_correct += len(correct)
        judged = [f for f in correct if f in ("Correct", "Incorrect")]
        aligned += judged.count("Correct")
        misaligned += judged.count("Incorrect")
        if s["gold"] is not None:
            with_gold += 1
            if majority(verdicts) == s["gold"]:
                maj_correct += 1
                if judged:
                    maj_judged += 1
                    if judged.count("Incorrect") * 2 > len(judged):
                        maj_spurious += 1
    smallest = sizes[0] if sizes else 0
    reliability = []
    for kp in range(1, smallest + 1, 2):
        same = sum(1 for s in sets if majority([v for v, _ in s["samples"][:kp]]) == majority([v for v, _ in s["samples"]]))
        reliability.append({"k": kp, "agreement": same / len(sets)})
    judged_all = aligned + misaligned
    return {
        "records": len(sets),
        "samples": len(samples),
        "samplesPerRecord": {"min": sizes[0], "median": med, "max": sizes[-1]} if sizes else None,
        "meanFlipRate": sum(flips) / len(flips) if flips else None,
        "flipRateAbove20": sum(1 for f in flips if f > 0.2) / len(flips) if flips else None,
        "labelAccuracyPerSample": sample_correct / len(samples) if samples and with_gold else None,
        "labelAccuracyMajority": maj_correct / with_gold if with_gold else None,
        "sCorrPerSample": misaligned / judged_all if judged_all else None,
        "sCorrPerSampleInterval": wilson(misaligned, judged_all),
        "sCorrMajority": maj_spurious / maj_judged if maj_judged else None,
        "fleissKappa": fleiss(sets),
        "reliability": reliability,
    }


if __name__ == "__main__":
    print(json.dumps(figures(read_sets(sys.argv[1]))))
