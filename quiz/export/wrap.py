"""Line breaking for mixed Chinese and English text by display width (CJK characters count two cells).

:func:`wrap_cells` keeps Latin words whole, lets Chinese break between any two characters, never starts a
line with closing punctuation (、，。：；！？）」』 and their kin) and never ends one with an opening bracket.
The text export and the results screen both wrap with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len

_NO_START = set("，。、；：！？）》」』】〉”’,.;:!?)]}%…·—")
"""Characters that must not begin a line (they stay with the text before them)."""
_NO_END = set("（《「『【〈“‘([{")
"""Characters that must not end a line (they stay with the text after them)."""


@dataclass
class _Atom:
    text: str
    space_before: bool


def _atoms(text: str) -> list[_Atom]:
    atoms: list[_Atom] = []
    pending_space = False
    run_open = False
    for ch in text:
        if ch.isspace():
            pending_space = bool(atoms)
            run_open = False
            continue
        if cell_len(ch) == 2:
            atoms.append(_Atom(ch, pending_space))
            run_open = False
        elif run_open:
            atoms[-1].text += ch
        else:
            atoms.append(_Atom(ch, pending_space))
            run_open = True
        pending_space = False
    glued: list[_Atom] = []
    for atom in atoms:
        if glued and atom.text[0] in _NO_START:  # even after a space: a closing mark never starts a line
            glued[-1].text += (" " if atom.space_before else "") + atom.text
        elif glued and not atom.space_before and glued[-1].text[-1] in _NO_END:
            glued[-1].text += atom.text
        elif glued and atom.space_before and glued[-1].text[-1].isdigit() and cell_len(atom.text[0]) == 2:
            glued[-1].text += " " + atom.text  # a number stays with its Chinese unit: "5 分", "3 次"
        else:
            glued.append(_Atom(atom.text, atom.space_before))
    return glued


def _split_long(text: str, room: int) -> tuple[str, str]:
    """The longest head of ``text`` that fits in ``room`` cells (at least one character), and the rest."""
    used = 0
    for n, ch in enumerate(text):
        w = cell_len(ch)
        if used + w > room and n > 0:
            while n > 1 and text[n:].lstrip()[:1] in _NO_START:  # keep a closing mark with what it closes
                n -= 1
            return text[:n], text[n:]
        used += w
    return text, ""


def wrap_cells(text: str, width: int = 80, indent: str = "", subsequent: str | None = None) -> list[str]:
    """Wrap ``text`` to ``width`` display cells; ``indent`` starts the first line, ``subsequent`` the rest."""
    rest = indent if subsequent is None else subsequent
    lines: list[str] = []
    current, used, empty = indent, cell_len(indent), True
    for atom in _atoms(text):
        piece = atom.text
        gap = 1 if atom.space_before and not empty else 0
        while piece:
            w = cell_len(piece)
            if used + gap + w <= width:
                current += " " * gap + piece
                used += gap + w
                empty = False
                break
            if not empty:
                lines.append(current.rstrip())
                current, used, empty, gap = rest, cell_len(rest), True, 0
                continue
            head, piece = _split_long(piece, width - used)
            lines.append((current + head).rstrip())
            current, used, empty, gap = rest, cell_len(rest), True, 0
    if not empty or not lines:
        lines.append(current.rstrip())
    return lines


def pad(text: str, cells: int) -> str:
    """``text`` padded with spaces to ``cells`` terminal cells (CJK characters count two)."""
    return text + " " * max(0, cells - cell_len(text))


def pad_left(text: str, cells: int) -> str:
    """``text`` right-aligned in ``cells`` terminal cells."""
    return " " * max(0, cells - cell_len(text)) + text


def widest(texts: list[str]) -> int:
    """The width in cells of the widest text."""
    return max((cell_len(x) for x in texts), default=0)
