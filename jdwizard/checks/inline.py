"""Headings, links, URLs and HTML tags taken out of one line of Markdown, in time linear in the
line: readability.py's rules, each the same as a regular expression that backtracked on hostile
text ("# a", spaces, "b"; "[[[…]x"; "http://" and 20,000 dots; "<a<a<a…") and is kept beside
its replacement in tests/test_hostile_checks.py to compare them on random text."""

from __future__ import annotations

import re

_HEADING_START = re.compile(r"\s*#{1,6}(?=\s|$)")
_URL_PREFIX = re.compile(r"https?://|www\.")
# Where either kind of address can start: a URL's prefix, or a run that may be an e-mail's.
_ADDRESS_START = re.compile(r"(?=https?://|www\.)|(?<![\w.+-])(?=[\w.+-])")
_URL_BODY = re.compile(r"[^\s<>]*")
_URL_TAIL = re.compile(r"[.,;:!?'\"’”)\]>]*+(?:\s|$)")  # what may follow a URL's last character
_URL_TRAILING = frozenset(".,;:!?'\"’”)]")  # punctuation left out at a URL's end
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def heading_text(line: str) -> str | None:
    """The text of an ATX heading ("## Pay ##" -> "Pay"); None when `line` is not one.

    The same as `^\\s*#{1,6}(?:\\s+(?P<text>.*?))?(?:\\s+#+)?\\s*$` (text or "")."""
    start = _HEADING_START.match(line)
    if start is None:
        return None
    rest = line[start.end():]
    body = rest.rstrip()
    if not body:
        return ""
    lead = len(rest) - len(rest.lstrip())
    end = len(body)
    hashes = body.rstrip("#")
    if len(hashes) < len(body) and hashes[-1:].isspace():  # a closing "##"
        closing = len(hashes.rstrip())
        if closing >= lead:
            end = closing
    return rest[lead:end]


def unlink(line: str) -> str:
    """Markdown links and images to their text: `_LINK.sub(r"\\1", line)` for
    `!?\\[([^\\]]*)\\]\\([^)]*\\)`, without retrying each "[" to the end of the line."""
    out: list[str] = []
    done = 0
    opening = line.find("[")
    while opening != -1:
        closing = line.find("]", opening + 1)
        if closing == -1:
            break
        if not line.startswith("(", closing + 1):
            opening = line.find("[", closing + 1)  # any "[" before `closing` fails the same way
            continue
        end = line.find(")", closing + 2)
        if end == -1:
            break  # no later link can close either
        start = opening - 1 if opening > done and line[opening - 1] == "!" else opening
        out += (line[done:start], line[opening + 1 : closing])
        done = end + 1
        opening = line.find("[", done)
    out.append(line[done:])
    return "".join(out)


def untag(line: str, tag: re.Pattern[str], replacement: str) -> str:
    """`tag.sub(replacement, line)` for a tag pattern that ends at the first ">" (and so can
    only fail past the last one, which is where it backtracked)."""
    last = line.rfind(">")
    return tag.sub(replacement, line[: last + 1]) + line[last + 1 :]


def replace_addresses(line: str, word: str) -> str:
    """Each bare URL or e-mail address in `line` replaced by `word`: the same as `sub` with
    `(?:https?://|www\\.)[^\\s<>]+?(?=[.,;:!?'"’”)\\]>]*(?:\\s|$))` or
    `(?<![\\w.+-])[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+`, in one pass.

    A URL runs to the end of its run of non-space characters, less trailing punctuation (but
    keeps at least one character), and only if what follows that run may end it."""
    out: list[str] = []
    done = 0
    run_end = -1  # the run of non-space characters last measured: its end, where its
    url_end = 0  # trailing punctuation starts, and whether a URL may end there
    may_end = False
    position = 0
    while (start := _ADDRESS_START.search(line, position)) is not None:
        at = start.start()
        end = None
        prefix = _URL_PREFIX.match(line, at)
        if prefix is not None:
            body = prefix.end()
            if body >= run_end:  # a new run: measure it once
                run_end = _URL_BODY.match(line, body).end()  # type: ignore[union-attr]
                may_end = _URL_TAIL.match(line, run_end) is not None
                url_end = run_end
                while url_end > body and line[url_end - 1] in _URL_TRAILING:
                    url_end -= 1
            if may_end and run_end > body:
                end = max(body + 1, url_end)
        if end is None and (email := _EMAIL.match(line, at)) is not None:
            end = email.end()
        if end is None:
            position = at + 1
            continue
        out += (line[done:at], word)
        done = position = end
    out.append(line[done:])
    return "".join(out)
