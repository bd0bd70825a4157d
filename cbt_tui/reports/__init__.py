"""Session reports rendered for people: Markdown and one self-contained HTML file.

Both take a `cbt_tui.domain.report.Report` and return text; neither writes files nor
touches the network. Every string that came from a client or a pack is escaped for its
format here, and control characters are shown as symbols (`visible_text`).
"""

from __future__ import annotations

from cbt_tui.reports.html import render_html
from cbt_tui.reports.markdown import render_markdown

FORMATS = {"md": render_markdown, "html": render_html}

__all__ = ["FORMATS", "render_html", "render_markdown"]
