"""Run the SimpleZarr benchmark beside the Python peers and write the report.

Normally started by Scripts/bench/bench.sh (which makes the virtualenv and
builds the release binary); run directly with the bench virtualenv's python:

    python Scripts/bench/run.py [--quick] [--size N] [--repeat N] ...

For every dataset x operation x library it starts one subprocess (our binary,
`simplezarr bench ...`, or `peers.py LIBRARY ...`) that repeats the operation
REPEAT + 1 times in the same process; the first repeat is a warm-up and is
dropped, the figure is the median of the other REPEAT.  Peak RSS comes from
os.wait4's rusage of that subprocess.  Results go to a JSON file in the data
dir, a table on stdout, BENCHMARKS.md and BENCHMARKS.png.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

OURS = "simplezarr-swift"
# Markers around the codec section of BENCHMARKS.md (written by Scripts/bench_codecs.py).
CODECS_BEGIN = "<!-- codecs:begin -->"
CODECS_END = "<!-- codecs:end -->"
PEERS = ["zarr-python", "zarr-python-fused", "zarr-python-zarrs", "tensorstore", "simplezarr-python"]
LIBRARIES = [OURS] + PEERS
DATASETS = ["uncompressed", "zstd", "gzip", "sharded_zstd", "float32_zstd", "blosc_lz4", "noisy_uncompressed",
            "noisy_zstd", "noisy_gzip", "noisy_float32_zstd", "noisy_blosc_lz4", "noisy_sharded_zstd"]
# (label, op, concurrency flag or None for the library's default)
OPS = [
    ("read-whole", "read-whole", None),
    ("read-chunks c=1", "read-chunks", 1),
    ("read-chunks default", "read-chunks", None),
    ("read-regions", "read-regions", None),
    ("write-whole", "write-whole", None),
    ("roundtrip", "roundtrip", None),
]
REGION_UNIT = 64  # regions are aligned to this grid (a multiple of every dataset's read chunk)


# --------------------------------------------------------------------------- setup


def make_regions(n: int, count: int, seed: int, path: str) -> list:
    """count random boxes aligned to the 64-grid, 1 or 2 grid cells long per axis."""
    unit = min(REGION_UNIT, n)
    cells = -(-n // unit)
    rng = random.Random(seed)
    regions = []
    for _ in range(count):
        box = []
        for _axis in range(3):
            length = rng.randint(1, min(2, cells))
            start = rng.randint(0, cells - length)
            box.append([start * unit, min(n, (start + length) * unit)])
        regions.append(box)
    with open(path, "w") as f:
        json.dump(regions, f)
    return regions


def warm_files(path: str) -> None:
    """Read every file once so the first run does not pay for the disk."""
    for root, _dirs, files in os.walk(path):
        for name in files:
            with open(os.path.join(root, name), "rb") as f:
                while f.read(1 << 24):
                    pass


def stored_sizes(store: str, datasets: list[str]) -> dict:
    """Bytes on disk (sum of file sizes) of each dataset's array."""
    out = {}
    for d in datasets:
        total = 0
        for root, _dirs, files in os.walk(os.path.join(store, d)):
            total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
        out[d] = total
    return out


def machine_info() -> dict:
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "unknown"
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal"):
                    mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                    break
    except OSError:
        pass
    try:
        nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    except OSError:
        nproc = str(os.cpu_count())
    return {"nproc": nproc, "cpu": cpu, "memory": mem,
            "os": f"{platform.system()} {platform.release()}", "python": platform.python_version()}


def versions() -> dict:
    from importlib.metadata import version, PackageNotFoundError

    out = {}
    for pkg in ("zarr", "zarrs", "tensorstore", "simplezarr", "numpy", "numcodecs"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = "not installed"
    try:
        out["swift"] = subprocess.run(["swift", "--version"], capture_output=True, text=True,
                                      timeout=60).stdout.strip().splitlines()[0]
    except Exception:  # noqa: BLE001
        out["swift"] = "unknown"
    try:
        commit = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True).stdout.strip()
        out["simplezarr-swift"] = commit + (" (with local changes)" if dirty else "")
    except OSError:
        out["simplezarr-swift"] = "unknown"
    return out


# --------------------------------------------------------------------------- subprocesses


def run_measured(cmd: list[str], timeout: float) -> dict:
    """Run cmd; return rc, stdout, stderr, peak RSS (bytes) and wall time."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                start_new_session=True)
        deadline = time.monotonic() + timeout
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid != 0:
                break
            if time.monotonic() > deadline:
                timed_out = True
                os.killpg(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        proc.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
        wall = time.perf_counter() - t0
        out.seek(0)
        err.seek(0)
        return {"rc": proc.returncode, "stdout": out.read().decode(errors="replace"),
                "stderr": err.read().decode(errors="replace"), "rss": usage.ru_maxrss * 1024,
                "wall": wall, "timed_out": timed_out}


def last_json(text: str) -> dict | None:
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                return json.loads(line)
            except json.JSONDecodeError:
                return None
    return None


def short_error(res: dict) -> str:
    if res["timed_out"]:
        return "error: timed out"
    lines = [ln.strip() for ln in res["stderr"].strip().splitlines() if ln.strip()]
    if not lines:
        lines = [ln.strip() for ln in res["stdout"].strip().splitlines() if ln.strip()]
    text = lines[-1] if lines else f"exit code {res['rc']}"
    return f"error (exit {res['rc']}): {text}"


class Harness:
    def __init__(self, args):
        self.args = args
        self.python = args.python
        self.peers_py = os.path.join(HERE, "peers.py")
        self.ours_cmd = shlex.split(args.ours_cmd) if args.ours_cmd else [args.binary, "bench"]
        self.ours_status = None  # None: available, else the reason it is not

    def command(self, lib, op, conc, store, array, out_dir, regions) -> list[str]:
        if lib == OURS:
            cmd = self.ours_cmd + [op, store, array]
        else:
            cmd = [self.python, self.peers_py, lib, op, store, array]
        if op in ("write-whole", "roundtrip"):
            cmd += ["--out", out_dir]
        if op == "read-regions":
            cmd += ["--regions", regions]
        cmd += ["--repeat", str(self.args.repeat + 1)]
        if conc is not None:
            cmd += ["--concurrency", str(conc)]
        return cmd

    def probe_ours(self, store: str) -> None:
        if not self.args.ours_cmd and not os.path.exists(self.args.binary):
            self.ours_status = f"not available: {self.args.binary} not built"
        else:
            res = run_measured(self.ours_cmd + ["read-whole", store, "uncompressed", "--repeat", "1"], 600)
            js = last_json(res["stdout"])
            if res["rc"] != 0 or js is None or "times" not in js:
                if res["rc"] == 2 and "usage" in res["stderr"] and "bench" not in res["stderr"]:
                    self.ours_status = "not available: this build of `simplezarr` has no `bench` subcommand yet"
                else:
                    self.ours_status = ("not available: `simplezarr bench` did not run ("
                                        + short_error(res).removeprefix("error ") + ")")
        if self.ours_status:
            print(f"run: {OURS}: {self.ours_status}", file=sys.stderr)

    def cell(self, lib, dataset, op, conc, store, regions, expected_nbytes) -> dict:
        if lib == OURS and self.ours_status:
            return {"status": "n/a", "text": "pending (see the note at the top)", "reason": self.ours_status}
        out_dir = os.path.join(self.args.data_dir, f"out-{os.getpid()}")
        cmd = self.command(lib, op, conc, store, dataset, out_dir, regions)
        try:
            res = run_measured(cmd, self.args.timeout)
        finally:
            shutil.rmtree(out_dir, ignore_errors=True)
        cell = {"cmd": cmd, "rss": res["rss"], "wall": res["wall"]}
        js = last_json(res["stdout"])
        if res["rc"] != 0 or js is None:
            cell.update(status="error", text=short_error(res), stderr=res["stderr"][-4000:])
            return cell
        if "skipped" in js:
            cell.update(status="skipped", text="skipped: " + js["skipped"])
            return cell
        times = [float(t) for t in js.get("times", [])]
        if len(times) < 2:
            cell.update(status="error", text=f"error: expected {self.args.repeat + 1} times, got {times}")
            return cell
        timed = times[1:]  # the first repeat is the warm-up
        med = statistics.median(timed)
        cell.update(status="ok", times=timed, warmup=times[0], median=med,
                    nbytes=expected_nbytes, gbps=expected_nbytes / med / 1e9 if med > 0 else float("inf"))
        if int(js.get("nbytes", expected_nbytes)) != expected_nbytes:
            cell["nbytes_reported"] = int(js["nbytes"])
            print(f"run: warning: {lib} {op} reported nbytes {js['nbytes']}, expected {expected_nbytes}",
                  file=sys.stderr)
        return cell


# --------------------------------------------------------------------------- report


def fmt_cell_gbps(c: dict) -> str:
    if c["status"] == "ok":
        return f"{c['gbps']:.3f}"
    return c["text"].replace("|", "\\|").replace("\n", " ")[:160]


def ratio(results, dataset, label) -> tuple[str, float | None, str | None]:
    row = results[dataset][label]
    peers = [(row[p]["gbps"], p) for p in PEERS if row.get(p, {}).get("status") == "ok"]
    if not peers:
        return "no peer", None, None
    best, best_lib = max(peers)
    ours = row.get(OURS, {})
    if ours.get("status") != "ok":
        return ("pending" if ours.get("status") == "n/a" else "—"), None, best_lib
    r = ours["gbps"] / best
    return f"{r:.2f}", r, best_lib


def text_table(results, datasets, labels) -> str:
    head = ["dataset", "operation"] + LIBRARIES + ["ours/best"]
    rows = []
    for d in datasets:
        for label in labels:
            row = results[d][label]
            cells = []
            for lib in LIBRARIES:
                c = row.get(lib)
                if c is None:
                    cells.append("")
                elif c["status"] == "ok":
                    cells.append(f"{c['gbps']:.3f}")
                else:
                    cells.append(c["status"])
            rows.append([d, label] + cells + [ratio(results, d, label)[0]])
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    line = lambda r: "  ".join(str(x).ljust(w) for x, w in zip(r, widths))  # noqa: E731
    return "\n".join([line(head), line(["-" * w for w in widths])] + [line(r) for r in rows])


def write_markdown(report: dict, path: str, png_name: str | None) -> None:
    res = report["results"]
    datasets = report["datasets"]
    labels = report["ops"]
    info = report["machine"]
    vers = report["versions"]
    libs = [lib for lib in LIBRARIES if lib in report["libraries"]]
    n = report["size"]
    L = []
    L.append("# Benchmarks: SimpleZarr for Swift beside the Python Zarr libraries\n")
    ours_state = report.get("ours_status")
    if ours_state:
        L.append(f"> **Our side is pending**: {ours_state}. The peers' figures below were "
                 "measured; rerun the command below once `simplezarr bench` exists to fill in our column.\n")
    L.append(f"Measured {report['date']} on {info['nproc']} cores ({info['cpu']}), {info['memory']} RAM, "
             f"{info['os']}. Load average before / after the run: {report['load_before']} / "
             f"{report['load_after']} (other work on the machine disturbs the figures). "
             f"Whole run took {report['elapsed'] / 60:.1f} min.\n")
    L.append(f"Data: {n}×{n}×{n} arrays made by `Scripts/bench/make_data.py` with zarr-python "
             f"(uint16 {n ** 3 * 2 / 2 ** 20:.0f} MiB, float32 {n ** 3 * 4 / 2 ** 20:.0f} MiB), "
             "values `(z + y*y//32 + x*x*x) % 65536` (a regular recipe that compressors love), or for "
             "the `noisy_*` datasets a smooth random field with noise that compresses like measured data "
             "(Scripts/bench/fields.py), 64³ chunks; the sharded array has 256³ shards of "
             "32³ inner chunks. Codec settings are zarr-python's defaults (zstd level 0 = zstd's "
             "default 3, no checksum; gzip level 5; blosc lz4 clevel 5 byte shuffle). Every write reuses the source array's metadata, "
             "so all libraries write the same codecs.\n")
    L.append(f"**Figures**: each cell is the **median of {report['repeat']} timed repeats** inside one "
             "process per library × dataset × operation, after one untimed warm-up repeat in the same "
             "process (the files were also read once beforehand, so the page cache is warm); process "
             "start-up and opening the source array are not timed. GB/s = uncompressed bytes touched "
             "÷ median seconds ÷ 10⁹ (read-regions: the bytes of the 200 regions; roundtrip: the array's "
             "bytes once). *ours/best* = our GB/s ÷ the best peer's GB/s (> 1: we are faster). "
             "Peak RSS is the subprocess's `ru_maxrss` (from `os.wait4`), so it includes the Python "
             "interpreter for the peers and, for write-whole, the source array held in memory.\n")
    if png_name:
        L.append(f"![GB/s per library, operation and dataset]({png_name})\n")
    stored = report.get("stored_bytes") or {}
    if stored:
        L.append("Stored size of each array: " + ", ".join(
            f"{d} {b / 2 ** 20:.0f} MiB" for d, b in stored.items()) + ".\n")
    if report.get("notes"):
        L.append("## Notes on this run\n")
        L.append(report["notes"].strip() + "\n")

    L.append("## GB/s of uncompressed data (higher is better)\n")
    L.append("| dataset | operation | " + " | ".join(libs) + " | ours/best | best peer |")
    L.append("|---|---|" + "---|" * len(libs) + "---|---|")
    for d in datasets:
        for label in labels:
            row = res[d][label]
            cells = [fmt_cell_gbps(row[lib]) if lib in row else "" for lib in libs]
            best = [(row[p]["gbps"], p) for p in PEERS if row.get(p, {}).get("status") == "ok"]
            r, _, best_lib = ratio(res, d, label)
            L.append(f"| {d} | {label} | " + " | ".join(cells) + f" | {r} | {best_lib or '—'} |")
    L.append("")

    L.append("## Seconds (median; min–max) and peak RSS\n")
    for d in datasets:
        L.append(f"### {d}\n")
        L.append("| operation | " + " | ".join(libs) + " |")
        L.append("|---|" + "---|" * len(libs))
        for label in labels:
            row = res[d][label]
            cells = []
            for lib in libs:
                c = row.get(lib)
                if c is None:
                    cells.append("")
                elif c["status"] == "ok":
                    cells.append(f"{c['median']:.3f} s ({min(c['times']):.3f}–{max(c['times']):.3f}); "
                                 f"{c['rss'] / 2 ** 20:.0f} MiB")
                else:
                    cells.append(fmt_cell_gbps(c))
            L.append(f"| {label} | " + " | ".join(cells) + " |")
        L.append("")

    errors = [(d, label, lib, c) for d in datasets for label in labels
              for lib, c in res[d][label].items() if c["status"] == "error"]
    if errors:
        L.append("## Errors\n")
        for d, label, lib, c in errors:
            tail = (c.get("stderr") or "").strip().splitlines()[-6:]
            L.append(f"- {d} / {label} / {lib}: `{' '.join(c.get('cmd', []))}`")
            L.append("  ```\n  " + "\n  ".join(tail) + "\n  ```")
        L.append("")

    L.append("## What each library does\n")
    L.append("All peers run from the Python 3.12 virtualenv `.venv-bench` made by `bench.sh` with the pins "
             "of `Scripts/bench/requirements.txt`; the code is `Scripts/bench/peers.py`.\n")
    L.append("| library | read-whole | read-chunks c=1 | read-chunks default | read-regions | write-whole / roundtrip |")
    L.append("|---|---|---|---|---|---|")
    L.append(f"| {OURS} | `simplezarr bench read-whole` (release build) | chunks one by one on the calling "
             "thread (`getChunk`; for the sharded arrays `arr[inner chunk].get()`) | every chunk submitted to "
             "the pool, then awaited | regions one after the other | "
             "new array with the source's metadata in a fresh LocalStore, whole array written |")
    for lib in ("zarr-python", "zarr-python-fused", "zarr-python-zarrs"):
        pipe = {"zarr-python": "default `BatchedCodecPipeline`",
                "zarr-python-fused": "`codec_pipeline.path = zarr.core.codec_pipeline.FusedCodecPipeline`",
                "zarr-python-zarrs": "`codec_pipeline.path = zarrs.ZarrsCodecPipeline`"}[lib]
        L.append(f"| {lib} ({pipe}) | `arr[...]` | `arr[chunk]` per chunk, sync API | "
                 "`asyncio.gather` of `AsyncArray.getitem(chunk)` for all chunks (zarr's own limits apply) | "
                 "`arr[region]` each | `zarr.create_array` with the source's chunks/shards/serializer/"
                 "compressors/fill value, then `arr[...] = data` |")
    L.append("| tensorstore (context: `cache_pool` 0 bytes, `file_io_sync: false`) | `arr.read().result()` | "
             "`arr[chunk].read().result()` per chunk | all `arr[chunk].read()` futures issued, then awaited | "
             "`arr[region].read().result()` each | `ts.open(zarr3 spec with the source's metadata, "
             "create, delete_existing)` then `write(data).result()` |")
    L.append("| simplezarr-python 1.2.0 | `arr[...].get_now()` | `get_chunk_now(index)` per chunk | "
             "`get_chunk_soon` for every chunk (its 8-thread pool), then `.result()` | "
             "`arr[region].get_now()` each | `ZarrArray.create(LocalStore, ...)` with the source's "
             "metadata, then `arr[...].set_now(data)`; cannot read sharded arrays (skipped) |")
    L.append("")
    L.append("For the sharded array a \"chunk\" is the 32³ inner chunk (the unit a reader fetches; "
             "`arr.chunks` in zarr-python). Regions are 200 random boxes aligned to the 64³ grid, 1 or 2 "
             "grid cells long on each axis (seed 5), the same file for every library. After the timed "
             "repeats each peer checks a sample of what it read or wrote against the formula.\n")

    L.append("## Versions\n")
    for k, v in vers.items():
        L.append(f"- {k}: {v}")
    L.append("")
    L.append("## Commands\n")
    L.append("Each cell ran one of these (STORE is the data store, OUT a scratch dir removed afterwards, "
             f"REPEAT = {report['repeat']} + 1 warm-up; `--concurrency 1` only for read-chunks c=1, "
             "no flag = the library's default):\n")
    L.append("```")
    L.append(f".build/release/simplezarr bench OP STORE DATASET [--out OUT] [--regions REGIONS.json] "
             f"--repeat {report['repeat'] + 1} [--concurrency 1]")
    L.append(f".venv-bench/bin/python Scripts/bench/peers.py LIBRARY OP STORE DATASET [--out OUT] "
             f"[--regions REGIONS.json] --repeat {report['repeat'] + 1} [--concurrency 1]")
    L.append("```\n")
    L.append(f"Harness command: `{report['command']}`\n")
    L.append("## Rerun\n")
    L.append("From the repository root, with Swift and Python 3.12 (`PYENV_VERSION=3.12.1 python3.12` or "
             "`python3.12` on PATH) available and PyPI reachable:\n")
    L.append("```")
    L.append("bash Scripts/bench/bench.sh            # 512³, writes BENCHMARKS.md and BENCHMARKS.png")
    L.append("bash Scripts/bench/bench.sh --quick    # 128³, 3 repeats; report goes to .bench-data/")
    L.append("bash Scripts/bench/bench.sh --size 256 --repeat 3 --datasets zstd --libraries simplezarr-swift,tensorstore")
    L.append("```\n")
    L.append("`bench.sh` makes `.venv-bench` (once; a stamp file holds the hash of requirements.txt), builds "
             "`swift build -c release --product simplezarr`, writes the datasets to `.bench-data/` "
             "(reused while their stamp matches) and runs `Scripts/bench/run.py`; other arguments are passed "
             "to run.py (`--help` lists them). `run.py --render-only RESULTS.json` redraws the report from "
             "a saved run. Only the default size writes BENCHMARKS.md/.png at the repository root.\n")
    # Keep the codec section that Scripts/bench_codecs.py maintains between its markers.
    if os.path.exists(path):
        with open(path) as f:
            previous = f.read()
        begin, end = previous.find(CODECS_BEGIN), previous.find(CODECS_END)
        if 0 <= begin < end:
            L.append(previous[begin:end + len(CODECS_END)] + "\n")
    with open(path, "w") as f:
        f.write("\n".join(L))


def write_png(report: dict, path: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    res = report["results"]
    datasets = report["datasets"]
    labels = report["ops"]
    libs = [lib for lib in LIBRARIES if lib in report["libraries"]]
    colors = {OURS: "#d62728", "zarr-python": "#1f77b4", "zarr-python-fused": "#17becf",
              "zarr-python-zarrs": "#2ca02c", "tensorstore": "#ff7f0e", "simplezarr-python": "#9467bd"}
    ncols = 2
    nrows = -(-len(datasets) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(16, 4.6 * nrows), squeeze=False)
    width = 0.8 / len(libs)
    for i, d in enumerate(datasets):
        ax = axes[i // ncols][i % ncols]
        for j, lib in enumerate(libs):
            xs, ys, missing = [], [], []
            for k, label in enumerate(labels):
                c = res[d][label].get(lib)
                x = k - 0.4 + width * (j + 0.5)
                if c and c["status"] == "ok":
                    xs.append(x)
                    ys.append(c["gbps"])
                else:
                    missing.append(x)
            ax.bar(xs, ys, width, label=lib, color=colors.get(lib))
            for x in missing:
                ax.text(x, 0, "×", ha="center", va="bottom", fontsize=8, color=colors.get(lib))
        ax.set_title(d)
        ax.set_xticks(range(len(labels)))
        ax.set_xticklabels([lb.replace(" ", "\n", 1) for lb in labels], fontsize=9)
        ax.set_ylabel("GB/s (uncompressed)")
        ax.grid(axis="y", alpha=0.3)
    for i in range(len(datasets), nrows * ncols):
        axes[i // ncols][i % ncols].axis("off")
    from matplotlib.patches import Patch

    names = [f"{lib} (pending)" if lib == OURS and report.get("ours_status") else lib for lib in libs]
    handles = [Patch(color=colors.get(lib)) for lib in libs]
    where = axes[-1][-1] if len(datasets) % ncols else None
    if where is not None:
        where.legend(handles, names, loc="center", fontsize=12, title="× = skipped / failed / pending")
    else:
        fig.legend(handles, names, loc="lower center", ncol=len(libs))
    n = report["size"]
    fig.suptitle(f"Zarr v3 read/write throughput, {n}³ arrays, median of {report['repeat']} "
                 f"({report['date']}, {report['machine']['nproc']} cores)", fontsize=14)
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    fig.savefig(path, dpi=80)
    plt.close(fig)


# --------------------------------------------------------------------------- main


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="128^3 arrays and 3 repeats (unless given)")
    ap.add_argument("--size", type=int, help="edge N of the N^3 arrays (default 512, --quick 128)")
    ap.add_argument("--repeat", type=int, help="timed repeats per cell (default 5, --quick 3)")
    ap.add_argument("--data-dir", default=os.path.join(REPO, ".bench-data"))
    ap.add_argument("--datasets", default=",".join(DATASETS))
    ap.add_argument("--ops", default=",".join(lb for lb, _, _ in OPS),
                    help="comma-separated operation labels")
    ap.add_argument("--libraries", default=",".join(LIBRARIES))
    ap.add_argument("--binary", default=os.path.join(REPO, ".build", "release", "simplezarr"))
    ap.add_argument("--ours-cmd", help="stand-in command for our side instead of `BINARY bench` "
                    "(testing), e.g. 'python peers.py tensorstore'")
    ap.add_argument("--python", default=sys.executable, help="python that runs peers.py")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per subprocess")
    ap.add_argument("--regions", type=int, default=200)
    ap.add_argument("--md", help="report path (default BENCHMARKS.md at the repo root for the default "
                    "size, else DATA_DIR/BENCHMARKS-N.md)")
    ap.add_argument("--png", help="chart path (default next to the report, .png)")
    ap.add_argument("--notes", help="with --render-only: a Markdown file of remarks to include")
    ap.add_argument("--render-only", metavar="RESULTS_JSON", help="redraw report and chart from a saved run")
    args = ap.parse_args()

    if args.render_only:
        with open(args.render_only) as f:
            report = json.load(f)
        store = os.path.join(args.data_dir, f"bench-{report['size']}.zarr")
        if "stored_bytes" not in report and os.path.isdir(store):
            report["stored_bytes"] = stored_sizes(store, report["datasets"])
        if args.notes:
            with open(args.notes) as f:
                report["notes"] = f.read()
    else:
        args.size = args.size or (128 if args.quick else 512)
        args.repeat = args.repeat or (3 if args.quick else 5)
        report = run_all(args)

    n = report["size"]
    md = args.md or (os.path.join(REPO, "BENCHMARKS.md") if n == 512 and not args.quick
                     else os.path.join(args.data_dir, f"BENCHMARKS-{n}.md"))
    png = args.png or os.path.splitext(md)[0] + ".png"
    try:
        write_png(report, png)
        png_rel = os.path.relpath(png, os.path.dirname(os.path.abspath(md)))
    except Exception as e:  # noqa: BLE001
        print(f"run: chart failed: {e}", file=sys.stderr)
        png_rel = None
    write_markdown(report, md, png_rel)
    print(f"run: wrote {md} and {png}", file=sys.stderr)


def run_all(args) -> dict:
    t_start = time.perf_counter()
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    datasets = [d for d in args.datasets.split(",") if d]
    labels = [lb for lb in args.ops.split(",") if lb]
    libs = [lib for lib in args.libraries.split(",") if lib]
    for d in datasets:
        if d not in DATASETS:
            raise SystemExit(f"unknown dataset {d!r}; known: {DATASETS}")
    ops = {lb: (op, conc) for lb, op, conc in OPS}
    for lb in labels:
        if lb not in ops:
            raise SystemExit(f"unknown operation {lb!r}; known: {list(ops)}")
    for lib in libs:
        if lib not in LIBRARIES:
            raise SystemExit(f"unknown library {lib!r}; known: {LIBRARIES}")

    n = args.size
    # In a subprocess: on Linux a child's ru_maxrss starts from its parent's peak RSS, so this
    # process must stay small (no numpy/zarr/matplotlib here before the measurements).
    store = subprocess.run([args.python, os.path.join(HERE, "make_data.py"), "--size", str(n),
                            "--data-dir", args.data_dir], check=True, stdout=subprocess.PIPE,
                           text=True).stdout.strip().splitlines()[-1]
    regions_path = os.path.join(args.data_dir, f"regions-{n}.json")
    regions = make_regions(n, args.regions, 5, regions_path)
    harness = Harness(args)
    if OURS in libs:
        harness.probe_ours(store)

    results: dict = {}
    for d in datasets:
        itemsize = 4 if "float32" in d else 2
        whole = n ** 3 * itemsize
        region_bytes = sum((a1 - a0) * (b1 - b0) * (c1 - c0) for (a0, a1), (b0, b1), (c0, c1) in regions) * itemsize
        warm_files(os.path.join(store, d))
        results[d] = {}
        for lb in labels:
            op, conc = ops[lb]
            nbytes = region_bytes if op == "read-regions" else whole
            results[d][lb] = {}
            for lib in libs:
                t0 = time.perf_counter()
                c = harness.cell(lib, d, op, conc, store, regions_path, nbytes)
                results[d][lb][lib] = c
                shown = f"{c['median']:.4f} s  {c['gbps']:.3f} GB/s  {c['rss'] / 2 ** 20:.0f} MiB" \
                    if c["status"] == "ok" else c["text"]
                print(f"{d:13s} {lb:20s} {lib:18s} {shown}  [{time.perf_counter() - t0:.0f} s]",
                      file=sys.stderr, flush=True)
    report = {
        "size": n, "repeat": args.repeat, "datasets": datasets, "ops": labels, "libraries": libs,
        "results": results, "machine": machine_info(), "stored_bytes": stored_sizes(store, datasets), "versions": versions(),
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "load_before": load_before, "load_after": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "elapsed": time.perf_counter() - t_start, "ours_status": harness.ours_status if OURS in libs else None,
        "command": os.environ.get("BENCH_COMMAND") or "python Scripts/bench/run.py " + " ".join(sys.argv[1:]),
    }
    if args.ours_cmd:
        report["versions"]["simplezarr-swift"] += f" — STAND-IN: {args.ours_cmd}"
    out_json = os.path.join(args.data_dir, f"results-{n}.json")
    with open(out_json, "w") as f:
        json.dump(report, f, indent=1)
    print(text_table(results, datasets, labels))
    print(f"run: results in {out_json}", file=sys.stderr)
    return report


if __name__ == "__main__":
    main()
