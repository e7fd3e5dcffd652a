#!/usr/bin/env python3
"""A reference pipeline in Python for `checksheet build`, to put its timings in perspective.

It does the job `checksheet build <project> --out <out>` does on the synthetic projects of
scripts/bench.py, with the generic layout (templates/default): load checksheet.yaml, the
catalog and the answers with PyYAML; check that every answer names a known control, that
every control is answered and every status is known; then write the same three files:
<stem>.xlsx with openpyxl (write-only, i.e. streamed, as checksheet streams its sheets; same
columns, widths, styles, group rows, row heights, print set-up), and <stem>.md and
<stem>.html rendered by Jinja2 from the default layout's own templates, so the rows, cells
and text are the same. It handles what those projects use: one catalog per output, nested
groups, text or list answers, links. It is plain, idiomatic Python, not tuned to the bone.

    python3 scripts/bench_python.py <project> <out> [--loader pure|c]
    python3 scripts/bench.py --compare-python 2000 20000   # times it next to checksheet

--loader pure (the default) parses with yaml.safe_load; --loader c with yaml.CSafeLoader
(libyaml). It prints the seconds each stage took and the peak memory. Needs PyYAML,
openpyxl and Jinja2 (`pip install pyyaml openpyxl jinja2`).
"""
import time

START = time.perf_counter()  # before the imports: loading openpyxl and Jinja2 is part of the cost

import argparse
import glob
import math
import os
import re
import resource
import sys
from dataclasses import dataclass, field

try:
    import jinja2
    import markupsafe
    import openpyxl
    import yaml
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.page import PageMargins
except ImportError as error:
    sys.exit(f"bench_python.py needs PyYAML, openpyxl and Jinja2: {error} "
             "(pip install pyyaml openpyxl jinja2)")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAYOUT = os.path.join(ROOT, "templates", "default")
STATUS = {"implemented": "実施済", "partial": "一部実施", "planned": "実施予定",
          "not-implemented": "未実施", "not-applicable": "対象外"}
LINE_HEIGHT, MAX_ROW_HEIGHT = 14.0, 409.0


# --- the document: what every renderer reads ------------------------------------------

@dataclass(slots=True)
class Cell:
    text: str
    items: list = field(default_factory=list)
    links: list = field(default_factory=list)
    checkbox: bool = False


@dataclass(slots=True)
class Group:
    depth: int
    level: int
    id: str
    anchor: str
    text: str
    intro: str | None
    lead: list = field(default_factory=list)
    type: str = "group"


@dataclass(slots=True)
class Item:
    id: str
    anchor: str
    status: str | None
    level: str | None
    cells: list
    type: str = "item"


@dataclass(slots=True)
class Sheet:
    name: str
    rows: list
    heading: str | None = None
    notice: str | None = None


@dataclass(slots=True)
class Document:
    title: str
    organization: str
    header: str
    intro: list
    notice: str
    as_of: str
    catalog_title: str
    columns: list
    sheets: list


# --- text filters (checksheet's src/templates.rs) -------------------------------------

URL = re.compile(r'https?://[^\s<>"\u0080-\U0010ffff]+')
HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})
MD_URL = {"|": "\\|", "\r": "", "<": "&lt;", ">": "&gt;", "&": "&amp;"}
MD_TEXT = MD_URL | {c: "\\" + c for c in "\\*_`[]#~!"}
MD = {(cell, url): str.maketrans((MD_URL if url else MD_TEXT) | {"\n": "<br>" if cell else "  \n"})
      for cell in (True, False) for url in (True, False)}


def url_runs(text):
    """(is_url, run) pairs; trailing punctuation is not part of a URL."""
    pos = 0
    for match in URL.finditer(text):
        url = match.group()
        while url[-1] in ".,);:" and not (url[-1] == ")" and "(" in url):
            url = url[:-1]
        if match.start() > pos:
            yield False, text[pos:match.start()]
        yield True, url
        pos = match.start() + len(url)
    if pos < len(text):
        yield False, text[pos:]


def autolink(text):
    out = []
    for is_url, run in url_runs(text or ""):
        run = run.translate(HTML)
        out.append(f'<a href="{run}" rel="noopener">{run}</a>' if is_url else run.replace("\n", "<br>\n"))
    return markupsafe.Markup("".join(out))


def md_escape(text, cell):
    return "".join(run.translate(MD[cell, is_url]) for is_url, run in url_runs(text or ""))


def css_string(text):
    """A quoted CSS string that can end neither itself nor the <style> element."""
    def escape(c):
        if c == "\n":
            return "\\A "
        if c in "\"\\<>&'" or ord(c) < 32 or 127 <= ord(c) < 160:
            return f"\\{ord(c):X} "
        return c
    return markupsafe.Markup('"' + "".join(map(escape, text or "")) + '"')


def anchor(text):
    return re.sub(r"\s", "_", text)


# --- stages -----------------------------------------------------------------------------

def load_project(folder, load):
    """checksheet.yaml, every catalog file and every answer file, parsed."""
    def read(path):
        with open(path, encoding="utf-8") as f:
            return load(f.read())

    def files(dirs):
        return sorted(p for d in dirs for p in glob.glob(os.path.join(folder, d, "**", "*.yaml"), recursive=True))

    project = read(os.path.join(folder, "checksheet.yaml"))
    catalogs = {}
    for path in files(project["catalogs"]):
        catalog = read(path)
        catalogs[catalog["catalog"]["id"]] = catalog
    answers = {}
    for path in files(project.get("answers", ["answers"])):
        data = read(path)
        answers.setdefault(data["catalog"], []).append(data["answers"])
    return project, catalogs, answers


def controls_of(groups):
    for group in groups:
        yield from group.get("controls") or []
        yield from controls_of(group.get("groups") or [])


def check(catalogs, answer_files):
    """Every answer names a known control once, with a known status; reports unanswered ones."""
    errors = [f"answers for unknown catalog `{c}`" for c in answer_files if c not in catalogs]
    answers = {}
    for catalog_id, catalog in catalogs.items():
        known = {c["id"] for c in catalog.get("controls") or []} | {c["id"] for c in controls_of(catalog["groups"])}
        merged = answers[catalog_id] = {}
        for entries in answer_files.get(catalog_id, []):
            for control_id, answer in entries.items():
                answer = answer if isinstance(answer, dict) else {"answer": answer}
                if control_id not in known:
                    errors.append(f"`{control_id}` is not a control of `{catalog_id}`")
                elif control_id in merged:
                    errors.append(f"`{control_id}` is answered twice")
                elif answer.get("status") is not None and answer["status"] not in STATUS:
                    errors.append(f"`{control_id}`: unknown status `{answer['status']}`")
                merged[control_id] = answer
        unanswered = known - merged.keys()
        if unanswered:
            print(f"warning: {len(unanswered)} controls of `{catalog_id}` unanswered", file=sys.stderr)
    if errors:
        sys.exit("\n".join(f"error: {e}" for e in errors[:20]))
    return answers


def build_document(project, catalog, answers, layout, text_env):
    """The rows and cells of the generic layout (src/sheet.rs)."""
    as_of = project["as_of"]
    ctx = {"organization": project["organization"], "catalog": catalog["catalog"],
           "as_of": {"year": as_of.year, "month": as_of.month, "day": as_of.day, "iso": as_of.isoformat()}}
    text = lambda source: text_env.from_string(source).render(ctx)
    columns = [{"header": text(c["header"]), "width": float(c["width"]), "value": {"kind": c["value"]}}
               for c in layout["columns"]]
    group_rows = {g["depth"]: text_env.from_string(g["text"]) for g in layout.get("group_rows") or []}

    def answer_cell(answer):
        if answer is None:
            return Cell("")
        body, items = answer.get("answer") or "", []
        if isinstance(body, list):
            items, body = body, "\n".join("・" + i.replace("\n", "\n  ") for i in body)
        links = answer.get("links") or []
        return Cell("\n".join(([body] if body else []) + links), items, links)

    values = {
        "id": lambda c, a: c["id"], "number": lambda c, a: c["id"],
        "title": lambda c, a: c.get("title"), "text": lambda c, a: c.get("text"),
        "question": lambda c, a: c.get("text") or c.get("title"), "level": lambda c, a: c.get("level"),
        "status": lambda c, a: STATUS.get(a.get("status")) if a else None,
        "evidence": lambda c, a: "\n".join(str(e) for e in a.get("evidence") or []) if a else None,
    }
    rows = []

    def item(control):
        answer = answers.get(control["id"])
        cells = [answer_cell(answer) if c["value"]["kind"] == "answer"
                 else Cell(values[c["value"]["kind"]](control, answer) or "") for c in columns]
        rows.append(Item(control["id"], anchor(control["id"]), answer.get("status") if answer else None,
                         control.get("level"), cells))

    def group(g, depth):
        style = max((d for d in group_rows if d <= depth), default=None)  # the deepest style that applies
        label = group_rows[style].render(ctx, group={**g, "depth": depth}) if style is not None else g["title"]
        # The default layout hides no depth: a heading's level is its depth.
        rows.append(Group(depth, depth, g["id"], "group-" + anchor(g["id"]), label, g.get("text")))
        for control in g.get("controls") or []:
            item(control)
        for child in g.get("groups") or []:
            group(child, depth + 1)

    for control in catalog.get("controls") or []:
        item(control)
    for g in catalog["groups"]:
        group(g, 1)
    # Columns with hide_when_empty that no item fills are left out (the default layout's 証跡).
    hidden = {i for i, c in enumerate(layout["columns"]) if c.get("hide_when_empty")
              and all(not r.cells[i].text for r in rows if isinstance(r, Item))}
    if hidden:
        columns = [c for i, c in enumerate(columns) if i not in hidden]
        for r in rows:
            if isinstance(r, Item):
                r.cells[:] = [c for i, c in enumerate(r.cells) if i not in hidden]
    intro = [t for t in (text(t) for t in layout.get("intro") or []) if t]
    return Document(text(layout["title"]), project["organization"]["name"], text(layout["header"]), intro,
                    text(layout["notice"]), as_of.isoformat(), catalog["catalog"]["title"], columns,
                    [Sheet(catalog["catalog"]["id"], rows)])


def text_lines(text, width):
    """Estimated wrapped lines; full-width characters count 1.7 column units."""
    usable, lines = max(width - 1.0, 1.0), 0
    for line in text.split("\n"):
        ascii_chars = len(line.encode("ascii", "ignore"))
        lines += max(math.ceil((ascii_chars + 1.7 * (len(line) - ascii_chars)) / usable), 1)
    return lines


def xlsx_styles(workbook):
    """checksheet's cell formats (src/render/xlsx.rs) as named styles."""
    font = dict(name="Yu Gothic", size=10, charset=128)
    side = Side(style="thin", color="FF9E9E9E")
    box = dict(border=Border(left=side, right=side, top=side, bottom=side))
    wrap = dict(wrap_text=True, vertical="top")
    fill = lambda argb: PatternFill("solid", fgColor=argb)
    specs = {
        "title": dict(font=Font(**font | dict(size=16, bold=True)), alignment=Alignment(wrap_text=True)),
        "text": dict(font=Font(**font), alignment=Alignment(**wrap)),
        "notice": dict(font=Font(**font, color="FF555555"), alignment=Alignment(**wrap)),
        "heading": dict(font=Font(**font | dict(size=12, bold=True)), alignment=Alignment(wrap_text=True)),
        "header": dict(font=Font(**font, bold=True, color="FFFFFFFF"), fill=fill("FF1F4E78"),
                       alignment=Alignment(wrap_text=True, horizontal="center", vertical="center"), **box),
        "cell": dict(font=Font(**font), alignment=Alignment(**wrap), **box),
        "center": dict(font=Font(**font), alignment=Alignment(**wrap, horizontal="center"), **box),
        "link": dict(font=Font(**font, color="FF0563C1", underline="single"), alignment=Alignment(**wrap), **box),
    }
    groups = [("FFD9E2F3", "FF1F3864"), ("FFEDF2F9", "FF1F3864"), ("FFF7F7F7", "FF333333")]
    for depth, (argb, ink) in enumerate(groups, 1):
        specs[f"group{depth}"] = dict(font=Font(**font, bold=True, color=ink), fill=fill(argb),
                                      alignment=Alignment(wrap_text=True, vertical="center"), **box)
    for name, spec in specs.items():
        workbook.add_named_style(NamedStyle(name=name, **spec))


def write_xlsx(doc, path):
    workbook = openpyxl.Workbook(write_only=True)
    props = workbook.properties
    props.title, props.creator, props.subject = doc.title, doc.organization, doc.catalog_title
    xlsx_styles(workbook)
    for index, sheet in enumerate(doc.sheets):
        write_sheet(workbook.create_sheet(sheet.name[:31]), doc, sheet, index == 0)
    workbook.save(path)


def write_sheet(ws, doc, sheet, first):
    ncols = len(doc.columns)
    last, total_width = get_column_letter(ncols), sum(c["width"] for c in doc.columns)
    for col, column in enumerate(doc.columns, 1):
        ws.column_dimensions[get_column_letter(col)].width = round(column["width"] + 5 / 7, 2)  # with Excel's padding
    row = 0

    def cell(value, style):
        c = WriteOnlyCell(ws, value)
        c.style = style
        return c

    def append(values, height, merge_from=None):
        nonlocal row
        row += 1
        ws.row_dimensions[row].height = height
        if merge_from is not None:
            ws.merged_cells.add(f"{get_column_letter(merge_from)}{row}:{last}{row}")
        ws.append(values)

    # What comes above the header row: banners (merged across the table) and blank rows.
    bullet = "・" if len(doc.intro) > 1 else ""
    top = [(doc.title, "title"), (doc.organization, "text"), (doc.notice, "notice")]
    top += [(bullet + p, "text") for p in (doc.intro if first else [])]
    top += [None, (sheet.heading, "heading")] if sheet.heading else []
    top += [(sheet.notice, "notice"), None]
    top = [t for t in top if t is None or t[0]]
    header_row = len(top) + 1
    # Sheet properties and views are streamed before the first row: set them now.
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.freeze_panes = f"A{header_row + 1}"
    for banner in top:
        if banner is None:
            append([], None)
            continue
        text, style = banner
        height = min(max(text_lines(text, total_width) * LINE_HEIGHT + 4, LINE_HEIGHT + 4), MAX_ROW_HEIGHT)
        append([cell(text, style)] + [cell(None, style) for _ in range(ncols - 1)],
               26.0 if row == 0 else height, merge_from=1)
    append([cell(c["header"], "header") for c in doc.columns],
           max(text_lines(c["header"], c["width"]) for c in doc.columns) * LINE_HEIGHT + 8)
    centered = [c["value"]["kind"] in ("id", "number", "level", "status") for c in doc.columns]
    for item in sheet.rows:
        if item.type == "group":
            style = f"group{min(item.depth, 3)}"
            lead = item.lead[:ncols - 1]
            width = sum(c["width"] for c in doc.columns[len(lead):])
            lines = max([text_lines(item.text, width)] + [text_lines(x, doc.columns[0]["width"]) for x in lead])
            append([cell(x, style) for x in lead] + [cell(item.text, style)]
                   + [cell(None, style) for _ in range(ncols - len(lead) - 1)],
                   min(lines * LINE_HEIGHT + 6, MAX_ROW_HEIGHT), merge_from=len(lead) + 1)
            if item.intro:
                append([cell(item.intro, "cell")] + [cell(None, "cell") for _ in range(ncols - 1)],
                       min(text_lines(item.intro, total_width) * LINE_HEIGHT + 6, MAX_ROW_HEIGHT), merge_from=1)
            continue
        values, lines = [], 1
        for c, column, center in zip(item.cells, doc.columns, centered):
            text = c.text.strip()
            if URL.fullmatch(text) and len(text) <= 2079:  # a cell that is one URL is a link
                value = cell(text, "link")
                value.hyperlink = text
            else:
                value = cell(c.text, "center" if center else "cell")
            values.append(value)
            lines = max(lines, text_lines(c.text, column["width"]))
        append(values, min(lines * LINE_HEIGHT + 6, MAX_ROW_HEIGHT))
    if row > header_row:
        ws.auto_filter.ref = f"A{header_row}:{last}{row}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.paperSize, ws.page_setup.orientation = 9, "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    ws.print_options.horizontalCentered = True
    for part, text in ((ws.oddHeader.left, doc.header or doc.title), (ws.oddHeader.right, doc.organization)):
        part.text, part.size = text.replace("&", "&&")[:200], 8
    ws.oddFooter.center.text, ws.oddFooter.center.size = "&P / &N", 8


def unbreakable(text):
    """A word joiner between two characters next to a non-ASCII one (src/templates.rs)."""
    if len(text) > 24 or "\n" in text:
        return text
    out = []
    for i, c in enumerate(text):
        p = text[i - 1] if i else None
        if p is not None and (not p.isascii() or not c.isascii()) and not p.isspace() and not c.isspace():
            out.append("\u2060")
        out.append(c)
    return "".join(out)


def template_env():
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(LAYOUT), keep_trailing_newline=True,
                             autoescape=jinja2.select_autoescape(["html.j2"], default_for_string=False),
                             undefined=jinja2.ChainableUndefined,
                             extensions=["jinja2.ext.loopcontrols"])
    env.filters.update(md_cell=lambda t: md_escape(t, True), md_text=lambda t: md_escape(t, False),
                       md_row=lambda cells, keep=(): "|" + "".join(
                           f" {md_escape(unbreakable(t) if i in keep else t, True)} |"
                           for i, t in enumerate(c if isinstance(c, str) else c.text for c in cells)),
                       autolink=autolink, css_string=css_string, anchor=anchor)
    return env


def render(env, doc, name, path):
    text = env.get_template(name).render(doc=doc)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text if text.endswith("\n") else text + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project")
    parser.add_argument("out")
    parser.add_argument("--loader", choices=["pure", "c"], default="pure")
    args = parser.parse_args()
    if args.loader == "c":
        if not getattr(yaml, "__with_libyaml__", False):
            sys.exit("PyYAML was built without libyaml: yaml.CSafeLoader is not available")
        def load(text):
            return yaml.load(text, Loader=yaml.CSafeLoader)
    else:
        load = yaml.safe_load
    times = {"import": time.perf_counter() - START}
    clock = time.perf_counter()

    def lap(stage):
        nonlocal clock
        now = time.perf_counter()
        times[stage], clock = now - clock, now

    project, catalogs, answer_files = load_project(args.project, load)
    lap(f"yaml ({args.loader})")
    answers = check(catalogs, answer_files)
    lap("check")
    with open(os.path.join(LAYOUT, "layout.yaml"), encoding="utf-8") as f:
        layout = yaml.safe_load(f)  # 1 KB, the same file checksheet embeds
    env = template_env()
    os.makedirs(args.out, exist_ok=True)
    for output in project["outputs"]:
        if output["layout"] != "default":
            sys.exit(f"only the default layout is reproduced, not `{output['layout']}`")
        catalog_id = output["catalog"]
        doc = build_document(project, catalogs[catalog_id], answers.get(catalog_id, {}), layout, env)
        lap("document")
        stem = os.path.join(args.out, output.get("name") or f"default-{catalog_id}")
        for fmt in output.get("formats") or ["xlsx", "md", "html"]:
            if fmt == "xlsx":
                write_xlsx(doc, stem + ".xlsx")
            else:
                render(env, doc, f"checksheet.{fmt}.j2", f"{stem}.{fmt}")
            lap(fmt)
    total = time.perf_counter() - START
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("  ".join(f"{stage} {seconds:.2f}" for stage, seconds in times.items())
          + f"  total {total:.2f} s  peak {peak:.0f} MiB")


if __name__ == "__main__":
    main()
