#!/usr/bin/python3
"""Renders doorway's HTML report in headless Chromium and checks what a reader sees.

    check_report.py REPORT.html --chart ID ... --text PHRASE ... [--chromium PATH]

Checks, each failure printed on its own line (exit 1 if any):
- the file is self-contained: no <script>, no external src/href/url(...), no
  @import (the report promises "no network");
- Chromium renders it: a measuring script, appended to a copy of the file, records
  for every <svg class="chart"> its bounding box and how many marks (rect, path)
  it drew; each --chart ID must exist with a non-empty box and at least one mark
  of non-zero size;
- the page's rendered text (document.body.innerText) contains every --text PHRASE.
"""
import argparse
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

MEASURE = """
<script>
(function () {
  var charts = {};
  document.querySelectorAll('svg.chart').forEach(function (svg) {
    var box = svg.getBoundingClientRect();
    var marks = 0;
    svg.querySelectorAll('rect, path').forEach(function (m) {
      var b = m.getBBox();
      if (b.width > 0 && b.height > 0 || (m.tagName === 'path' && (b.width > 0 || b.height > 0))) marks++;
    });
    charts[svg.id] = {width: box.width, height: box.height, marks: marks};
  });
  var out = document.createElement('pre');
  out.id = 'doorway-check';
  out.textContent = JSON.stringify({charts: charts, text: document.body.innerText});
  document.body.appendChild(out);
})();
</script>
"""


class CheckOutput(html.parser.HTMLParser):
    """Collects the text of <pre id="doorway-check">."""

    def __init__(self):
        super().__init__()
        self.inside = False
        self.data = []

    def handle_starttag(self, tag, attrs):
        if tag == "pre" and ("id", "doorway-check") in attrs:
            self.inside = True

    def handle_endtag(self, tag):
        if tag == "pre":
            self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.data.append(data)


def self_contained_problems(source):
    problems = []
    if re.search(r"<script\b", source, re.I):
        problems.append("the report contains a <script> element")
    for m in re.finditer(r"""(?:src|href)\s*=\s*["']([^"']*)["']""", source, re.I):
        if not m.group(1).startswith("#"):
            problems.append("the report references " + m.group(1))
    if re.search(r"url\(\s*['\"]?(?!#)", source, re.I) or "@import" in source:
        problems.append("the report's CSS loads something")
    return problems


def render(path, chromium):
    work = tempfile.mkdtemp(prefix="doorway-html-")
    try:
        copy = os.path.join(work, "report.html")
        with open(path, encoding="utf-8") as f:
            source = f.read()
        with open(copy, "w", encoding="utf-8") as f:
            f.write(source.replace("</body>", MEASURE + "</body>"))
        cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--user-data-dir=" + os.path.join(work, "profile"), "--dump-dom",
               "file://" + copy]
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        parser = CheckOutput()
        parser.feed(run.stdout)
        if not parser.data:
            raise RuntimeError("chromium printed no measurement (exit %d): %s"
                               % (run.returncode, run.stderr[-2000:]))
        return source, json.loads("".join(parser.data))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report")
    ap.add_argument("--chart", action="append", default=[])
    ap.add_argument("--text", action="append", default=[])
    ap.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = ap.parse_args()

    source, seen = render(args.report, args.chromium)
    problems = self_contained_problems(source)
    for chart in args.chart:
        c = seen["charts"].get(chart)
        if c is None:
            problems.append("chart %s is missing (charts drawn: %s)" % (chart, ", ".join(sorted(seen["charts"]))))
        elif c["width"] <= 0 or c["height"] <= 0 or c["marks"] == 0:
            problems.append("chart %s did not draw: %s" % (chart, c))
    text = re.sub(r"\s+", " ", seen["text"])
    for phrase in args.text:
        if phrase not in text:
            problems.append("the page does not say %r" % phrase)
    for p in problems:
        print("check_report: " + p)
    if not problems:
        print("check_report: ok: %d charts drew, %d phrases found" % (len(args.chart), len(args.text)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
