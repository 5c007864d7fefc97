"""Small wording helpers a template body may use (as Jinja2 filters in the sandbox)."""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z0-9]+")
# Letters whose name starts with a vowel sound ("an SRE", "an HR generalist", "an MRI").
_VOWEL_SOUND_LETTERS = frozenset("AEFHILMNORSX")
# Words that start with a vowel letter and a consonant sound, or the reverse.
_CONSONANT_SOUND = ("uni", "use", "usu", "uti", "eu", "one", "once", "ure", "ura")
_VOWEL_SOUND = ("hour", "honest", "honor", "honour", "heir")


def article(text: object) -> str:
    """"a" or "an" for the phrase `text` ("an Engineering Manager", "a UX Designer")."""
    match = _WORD.search(str(text))
    if match is None:
        return "a"
    word = match.group(0)
    if len(word) > 1 and word.isupper() and not word.isdigit():  # an acronym: letter names
        return "an" if word[0] in _VOWEL_SOUND_LETTERS else "a"
    lowered = word.lower()
    if lowered[0].isdigit():
        return "an" if lowered.startswith(("8", "11", "18")) else "a"
    if lowered.startswith(_VOWEL_SOUND):
        return "an"
    if lowered.startswith(_CONSONANT_SOUND):
        return "a"
    return "an" if lowered[0] in "aeiou" else "a"
