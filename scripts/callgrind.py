#!/usr/bin/env python3
"""Instruction counts (valgrind --tool=callgrind) of our derive against plain serde derive:
a steadier second opinion to benches/throughput.rs, whose times move with the machine's load.

    python3 scripts/callgrind.py

For each workload without unknown members and each direction it runs the bench binary's
`--callgrind` mode under valgrind with N and with 0 repetitions, and prints the instructions
per operation (the difference divided by N) for ours and serde's, and the ratio serde/ours
(higher is better for us: it is the throughput ratio of an instruction-bound machine).
"""
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def bench_binary():
    out = subprocess.run(
        ["cargo", "bench", "--bench", "throughput", "--no-run", "--message-format=json"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout
    for line in out.splitlines():
        msg = json.loads(line)
        if msg.get("reason") == "compiler-artifact" and msg["target"]["name"] == "throughput" and msg.get("executable"):
            return msg["executable"]
    sys.exit("no bench binary")


def instructions(binary, args):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "cg.out")
        result = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", binary, "--callgrind", *args],
            capture_output=True, text=True,
        )
        if result.returncode != 0:
            sys.exit(result.stderr[-2000:])
        for line in open(out):
            if line.startswith("summary:") or line.startswith("totals:"):
                return int(line.split()[1])
    sys.exit("no totals in callgrind output")


def main():
    binary = bench_binary()
    listing = subprocess.run([binary, "--list"], capture_output=True, text=True, check=True).stdout
    workloads = [tuple(l.split("\t", 1)) for l in listing.splitlines()]
    reps = {"seed key set": 2000, "100 RSA keys": 20, "page of 1000 sets": 5}
    print("| workload | op | ours Ir/op | serde Ir/op | ratio serde/ours |")
    print("|---|---|---:|---:|---:|")
    for index, name in workloads:
        if "unknown" in name:
            continue
        n = reps.get(name, 10)
        for op in ["write", "parse"]:
            per_op = {}
            for side in ["ours", "serde"]:
                full = instructions(binary, [index, side, op, str(n)])
                setup = instructions(binary, [index, side, op, "0"])
                per_op[side] = (full - setup) / n
            print(f"| {name} | {op} | {per_op['ours']:,.0f} | {per_op['serde']:,.0f} | "
                  f"{per_op['serde'] / per_op['ours']:.2f} |", flush=True)


if __name__ == "__main__":
    main()
