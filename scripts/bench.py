#!/usr/bin/env python3
"""Benchmark checksheet on synthetic projects it generates itself.

Shape: N controls in groups of 25 (one catalog file), one answer each (about 120 Japanese
characters; a third of them on two lines with a link), built with the generic layout into
xlsx, md and html. Reports the median wall time of 3 runs and the peak memory of `check`
and `build`, plus the start-up time of `check` on a small project.

    cargo build --release && python3 scripts/bench.py 2000 20000 200000
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "checksheet")
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


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [2000, 20000]
    if not os.path.exists(BINARY):
        sys.exit(f"{BINARY} not found: run `cargo build --release` first")
    small = os.path.join(ROOT, "tests", "fixtures", "build", "demo")
    startup, _ = measure([BINARY, "check", small])
    print(f"start-up: check of a 4-control project  {startup * 1000:7.1f} ms")
    print(f"{'controls':>9}  {'check s':>8}  {'check MiB':>9}  {'build s':>8}  {'build MiB':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            folder = os.path.join(tmp, str(n))
            generate(n, folder)
            check_s, check_mib = measure([BINARY, "check", folder])
            build_s, build_mib = measure([BINARY, "build", folder, "--out", os.path.join(folder, "dist")])
            print(f"{n:>9}  {check_s:>8.2f}  {check_mib:>9.0f}  {build_s:>8.2f}  {build_mib:>9.0f}")


if __name__ == "__main__":
    main()
