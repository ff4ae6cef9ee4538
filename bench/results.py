"""bench/RESULTS.md, written by section: each benchmark script owns the
part between its two markers and leaves the rest (the written analysis)
as it is."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write_section(marker, heading, intro, report):
    """Puts `report` in a fenced block under `heading` between
    <!-- marker --> and <!-- /marker -->, appended the first time."""
    path = os.path.join(HERE, "RESULTS.md")
    begin, end = f"<!-- {marker} -->\n", f"<!-- /{marker} -->\n"
    old = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    section = f"{begin}## {heading}\n\n{intro}\n\n```\n{report}\n```\n{end}"
    if begin in old and end in old:
        new = old[:old.index(begin)] + section + old[old.index(end) + len(end):]
    else:
        new = old + ("\n" if old and not old.endswith("\n") else "") + "\n" + section
    with open(path + ".tmp", "w", encoding="utf-8") as fh:
        fh.write(new)
    os.replace(path + ".tmp", path)
