"""The kill -9 test: writers killed at random moments lose nothing they acknowledged.

Each trial starts `simplezarr crash-writer DIR SEED` (a sequence of chunk and slice writes to
a LocalStore, printing `ack N` after write N returns), kills it with SIGKILL after a random
delay, then runs `simplezarr crash-check DIR SEED N` in a fresh process: every acknowledged
write must read back exactly, the write in flight must be whole or absent in each chunk, the
store must list only the hierarchy's own keys, and on disk at most one temporary file per chunk
of the interrupted write may remain, which `removeStaleTemporaryFiles` must sweep.

    python3 Scripts/crash_test.py [--trials 40] [--binary .build/release/simplezarr]

Builds the release binary when --binary is not given. Prints one line per failure and a
closing "N passed, N failed" line; exits 1 if any trial failed.
"""

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def trial(binary, seed, delay):
    with tempfile.TemporaryDirectory(prefix="simplezarr-crash-") as directory:
        store = os.path.join(directory, "data.zarr")
        acks_path = os.path.join(directory, "acks.txt")
        with open(acks_path, "wb") as acks:
            writer = subprocess.Popen([binary, "crash-writer", store, str(seed)], stdout=acks, stderr=subprocess.PIPE)
            # Wait for the hierarchy to exist, then let the writes run for `delay` seconds.
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and b"ready" not in Path(acks_path).read_bytes():
                if writer.poll() is not None:
                    return False, f"writer exited early: {writer.stderr.read().decode(errors='replace')}", 0
                time.sleep(0.005)
            time.sleep(delay)
            writer.send_signal(signal.SIGKILL)
            writer.wait()
        lines = Path(acks_path).read_bytes().decode(errors="replace").splitlines()
        acknowledged = 0
        for line in lines:
            if line.startswith("ack ") and line[4:].isdigit():
                acknowledged = int(line[4:])
        check = subprocess.run([binary, "crash-check", store, str(seed), str(acknowledged)], capture_output=True, text=True)
        if check.returncode != 0:
            return False, (check.stdout + check.stderr).strip(), acknowledged
        return True, check.stdout.strip(), acknowledged


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=40)
    parser.add_argument("--binary", default=None)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    binary = args.binary
    if binary is None:
        subprocess.run(["swift", "build", "-c", "release", "--product", "simplezarr"], cwd=ROOT, check=True)
        binary = str(ROOT / ".build" / "release" / "simplezarr")
    rng = random.Random(args.seed)
    passed = failed = total_acks = 0
    for index in range(args.trials):
        seed = args.seed * 1000 + index
        ok, detail, acks = trial(binary, seed, rng.uniform(0.0, 0.5))
        total_acks += acks
        if ok:
            passed += 1
        else:
            failed += 1
            print(f"crash test: trial {index} (seed {seed}, {acks} writes acknowledged) FAILED: {detail}")
    print(f"crash test: {args.trials} trials, {total_acks} acknowledged writes checked")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
