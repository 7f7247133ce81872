"""Runs trafilatura (a dev tool, never a runtime dependency) over the four extraction sets and writes what it
extracts to .cache/trafilatura-output.json, which `npm run eval:extraction` scores beside Inkstream.

Setup (once): python3 -m venv .cache/trafilatura-venv && .cache/trafilatura-venv/bin/pip install trafilatura==2.3.1 lxml_html_clean
Run: .cache/trafilatura-venv/bin/python libs/extraction/scripts/run-trafilatura.py [datasets dir]
"""
import gzip
import json
import os
import sys
import time

import trafilatura

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
DATASETS = sys.argv[1] if len(sys.argv) > 1 else os.environ.get(
    "INKSTREAM_DATASETS_DIR", os.path.join(ROOT, "..", "shared", "datasets")
)


def read(path):
    with gzip.open(path, "rb") as f:
        return f.read()


def pages():
    d = os.path.join(DATASETS, "extraction-dev")
    truth = json.load(open(os.path.join(d, "ground-truth.json")))
    for f in sorted(os.listdir(os.path.join(d, "html"))):
        pid = f[: -len(".html.gz")]
        yield "extraction-dev", pid, truth.get(pid, {}).get("url"), read(os.path.join(d, "html", f))
    d = os.path.join(DATASETS, "extraction-snippets-dev")
    truth = json.load(open(os.path.join(d, "snippets.json")))
    for name in sorted(truth):
        pid = name[: -len(".html")]
        yield "extraction-snippets-dev", pid, truth[name]["url"], read(os.path.join(d, "html", pid + ".html.gz"))
    d = os.path.join(DATASETS, "news-metadata-dev")
    gold = json.load(open(os.path.join(d, "gold.json")))
    for pid in sorted(gold):
        yield "news-metadata-dev", pid, gold[pid]["url"], read(os.path.join(d, "pages", pid + ".html.gz"))
    d = os.path.join(DATASETS, "readability-test-pages", "pages")
    for pid in sorted(os.listdir(d)):
        yield "readability-test-pages", pid, None, read(os.path.join(d, pid, "source.html.gz"))


def main():
    out = {}
    seconds = 0.0
    count = 0
    for name, pid, url, html in pages():
        started = time.perf_counter()
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
        seconds += time.perf_counter() - started
        count += 1
        get = (lambda k: getattr(doc, k, None)) if doc is not None else (lambda k: None)
        out.setdefault(name, {})[pid] = {
            "text": get("text") or "",
            "title": get("title"),
            "author": get("author"),
            "date": get("date"),
        }
    out["_meta"] = {"version": trafilatura.__version__, "pages": count, "pagesPerSecond": count / seconds}
    target = os.path.join(ROOT, ".cache", "trafilatura-output.json")
    with open(target, "w") as f:
        json.dump(out, f, ensure_ascii=False)
    print(f"{count} pages, {count / seconds:.1f} pages/s -> {target}")


if __name__ == "__main__":
    main()
