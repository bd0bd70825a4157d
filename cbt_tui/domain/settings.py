"""The person's settings: one model, read and written in one place (the store), shared by
the trainer and `cbt config`.

Values typed at the command line are parsed here too (`parse_setting`), so `cbt config
set` and the trainer accept exactly the same things.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

#: ISO 3166-1 alpha-2 codes, and ZZ ("somewhere else"), which Help now shows as the
#: lines that work in many countries.
ELSEWHERE = "ZZ"
_REGION_CODES = """AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
    BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO
    DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU
    GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW
    KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU
    MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW
    PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF
    TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA
    ZM ZW ZZ"""
REGIONS = frozenset(_REGION_CODES.split())
#: Common names people type for a region code.
REGION_ALIASES = {"UK": "GB", "OTHER": ELSEWHERE, "ELSEWHERE": ELSEWHERE}

#: Textual's built-in themes and the app's own; the trainer ignores a theme it lacks.
THEMES = (
    "textual-dark", "textual-light", "high-contrast", "ansi-dark", "ansi-light", "atom-one-dark",
    "atom-one-light", "catppuccin-frappe", "catppuccin-latte", "catppuccin-macchiato",
    "catppuccin-mocha", "dracula", "flexoki", "gruvbox", "monokai", "nord", "rose-pine",
    "rose-pine-dawn", "rose-pine-moon", "solarized-dark", "solarized-light", "tokyo-night",
)  # fmt: skip
MAX_NAME = 80


class SettingError(ValueError):
    """A setting that does not exist, or a value it cannot take; the text says which."""


class Settings(BaseModel):
    """Everything the person can set. Unknown stored keys are ignored, never an error."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    region: str | None = None
    """Where Help now looks up emergency and help lines; None until asked."""
    theme: str | None = None
    reduced_motion: bool = False
    name: str | None = None
    """The person's name or initials, printed on their session report (optional)."""

    @field_validator("region")
    @classmethod
    def _region(cls, value: str | None) -> str | None:
        if value is None:
            return None
        code = REGION_ALIASES.get(value.strip().upper(), value.strip().upper())
        if code not in REGIONS:
            raise ValueError(f"'{value}' is not a region code; use two letters like US, GB or AU, or 'other'")
        return code

    @field_validator("theme")
    @classmethod
    def _theme(cls, value: str | None) -> str | None:
        if value is not None and value not in THEMES:
            raise ValueError(f"'{value}' is not a theme; themes: {', '.join(THEMES)}")
        return value

    @field_validator("name")
    @classmethod
    def _name(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = " ".join(value.split())
        if len(value) > MAX_NAME:
            raise ValueError(f"a name may be at most {MAX_NAME} characters")
        return value or None

    @classmethod
    def from_stored(cls, stored: dict[str, Any]) -> Settings:
        """Settings from what the store holds; a stored value that no longer validates
        (a theme that was removed, a hand-edited file) falls back to its default."""
        known = {key: value for key, value in stored.items() if key in cls.model_fields}
        try:
            return cls.model_validate(known)
        except ValidationError as error:
            bad = {str(item["loc"][0]) for item in error.errors() if item["loc"]}
            return cls.model_validate({key: value for key, value in known.items() if key not in bad})

    def changed(self, key: str, value: Any) -> Settings:
        """A copy with one setting changed; SettingError for an unknown key or a bad value."""
        require_setting(key)
        try:
            return type(self).model_validate({**self.model_dump(), key: value})
        except ValidationError as error:
            message = error.errors()[0]["msg"].removeprefix("Value error, ")
            raise SettingError(f"{key}: {message}") from None


def require_setting(key: str) -> None:
    """SettingError, naming the settings there are, unless `key` is one of them."""
    if key not in Settings.model_fields:
        raise SettingError(f"unknown setting '{key}'; settings: {', '.join(Settings.model_fields)}")


def parse_setting(key: str, text: str) -> Any:
    """A value typed at the command line, as the setting `key` stores it."""
    if key == "reduced_motion":
        words = {
            "on": True,
            "true": True,
            "yes": True,
            "1": True,
            "off": False,
            "false": False,
            "no": False,
            "0": False,
        }
        if text.strip().lower() not in words:
            raise SettingError(f"reduced_motion: expected on or off, got '{text}'")
        return words[text.strip().lower()]
    if text.strip().lower() in ("", "none", "unset") and key in ("name", "theme", "region"):
        return None
    return text
