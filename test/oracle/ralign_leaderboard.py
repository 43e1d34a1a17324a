"""Independent oracle for the leaderboard CSV, written from the rules in docs/ARCHITECTURE.md.

Usage: ralign_leaderboard.py <folder> <out.csv>. Reads every *.jsonl in the folder (not recursive),
names each `<bench>__<model>[_metarm_<judge>]`, tallies it with ralign_tally.py and writes the
model × benchmark CSV with Python's csv module (so its quoting, number formatting and CRLF rows).
"""
import csv
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from ralign_tally import tally  # noqa: E402


def split_name(stem):
    bench, _, rest = stem.partition("__")
    model = rest.partition("_metarm_")[0]
    return bench, model


def percent(x):
    return "" if x is None else format(x * 100, ".4f")


def main(folder, out):
    files = sorted(p for p in pathlib.Path(folder).glob("*.jsonl") if p.is_file())
    cells = {}
    benches, models = set(), set()
    for path in files:
        bench, model = split_name(path.stem)
        if bench:
            benches.add(bench)
        if model:
            models.add(model)
        if bench and model:
            cells[(model, bench)] = tally(str(path))  # a later name replaces an earlier one
    benches, models = sorted(benches), sorted(models)
    with open(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["model"] + [f"{b}__{k}" for b in benches for k in ("label_acc", "spurious_correctness", "fidelity_score")])
        for model in models:
            row = [model]
            for bench in benches:
                t = cells.get((model, bench))
                row += ["", "", ""] if t is None else [percent(t["labelAccuracy"]), percent(t["sCorr"]), percent(t["fScore"])]
            writer.writerow(row)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
