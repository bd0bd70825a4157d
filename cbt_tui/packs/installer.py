"""Installing and removing packs in the data home's `packs/` folder, all or nothing.

Every installed pack is a folder named by its id, `packs/<id>/`: a folder pack is
copied as a folder (its header and the exercise files the loader reads, nothing else),
a single-file pack becomes `packs/<id>/pack.yaml`. One shape makes an upgrade one
folder swap, and `load_catalog` finds it as it finds any pack folder.

A change is built in a hidden folder beside the target (`.<id>.new-*`, which the
catalog skips), read back with the loader, and only then renamed into place; the old
copy is renamed aside (`.<id>.old-*`) first and deleted last. A crash leaves either the
old pack or the new one in place, or (between the two renames) the old one aside,
which the next install or remove puts back. No store access here: the CLI records the
result (`Store.record_pack`) once the files are in place.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import semver
from filelock import FileLock

from cbt_tui.domain.packs.errors import PackError
from cbt_tui.domain.packs.models import Pack
from cbt_tui.packs.catalog import builtin_pack_ids, pack_sources
from cbt_tui.packs.loader import exercise_files, header_file, load_pack
from cbt_tui.packs.yaml_source import YamlProblem, read_regular_bytes
from cbt_tui.paths import ensure_data_home, installed_packs_dir
from cbt_tui.store.files import fsync_folder, write_all

_LOCK_NAME = ".install.lock"


class PackRefused(Exception):
    """The pack was not installed or removed; nothing changed. `lines` say why."""

    def __init__(self, *lines: str, errors: list[PackError] | None = None) -> None:
        self.errors = errors or []
        self.lines = [str(error) for error in self.errors] + list(lines)
        super().__init__("\n".join(self.lines))


@dataclass(frozen=True)
class InstalledCopy:
    """A pack in `packs/` as found on disk (`pack` is None when it does not load)."""

    path: Path
    pack: Pack | None


@dataclass(frozen=True)
class InstallOutcome:
    pack: Pack
    path: Path
    previous: str | None
    """The version that was installed before, if any."""

    @property
    def verb(self) -> str:
        if self.previous is None:
            return "installed"
        change = self.pack.semantic_version
        before = semver.Version.parse(self.previous)
        return "upgraded" if change > before else "reinstalled" if change == before else "downgraded"


def installed_copies(pack_id: str, packs_dir: Path | None = None) -> list[InstalledCopy]:
    """Every copy of `pack_id` in the packs folder, including a broken one at its usual name."""
    packs_dir = packs_dir or installed_packs_dir()
    found = []
    for source in pack_sources(packs_dir):
        result = load_pack(source)
        if result.pack is not None and result.pack.id == pack_id:
            found.append(InstalledCopy(source, result.pack))
        elif result.pack is None and source.name in (pack_id, f"{pack_id}.yaml", f"{pack_id}.yml"):
            found.append(InstalledCopy(source, None))
    return found


def check_install(
    source: Path, *, force: bool = False, packs_dir: Path | None = None
) -> tuple[Pack, list[InstalledCopy]]:
    """Validate `source` and decide whether it may be installed; raises PackRefused.

    Reads only: nothing is written, so a refused pack changes nothing at all.
    """
    packs_dir = packs_dir or installed_packs_dir()
    result = load_pack(source, reserved_ids=builtin_pack_ids())
    if result.errors or result.pack is None:
        raise PackRefused(errors=result.errors)
    pack = result.pack
    copies = installed_copies(pack.id, packs_dir)
    _check_version(pack, copies, force)
    return pack, copies


def _check_version(pack: Pack, copies: list[InstalledCopy], force: bool) -> None:
    """Only a newer version replaces an installed one, unless forced."""
    versions = [copy.pack.semantic_version for copy in copies if copy.pack is not None]
    if not versions or force:
        return
    newest = max(versions)
    incoming = pack.semantic_version
    if incoming == newest:
        raise PackRefused(f"{pack.id} {newest} is already installed; use --force to install it again")
    if incoming < newest:
        raise PackRefused(
            f"{pack.id} {pack.version} is older than the installed {newest}; use --force to install it anyway"
        )


def install_pack(source: Path, *, force: bool = False, packs_dir: Path | None = None) -> InstallOutcome:
    """Install or upgrade the pack at `source` under `packs/<id>/`; raises PackRefused."""
    packs_dir = packs_dir or installed_packs_dir()
    pack, _ = check_install(source, force=force, packs_dir=packs_dir)
    if packs_dir == installed_packs_dir():
        ensure_data_home()
    packs_dir.mkdir(parents=True, exist_ok=True, mode=_FOLDER_MODE)
    with suppress(OSError):  # ours to keep private, whoever made it and with whatever umask
        os.chmod(packs_dir, _FOLDER_MODE)
    with _locked(packs_dir):
        copies = installed_copies(pack.id, packs_dir)  # again: another install may have run meanwhile
        _check_version(pack, copies, force)
        installed = [c.pack for c in copies if c.pack is not None]
        previous = max(installed, key=lambda p: p.semantic_version).version if installed else None
        target = packs_dir / pack.id
        staging = Path(tempfile.mkdtemp(prefix=f".{pack.id}.new-", dir=packs_dir))
        try:
            _copy_pack(source, staging)
            copied = load_pack(staging)
            if not copied.ok or copied.pack is None or copied.pack != pack:
                raise PackRefused(
                    f"{source}: the copy did not read back the same (did it change meanwhile?); nothing was installed"
                )
            _swap_into_place(staging, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        for copy in copies:  # other copies of this id (e.g. a `<id>.yaml` put there by hand)
            if copy.path != target:
                _delete(copy.path)
        _fsync_folder(packs_dir)
    return InstallOutcome(pack, target, previous)


def remove_pack(pack_id: str, packs_dir: Path | None = None) -> list[InstalledCopy]:
    """Delete every installed copy of `pack_id`; returns what was removed (maybe nothing)."""
    packs_dir = packs_dir or installed_packs_dir()
    if pack_id in builtin_pack_ids():
        raise PackRefused(f"'{pack_id}' is a built-in pack; built-in packs cannot be removed")
    if not packs_dir.is_dir():
        return []
    with _locked(packs_dir):
        copies = installed_copies(pack_id, packs_dir)
        for copy in copies:
            _delete(copy.path)
        _fsync_folder(packs_dir)
    return copies


def _copy_pack(source: Path, staging: Path) -> None:
    """Copy what the loader reads: the header and exercise files, or the one pack file.

    Folders are made 0700 and files 0600 whatever the umask: a therapist's pack says
    what a person is working on, and the data home is theirs alone.
    """
    os.chmod(staging, _FOLDER_MODE)
    header = header_file(source) if source.is_dir() else None
    if header is None:
        _write_private(staging / "pack.yaml", source)
        return
    for file in [header, *exercise_files(source)]:
        destination = staging / file.relative_to(source)
        for folder in reversed(destination.relative_to(staging).parents[:-1]):
            _private_folder(staging / folder)
        _write_private(destination, file)


_FILE_MODE = 0o600
_FOLDER_MODE = 0o700


def _private_folder(folder: Path) -> None:
    folder.mkdir(mode=_FOLDER_MODE, exist_ok=True)
    os.chmod(folder, _FOLDER_MODE)


def _write_private(destination: Path, source: Path) -> None:
    """Write a copy of the regular file `source`, 0600 and synced to disk."""
    try:
        data = read_regular_bytes(source)
    except YamlProblem as problem:
        raise PackRefused(errors=[problem.error]) from None
    fd = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _FILE_MODE)
    try:
        os.fchmod(fd, _FILE_MODE)
        write_all(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def _swap_into_place(staging: Path, target: Path) -> None:
    """Rename the new copy to `target`; an old copy goes aside first and is deleted last."""
    aside = None
    if target.exists() or target.is_symlink():
        aside = target.with_name(f".{target.name}.old-{os.getpid()}-{os.urandom(3).hex()}")
        os.rename(target, aside)
    try:
        os.rename(staging, target)
    except BaseException:
        if aside is not None:
            os.rename(aside, target)
        raise
    if aside is not None:
        _remove_tree(aside)


def _delete(path: Path) -> None:
    """Rename aside, then delete: the catalog never sees half a pack."""
    aside = path.with_name(f".{path.name}.gone-{os.getpid()}-{os.urandom(3).hex()}")
    os.rename(path, aside)
    _remove_tree(aside)


def _remove_tree(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with suppress(FileNotFoundError):
            path.unlink()


@contextmanager
def _locked(packs_dir: Path) -> Iterator[None]:
    """One installer at a time; leftovers of one that crashed are settled first."""
    with FileLock(packs_dir / _LOCK_NAME, timeout=30, mode=0o600):
        _recover(packs_dir)
        yield


def _recover(packs_dir: Path) -> None:
    """Put back an old copy a crash left aside (its replacement never arrived); drop the rest."""
    for leftover in sorted(packs_dir.glob(".*.old-*")):
        name = leftover.name[1:].rsplit(".old-", 1)[0]
        original = packs_dir / name
        if not original.exists():
            os.rename(leftover, original)
        else:
            _remove_tree(leftover)
    for pattern in (".*.new-*", ".*.gone-*"):
        for leftover in packs_dir.glob(pattern):
            _remove_tree(leftover)


def _fsync_folder(folder: Path) -> None:
    with suppress(OSError):
        fsync_folder(folder)
