"""--fix never harms a file: links, permissions, owners, encodings, odd folders, standard input, mentions."""
from __future__ import annotations

import codecs
import json
import os
import stat

import pytest
from click.testing import CliRunner

from hr_lint.cli import lint_command
from unprivileged import hr_lint as run_unprivileged

BEFORE = "Her brother committed suicide in 2019.\n"
AFTER = "Her brother died by suicide in 2019.\n"


def run(*args, input=None):
    return CliRunner().invoke(lint_command, ["--no-cache", *args], input=input)


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- links ----------------------------------------------------------------------------------------

def test_fix_through_a_symlink_fixes_the_target_and_keeps_the_link(here):
    (here / "real").mkdir()
    target = here / "real" / "post.md"
    target.write_text(BEFORE)
    (here / "link.md").symlink_to(os.path.join("real", "post.md"))
    result = run("--fix", "link.md")
    assert os.path.islink(here / "link.md")
    assert os.readlink(here / "link.md") == os.path.join("real", "post.md")
    assert target.read_text() == AFTER
    assert "Fixed 1 finding in 1 file." in result.stderr
    assert result.exit_code == 0


def test_fix_of_a_folder_with_a_link_beside_its_target_fixes_the_file_once(here):
    (here / "docs").mkdir()
    (here / "docs" / "z.md").write_text(BEFORE)
    (here / "docs" / "a.md").symlink_to("z.md")  # the link comes first
    result = run("--fix", "docs")
    assert (here / "docs" / "z.md").read_text() == AFTER
    assert os.path.islink(here / "docs" / "a.md")
    assert "Fixed 1 finding in 1 file." in result.stderr


def test_fix_of_a_broken_link_is_an_error_and_the_others_are_fixed(here):
    (here / "gone.md").symlink_to("missing.md")
    (here / "ok.md").write_text(BEFORE)
    result = run("--fix", "gone.md", "ok.md")
    assert result.exit_code == 2
    assert "gone.md: broken symbolic link" in result.stderr
    assert os.path.islink(here / "gone.md")
    assert (here / "ok.md").read_text() == AFTER


def test_hard_links_share_the_fix(here):
    (here / "a.md").write_text(BEFORE)
    os.link(here / "a.md", here / "b.md")
    run("--fix", "a.md")
    assert (here / "a.md").read_text() == AFTER
    assert (here / "b.md").read_text() == AFTER  # still one file
    assert os.stat(here / "a.md").st_ino == os.stat(here / "b.md").st_ino


# -- permissions and owners ------------------------------------------------------------------------

def test_read_only_file_is_reported_not_rewritten(here):
    ro = here / "ro.md"
    ro.write_text(BEFORE)
    ro.chmod(0o444)
    (here / "ok.md").write_text(BEFORE)
    result = run("--fix", "ro.md", "ok.md")
    assert result.exit_code == 2
    assert "ro.md: read-only, not fixed" in result.stderr
    assert ro.read_text() == BEFORE and stat.S_IMODE(os.stat(ro).st_mode) == 0o444
    assert (here / "ok.md").read_text() == AFTER
    assert "Fixed 1 finding in 1 file." in result.stderr


def test_mode_and_extended_attributes_are_kept(here):
    path = here / "post.md"
    path.write_text(BEFORE)
    path.chmod(0o640)
    try:
        os.setxattr(path, "user.hr-lint-test", b"kept")
    except OSError:
        pytest.skip("this file system has no user extended attributes")
    run("--fix", "post.md")
    assert path.read_text() == AFTER
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert os.getxattr(path, "user.hr-lint-test") == b"kept"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file to another user")
def test_owner_and_group_are_kept_when_root_fixes_someone_elses_file(here):
    path = here / "theirs.md"
    path.write_text(BEFORE)
    os.chown(path, 65534, 65534)
    path.chmod(0o664)
    run("--fix", "theirs.md")
    st = os.stat(path)
    assert path.read_text() == AFTER
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (65534, 65534, 0o664)


def test_read_only_folder_reports_each_file_and_goes_on(here):
    locked = here / "locked"
    locked.mkdir()
    (locked / "writable.md").write_text(BEFORE)
    (locked / "readonly.md").write_text(BEFORE)
    (locked / "readonly.md").chmod(0o444)
    (here / "open").mkdir()
    (here / "open" / "other.md").write_text(BEFORE)
    locked.chmod(0o555)
    try:
        proc = run_unprivileged("--no-cache", "--fix", "locked", "open", cwd=here)
    finally:
        locked.chmod(0o755)
    assert "internal error" not in proc.stderr_text
    assert proc.returncode == 2, proc.stderr_text
    assert "locked/readonly.md: read-only, not fixed" in proc.stderr_text
    assert (locked / "readonly.md").read_text() == BEFORE
    # a writable file in a folder that is not is rewritten in place; the others go on
    assert (locked / "writable.md").read_text() == AFTER
    assert (here / "open" / "other.md").read_text() == AFTER
    assert sorted(os.listdir(locked)) == ["readonly.md", "writable.md"]  # no temporary file left
    assert "Fixed 2 findings in 2 files." in proc.stderr_text


def test_file_someone_else_owns_is_not_rewritten(here):
    path = here / "theirs.md"
    path.write_text(BEFORE)
    if os.geteuid() == 0:
        os.chown(path, 65534, 65534)  # root without its powers over permissions is just another user
    else:
        pytest.skip("needs a file owned by another user")
    path.chmod(0o644)
    proc = run_unprivileged("--no-cache", "--fix", "theirs.md", cwd=here)
    assert proc.returncode == 2
    assert "theirs.md: read-only, not fixed" in proc.stderr_text
    assert path.read_text() == BEFORE


# -- encodings ------------------------------------------------------------------------------------

ENCODINGS = {
    "utf-8": lambda s: s.encode("utf-8"),
    "utf-8 with BOM": lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
    "utf-16 little-endian": lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"),
    "utf-16 big-endian": lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
    "utf-32 little-endian": lambda s: codecs.BOM_UTF32_LE + s.encode("utf-32-le"),
    "utf-32 big-endian": lambda s: codecs.BOM_UTF32_BE + s.encode("utf-32-be"),
}


@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_fix_keeps_encoding_bom_and_byte_order(here, encoding):
    encode = ENCODINGS[encoding]
    text = "Café 😀 notes\r\nHer brother committed suicide in 2019.\r\nSubstance abuse is a health issue.\n"
    (here / "post.txt").write_bytes(encode(text))
    result = run("--fix", "post.txt")
    assert "Fixed 2 findings in 1 file." in result.stderr
    expected = text.replace("committed suicide", "died by suicide").replace("Substance abuse", "Substance use")
    assert (here / "post.txt").read_bytes() == encode(expected)


# -- standard input -------------------------------------------------------------------------------

def test_fix_on_standard_input_writes_the_fixed_text_to_standard_output(here):
    data = codecs.BOM_UTF8 + "Her brother committed suicide.\r\nThree addicts came by.\r\n".encode("utf-8")
    proc = run_unprivileged("--no-cache", "--no-color", "--fix", "-", "--stdin-filename", "post.md",
                            cwd=here, input=data)
    assert proc.stdout == codecs.BOM_UTF8 + "Her brother died by suicide.\r\nThree addicts came by.\r\n".encode()
    assert "Fixed 1 finding in 1 file." in proc.stderr_text
    # what is left to do is reported on standard error, where it cannot spoil the text
    assert "addict-noun" in proc.stderr_text and "2:7" in proc.stderr_text
    assert proc.returncode == 1


def test_fix_on_standard_input_with_nothing_to_fix_echoes_it(here):
    proc = run_unprivileged("--no-cache", "--fix", "-", cwd=here, input=b"Nothing to see here.\n")
    assert proc.stdout == b"Nothing to see here.\n"
    assert proc.returncode == 0


# -- mentions -------------------------------------------------------------------------------------

MENTIONS = [
    "'Committed suicide' is a phrase we avoid.",
    "*Committed suicide* is a phrase we avoid.",
    "Committed suicide is a phrase we avoid.",
    "We never write _committed suicide_ in our posts.",
    "Please stop saying committed suicide.",
    "The expression committed suicide should go.",
    "<em>committed suicide</em> is outdated wording.",
    "Committed suicide: a phrase we avoid.",
    "*Committed suicide* stigmatizes the dead.",
    "**Committed suicide** (avoid).",
]


@pytest.mark.parametrize("sentence", MENTIONS)
def test_a_mention_is_never_auto_fixed(here, sentence):
    path = here / "guide.md"
    path.write_text(f"{sentence}\n\nHer brother committed suicide in 2019.\n")
    findings = json.loads(run("--format", "json", "guide.md").stdout)
    assert [f["line"] for f in findings if f["fix"]] == [3]
    run("--fix", "guide.md")
    assert path.read_text() == f"{sentence}\n\nHer brother died by suicide in 2019.\n"
