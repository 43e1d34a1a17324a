"""Independent oracle for VL-RewardBench's cal.py rule (vl-rewardbench/VL_RewardBench), from its
description in src/core/samples/vlrbCal.ts, run with Python's own `random` and `re` (the engines
cal.py runs on): seed 1234 once; for each k in 1, 3, 5, 7, 9 the rows in file order are swapped
pairwise by randint, grouped by id + query + tab-joined sorted responses, each group counting its
first k rows; the row's status comes from the authors' pattern; a group's class is the status with
more than half of its counted rows, else "other"; accuracy = agree / (agree + reject) per task group.

Prints {"ks": [...]} with the same fields as CalAtK.
"""
import json
import random
import re
import sys

PATTERN = r"(?:Overall Judgment|Therefore)\s*.*\s*-*\s*Answer\s*(\d+)\s*is\s*(?:the\s*)?(?:slightly\s*)?better"
GROUP = {"vlfeedback": "general", "wildvision-battle": "general", "povid": "hallucination", "rlhf-v": "hallucination", "rlaif-v": "hallucination", "reasoning_tasks": "reasoning"}


def dataset_of(rid):
    cuts = [i for i in (rid.find("_"), rid.find("-")) if i >= 0]
    prefix = rid[: min(cuts)] if cuts else rid
    return {"RLAIF": "rlaif-v", "RLHF": "rlhf-v", "mathverse": "reasoning_tasks", "mmmu": "reasoning_tasks", "wildvision": "wildvision-battle", "hallucination": "povid"}.get(prefix, "vlfeedback")


def status_of(row):
    meta = row["meta"]
    rejected = row["ranking"].index(1 if meta["random_number"] == 0 else 0) + 1
    match = re.search(PATTERN, meta["filter_choice"].replace("\n", "").replace("*", ""), re.IGNORECASE)
    if not match:
        return "doesntMatch"
    return "reject" if int(match.group(1)) == rejected else "agree"


def main(path):
    with open(path, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    random.seed(1234)
    out = []
    for k in (1, 3, 5, 7, 9):
        data = list(rows)
        for i in range(len(data)):
            j = random.randint(0, len(data) - 1)
            data[i], data[j] = data[j], data[i]
        groups = {}
        for row in data:
            key = row["id"] + row["query"] + "\t".join(sorted(row["response"]))
            g = groups.setdefault(key, {"agree": 0, "reject": 0, "doesntMatch": 0, "dataset": dataset_of(row["id"]), "n": 0})
            if g["n"] >= k:
                continue
            g[status_of(row)] += 1
            g["n"] += 1
        counts = {"agree": 0, "reject": 0, "doesntMatch": 0, "other": 0}
        correct = {"general": 0, "hallucination": 0, "reasoning": 0}
        total = {"general": 0, "hallucination": 0, "reasoning": 0}
        for g in groups.values():
            cls = next((s for s in ("agree", "reject", "doesntMatch") if g[s] > g["n"] / 2), "other")
            counts[cls] += 1
            if cls in ("agree", "reject"):
                total[GROUP[g["dataset"]]] += 1
                correct[GROUP[g["dataset"]]] += cls == "agree"
        items = len(groups)
        out.append({
            "k": k,
            "items": items,
            **counts,
            "agreeRate": counts["agree"] / (items + 1e-6),
            "normalizedAgreeRate": counts["agree"] / (counts["agree"] + counts["reject"] + 1e-6),
            "groups": {"general": correct["general"] / total["general"], "hallucination": correct["hallucination"] / total["hallucination"], "reasoning": correct["reasoning"] / (total["reasoning"] + 1e-6)},
            "overallAccuracy": sum(correct.values()) / sum(total.values()),
            "macroAverage": sum(correct[g] / total[g] for g in ("reasoning", "hallucination", "general")) / 3,
        })
    print(json.dumps({"ks": out}))


if __name__ == "__main__":
    main(sys.argv[1])
