#!/usr/bin/env python3
"""Benchmark `checksheet fill` (and `import` of the same workbook, by its catalog's cells
and as a new questionnaire) on a large customer questionnaire this script writes with
openpyxl: 15 sheets of about 1.3 MB in all — a
cover, a response sheet of 400 questions (No. / 分類 / 確認項目 / 回答 with a dropdown /
補足説明 / 証跡), and 13 reference sheets full of text, the way real questionnaires carry
control catalogs and instructions beside the response sheet. The project answers every
question. Prints the median wall time of 5 runs of each command.

    pip install openpyxl==3.1.5
    cargo build --release && python3 scripts/bench_fill.py
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "checksheet")
QUESTIONS = 400
TEXT = "当社は情報セキュリティマネジメントシステムに基づき、定期的に見直しを実施しています。"


def workbook(path):
    wb = Workbook()
    cover = wb.active
    cover.title = "表紙"
    cover["B2"] = "委託先セキュリティチェックシート"
    for row, label in enumerate(["貴社名", "サービス名", "回答日", "回答者"], start=4):
        cover.cell(row=row, column=2, value=label)
    ws = wb.create_sheet("質問票")
    ws["A1"] = "委託先セキュリティチェックシート"
    for col, text in enumerate(["No.", "分類", "確認項目", "回答", "補足説明", "証跡・参考資料"], start=1):
        ws.cell(row=3, column=col, value=text)
    for i in range(QUESTIONS):
        row = 4 + i
        ws.cell(row=row, column=1, value=str(i + 1))
        ws.cell(row=row, column=2, value=f"分類{i // 20}")
        ws.cell(row=row, column=3, value=f"質問{i + 1}：情報資産{i}の管理について、規程を定めて運用していますか。")
    dv = DataValidation(type="list", formula1='"はい,いいえ,該当なし"', allow_blank=True)
    ws.add_data_validation(dv)
    dv.add(f"D4:D{3 + QUESTIONS}")
    for s in range(13):
        ref = wb.create_sheet(f"参考{s + 1}")
        for r in range(1, 4801):
            ref.cell(row=r, column=1, value=f"R{s}-{r}")
            ref.cell(row=r, column=2, value=f"{TEXT}（参考{s}-{r}）")
            ref.cell(row=r, column=3, value=r * 3)
    wb.save(path)


def project(folder):
    os.makedirs(os.path.join(folder, "controls"))
    os.makedirs(os.path.join(folder, "answers"))
    with open(os.path.join(folder, "checksheet.yaml"), "w") as f:
        f.write("organization: {name: サンプル株式会社, service: サンプルクラウド, contact: 山田太郎}\n"
                "as_of: 2026-11-01\ncatalogs: [controls]\noutputs: []\n")
    with open(os.path.join(folder, "controls", "big.yaml"), "w") as f:
        f.write("catalog:\n  id: big\n  title: 大きな質問票\nquestionnaire:\n  labels:\n"
                "    はい: implemented\n    いいえ: not-implemented\n    該当なし: not-applicable\ncontrols:\n")
        for i in range(QUESTIONS):
            f.write(f'  - id: "{i + 1}"\n    text: 質問{i + 1}：情報資産{i}の管理について、規程を定めて運用していますか。\n'
                    f"    cells: {{sheet: 質問票, row: {4 + i}, question: C, choice: D, answer: E, evidence: F}}\n")
    with open(os.path.join(folder, "answers", "big.yaml"), "w") as f:
        f.write("catalog: big\nanswers:\n")
        for i in range(QUESTIONS):
            f.write(f'  "{i + 1}":\n    status: implemented\n    answer: {TEXT}\n    evidence: [情報セキュリティ基本方針]\n')


def median_time(args, cwd, runs=5):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(args, cwd=cwd, capture_output=True)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            sys.exit(f"{' '.join(args)} failed:\n{result.stderr.decode()}")
    return statistics.median(times)


def main():
    if not os.path.exists(BINARY):
        sys.exit(f"build the release binary first: cargo build --release ({BINARY})")
    with tempfile.TemporaryDirectory() as tmp:
        project(tmp)
        path = os.path.join(tmp, "big.xlsx")
        workbook(path)
        size = os.path.getsize(path)
        fill = median_time([BINARY, "fill", "big.xlsx", "--catalog", "big", "--out", "out.xlsx", "--force"], tmp)
        read = median_time([BINARY, "import", "big.xlsx", "--catalog", "big", "--project", ".", "--out", "-"], tmp)
        # A new questionnaire: every sheet read and searched for its table, a catalog written.
        new = median_time([BINARY, "import", "big.xlsx", "--write-catalog", "new/controls/q.yaml",
                           "--out", "new/answers.yaml", "--force"], tmp)
        print(f"workbook: {size / 1e6:.2f} MB, 15 sheets, {QUESTIONS} questions")
        print(f"fill:   {fill * 1000:.0f} ms (median of 5)")
        print(f"import: {read * 1000:.0f} ms (median of 5, by the catalog's cells)")
        print(f"import --write-catalog: {new * 1000:.0f} ms (median of 5, the table found without flags)")


if __name__ == "__main__":
    main()
