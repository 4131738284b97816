"""Record what the Python ChunkPool does for scripted get / drop / wait / destroy sequences.

Run with the interop venv:  .venv-interop/bin/python Scripts/make_chunkpool_fixtures.py
(after Scripts/make_ome_fixtures.py, whose `v05-simplezarr-zyx` image it loads).

Writes Tests/SimpleZarrTests/Fixtures/ome/chunkpool-logs.json: for each cache size, the
script, and per step the handler calls (in order) and the pool's memory usage after it.
The Swift ChunkPool test replays the same script and compares.

A get of a chunk that is not loaded yet waits for it in the same step ("wait": true), so
whether its load handler runs inside get or inside wait does not change the log.
"""

import json
from pathlib import Path

import simplezarr
from simplezarr.utils.chunkpool import ChunkPool

FIXTURES = Path(__file__).resolve().parent.parent / "Tests" / "SimpleZarrTests" / "Fixtures" / "ome"

Z = [0, 0, 0]
SCRIPT = [
    {"op": "get", "level": 0, "index": Z, "ref": "A", "handlers": True, "wait": True},
    {"op": "get", "level": 0, "index": Z, "ref": "B", "handlers": True},
    {"op": "get", "level": 0, "index": Z, "ref": "A", "handlers": True},
    {"op": "get", "level": 1, "index": Z, "ref": "A", "handlers": True, "wait": True},
    {"op": "get", "level": 1, "index": [0, 1, 0], "ref": "pool", "handlers": False},
    {"op": "wait_chunk", "level": 1, "index": Z},
    {"op": "drop", "level": 0, "index": Z, "ref": "A"},
    {"op": "drop", "level": 0, "index": Z, "ref": "A"},
    {"op": "wait"},
    {"op": "drop", "level": 0, "index": Z, "ref": "B"},
    {"op": "drop", "level": 1, "index": Z, "ref": "A"},
    {"op": "drop", "level": 1, "index": [0, 1, 0], "ref": "pool"},
    {"op": "get", "level": 2, "index": Z, "ref": "C", "handlers": True, "wait": True},
    {"op": "drop", "level": 2, "index": Z, "ref": "C"},
    {"op": "get", "level": 0, "index": Z, "ref": "D", "handlers": True, "wait": True},
    {"op": "drop", "level": 0, "index": Z, "ref": "Z"},
    {"op": "get", "level": 0, "index": [1, 1, 1], "ref": "A", "handlers": True, "wait": True},
    {"op": "get", "level": 2, "index": [0, 0, 0], "ref": "E", "handlers": True, "wait": True},
    {"op": "drop", "level": 0, "index": [1, 1, 1], "ref": "A"},
    {"op": "drop", "level": 1, "index": [9, 9, 9], "ref": "A"},
    {"op": "iter"},
    {"op": "destroy"},
]


def run(cache_size):
    group = simplezarr.open_zarr(simplezarr.LocalStore(FIXTURES / "v05-simplezarr-zyx"), "image")
    pool = ChunkPool.from_zarr_node(group, cache_size=cache_size)[0]
    events = []

    def handlers(ref):
        def on_load(loc):
            events.append(f"load:{ref}:{loc.level}:{','.join(map(str, loc.index))}:sum={int(loc.data.sum())}")

        def on_drop(loc):
            events.append(f"drop:{ref}:{loc.level}:{','.join(map(str, loc.index))}")

        def on_destroy(loc):
            events.append(f"destroy:{ref}:{loc.level}:{','.join(map(str, loc.index))}")

        return {"load_handler": on_load, "drop_handler": on_drop, "destroy_handler": on_destroy}

    steps = []
    for step in SCRIPT:
        events.clear()
        op = step["op"]
        if op == "get":
            kw = handlers(step["ref"]) if step["handlers"] else {}
            loc = pool.get_chunk(step["level"], tuple(step["index"]), step["ref"], **kw)
            if step.get("wait"):
                loc.wait()
        elif op == "drop":
            pool.drop_chunk(step["level"], tuple(step["index"]), step["ref"])
        elif op == "wait":
            pool.wait_for_chunks_to_load()
        elif op == "wait_chunk":
            pool.get_chunk(step["level"], tuple(step["index"]), "waiter").wait()
            pool.drop_chunk(step["level"], tuple(step["index"]), "waiter")
        elif op == "iter":
            events.extend(
                f"chunk:{loc.level}:{','.join(map(str, loc.index))}:refs={','.join(sorted(loc.refs))}"
                for loc in pool.iter_chunks()
            )
        elif op == "destroy":
            pool.destroy()
        steps.append({"events": list(events), "memory_usage": pool.memory_usage})
    return {"cache_size": cache_size, "steps": steps}


if __name__ == "__main__":
    out = {"script": SCRIPT, "runs": [run(0), run(1), run(3)]}
    (FIXTURES / "chunkpool-logs.json").write_text(json.dumps(out, indent=1) + "\n")
    print("wrote", FIXTURES / "chunkpool-logs.json")
