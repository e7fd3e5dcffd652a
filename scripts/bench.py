#!/usr/bin/env python3
"""Benchmark checksheet on synthetic projects it generates itself.

Shape: N controls in groups of 25 (one catalog file), one answer each (about 120 Japanese
characters; a third of them on two lines with a link), built with the generic layout into
xlsx, md and html. Reports the median wall time of 3 runs and the peak memory of `check`
and `build`, plus the start-up time of `check` on a small project. With --compare-python, also
times scripts/bench_python.py (the same build in Python: PyYAML, openpyxl, Jinja2), with
yaml.safe_load and, where PyYAML has libyaml, yaml.CSafeLoader, and prints python/checksheet.

    cargo build --release && python3 scripts/bench.py 2000 20000 200000
    python3 scripts/bench.py --compare-python 2000 20000
    python3 scripts/bench.py --baseline /path/to/older/checksheet 20000 200000

With --baseline, each size is run by both binaries on the same project, their runs
interleaved (5 each) so that whatever else the machine does weighs on both alike, and the
change of the median is printed.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "checksheet")
PYTHON_BUILD = os.path.join(ROOT, "scripts", "bench_python.py")
ANSWER = "当社は情報セキュリティマネジメントシステムに基づき、アクセス権限の付与と見直しを定期的に実施し、記録を保管しています。内部監査で運用状況を確認しています。"


def generate(n, folder):
    os.makedirs(os.path.join(folder, "controls"))
    os.makedirs(os.path.join(folder, "answers"))
    with open(os.path.join(folder, "controls", "synthetic.yaml"), "w") as f:
        f.write("catalog:\n  id: synthetic\n  title: 合成カタログ\ngroups:\n")
        for g in range(n // 25):
            f.write(f'  - id: "G{g}"\n    title: グループ{g}\n    controls:\n')
            for c in range(25):
                f.write(f'      - id: "C{g}.{c}"\n        title: 管理策{g}-{c}\n'
                        f"        text: 組織は管理策{g}-{c}に定める対策を実施し、その結果を記録すること。\n        level: 基本\n")
    with open(os.path.join(folder, "answers", "synthetic.yaml"), "w") as f:
        f.write("catalog: synthetic\nanswers:\n")
        for i in range(n):
            key = f'"C{i // 25}.{i % 25}"'
            if i % 3 == 0:
                f.write(f"  {key}:\n    status: implemented\n    answer: |-\n      {ANSWER[:60]}\n      {ANSWER[60:]}\n"
                        f"    links: [https://example.com/security/{i}]\n")
            else:
                f.write(f"  {key}:\n    status: partial\n    answer: {ANSWER}\n")
    with open(os.path.join(folder, "checksheet.yaml"), "w") as f:
        f.write("organization: {name: ベンチマーク株式会社}\nas_of: 2026-11-01\ncatalogs: [controls]\n"
                "outputs:\n  - {layout: default, catalog: synthetic, formats: [xlsx, md, html]}\n")


def measure(args):
    """Median seconds of 3 runs, and the peak resident memory (MiB) of one run."""
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    probe = [sys.executable, "-c",
             "import resource,subprocess,sys;subprocess.run(sys.argv[1:],check=True,stdout=subprocess.DEVNULL,"
             "stderr=subprocess.DEVNULL);print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"] + args
    peak_kib = int(subprocess.run(probe, check=True, capture_output=True, text=True).stdout)
    return statistics.median(times), peak_kib / 1024


def compare(binaries, folder, runs=5):
    """Median seconds of `check` and `build` for each binary, runs interleaved."""
    times = {b: {"check": [], "build": []} for b in binaries}
    for _ in range(runs):
        for b in binaries:
            for command in ("check", "build"):
                args = [b, command, folder]
                if command == "build":
                    args += ["--out", os.path.join(folder, "dist")]
                start = time.perf_counter()
                subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                times[b][command].append(time.perf_counter() - start)
    return {b: {c: statistics.median(t) for c, t in by.items()} for b, by in times.items()}


def time_python(folder, loader):
    """Seconds of bench_python.py and the stage times it printed, from the median of 3 runs
    (or from 1 run if it takes over 20 s)."""
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        result = subprocess.run([sys.executable, PYTHON_BUILD, folder, os.path.join(folder, f"python-{loader}"),
                                 "--loader", loader], capture_output=True, text=True)
        if result.returncode:
            sys.exit(f"bench_python.py failed:\n{result.stderr}")
        runs.append((time.perf_counter() - start, result.stdout.strip()))
        if runs[0][0] > 20:
            break
    return sorted(runs)[len(runs) // 2]


def python_loaders():
    """`pure`, and `c` if PyYAML has libyaml (without PyYAML, bench_python.py says so)."""
    try:
        import yaml
    except ImportError:
        return ["pure"]
    return ["pure", "c"] if yaml.__with_libyaml__ else ["pure"]


def main():
    parser = argparse.ArgumentParser(description="Benchmark checksheet on synthetic projects.")
    parser.add_argument("sizes", nargs="*", type=int, default=[2000, 20000], help="numbers of controls")
    parser.add_argument("--compare-python", action="store_true",
                        help="also time scripts/bench_python.py and print python/checksheet for build")
    parser.add_argument("--baseline", metavar="BINARY",
                        help="also run this (older) binary, interleaved, and print the change")
    args = parser.parse_args()
    if not os.path.exists(BINARY):
        sys.exit(f"{BINARY} not found: run `cargo build --release` first")
    if args.baseline:
        print(f"{'controls':>9}  {'command':>7}  {'baseline s':>10}  {'this s':>8}  {'change':>7}")
        with tempfile.TemporaryDirectory() as tmp:
            for n in args.sizes:
                folder = os.path.join(tmp, str(n))
                generate(n, folder)
                medians = compare([args.baseline, BINARY], folder)
                for command in ("check", "build"):
                    old, new = medians[args.baseline][command], medians[BINARY][command]
                    print(f"{n:>9}  {command:>7}  {old:>10.2f}  {new:>8.2f}  {(new / old - 1) * 100:>+6.1f}%",
                          flush=True)
        return
    small = os.path.join(ROOT, "tests", "fixtures", "build", "demo")
    startup, _ = measure([BINARY, "check", small])
    print(f"start-up: check of a 4-control project  {startup * 1000:7.1f} ms")
    print(f"{'controls':>9}  {'check s':>8}  {'check MiB':>9}  {'build s':>8}  {'build MiB':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            folder = os.path.join(tmp, str(n))
            generate(n, folder)
            check_s, check_mib = measure([BINARY, "check", folder])
            build_s, build_mib = measure([BINARY, "build", folder, "--out", os.path.join(folder, "dist")])
            print(f"{n:>9}  {check_s:>8.2f}  {check_mib:>9.0f}  {build_s:>8.2f}  {build_mib:>9.0f}")
            for loader in python_loaders() if args.compare_python else []:
                python_s, stages = time_python(folder, loader)
                print(f"{'':>9}  python ({loader}) {python_s:.2f} s, python/checksheet build "
                      f"{python_s / build_s:.1f}  [{stages}]", flush=True)


if __name__ == "__main__":
    main()
