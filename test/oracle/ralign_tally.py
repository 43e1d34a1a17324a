"""Independent oracle for the R-Align tally, written from the metric definitions (docs/ARCHITECTURE.md).

Reads a JSONL file the way the reference scorer does (every non-blank line is a record; json
module) and prints one JSON object with the counts and the three figures. Used by the unit tests
to check the TypeScript tally and by `npm run bench` as the Python baseline.
"""
import json
import sys


def tally(path):
    total = label_correct = correct = incorrect = call_fail = parse_fail = 0
    with open(path, "r", encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if not line:
                continue
            record = json.loads(line)
            total += 1
            pred = record.get("model_pred")
            gold = (record.get("gt_label") or "").strip()
            if pred in ("A", "B") and pred == gold:
                label_correct += 1
            verdict = record.get("metarm_verdict")
            if verdict == "Correct":
                correct += 1
            elif verdict == "Incorrect":
                incorrect += 1
            elif verdict == "CallFail":
                call_fail += 1
            elif verdict == "ParseFail":
                parse_fail += 1
    judged = correct + incorrect
    f_denominator = total - call_fail - parse_fail
    return {
        "records": total,
        "labelCorrect": label_correct,
        "aligned": correct,
        "misaligned": incorrect,
        "callFail": call_fail,
        "parseFail": parse_fail,
        "labelAccuracy": label_correct / total if total else None,
        "sCorr": 1.0 - correct / judged if judged else None,
        "fScore": correct / f_denominator if f_denominator > 0 else None,
    }


if __name__ == "__main__":
    print(json.dumps(tally(sys.argv[1])))
