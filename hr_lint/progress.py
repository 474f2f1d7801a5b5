"""One progress bar for every long run (a big tree of files, a site audit, moderation): tqdm's,
on standard error, only when it is a terminal (and TERM is not "dumb") unless asked for.

tqdm shows the rate and the time left, keeps its redraws to a few a second, and is already
installed with spaCy.
"""
from __future__ import annotations

import os
import sys


def is_terminal(stream) -> bool:
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


def _size(stream) -> tuple[int, int] | None:
    """None when the terminal knows its size (tqdm follows it as it changes), else (columns,
    lines) from COLUMNS and LINES or 80 by 24."""
    try:
        size = os.get_terminal_size(stream.fileno())
        if size.columns > 0 and size.lines > 0:
            return None
    except (AttributeError, OSError, ValueError):
        pass
    import shutil

    fallback = shutil.get_terminal_size()
    return fallback.columns or 80, fallback.lines or 24


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else "..." + text[-(width - 3):]


class Progress:
    """A bar for `total` steps (None: unknown), labelled `label`. Shown when `show` says so,
    or by default when `stream` (standard error) is a terminal and not `quiet`; else every
    method does nothing."""

    def __init__(self, total: int | None, label: str, quiet: bool = False, stream=None, unit: str = "it",
                 unit_scale: bool = False, show: bool | None = None):
        stream = stream or sys.stderr
        self.done = 0
        self.bar = None
        if show is None:
            show = not quiet and is_terminal(stream)
        if show:
            from tqdm import tqdm

            # a terminal that says it is 0 by 0 (a bare pseudo-terminal) gets no bar at all
            # from tqdm: then COLUMNS and LINES, or 80 by 24
            size = _size(stream)
            self.bar = tqdm(total=total, desc=label, file=stream, unit=unit, unit_scale=unit_scale,
                            dynamic_ncols=size is None, ncols=size and size[0], nrows=size and size[1],
                            leave=True)

    def update(self, done: int, item: str | None = None, total: int | None = None) -> None:
        """`done` steps so far (`item`: the one just done, shown beside the bar); `total`,
        when given, is the expected number now (a crawl finds its pages as it goes)."""
        bar = self.bar
        if bar is None:
            return
        if total is not None and total != bar.total:
            bar.total = max(total, done, 1)
            bar.refresh()
        if item:
            bar.set_postfix_str(_short(item), refresh=False)
        step = max(done - self.done, 0)
        self.done = max(done, self.done)
        bar.update(step)

    def note(self, text: str) -> None:
        """Text beside the bar (counts so far)."""
        if self.bar is not None:
            self.bar.set_postfix_str(text, refresh=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
