"""The development corpus's score.py matching, reimplemented so tests run without ../shared.

A finding matches a gold span when file and line agree, the texts overlap (one contains
the other, case-insensitively) and, where both give a column, the column ranges overlap.
"""


def overlaps(a: str, b: str) -> bool:
    a, b = a.lower().strip(), b.lower().strip()
    return bool(a) and bool(b) and (a in b or b in a)


def same_place(f: dict, g: dict) -> bool:
    if g.get("column") is None or f.get("column") is None:
        return True
    fs, gs = int(f["column"]), int(g["column"])
    return fs < gs + len(g["text"]) and gs < fs + max(len(f["text"]), 1)


def score(gold: list[dict], found: list[dict]):
    """(tp, fp, fn, misses, false positives) exactly as score.py counts them."""
    flag_hit = [False] * len(gold)
    fp, wrongs = 0, []
    for f in found:
        hit = None
        for i, g in enumerate(gold):
            if f["file"] == g["file"] and f["line"] == g["line"] and overlaps(f["text"], g["text"]) \
                    and same_place(f, g):
                if g["label"] in ("flag", "optional"):
                    hit = i
                    if g["label"] == "flag" and not flag_hit[i]:
                        break
        if hit is None:
            fp += 1
            wrongs.append(f)
        elif gold[hit]["label"] == "flag":
            flag_hit[hit] = True
    misses = [g for i, g in enumerate(gold) if g["label"] == "flag" and not flag_hit[i]]
    tp = sum(1 for i, g in enumerate(gold) if g["label"] == "flag" and flag_hit[i])
    return tp, fp, len(misses), misses, wrongs
