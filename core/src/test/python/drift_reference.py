#!/usr/bin/env python3
"""Reference values for Cairn's drift tests: every statistical test on real splits of testdata/datasets.

Each test follows Evidently's legacy stattests sources (src/evidently/legacy/calculations/stattests/) with
numpy and scipy, so the Java engine can be checked against the library users know. Evidently itself is not
needed. Column typing follows Evidently's rule as pandas would type one CSV holding both sides: integral
numbers with no missing cell and at most 5 unique reference values are categorical, other numbers numerical,
everything else categorical.

Run from the repository root:  python3 core/src/test/python/drift_reference.py
It rewrites core/src/test/resources/dev/cairn/core/drift/scipy-reference.json.
"""
import csv
import gzip
import json
import math
import os
import sys
from collections import Counter

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance
from scipy.special import gammaln, kv

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
DATA = os.path.join(REPO, "testdata", "datasets")
OUT = os.path.join(REPO, "core", "src", "test", "resources", "dev", "cairn", "core", "drift", "scipy-reference.json")
MISSING = {"", "NA", "N/A", "NaN", "nan", "null", "NULL", "None", "n/a", "#N/A", "<NA>", "-NaN", "-nan"}

# name -> (file, reference filter, current filter, columns left out)
SPLITS = {
    "bike_jan_feb": ("bike_sharing_hour.csv", lambda r: "2011-01-01" <= r["dteday"] <= "2011-01-28",
                     lambda r: "2011-01-29" <= r["dteday"] <= "2011-02-28", ["instant", "dteday"]),
    "bike_years": ("bike_sharing_hour.csv", lambda r: r["yr"] == "0", lambda r: r["yr"] == "1",
                   ["instant", "dteday"]),
    "adult_education": ("adult.csv",
                        lambda r: r["education"] not in ("Some-college", "HS-grad", "Bachelors"),
                        lambda r: r["education"] in ("Some-college", "HS-grad", "Bachelors"), []),
    "penguins_islands": ("penguins.csv", lambda r: r["island"] == "Torgersen", lambda r: r["island"] == "Dream", []),
    "bike_day_small": ("bike_sharing_day.csv", lambda r: "2011-01-01" <= r["dteday"] <= "2011-01-15",
                       lambda r: "2012-01-01" <= r["dteday"] <= "2012-01-18", ["instant", "dteday"]),
    "bike_day_tiny": ("bike_sharing_day.csv", lambda r: "2011-01-01" <= r["dteday"] <= "2011-01-07",
                      lambda r: "2012-01-01" <= r["dteday"] <= "2012-01-08", ["instant", "dteday"]),
    "bike_day_equal": ("bike_sharing_day.csv", lambda r: "2011-03-01" <= r["dteday"] <= "2011-03-31",
                       lambda r: "2012-03-01" <= r["dteday"] <= "2012-03-31", ["instant", "dteday"]),
    "taxis_halves": ("taxis.csv", lambda r: r["pickup"] < "2019-03-16", lambda r: r["pickup"] >= "2019-03-16",
                     ["pickup", "dropoff"]),
}


def read_rows(name):
    path = os.path.join(DATA, name)
    if not os.path.exists(path):  # kept compressed in the repository (adult.csv.gz: no file there is over 5 MB)
        with gzip.open(path + ".gz", "rt", newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def parse_number(text):
    try:
        return float(text)
    except ValueError:
        return None


def column(rows, name):
    return [None if r[name] in MISSING else r[name] for r in rows]


def is_integral(text):
    try:
        int(text)
        return True
    except ValueError:
        return False


def typed(ref_raw, cur_raw):
    """(type, ref values, cur values) after Evidently's typing and dropping missing values."""
    cells = ref_raw + cur_raw
    present = [c for c in cells if c is not None]
    if present and all(parse_number(c) is not None for c in present):
        ref = np.array([float(c) for c in ref_raw if c is not None])
        cur = np.array([float(c) for c in cur_raw if c is not None])
        ref, cur = ref[np.isfinite(ref)], cur[np.isfinite(cur)]
        integral = len(present) == len(cells) and all(is_integral(c) for c in present)
        if integral:  # pandas reads such a column as int64, and numpy's histogram treats integers differently
            ref, cur = ref.astype(np.int64), cur.astype(np.int64)
        uniques = len(np.unique(ref)) or len(np.unique(cur))
        return ("cat" if integral and uniques <= 5 else "num"), ref, cur
    return "cat", np.array([c for c in ref_raw if c is not None], dtype=object), \
        np.array([c for c in cur_raw if c is not None], dtype=object)


def default_test(kind, ref, cur):
    n_values = len(set(ref.tolist()) | set(cur.tolist()))
    if len(ref) <= 1000:
        if kind == "num" and n_values > 5:
            return "ks"
        return "chisquare" if n_values > 2 else "z"
    if kind == "num" and n_values > 5:
        return "wasserstein"
    return "jensenshannon"


def counts(ref, cur):
    keys = list(set(ref.tolist()) | set(cur.tolist()))
    r, c = Counter(ref.tolist()), Counter(cur.tolist())
    return keys, np.array([r[k] for k in keys], dtype=float), np.array([c[k] for k in keys], dtype=float)


def binned(kind, ref, cur, fill_zeroes):
    if kind == "num" and len(np.unique(ref)) > 20:
        bins = np.histogram_bin_edges(np.concatenate([ref, cur]), bins="sturges")
        rp = np.histogram(ref, bins)[0] / len(ref)
        cp = np.histogram(cur, bins)[0] / len(cur)
    else:
        _, r, c = counts(ref, cur)
        rp, cp = r / len(ref), c / len(cur)
    if fill_zeroes:
        for p in (rp, cp):
            smallest = min(p[p != 0])
            np.place(p, p == 0, smallest / 10 ** 6 if smallest <= 0.0001 else 0.0001)
    return rp, cp


def cdf_cvm_inf(x):
    total, k = 0.0, 0
    while True:
        u = np.exp(gammaln(k + 0.5) - gammaln(k + 1)) / (np.pi ** 1.5 * np.sqrt(x))
        y = 4 * k + 1
        q = y ** 2 / (16 * x)
        z = u * np.sqrt(y) * np.exp(-q) * kv(0.25, q)
        total += z
        if abs(z) < 1e-7:
            return total
        k += 1


def cvm_exact(s, m, n):
    """Evidently's _pval_cvm_2samp_exact, with dictionaries instead of numpy's sorted arrays."""
    lcm = np.lcm(m, n)
    a, b, mn = lcm // m, lcm // n, m * n
    zeta = lcm ** 2 * (m + n) * (6 * s - mn * (4 * mn - 1)) // (6 * mn ** 2)
    combinations = math.factorial(m + n) / (math.factorial(m) * math.factorial(n))
    gs = [{0: 1}] + [{} for _ in range(m)]
    for u in range(n + 1):
        next_gs, tmp = [], {}
        for v, g in enumerate(gs):
            merged = dict(tmp)
            for value, freq in g.items():
                merged[value] = merged.get(value, 0) + freq
            tmp = {value + (a * v - b * u) ** 2: freq for value, freq in merged.items()}
            next_gs.append(tmp)
        gs = next_gs
    return sum(freq for value, freq in gs[m].items() if value >= zeta) / combinations


def cramer_von_mises(x, y):
    xa, ya = np.sort(x), np.sort(y)
    nx, ny = len(xa), len(ya)
    r = stats.rankdata(np.concatenate([xa, ya]), method="average")
    u = nx * np.sum((r[:nx] - np.arange(1, nx + 1)) ** 2) + ny * np.sum((r[nx:] - np.arange(1, ny + 1)) ** 2)
    k, big_n = nx * ny, nx + ny
    t = u / (k * big_n) - (4 * k - 1) / (6 * big_n)
    if max(nx, ny) <= 20:
        return t, cvm_exact(u, nx, ny)
    et = (1 + 1 / big_n) / 6
    vt = (big_n + 1.0) * (4 * k * big_n - 3 * (nx ** 2 + ny ** 2) - 2 * k) / (45 * big_n ** 2 * 4 * k)
    tn = 1 / 6 + (t - et) / np.sqrt(45 * vt)
    return t, 1.0 if tn < 0.003 else max(0, 1.0 - cdf_cvm_inf(tn))


def hellinger(kind, ref, cur):
    keys = np.array(list(set(ref.tolist()) | set(cur.tolist())))
    if kind == "cat":
        _, r, c = counts(ref, cur)
        total = float(np.sum(np.sqrt((r / len(ref)) * (c / len(cur)))))
    else:
        bins = np.histogram_bin_edges(keys, bins="sturges")
        h1 = np.histogram(ref, bins=bins, density=True)[0]
        h2 = np.histogram(cur, bins=bins, density=True)[0]
        width = (max(bins) - min(bins)) / (len(bins) - 1)
        total = sum(math.sqrt(float(p1) * float(p2)) * width for p1, p2 in zip(h1, h2))
    return math.sqrt(1 - float(np.clip(total, 0, 1)))


def tvd(ref, cur):
    _, r, c = counts(ref, cur)
    return 0.5 * np.sum(np.abs(r / r.sum() - c / c.sum()))


def tvd_permutation(ref, cur, observed):
    np.random.seed(0)
    combined = ref.tolist() + cur.tolist()
    held = []
    for _ in range(1000):
        new_ref = np.random.choice(np.array(combined, dtype=object), len(ref), replace=False).tolist()
        new_cur = list((Counter(combined) - Counter(new_ref)).elements())
        held.append(tvd(np.array(new_ref, dtype=object), np.array(new_cur, dtype=object)))
    return sum(observed <= abs(np.array(held))) / len(held)


def z_test(ref, cur):
    if len(set(ref.tolist())) == 1 and len(set(cur.tolist())) == 1 and ref[0] == cur[0]:
        return 0.0, 1.0
    first = sorted(set(ref.tolist()) | set(cur.tolist()))[0]
    r = np.array([0 if v == first else 1 for v in ref])
    c = np.array([0 if v == first else 1 for v in cur])
    n1, n2 = len(r), len(c)
    p1, p2 = r.sum() / n1, c.sum() / n2
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2))
    return float(z), float(2 * (1 - stats.norm.cdf(abs(z))))


def all_tests(kind, ref, cur):
    results = {}
    if kind == "num":
        ks = stats.ks_2samp(ref, cur)
        results["ks"] = {"statistic": ks.statistic, "p_value": ks.pvalue}
        w = stats.wasserstein_distance(ref, cur) / max(float(np.std(ref)), 0.001)
        results["wasserstein"] = {"statistic": w}
        ad = stats.anderson_ksamp([ref, cur])
        results["anderson"] = {"statistic": ad.statistic, "p_value": ad.pvalue}
        t, p = cramer_von_mises(ref, cur)
        results["cramer_von_mises"] = {"statistic": t, "p_value": p}
        mw = stats.mannwhitneyu(ref, cur, alternative="less")
        results["mannw"] = {"statistic": mw.statistic, "p_value": mw.pvalue}
    n_values = len(set(ref.tolist()) | set(cur.tolist()))
    if kind == "cat" or n_values <= 5:
        _, r, c = counts(ref, cur)
        with np.errstate(divide="ignore", invalid="ignore"):
            chi = stats.chisquare(c, r * (len(cur) / len(ref)))
        results["chisquare"] = {"statistic": chi.statistic, "p_value": chi.pvalue}
        z, p = z_test(ref, cur)
        results["z"] = {"statistic": z, "p_value": p}
    if kind == "cat" and len(ref) + len(cur) <= 20000:  # the permutation test is slow in pure Python
        observed = tvd(ref, cur)
        results["tvd"] = {"statistic": observed, "p_value": tvd_permutation(ref, cur, observed)}
        if n_values <= 2:
            first = sorted(set(ref.tolist()) | set(cur.tolist()))[0]
            table = [[int(np.sum(cur != first)), int(np.sum(cur == first))],
                     [int(np.sum(ref != first)), int(np.sum(ref == first))]]
            fisher = stats.fisher_exact(table)
            results["fisher_exact"] = {"statistic": fisher.statistic, "p_value": fisher.pvalue}
    rp, cp = binned(kind, ref, cur, True)
    results["psi"] = {"statistic": float(np.sum((rp - cp) * np.log(rp / cp)))}
    results["kl_div"] = {"statistic": float(stats.entropy(rp, cp))}
    rp, cp = binned(kind, ref, cur, False)
    results["jensenshannon"] = {"statistic": float(distance.jensenshannon(rp, cp))}
    results["hellinger"] = {"statistic": hellinger(kind, ref, cur)}
    return results


def plain(value):
    value = float(value)
    return value if math.isfinite(value) else ("Infinity" if value > 0 else "-Infinity")


def main():
    out = {"generated_by": "core/src/test/python/drift_reference.py", "numpy": np.__version__,
           "scipy": scipy.__version__, "splits": {}}
    for split, (file, is_ref, is_cur, excluded) in SPLITS.items():
        rows = read_rows(file)
        reference = [r for r in rows if is_ref(r)]
        current = [r for r in rows if is_cur(r)]
        columns = {}
        for name in rows[0].keys():
            if name in excluded:
                continue
            kind, ref, cur = typed(column(reference, name), column(current, name))
            chosen = default_test(kind, ref, cur)
            tests = {t: {k: plain(v) for k, v in r.items()} for t, r in all_tests(kind, ref, cur).items()}
            columns[name] = {"type": kind, "n_ref": len(ref), "n_cur": len(cur), "default_test": chosen,
                             "tests": tests}
            print(f"{split:18} {name:18} {kind} {chosen:14} {tests[chosen]}", file=sys.stderr)
        out["splits"][split] = {"file": file, "excluded": excluded, "reference_rows": len(reference),
                                "current_rows": len(current), "columns": columns}
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, sort_keys=False)
        f.write("\n")


if __name__ == "__main__":
    main()
