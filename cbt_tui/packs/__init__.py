"""Reading, installing and cataloguing packs: the file side of the pack format.

The rules of the format (models, cross-checks, errors) are pure and live in
`cbt_tui.domain.packs`; this package reads YAML files into them, keeps the catalog of
built-in and installed packs, and installs packs into the data home.
"""
