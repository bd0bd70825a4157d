"""Finished entries, one TinyDB file per month, and the summaries that index them.

A save rewrites one month file (a few hundred entries at most), never the journal. Each
month has a summary file (`journal/index/YYYY-MM.json`: one document with a row per
entry, see `EntrySummary.to_row`) that records which version of the month file it
describes (its Signature). A summary that does not match its month file, e.g. after a
crash between the two writes, is rebuilt from the month. So history and the id lookup
read the small summaries; month files are parsed only when an entry's text is needed.

A search over answers reads each month's searchable text from its search file
(`journal/index/YYYY-MM.search.json`), kept the same way (rebuilt when it does not match
its month), so searching 100,000 entries parses no month file. A month's search file is
removed before the month is written, so it never holds words the month no longer has.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cbt_tui.domain.entries import Entry, EntrySummary
from cbt_tui.store.checking import checked_entries
from cbt_tui.store.errors import StoreError, StoreProblem, os_failure
from cbt_tui.store.files import Signature, StoreFiles, fsync_folder, replace_documents
from cbt_tui.store.layout import ENTRIES, Layout

_SOURCE, _SUMMARIES, _FIELDS, _ROWS, _TEXTS = "source", "summaries", "fields", "rows", "texts"


@dataclass(frozen=True)
class _Month:
    source: Signature
    summaries: list[EntrySummary]


class Journal:
    """The month files. Use with the store lock held, after `refresh()`."""

    def __init__(self, layout: Layout, files: StoreFiles) -> None:
        self._layout = layout
        self._files = files
        self._months: dict[str, _Month] = {}
        self._copies: dict[str, list[tuple[str, EntrySummary]]] = {}
        """Entry id → every (month, summary) holding it, newest first."""
        self._duplicated: set[str] = set()
        """Ids held by more than one month: a move that a crash interrupted."""
        self._texts: dict[str, tuple[Signature, dict[str, str]]] = {}
        """By month: the version of the month file and each entry's searchable text."""

    def refresh(self) -> None:
        """Catch up with the month files on disk; costs one stat per month when unchanged."""
        on_disk = {month: Signature.of(self._layout.month_file(month)) for month in self._layout.months()}
        for month in [month for month in self._months if on_disk.get(month) is None]:
            self._set_month(month, None)
        for month, signature in on_disk.items():
            known = self._months.get(month)
            if signature is not None and (known is None or known.source != signature):
                self._set_month(month, self._load(month, signature))

    def newest(self, entry_id: str) -> tuple[str, EntrySummary] | None:
        """The month and summary of the newest copy of an entry, if the journal has one."""
        copies = self._copies.get(entry_id)
        return copies[0] if copies else None

    def newest_month(self, entry_id: str) -> str | None:
        """The month holding the newest copy of an entry."""
        newest = self.newest(entry_id)
        return newest[0] if newest else None

    def months_holding(self, entry_id: str) -> list[str]:
        return [month for month, _ in self._copies.get(entry_id, ())]

    def superseded(self) -> list[tuple[str, str]]:
        """(month, id) of older copies left by a move that a crash interrupted."""
        return [(month, entry_id) for entry_id in self._duplicated for month, _ in self._copies[entry_id][1:]]

    def months(self, newest_first: bool = False) -> list[str]:
        return sorted(self._months, reverse=newest_first)

    def summaries(self, month: str) -> list[EntrySummary]:
        """The newest copies held in that month."""
        return [summary for summary in self._months[month].summaries if self._copies[summary.id][0][0] == month]

    def ids(self) -> Iterable[str]:
        return self._copies.keys()

    def find(self, entry_id: str) -> Entry | None:
        """The newest copy of an entry, reading only its month file."""
        newest = self.newest(entry_id)
        if newest is None:
            return None
        return next(iter(self.entries(newest[0], {entry_id})), None)

    def entries(self, month: str, only: set[str] | None = None) -> list[Entry]:
        """Entries stored in a month file (those in `only`, if given), validated."""
        path = self._layout.month_file(month)
        table = (self._files.read(path) or {}).get(ENTRIES, {})
        return stored_entries(path, ENTRIES, table, self._files.problems, only)

    def search_texts(self, month: str) -> dict[str, str]:
        """Each entry's searchable text (`answers.searchable_text`) in a month file, by id:
        kept in memory and in the month's search file while the month is unchanged."""
        path = self._layout.month_file(month)
        signature = Signature.of(path)
        if signature is None:
            return {}
        known = self._texts.get(month)
        if known is not None and known[0] == signature:
            return known[1]
        texts = self._saved_texts(month, signature)
        if texts is None:
            texts = _searchable_texts((self._files.read(path) or {}).get(ENTRIES, {}))
            data = {_SOURCE: {"1": signature.to_json()}, _TEXTS: {"1": texts}}
            with suppress(StoreError):  # only a cache: the next search builds it again
                self._files.write(self._layout.search_file(month), data, derived=True)
        self._texts[month] = (signature, texts)
        return texts

    def _saved_texts(self, month: str, signature: Signature) -> dict[str, str] | None:
        """The search file's texts when it describes this version of the month file."""
        saved = self._files.read(self._layout.search_file(month), derived=True)
        if saved is None or saved.get(_SOURCE, {}).get("1") != signature.to_json():
            return None
        texts = saved.get(_TEXTS, {}).get("1")
        if not isinstance(texts, dict) or not all(type(text) is str for text in texts.values()):
            return None  # edited or damaged: rebuilt from the month
        return texts

    def _forget_texts(self, month: str) -> None:
        """Drop a month's search text, on disk too: called before the month changes, so
        that a deleted entry's words are gone from the search file whatever happens next."""
        self._texts.pop(month, None)
        search_file = self._layout.search_file(month)
        try:
            os.unlink(search_file)
            fsync_folder(search_file.parent)
        except FileNotFoundError:
            pass
        except OSError as error:
            raise os_failure(error, search_file, "remove") from None

    def write(self, month: str, upserts: list[Entry], removals: set[str]) -> None:
        """Replace, add and remove entries of one month in one atomic write."""
        path = self._layout.month_file(month)
        self._forget_texts(month)
        replaced = {entry.id for entry in upserts} | removals
        with self._files.database(path) as db:
            replace_documents(db.table(ENTRIES, cache_size=0), [entry.to_json() for entry in upserts], removals)
        signature = Signature.of(path)
        known = self._months.get(month)
        kept = [s for s in known.summaries if s.id not in replaced] if known else []
        summaries = kept + [EntrySummary.of(entry) for entry in upserts]
        self._save_summaries(month, signature, summaries)
        self._set_month(month, None if signature is None else _Month(signature, summaries))

    def _load(self, month: str, signature: Signature) -> _Month | None:
        """Summaries from the summary file when it matches, else rebuilt from the month."""
        shard = self._files.read(self._layout.summary_file(month), derived=True)
        if shard is not None and shard.get(_SOURCE, {}).get("1") == signature.to_json():
            try:
                summaries = shard[_SUMMARIES]["1"]
                if summaries[_FIELDS] == list(EntrySummary._fields) and isinstance(summaries[_ROWS], list):
                    return _Month(signature, [EntrySummary.from_row(row) for row in summaries[_ROWS]])
            except (KeyError, ValueError):
                pass  # a damaged or edited summary file is rebuilt below
        entries = self.entries(month)
        current = Signature.of(self._layout.month_file(month))
        if current is None:  # unreadable: it has been moved aside
            return None
        summaries = [EntrySummary.of(entry) for entry in entries]
        self._save_summaries(month, current, summaries)
        return _Month(current, summaries)

    def _save_summaries(self, month: str, source: Signature | None, summaries: list[EntrySummary]) -> None:
        if source is None:
            return
        rows = [summary.to_row() for summary in summaries]
        data = {_SOURCE: {"1": source.to_json()}, _SUMMARIES: {"1": {_FIELDS: list(EntrySummary._fields), _ROWS: rows}}}
        with suppress(StoreError):  # only a cache: the next reader rebuilds it from the month file
            self._files.write(self._layout.summary_file(month), data, derived=True)

    def _set_month(self, month: str, known: _Month | None) -> None:
        """Replace what is known of a month (None: it is gone), keeping `_copies` in step."""
        previous = self._months.pop(month, None)
        for entry_id in {summary.id for summary in previous.summaries} if previous else ():
            self._store_copies(entry_id, [copy for copy in self._copies[entry_id] if copy[0] != month])
        if known is None:
            return
        self._months[month] = known
        for summary in known.summaries:
            self._store_copies(summary.id, [*self._copies.get(summary.id, ()), (month, summary)])

    def _store_copies(self, entry_id: str, copies: list[tuple[str, EntrySummary]]) -> None:
        if len(copies) > 1:
            copies.sort(key=lambda copy: copy[1].updated_at, reverse=True)
            self._duplicated.add(entry_id)
        else:
            self._duplicated.discard(entry_id)
        if copies:
            self._copies[entry_id] = copies
        else:
            del self._copies[entry_id]


def _searchable_texts(table: dict[str, Any]) -> dict[str, str]:
    """By id, the searchable text of each document of a month's table, as stored (no
    validation: a search only compares text)."""
    from cbt_tui.domain.answers import searchable_text  # the pack models: only when building

    texts: dict[str, str] = {}
    for document in table.values():
        entry_id = document.get("id") if isinstance(document, dict) else None
        if isinstance(entry_id, str):
            texts[entry_id] = searchable_text(document.get("answers"))
    return texts


def stored_entries(
    path: Path, name: str, table: dict[str, Any], problems: list[StoreProblem], only: set[str] | None = None
) -> list[Entry]:
    """The valid entries of the file's table `name` (those in `only`, if given); one that
    does not validate is skipped and reported, and its file left as it is."""
    documents = [(f"{name}[{doc_id}]", doc) for doc_id, doc in table.items() if only is None or doc.get("id") in only]
    lines: list[str] = []
    entries = [entry for _, entry in checked_entries(documents, lines)]
    for line in lines:
        problem = StoreProblem(path, f"{line}; the file was left as it is")
        if problem not in problems:
            problems.append(problem)
    return entries
