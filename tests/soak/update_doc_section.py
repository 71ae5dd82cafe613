#!/usr/bin/env python3
"""Writes a soak run's result table into docs/PERFORMANCE.md between
<!-- MARKER:begin --> and <!-- MARKER:end -->, with the machine, the date and the
commit; appends a section titled TITLE when the markers are not there yet.

    update_doc_section.py MARKER TITLE RESULT.md COMMAND
"""
import datetime, platform, re, subprocess, sys

marker, title, result_file, command = sys.argv[1:5]
result = open(result_file).read()
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
section = (f"<!-- {marker}:begin -->\n_Run {datetime.date.today()} on {cpu}, {cores} cores, commit {commit}, "
           f"by `{command}`._\n\n| | |\n|---|---|\n{result}\n<!-- {marker}:end -->")
doc = open("docs/PERFORMANCE.md").read()
if f"<!-- {marker}:begin -->" in doc:
    doc = re.sub(rf"<!-- {marker}:begin -->.*?<!-- {marker}:end -->", lambda m: section, doc, flags=re.S)
else:
    doc += f"\n## {title}\n\n" + section + "\n"
open("docs/PERFORMANCE.md", "w").write(doc)
