"""Independent oracle for the leaderboard's per-sample and majority columns (issue 24).

Usage: samples_leaderboard.py <folder>. Names each *.jsonl `<bench>__<model>[_metarm_<judge>]` as
ralign_leaderboard.py does (a later name replaces an earlier one), groups its rows with samples.py
(its own json/re reading of R-Align and VL-RewardBench rows) and prints, per cell, the columns or
null when every record is one sample (the cell is then empty, never 0).
"""
import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from ralign_leaderboard import split_name  # noqa: E402
from samples import figures, read_sets  # noqa: E402


def columns(path):
    sets = read_sets(str(path))
    if not any(len(s["samples"]) > 1 for s in sets):
        return None
    f = figures(sets)
    return {
        "k": {"min": f["samplesPerRecord"]["min"], "max": f["samplesPerRecord"]["max"]},
        "labelAccuracyPerSample": f["labelAccuracyPerSample"],
        "labelAccuracyMajority": f["labelAccuracyMajority"],
        "sCorrPerSample": f["sCorrPerSample"],
        "sCorrPerSampleInterval": f["sCorrPerSampleInterval"],
        "sCorrMajority": f["sCorrMajority"],
        "meanFlipRate": f["meanFlipRate"],
    }


def main(folder):
    cells = {}
    for path in sorted(p for p in pathlib.Path(folder).glob("*.jsonl") if p.is_file()):
        bench, model = split_name(path.stem)
        if bench and model:
            cells[(model, bench)] = columns(path)
    print(json.dumps([{"model": m, "benchmark": b, "samples": c} for (m, b), c in sorted(cells.items())]))


if __name__ == "__main__":
    main(sys.argv[1])
