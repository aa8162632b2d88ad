"""When each deck note last changed: Anki updates a note on import only when the incoming
note is newer than the one it holds, so a note's time must grow exactly when what it
shows changes, and stay put otherwise (an import then keeps a user's own edits in Anki).

A note shows its question's lines in the section page, from its heading to the next
question's, and the files those lines include (--8<-- "code/..."). Its time is the
latest of:
- for those lines, the last commit that touched them (`git log -L` over their range as
  of HEAD), or the page file's modification time when they differ from HEAD's;
- for each included file, its last commit, or its modification time when it differs
  from HEAD's;
- the last commit of the code that turns pages into notes (DECK_CODE): a change there
  may change how every note renders, so it moves every note.
SOURCE_DATE_EPOCH (the reproducible-builds convention) stands for all of them; outside a
git checkout every note gets FALLBACK_TIMESTAMP.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from studysite.model.questions import QUESTION, Question, Site

# Used when neither SOURCE_DATE_EPOCH nor git can say when the sources changed.
FALLBACK_TIMESTAMP = 1_767_225_600  # 2026-01-01 00:00 UTC
# The code whose changes change how notes render, relative to the project.
DECK_CODE = ("scripts/outputs/decks.py", "scripts/outputs/deck_html.py")
# The git processes run while the pages build (DeckBuild.start), at the lowest priority:
# at the same one, eight of them took most of the build's processor from MkDocs.
NICE = ["nice", "-n", "19"] if shutil.which("nice") else []
INCLUDE = re.compile(r'--8<--\s+"(?P<path>[^"]+)"')


def note_times(site: Site, docs_dir: Path) -> dict[str, int]:
    """{question id: the modification time of its note}"""
    if epoch := os.environ.get("SOURCE_DATE_EPOCH"):
        return {q.id: int(epoch) for q in site.questions}
    docs_dir = docs_dir.resolve()
    git = _Git(docs_dir)
    if not git.root:
        return {q.id: FALLBACK_TIMESTAMP for q in site.questions}
    code = git.last_commit(*(git.root / path for path in DECK_CODE))
    # Each page as it is and as HEAD holds it (None when HEAD does not hold it).
    pages = {page: ((docs_dir / page).read_text(encoding="utf-8").splitlines(), git.head_lines(docs_dir / page))
             for page in {q.page for q in site.questions}}
    with ThreadPoolExecutor(max_workers=8) as pool:  # each question waits on its own git process
        times = pool.map(lambda q: max(code, _question_time(q, docs_dir, *pages[q.page], git)), site.questions)
        return dict(zip((q.id for q in site.questions), times))


def _question_time(q: Question, docs_dir: Path, lines: list[str], at_head: list[str] | None, git: _Git) -> int:
    page = docs_dir / q.page
    start, end = _span(lines, q.id)
    own = lines[start - 1 : end]
    head_span = _span(at_head, q.id) if at_head is not None else None
    if head_span and at_head[head_span[0] - 1 : head_span[1]] == own:
        time = git.last_commit(page, span=head_span)
    else:
        time = int(page.stat().st_mtime)
    for include in INCLUDE.finditer("\n".join(own)):
        path = docs_dir / include["path"]
        unchanged = git.head_bytes(path) == path.read_bytes()
        time = max(time, git.last_commit(path) if unchanged else int(path.stat().st_mtime))
    return time


def _span(lines: list[str], question_id: str) -> tuple[int, int] | None:
    """(first, last) line number of a question: its heading up to the next question's."""
    headings = [(n, m["id"]) for n, line in enumerate(lines, 1) if (m := QUESTION.match(line))]
    for index, (number, found) in enumerate(headings):
        if found == question_id:
            return number, headings[index + 1][0] - 1 if index + 1 < len(headings) else len(lines)
    return None


class _Git:
    """The few questions asked of git, in the checkout holding `folder` (root is None
    outside one, or without git)."""

    def __init__(self, folder: Path):
        top = self._run("rev-parse", "--show-toplevel", cwd=folder)
        self.root = Path(top.strip()) if top else None

    def last_commit(self, *paths: Path, span: tuple[int, int] | None = None) -> int:
        """The time of the last commit that touched the paths (or these lines of one)."""
        if span:
            where = ["-L", f"{span[0]},{span[1]}:{paths[0].relative_to(self.root).as_posix()}"]
        else:
            where = ["--", *(str(path) for path in paths)]
        found = self._run("log", "-1", "-s", "--format=%ct", *where, cwd=self.root)
        return int(found) if found and found.strip() else FALLBACK_TIMESTAMP

    def head_bytes(self, path: Path) -> bytes | None:
        """The file as HEAD holds it, or None when HEAD does not hold it."""
        result = subprocess.run([*NICE, "git", "show", f"HEAD:{path.relative_to(self.root).as_posix()}"],
                                cwd=self.root, capture_output=True)
        return result.stdout if result.returncode == 0 else None

    def head_lines(self, path: Path) -> list[str] | None:
        data = self.head_bytes(path)
        return data.decode("utf-8").splitlines() if data is not None else None

    @staticmethod
    def _run(*args: str, cwd: Path) -> str | None:
        try:
            result = subprocess.run([*NICE, "git", *args], cwd=cwd, capture_output=True, text=True)
        except OSError:  # no git on this machine
            return None
        return result.stdout if result.returncode == 0 else None
