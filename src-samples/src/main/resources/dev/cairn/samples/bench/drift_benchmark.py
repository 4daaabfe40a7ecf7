#!/usr/bin/env python3
"""The scipy side of DriftBenchmark: Evidently's default drift tests with numpy/scipy on two numeric CSV files.

Per column it does what Evidently's legacy stattests do for a default report (drop NaN/inf, pick the default test
by reference size and unique values, run it) plus the histogram a report draws, and prints one JSON line: the
seconds spent loading, the seconds spent testing, and every column's test and score, so the harness can check
that both sides computed the same thing.

Usage: python3 drift_benchmark.py REFERENCE.csv CURRENT.csv
"""
import json
import sys
import time

import numpy as np
from scipy import stats
from scipy.spatial import distance


def default_test(ref, cur):
    n_values = len(np.unique(np.concatenate([ref, cur])))
    if len(ref) <= 1000:
        return "ks" if n_values > 5 else ("chisquare" if n_values > 2 else "z")
    return "wasserstein" if n_values > 5 else "jensenshannon"


def run_test(name, ref, cur):
    if name == "wasserstein":
        return stats.wasserstein_distance(ref, cur) / max(float(np.std(ref)), 0.001)
    if name == "ks":
        return stats.ks_2samp(ref, cur).pvalue
    if name == "jensenshannon":
        keys = np.union1d(ref, cur)
        r = np.array([np.sum(ref == k) for k in keys]) / len(ref)
        c = np.array([np.sum(cur == k) for k in keys]) / len(cur)
        return float(distance.jensenshannon(r, c))
    raise ValueError("the benchmark data only needs wasserstein, ks and jensenshannon, not " + name)


def main():
    start = time.perf_counter()
    reference = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1, ndmin=2)
    current = np.loadtxt(sys.argv[2], delimiter=",", skiprows=1, ndmin=2)
    loaded = time.perf_counter()
    columns = []
    for i in range(reference.shape[1]):
        ref = reference[:, i]
        cur = current[:, i]
        ref, cur = ref[np.isfinite(ref)], cur[np.isfinite(cur)]
        test = default_test(ref, cur)
        score = run_test(test, ref, cur)
        edges = np.histogram_bin_edges(np.concatenate([ref, cur]), bins="sturges")
        np.histogram(ref, edges)
        np.histogram(cur, edges)
        columns.append({"test": test, "score": float(score)})
    tested = time.perf_counter()
    print(json.dumps({"load_seconds": loaded - start, "test_seconds": tested - loaded, "columns": columns}))


if __name__ == "__main__":
    main()
