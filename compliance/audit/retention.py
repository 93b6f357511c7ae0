"""How long the audit record is kept: `retention.json` in the record folder says for how many
days and whether a legal hold stops every purge; `purge` deletes whole daily files past
retention and leaves the purge anchor from which the remaining chain verifies."""
from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
from pathlib import Path
from typing import Any, Mapping

from .records import PURGED_FILE, AuditError, file_day, read_json_object, read_records, record_files, verify

RETENTION_FILE = "retention.json"
DEFAULT_RETENTION_DAYS = 1095  # three years: FINRA rule 2210's retention of communications



def _write_json(path: Path, data: Mapping[str, Any]) -> None:
    """Replace `path` with `data`, durably: a crash leaves the old file or the new one."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with open(fd, "w", encoding="utf-8") as f:
        f.write(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    dirfd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dirfd)
    finally:
        os.close(dirfd)


class _Locked:
    """The record folder's append lock, held while the block runs."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __enter__(self) -> None:
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            self.lock = open(os.open(self.folder / ".lock", os.O_WRONLY | os.O_CREAT, 0o600), "w")
        except OSError as exc:
            raise AuditError(f"{self.folder}: cannot lock the record folder: {exc.strerror or exc}") from None
        fcntl.flock(self.lock, fcntl.LOCK_EX)

    def __exit__(self, *exc: object) -> None:
        self.lock.close()



def read_retention(folder: str | Path) -> dict[str, Any]:
    """`{"retention_days", "legal_hold"}` of the record folder: its retention.json, else
    DEFAULT_RETENTION_DAYS and no hold."""
    path = Path(folder) / RETENTION_FILE
    data = read_json_object(path) or {}
    days, hold = data.get("retention_days", DEFAULT_RETENTION_DAYS), data.get("legal_hold", False)
    if isinstance(days, bool) or not isinstance(days, int) or days < 1 or not isinstance(hold, bool):
        raise AuditError(f"{path}: retention_days must be a whole number of days and legal_hold true or false")
    return {"retention_days": days, "legal_hold": hold}


def keep_records(folder: str | Path, retention_days: int = DEFAULT_RETENTION_DAYS, legal_hold: bool = False) -> dict[str, Any]:
    """Start recording in `folder`: retention.json keeps records at least `retention_days`
    days, under a legal hold too when `legal_hold`. It never shortens the retention or lifts
    a hold already set (only `set_retention` does). Returns the retention now in force."""
    folder = Path(folder)
    try:
        with _Locked(folder):
            current = read_retention(folder)
            wanted = {"retention_days": max(current["retention_days"], retention_days),
                      "legal_hold": current["legal_hold"] or legal_hold}
            if wanted != current or not (folder / RETENTION_FILE).exists():
                _write_json(folder / RETENTION_FILE, wanted)
    except OSError as exc:
        raise AuditError(f"{folder}: cannot write {RETENTION_FILE}: {exc.strerror or exc}") from None
    return wanted


def set_retention(folder: str | Path, *, retention_days: int | None = None,
                  legal_hold: bool | None = None) -> dict[str, Any]:
    """Set the record folder's retention and legal hold to the values given (the others
    stay) and return the retention now in force."""
    folder = Path(folder)
    try:
        with _Locked(folder):
            wanted = read_retention(folder)
            if retention_days is not None:
                wanted["retention_days"] = retention_days
            if legal_hold is not None:
                wanted["legal_hold"] = legal_hold
            _write_json(folder / RETENTION_FILE, wanted)
    except OSError as exc:
        raise AuditError(f"{folder}: cannot write {RETENTION_FILE}: {exc.strerror or exc}") from None
    return wanted


def purge(folder: str | Path, before: dt.date, *, retention_days: int | None = None,
          today: dt.date | None = None) -> list[Path]:
    """Delete the daily record files of `folder` for days before `before` and return them.
    The last record deleted becomes purged.json's anchor, so the chain that is left still
    verifies. AuditError, and nothing deleted, under a legal hold, when a file is inside the
    retention period (`retention_days`, else retention.json's: a day's records are kept that
    many days), or when the chain does not verify (a purge must not hide a broken record);
    AuditError too when a file cannot be deleted (purged.json then names the last record
    that was)."""
    folder = Path(folder)
    today = today or dt.datetime.now(dt.timezone.utc).date()
    with _Locked(folder):
        retention = read_retention(folder)
        if retention["legal_hold"]:
            raise AuditError(f"{folder}: a legal hold is set, so nothing may be purged "
                             f"(`compliance audit hold {folder} --off` lifts it)")
        days = retention["retention_days"] if retention_days is None else retention_days
        old = [p for p in record_files(folder) if file_day(p) < before]
        kept = [p for p in old if file_day(p) + dt.timedelta(days=days) > today]
        if kept:
            raise AuditError(f"{kept[-1]}: inside the retention period of {days:,} days (until "
                             f"{file_day(kept[-1]) + dt.timedelta(days=days)}), so nothing was purged; the latest "
                             f"--before allowed today is {today - dt.timedelta(days=days - 1)}")
        if not old:
            return []
        result = verify(folder)
        if not result.ok:
            raise AuditError(f"the record does not verify, so nothing was purged: {result.problem}")
        lasts: dict[Path, dict[str, Any]] = {}  # each file's last record
        for path, _, record in read_records(folder):
            lasts[path] = record
        previous = read_json_object(folder / PURGED_FILE) or {}

        def anchor(done: list[Path]) -> None:
            """Make purged.json name the last record of the files `done` (oldest first)."""
            last = next((lasts[p] for p in reversed(done) if p in lasts), None)
            if last is None:
                return
            purges = list(previous.get("purges", [])) + [
                {"time": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "before": before.isoformat(),
                 "files": [p.name for p in done], "through_seq": last["seq"]}]
            _write_json(folder / PURGED_FILE, {"seq": last["seq"], "hash": last["hash"], "purges": purges})

        done: list[Path] = []
        try:
            # The anchor first: a file deleted without it would break the chain.
            anchor(old)
            for path in old:
                path.unlink()
                done.append(path)
        except OSError as exc:
            try:  # the anchor must name the last record actually deleted
                if done:
                    anchor(done)
                elif previous:
                    _write_json(folder / PURGED_FILE, previous)
                else:
                    (folder / PURGED_FILE).unlink(missing_ok=True)
            except OSError:
                pass
            raise AuditError(f"{exc.filename or folder}: cannot purge: {exc.strerror or exc} "
                             f"({len(done)} of {len(old)} files purged)") from None
    return old
