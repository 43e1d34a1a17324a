"""Oracle for trl-ralign's `scripts/ralign/eval_benchmarks.py` (gqBond/trl-ralign), written from its code.

`generate <out_dir> <seed> <n> [--no-rationale]` builds a seeded synthetic run the way the script's
main loop does: examples (category, gt_label, optional golden rationale), generations (the judge's
text, read by the script's first-match `\\boxed{A|B}` rule, case-insensitive), and the meta-judge
results of `_rationale_verdicts` (None without a golden rationale, False for a call that raised,
else `_parse_verdict` of the judge's answer). It then runs the script's row and summary arithmetic
unchanged, writes `<out_dir>/<bench>/predictions.jsonl` and `<out_dir>/summary.json` as the script
does, and prints the script's line for the benchmark. The last stdout line is a JSON object with
the printed line and the figures R-Align's show_result.py would give on the same file.
"""
import json
import random
import re
import sys
from pathlib import Path

# eval_benchmarks.py's verdict reading: the FIRST \boxed{A|B}, any case, optional backslash.
LABEL_RE = re.compile(r"\\?boxed\{\s*([AB])\s*\}", re.IGNORECASE)


def extract_label(text):
    m = LABEL_RE.search(text or "")
    return m.group(1).upper() if m else None


def parse_verdict(meta_judge_output):
    # ralign_reward._parse_verdict: anything unreadable is False.
    try:
        verdict = meta_judge_output.split("<final_verdict>", 1)[1].split("</final_verdict>", 1)[0].strip().lower()
        return verdict.startswith("correct")
    except (IndexError, AttributeError):
        return False


CATEGORIES = ["Chat", "Chat Hard", "Safety", "Reasoning", "helpsteer3", "ppe"]


def synth_generation(rng, gt):
    other = "B" if gt == "A" else "A"
    kind = rng.random()
    body = f"Response A covers point {rng.randint(1, 9)}; response B misses step {rng.randint(1, 9)}."
    if kind < 0.55:
        return f"{body}\nFinal verdict:\n\\boxed{{{gt}}}"
    if kind < 0.75:
        return f"{body}\n\\boxed{{{other}}}"
    if kind < 0.82:
        return f"{body}\nboxed{{ {gt.lower()} }}"  # no backslash, lower case: still read
    if kind < 0.88:
        # two verdicts: the script reads the FIRST one
        return f"I first thought \\boxed{{{other}}} but on reflection \\boxed{{{gt}}}"
    if kind < 0.94:
        return f"{body}\nVerdict: A is better."  # no boxed verdict: None
    return ""


def synth_meta(rng):
    """What _rationale_verdicts returns for one example that has a golden rationale."""
    kind = rng.random()
    if kind < 0.08:
        return False  # the call raised after its retries: `except Exception: return False`
    if kind < 0.14:
        return parse_verdict("<golden_key_points>x</golden_key_points> no verdict tag")
    if kind < 0.6:
        return parse_verdict("<golden_key_points>k</golden_key_points><genrm_analysis>a</genrm_analysis><final_verdict>\nCorrect\n</final_verdict>")
    return parse_verdict("<final_verdict>Incorrect</final_verdict>")


def generate(out_dir, seed, n, rationale_aware=True, bench="ralign_bmk"):
    rng = random.Random(seed)
    examples = []
    for _ in range(n):
        swap = rng.random() < 0.5
        examples.append({
            "category": rng.choice(CATEGORIES),
            "gt_label": "B" if swap else "A",
            "golden_rationale": "" if rng.random() < 0.1 else "Gold: A states the key fact.",
        })
    generations = [synth_generation(rng, ex["gt_label"]) for ex in examples]
    rationale_ok = None
    if rationale_aware:
        rationale_ok = [None if not ex.get("golden_rationale") else synth_meta(rng) for ex in examples]

    # ---- eval_benchmarks.py main loop, arithmetic unchanged ----
    rows = []
    n_label_ok = 0
    n_fidelity_ok = 0
    n_spurious = 0
    by_cat = {}
    for i, (ex, gen) in enumerate(zip(examples, generations)):
        pred = extract_label(gen)
        label_ok = pred is not None and pred == ex["gt_label"]
        fid = rationale_ok[i] if rationale_ok else None
        row = {
            "idx": i, "category": ex["category"], "gt_label": ex["gt_label"],
            "predicted_label": pred, "label_correct": label_ok,
            "generation": gen,
        }
        if fid is not None:
            row["rationale_correct"] = bool(fid)
        rows.append(row)
        n_label_ok += int(label_ok)
        if fid is not None:
            n_fidelity_ok += int(label_ok and fid)
            n_spurious += int(label_ok and not fid)
        cat = ex["category"]
        c = by_cat.setdefault(cat, {"n": 0, "label_ok": 0})
        c["n"] += 1
        c["label_ok"] += int(label_ok)

    bench_dir = Path(out_dir) / bench
    bench_dir.mkdir(parents=True, exist_ok=True)
    with (bench_dir / "predictions.jsonl").open("w") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")

    total = len(rows)
    bench_summary = {
        "n": total,
        "label_accuracy": n_label_ok / total if total else 0.0,
        "by_category": {cat: {"n": v["n"], "label_accuracy": v["label_ok"] / v["n"]} for cat, v in by_cat.items()},
    }
    if rationale_ok is not None:
        bench_summary["fidelity_score"] = n_fidelity_ok / total
        bench_summary["spurious_correctness"] = n_spurious / total
    line = f"  n={total}  L-Acc={bench_summary['label_accuracy']:.4f}"
    if rationale_ok is not None:
        line += f"  F-Score={bench_summary['fidelity_score']:.4f}  S-Corr={bench_summary['spurious_correctness']:.4f}"
    print(line)
    with (Path(out_dir) / "summary.json").open("w") as f:
        json.dump({bench: bench_summary}, f, indent=2, ensure_ascii=False)

    # ---- the same file under R-Align's show_result.py rules ----
    # Only label-correct records would have been judged (the rest SkippedLabelMismatch); the file
    # writes a failed call as false, so it counts as Incorrect; no CallFail/ParseFail is visible.
    correct = sum(1 for r in rows if r["label_correct"] and r.get("rationale_correct") is True)
    incorrect = sum(1 for r in rows if r["label_correct"] and r.get("rationale_correct") is False)
    judged = correct + incorrect
    any_verdict = any("rationale_correct" in r for r in rows)
    paper = {
        "records": total,
        "labelCorrect": n_label_ok,
        "aligned": correct,
        "misaligned": incorrect,
        "labelAccuracy": n_label_ok / total if total else None,
        "sCorr": 1.0 - correct / judged if judged else None,
        "fScore": correct / total if total and any_verdict else None,
    }
    print(json.dumps({"printed": line, "summary": bench_summary, "paper": paper, "file": str(bench_dir / "predictions.jsonl")}))


if __name__ == "__main__":
    if len(sys.argv) < 5 or sys.argv[1] != "generate":
        sys.exit("usage: trl_ralign_eval.py generate <out_dir> <seed> <n> [--no-rationale]")
    generate(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), rationale_aware="--no-rationale" not in sys.argv)
