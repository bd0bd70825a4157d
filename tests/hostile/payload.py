"""The hostile text every corpus file carries, and the bytes that must never reach a terminal.

An OSC that sets the window (tmux: pane) title, a CSI that clears the screen, the same as
an 8-bit C1 CSI, Rich markup (an unmatched closing tag raised MarkupError), a lone
surrogate (unencodable), a right-to-left override, Markdown image and raw HTML (a beacon
when rendered) and a spreadsheet formula.
"""

PAYLOAD = (
    "\x1b]0;PWNED\x07 \x1b[2J \x9b2J [bold red]markup[/] [/] \ud800 \u202e "
    '![img](http://evil.example/x.png) <img src=x onerror=alert(1)> =HYPERLINK("http://evil.example")'
)

#: Byte sequences that come only from the data: none may appear in any output (the last
#: is the lone surrogate, as Python writes it with "surrogatepass").
FORBIDDEN = (b"\x1b]0;PWNED", b"\x1b[2J", "\x9b".encode(), b"PWNED\x07", b"\xed\xa0\x80")


def leaked(output: bytes | str) -> list[bytes]:
    """The forbidden sequences found in `output` (text is encoded as a terminal gets it)."""
    data = output.encode("utf-8", "surrogatepass") if isinstance(output, str) else output
    return [sequence for sequence in FORBIDDEN if sequence in data]
