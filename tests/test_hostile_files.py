"""Hostile files and names (issue 18): nothing raw reaches the terminal, nothing hangs, and
nothing a file holds replaces a link, a pipe or a device. Each runs the real command."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import tomli_w

from jdwizard.paths import builtin_templates_dir

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
OSC52 = "\x1b]52;c;aGVsbG8=\x1b\\"


def jdwizard(home: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, JDWIZARD_HOME=str(home), NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "jdwizard", *args], env=env, text=True,
                          capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)


def hostile_template(home: Path) -> None:
    """A user template whose title and summary carry OSC 52 and a right-to-left override."""
    folder = home / "templates" / "evil"
    shutil.copytree(builtin_templates_dir() / "backend-engineer", folder)
    meta = folder / "template.toml"
    text = meta.read_text("utf-8")
    text = re.sub(r'(?m)^id = ".*"$', 'id = "evil"', text, count=1)
    text = re.sub(r'(?m)^title = "(.*)"$', r'title = "\1\\u001b]52;c;aGVsbG8=\\u001b\\\\"', text,
                  count=1)
    text = re.sub(r'(?m)^summary = "(.*)"$', r'summary = "txt.exe\\u202egpj"', text, count=1)
    meta.write_text(text, "utf-8")


def test_a_template_title_never_reaches_the_terminal_raw(tmp_path):
    hostile_template(tmp_path)
    for args in (["templates"], ["describe", "evil"], ["describe", "evil", "--json"],
                 ["templates", "--json"]):
        result = jdwizard(tmp_path, *args)
        assert result.returncode == 0, result.stderr
        assert not RAW.search(result.stdout + result.stderr), args
        assert "␛]52" in result.stdout or "\\u001b]52" in result.stdout, args
    assert "<U+202E>" in jdwizard(tmp_path, "templates").stdout


def test_an_answer_with_escapes_is_shown_visible_and_dropped_from_the_document(tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir(parents=True)
    draft = drafts / "evil.toml"
    draft.write_text(tomli_w.dumps({"template": "backend-engineer",
                                    "answers": {"company": f"Ac{OSC52}me\u202e"}}), "utf-8")
    listed = jdwizard(tmp_path, "drafts")
    assert not RAW.search(listed.stdout) and "␛]52" in listed.stdout
    rendered = jdwizard(tmp_path, "render", str(draft), "--allow-incomplete")
    assert rendered.returncode == 0, rendered.stderr
    assert "About Ac]52;c;aGVsbG8=\\me\n" in rendered.stdout and not RAW.search(rendered.stdout)
    out = tmp_path / "out.md"
    jdwizard(tmp_path, "render", str(draft), "--allow-incomplete", "-o", str(out))
    assert out.read_text("utf-8") == rendered.stdout  # the same bytes either way


def test_a_deeply_nested_draft_is_listed_as_unreadable_and_the_others_still_open(tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir(parents=True)
    (drafts / "deep.toml").write_text(
        'template = "backend-engineer"\nx = ' + "[" * 500 + "]" * 500 + "\n[answers]\n", "utf-8")
    (drafts / "long-key.toml").write_text(
        'template = "backend-engineer"\n' + "a" + ".a" * 20_000 + ' = 1\n[answers]\n', "utf-8")
    (drafts / "good.toml").write_text(
        'template = "backend-engineer"\n[answers]\ncompany = "Acme"\n', "utf-8")
    listed = jdwizard(tmp_path, "drafts")
    assert listed.returncode == 0, listed.stderr
    assert "Acme" in listed.stdout and "Traceback" not in listed.stderr + listed.stdout
    for name in ("deep", "long-key"):
        result = jdwizard(tmp_path, "render", str(drafts / f"{name}.toml"), timeout=20)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert "nested more than" in result.stderr or "dotted parts" in result.stderr


def test_deeply_nested_config_and_profile_are_one_line(tmp_path):
    (tmp_path / "profiles").mkdir(parents=True)
    (tmp_path / "profiles" / "deep.toml").write_text("x = " + "{a = " * 400 + "1" + "}" * 400)
    shown = jdwizard(tmp_path, "profile", "show", "deep")
    assert shown.returncode == 1 and "Traceback" not in shown.stderr
    assert "nested more than" in shown.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_named_as_a_file_is_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    for args in (["render", str(fifo)], ["check", str(fifo)], ["import", str(fifo)]):
        result = jdwizard(tmp_path, *args, timeout=20)  # blocked forever before
        assert result.returncode == 1, (args, result.stderr)
        assert "Traceback" not in result.stderr and "pipe" in result.stderr, args


def good_draft(tmp_path: Path) -> Path:
    draft = tmp_path / "d.toml"
    draft.write_text('template = "backend-engineer"\n[answers]\ncompany = "Acme"\n', "utf-8")
    return draft


def test_render_to_a_link_writes_its_target_and_keeps_the_link(tmp_path):
    draft = good_draft(tmp_path)
    target = tmp_path / "real.md"
    target.write_text("old", "utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    result = jdwizard(tmp_path, "render", str(draft), "--allow-incomplete", "-o", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and "About Acme" in target.read_text("utf-8")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_render_to_a_fifo_writes_into_it(tmp_path):
    draft = good_draft(tmp_path)
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader there before the writer
    try:
        result = jdwizard(tmp_path, "render", str(draft), "--allow-incomplete", "-o", str(fifo))
        received = os.read(reader, 1 << 16).decode("utf-8")  # a few KB: within the pipe's buffer
    finally:
        os.close(reader)
    assert result.returncode == 0, result.stderr
    assert fifo.is_fifo() and "About Acme" in received


@pytest.mark.skipif(os.geteuid() != 0 if hasattr(os, "geteuid") else True,
                    reason="making a device node needs root")
def test_render_never_replaces_a_device_node(tmp_path):
    draft = good_draft(tmp_path)
    device = tmp_path / "null"
    os.mknod(device, 0o666 | 0o020000, os.makedev(1, 3))  # a character device: /dev/null's
    result = jdwizard(tmp_path, "render", str(draft), "--allow-incomplete", "-o", str(device))
    assert result.returncode == 0, result.stderr
    assert device.is_char_device()


def test_a_symlink_loop_is_one_line(tmp_path):
    loop = tmp_path / "loop.toml"
    loop.symlink_to(loop)
    for args in (["render", str(loop)], ["check", str(loop)], ["profile", "save", str(loop)]):
        result = jdwizard(tmp_path, *args, timeout=20)
        assert result.returncode == 1, (args, result.stderr)
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def jdwizard_on_a_full_disk(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command run with at most 8 bytes per file written (RLIMIT_FSIZE): every write of
    a real file fails (EFBIG), as on a full disk, even for root."""
    import resource
    import signal

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (8, 8))

    env = dict(os.environ, JDWIZARD_HOME=str(home), NO_COLOR="1", PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([sys.executable, "-m", "jdwizard", *args], env=env, text=True,
                          capture_output=True, timeout=60, stdin=subprocess.DEVNULL,
                          preexec_fn=limit)


def one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr and all(word in lines[0] for word in words), lines


@pytest.mark.skipif(not hasattr(os, "fork"), reason="RLIMIT_FSIZE is POSIX")
def test_profile_commands_on_a_full_disk_are_one_line(tmp_path):
    draft = good_draft(tmp_path)
    one_line_error(jdwizard_on_a_full_disk(tmp_path, "profile", "save", str(draft)),
                   "cannot save", "acme.toml", "File too large")
    one_line_error(jdwizard_on_a_full_disk(tmp_path, "profile", "edit", "globex"),
                   "cannot save", "globex.toml")
    assert jdwizard(tmp_path, "profile", "save", str(draft)).returncode == 0
    one_line_error(jdwizard_on_a_full_disk(tmp_path, "profile", "use", "acme"),
                   "cannot save", "config.toml")
    assert not (tmp_path / "config.toml").exists()


def test_profiles_where_a_folder_should_be_a_file_are_one_line(tmp_path):
    draft = good_draft(tmp_path)
    (tmp_path / "profiles").write_text("not a folder", "utf-8")
    one_line_error(jdwizard(tmp_path, "profile", "save", str(draft)), "cannot save",
                   "Not a directory")
    one_line_error(jdwizard(tmp_path, "profile", "edit", "acme"), "cannot save")


def test_an_editor_that_cannot_run_is_one_line(tmp_path):
    assert jdwizard(tmp_path, "profile", "save", str(good_draft(tmp_path))).returncode == 0
    env = dict(os.environ, JDWIZARD_HOME=str(tmp_path), NO_COLOR="1")
    for editor in ("no-such-editor-here", 'vi "unclosed'):
        result = subprocess.run([sys.executable, "-m", "jdwizard", "profile", "edit", "acme"],
                                env=dict(env, VISUAL=editor), text=True, capture_output=True,
                                timeout=60, stdin=subprocess.DEVNULL)
        one_line_error(result, "cannot run the editor", "acme.toml")


def test_render_to_a_link_into_a_missing_folder_makes_no_folder(tmp_path):
    draft = good_draft(tmp_path)
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "gone" / "dir" / "x.md")
    result = jdwizard(tmp_path, "render", str(draft), "--allow-incomplete", "-o", str(link))
    one_line_error(result, "link.md", "points to a folder that does not exist")
    assert not (tmp_path / "gone").exists() and link.is_symlink()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_render_to_a_fifo_nobody_reads_is_refused_at_once(tmp_path):
    draft = good_draft(tmp_path)
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    result = jdwizard(tmp_path, "render", str(draft), "--allow-incomplete", "-o", str(fifo),
                      timeout=30)
    one_line_error(result, "nothing is reading from this FIFO", "start the reader first")
    assert fifo.is_fifo()


NONCHARACTERS = re.compile("[\ufdd0-\ufdef\ufffe\uffff\U0001fffe\U0010ffff]")


def test_noncharacters_in_an_answer_are_shown_visible_and_dropped_from_the_document(tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir(parents=True)
    draft = drafts / "odd.toml"
    draft.write_text(tomli_w.dumps({"template": "backend-engineer", "answers": {
        "company": "Ac\ufdd0me\ufffe\U0010ffff"}}), "utf-8")
    listed = jdwizard(tmp_path, "drafts")
    assert listed.returncode == 0, listed.stderr
    assert not NONCHARACTERS.search(listed.stdout) and "<U+FDD0>" in listed.stdout
    rendered = jdwizard(tmp_path, "render", str(draft), "--allow-incomplete")
    assert rendered.returncode == 0, rendered.stderr
    assert "About Acme" in rendered.stdout and not NONCHARACTERS.search(rendered.stdout)
    output = tmp_path / "post.md"
    written = jdwizard(tmp_path, "render", str(draft), "--allow-incomplete", "-o", str(output))
    assert written.returncode == 0 and output.read_text("utf-8") == rendered.stdout
