"""Contrast computed from each theme's colours as the app draws them (issue 16, point
15): section headers at least 4.5:1 in the high-contrast theme (WCAG AA), placeholders
at least 4.5:1 and an unchosen radio's mark at least 3:1 in every theme with colours of
its own (the ANSI themes take the terminal's)."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import settle
from rich.color import Color
from textual.widgets import Input, OptionList, RadioButton

PACK = """\
format: 1
id: contrast
title: Contrast
version: 1.0.0
exercises:
  - id: contrast
    title: Contrast
    kind: skill
    summary: A radio and a placeholder.
    steps:
      - {type: choice, id: one, prompt: One?, options: [yes, no], allow_other: true}
"""


def luminance(color: Color) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = color.get_truecolor()
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(foreground: Color, background: Color) -> float:
    light, dark = sorted([luminance(foreground), luminance(background)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def has_own_colours(app, theme: str) -> bool:
    return not app.get_theme(theme).name.startswith("ansi")


async def test_section_headers_meet_wcag_aa_in_high_contrast_and_every_theme(make_app) -> None:
    """The headings over Home's lists and each pack's heading inside the library."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        low = []
        themes = [name for name in sorted(app.available_themes) if has_own_colours(app, name)]
        for theme in ["high-contrast", *themes]:
            app.theme = theme
            await settle(pilot)
            sections = list(app.screen.query(".section"))
            assert sections
            for label in sections:
                style = label.rich_style
                if (ratio := contrast(style.color, style.bgcolor)) < 4.5:
                    low.append(f"{theme}: {label.render()} {ratio:.2f}")
            library = app.screen.query_one("#library", OptionList)
            heading = library.get_visual_style("option-list--option", "option-list--option-disabled").rich_style
            assert library.get_option_at_index(0).disabled  # the first pack's title
            if (ratio := contrast(heading.color, heading.bgcolor)) < 4.5:
                low.append(f"{theme}: a pack's heading {ratio:.2f}")
        assert low == []


async def test_placeholders_and_unchosen_radios_are_plain_to_see_in_every_theme(make_app, cbt_home: Path) -> None:
    (cbt_home / "packs").mkdir(parents=True)
    (cbt_home / "packs" / "contrast.yaml").write_text(PACK, encoding="utf-8")
    app = make_app(start_exercise="contrast/contrast")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        low = []
        themes = [name for name in sorted(app.available_themes) if has_own_colours(app, name)]
        assert "high-contrast" in themes and len(themes) > 10
        for theme in themes:
            app.theme = theme
            await settle(pilot)
            field = app.screen.query_one("#other", Input)
            placeholder = field.get_component_rich_style("input--placeholder")
            ratio = contrast(placeholder.color, placeholder.bgcolor or field.rich_style.bgcolor)
            if ratio < 4.5:
                low.append(f"{theme}: placeholder {ratio:.2f}")
            radio = app.screen.query(RadioButton).last()
            assert not radio.value
            mark = radio.get_component_rich_style("toggle--button")
            ratio = contrast(mark.color, mark.bgcolor or radio.rich_style.bgcolor)
            if ratio < 3:
                low.append(f"{theme}: unchosen radio {ratio:.2f}")
        assert low == []


async def test_the_focused_row_reads_against_its_highlight_in_every_theme(make_app) -> None:
    """The highlighted row of a focused list is bold: at least 3:1 in every theme (WCAG's
    figure for bold, large text; most themes reach 4.5:1), and 4.5:1 in high contrast."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        library = app.screen.query_one("#library", OptionList)
        assert app.focused is library
        low = []
        for theme in [name for name in sorted(app.available_themes) if has_own_colours(app, name)]:
            app.theme = theme
            await settle(pilot)
            row = library.get_visual_style("option-list--option", "option-list--option-highlighted").rich_style
            ratio = contrast(row.color, row.bgcolor)
            if ratio < (4.5 if theme == "high-contrast" else 3):
                low.append(f"{theme}: {ratio:.2f}")
        assert low == []
