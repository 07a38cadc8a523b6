#!/usr/bin/env python3
"""Compile time of #[derive(ODataEntity)] against plain serde derive, on the same structs.

    python3 scripts/compile_time.py            # N = 100 and 1000
    python3 scripts/compile_time.py 100 300    # other sizes

For each N it generates N Graph-shaped entity types (9 properties of mixed Edm types plus one
string collection, inheriting `entity`'s id) into a throwaway crate under target/compile-time/,
twice: once with our derive, once with `#[derive(Serialize, Deserialize)]` producing the same
JSON. Dependencies are built first; then each variant's crate is built alone (debug profile,
three runs, the fastest kept) and the times and the ratio ours/serde are printed. It also times a
clean build of odata-derive against serde_derive, and counts the lines each derive generates.
"""
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "target", "compile-time")

PROPS = [
    ("display_name", "String"),
    ("description", "String"),
    ("version", "i64"),
    ("enabled", "bool"),
    ("weight", "f64"),
    ("priority", "i32"),
    ("created_by", "String"),
    ("modified_count", "i64"),
    ("status", "String"),
]


def ours(n):
    out = ["use odata_core::graph::Entity;", "use odata_core::{Extra, ODataEntity};", ""]
    for i in range(n):
        out.append("#[derive(ODataEntity, Debug, Default)]")
        out.append('#[odata(namespace = "bench.graph")]')
        out.append(f"pub struct Type{i} {{")
        out.append("    #[odata(base)]")
        out.append("    pub entity: Entity,")
        for name, ty in PROPS:
            out.append(f"    pub {name}: Option<{ty}>,")
        out.append("    pub tags: Option<Vec<String>>,")
        out.append("    #[odata(extra)]")
        out.append("    pub extra: Extra,")
        out.append("}")
        out.append("")
    return "\n".join(out)


def serde(n):
    out = ["use serde::{Deserialize, Serialize};", ""]
    for i in range(n):
        out.append("#[derive(Serialize, Deserialize, Debug, Default)]")
        out.append('#[serde(rename_all = "camelCase")]')
        out.append(f"pub struct Type{i} {{")
        out.append('    #[serde(rename = "@odata.type", default)]')
        out.append("    pub odata_type: String,")
        out.append('    #[serde(skip_serializing_if = "Option::is_none")]')
        out.append("    pub id: Option<String>,")
        for name, ty in PROPS:
            out.append('    #[serde(skip_serializing_if = "Option::is_none")]')
            out.append(f"    pub {name}: Option<{ty}>,")
        out.append('    #[serde(skip_serializing_if = "Option::is_none")]')
        out.append("    pub tags: Option<Vec<String>>,")
        out.append("}")
        out.append("")
    return "\n".join(out)


def crate(name, deps, source):
    path = os.path.join(WORK, name)
    os.makedirs(os.path.join(path, "src"), exist_ok=True)
    with open(os.path.join(path, "Cargo.toml"), "w") as f:
        f.write(f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n')
        f.write("[dependencies]\n" + deps + "\n")
    with open(os.path.join(path, "src", "lib.rs"), "w") as f:
        f.write(source)
    return path


def workspace():
    os.makedirs(WORK, exist_ok=True)
    with open(os.path.join(WORK, "Cargo.toml"), "w") as f:
        f.write('[workspace]\nmembers = ["ours", "plain"]\nresolver = "2"\n')
    core = os.path.join(ROOT, "odata-core").replace("\\", "/")
    crate("ours", f'odata-core = {{ path = "{core}" }}', "")
    crate("plain", 'serde = { version = "1", features = ["derive"] }', "")


def cargo(*args, quiet=True):
    env = dict(os.environ, CARGO_TARGET_DIR=os.path.join(WORK, "target"))
    result = subprocess.run(
        ["cargo", *args],
        cwd=WORK,
        env=env,
        stdout=subprocess.DEVNULL if quiet else None,
        stderr=subprocess.PIPE,
        text=True,
    )
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"cargo {' '.join(args)} failed")


def timed_build(package, source, runs=3):
    best = None
    for _ in range(runs):
        with open(os.path.join(WORK, package, "src", "lib.rs"), "w") as f:
            f.write(source)
        cargo("clean", "-p", package)
        start = time.perf_counter()
        cargo("build", "-p", package)
        took = time.perf_counter() - start
        best = took if best is None else min(best, took)
    return best


def expanded_lines(source, package):
    """Lines of code the derive expands to, from rustc's -Zunpretty (needs nightly); None if
    no nightly toolchain is installed."""
    env = dict(os.environ, CARGO_TARGET_DIR=os.path.join(WORK, "target-expand"))
    with open(os.path.join(WORK, package, "src", "lib.rs"), "w") as f:
        f.write(source)
    result = subprocess.run(
        ["cargo", "+nightly", "rustc", "-q", "-p", package, "--", "-Zunpretty=expanded"],
        cwd=WORK, env=env, capture_output=True, text=True,
    )
    if result.returncode != 0:
        return None
    return len([l for l in result.stdout.splitlines() if l.strip()])


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [100, 1000]
    workspace()
    print(f"machine: {os.cpu_count()} cores; rustc: ", end="", flush=True)
    subprocess.run(["rustc", "--version"])
    print("building dependencies ...", flush=True)
    cargo("build")

    # The derive crates themselves, clean (their own dependencies stay built).
    derive = {}
    for package in ["odata-derive", "serde_derive"]:
        best = None
        for _ in range(3):
            cargo("clean", "-p", package)
            start = time.perf_counter()
            cargo("build", "-p", package)
            took = time.perf_counter() - start
            best = took if best is None else min(best, took)
        derive[package] = best
    print(f"clean build of odata-derive: {derive['odata-derive']:.2f} s; serde_derive: "
          f"{derive['serde_derive']:.2f} s; ratio {derive['odata-derive'] / derive['serde_derive']:.2f}")

    print("| N | ours (s) | serde (s) | ratio ours/serde | ours lines expanded | serde lines expanded |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        t_ours = timed_build("ours", ours(n))
        t_serde = timed_build("plain", serde(n))
        l_ours = expanded_lines(ours(n), "ours") if n <= 100 else None
        l_serde = expanded_lines(serde(n), "plain") if n <= 100 else None
        fmt = lambda v: "-" if v is None else str(v)
        print(f"| {n} | {t_ours:.2f} | {t_serde:.2f} | {t_ours / t_serde:.2f} | {fmt(l_ours)} | {fmt(l_serde)} |",
              flush=True)


if __name__ == "__main__":
    main()
