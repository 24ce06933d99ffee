"""Grayscale-safe visual cues: the vocabulary the catalogue may use and the CSS each one means.

Cues of different kinds (a text decoration, a border, a background pattern, a weight) can stack on
nested or crossing spans and all stay visible on a black-and-white print. Only one text decoration
survives per nesting stack in WeasyPrint, so a cue holds at most one primitive of each kind.
"""

from __future__ import annotations

import base64


def _pattern(svg_body: str) -> str:
    svg = ("<svg xmlns='http://www.w3.org/2000/svg' width='8' height='8'>"
           f"<g stroke='#555' stroke-width='0.9' fill='#555'>{svg_body}</g></svg>")
    encoded = base64.b64encode(svg.encode("ascii")).decode("ascii")
    return f"background-image: url(data:image/svg+xml;base64,{encoded})"


#: kind of each primitive: at most one primitive of a kind in one cue.
KINDS: dict[str, str] = {}
#: CSS declarations for each primitive (no selector, no trailing semicolon needed).
CSS: dict[str, str] = {}


def _add(kind: str, name: str, css: str) -> None:
    KINDS[name] = kind
    CSS[name] = css


for _style in ("solid", "double", "dotted", "dashed", "wavy"):
    _add("decoration", f"underline-{_style}",
         f"text-decoration: underline {_style} #222")
for _style in ("solid", "wavy"):
    _add("decoration", f"overline-{_style}", f"text-decoration: overline {_style} #222")
for _style in ("solid", "dashed", "dotted", "double"):
    _add("border", f"border-{_style}",
         f"border: {'3px' if _style == 'double' else '1.2px'} {_style} #222; padding: 0 1px")
_add("border", "border-bottom-thick", "border-bottom: 2.6px solid #222")
_add("border", "bracket", "border-left: 1.6px solid #222; border-right: 1.6px solid #222; "
     "padding: 0 2px")
_add("fill", "pattern-diagonal", _pattern("<path d='M-2,10 L10,-2 M-2,2 L2,-2 M6,10 L10,6'/>"))
_add("fill", "pattern-backdiagonal", _pattern("<path d='M-2,-2 L10,10 M6,-2 L10,2 M-2,6 L2,10'/>"))
_add("fill", "pattern-crosshatch", _pattern("<path d='M-2,10 L10,-2 M-2,-2 L10,10'/>"))
_add("fill", "pattern-dots", _pattern("<circle cx='2' cy='2' r='0.9'/><circle cx='6' cy='6' r='0.9'/>"))
_add("fill", "pattern-horizontal", _pattern("<path d='M0,4 L8,4'/>"))
_add("fill", "pattern-vertical", _pattern("<path d='M4,0 L4,8'/>"))
_add("fill", "shade", "background-color: #d9d9d9")
_add("weight", "bold", "font-weight: bold")


def css_for(cue: tuple[str, ...]) -> str:
    """The CSS declarations of a whole cue (its primitives joined)."""
    return "; ".join(CSS[name] for name in cue)


def check_cue(cue: object) -> str | None:
    """None when `cue` is a valid list of primitives, else what is wrong and what is allowed."""
    if (not isinstance(cue, list) or not 1 <= len(cue) <= 2
            or not all(isinstance(name, str) for name in cue)):
        return f"must be a list of 1 or 2 cue names (allowed: {', '.join(KINDS)})"
    unknown = [name for name in cue if name not in KINDS]
    if unknown:
        return (f"unknown cue {unknown[0]!r} (allowed: {', '.join(KINDS)})")
    kinds = [KINDS[name] for name in cue]
    if len(set(kinds)) != len(kinds):
        return f"{cue[0]!r} and {cue[1]!r} are both of kind {kinds[0]!r}; use one of each kind"
    return None
