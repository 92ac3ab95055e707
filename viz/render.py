"""HTML pages of the explorer: Jinja2 templates (autoescaped) over the views' dicts.

Pages load only this server's assets (``/static/viz/``) and carry no inline script: a view's
data rides in a ``<script type="application/json">`` block (``tojson`` escapes ``<``, ``>``
and ``&``, so no text can close it) that ``explorer.js`` reads.

>>> html = render("error.html", error={"type": "NotFound", "message": "no <entity>"}, status=404)
>>> "no &lt;entity&gt;" in html and "<entity>" not in html
True
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape

from viz.style import STANCE_COLORS, TYPE_STYLES, coalition_color

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
STATIC_URL = "/static/viz"

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.globals.update(
    static=STATIC_URL,
    stance_colors=STANCE_COLORS,
    type_styles=TYPE_STYLES,
    coalition_color=coalition_color,
)
_env.filters["seg"] = lambda value: quote(str(value), safe="")
_env.filters["anchor"] = lambda value: "claim-" + str(value).replace("/", "-")


def render(template: str, **context: Any) -> str:
    """A page from its template and context."""
    return _env.get_template(template).render(**context)
