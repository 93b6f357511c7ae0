"""`compliance scan`: a JSONL batch, one result line per input line, in order, whatever the
input holds; interrupted or out of disk, the output keeps only complete lines."""
from __future__ import annotations

import os
import signal
import sys
from typing import IO, Iterable, Iterator

import click

from ..audit.packs import pack_files
from ..audit.records import AuditError, AuditLog, checked_line, post_metadata
from ..batch import Line, scan_lines
from ..checker import Checker
from ..output import FORMATS
from ..parallel import WorkerLost
from ..posts import MAX_TEXT_LENGTH
from ..errors import PackError
from ..project.config import Checkers, Settings, config_for
from .common import (EXIT_APPROVAL, EXIT_ERROR, EXIT_OK, EXIT_STATUSES, EXIT_VIOLATIONS, config_option, fail,
                     fail_on_option, no_builtin_option, pack_option, record_option)


class _Sink:
    """A text stream for the formatter that writes whole lines in batches; after a failed
    write the file is cut back to the last complete line, so it never ends in half a line."""

    def __init__(self, stream: IO[bytes], truncatable: bool) -> None:
        self.stream, self.truncatable = stream, truncatable
        self.pending: list[bytes] = []
        self.lines = 0
        self.good = stream.tell() if truncatable else 0

    def write(self, text: str) -> None:
        self.pending.append(text.encode("utf-8"))
        if len(self.pending) >= 64:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        data = b"".join(self.pending)
        try:
            self.stream.write(data)
            self.stream.flush()
        except OSError:
            if self.truncatable:
                try:
                    self.stream.truncate(self.good)
                except OSError:
                    pass
            raise
        self.good += len(data)
        self.lines += len(self.pending)
        self.pending = []


class _Interrupted(BaseException):  # like KeyboardInterrupt: no `except Exception` may swallow it
    def __init__(self, signum: int) -> None:
        self.signum = signum


def _raise_interrupted(signum, frame):  # noqa: ARG001 - signal handler signature
    raise _Interrupted(signum)


def _keeping(lines: Iterable[bytes], kept: dict[int, bytes], skip: int) -> Iterator[bytes]:
    """The input's lines, each after the first `skip` also kept in `kept` under its number
    until its output line arrives and is recorded."""
    for number, raw in enumerate(lines, start=1):
        if number > skip:
            kept[number] = raw
        yield raw


class _Recorder:
    """Records each checked post of a scan as its output line arrives, in output order,
    whichever process checked it."""

    def __init__(self, log: AuditLog, settings: Settings, checker: Checker, source: str, max_chars: int,
                 keep_text: bool) -> None:
        self.log, self.settings, self.checker, self.source = log, settings, checker, source
        self.max_chars, self.keep_text = max_chars, keep_text
        self.pack_files = pack_files(settings.packs, settings.builtin)

    def record(self, line: Line, raw: bytes) -> None:
        """Add the check record of the post on input line `raw`; nothing for a line that could
        not be checked (nothing was evaluated). AuditError when it cannot be written."""
        checked = checked_line(line, raw, self.max_chars, self.checker.fail_on)
        if checked is None:
            return
        post, report, author = checked
        metadata = post_metadata(post, report, command="scan", fail_on=self.settings.fail_on, author=author,
                                 path=self.source, line=line.number)
        self.log.record_check(report, self.checker.rule_set, text=post.text, metadata=metadata,
                              keep_text=self.keep_text, pack_files=self.pack_files)


def _resume_point(output: str) -> int:
    """How many complete lines `output` already holds (a cut last line is removed)."""
    if not os.path.exists(output):
        return 0
    with open(output, "rb+") as f:
        data = f.read()
        complete = data[:data.rfind(b"\n") + 1]
        if len(complete) != len(data):
            f.truncate(len(complete))
    return complete.count(b"\n")


@click.command(epilog=EXIT_STATUSES)
@click.argument("input_path", metavar="INPUT")
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False),
              help="Write results here instead of standard output.")
@click.option("--max-chars", type=click.IntRange(min=1), default=MAX_TEXT_LENGTH, show_default=True,
              help="Longest text a line may have; a longer one gets an error object.")
@click.option("--resume", is_flag=True, help="Keep the complete lines already in --output and go on after them.")
@click.option("--processes", type=click.IntRange(min=1), default=1, show_default=True,
              help="Check in this many worker processes; the output is the same as with one.")
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Check on the Dask scheduler at ADDRESS (needs post-compliance[dask]); INPUT may then also "
                   "be Parquet shards (a folder, a glob or a .parquet file with a text column); same output.")
@config_option
@click.option("--report-unused-waivers/--no-report-unused-waivers", default=None,
              help="Report a post's waivers that waive nothing [default: the configuration's setting, on when "
                   "$CI is set].")
@pack_option
@fail_on_option
@no_builtin_option
@record_option
def scan(input_path: str, fmt: str, output: str | None, max_chars: int, resume: bool, processes: int,
         dask_address: str | None, config: str | None, report_unused_waivers: bool | None, packs: tuple[str, ...], fail_on: str | None,
         no_builtin: bool, record: str | None) -> None:
    """Check a JSONL file of posts (INPUT, or - for standard input): one result line per input line.
    The project configuration found from INPUT's folder upward applies (its top-level settings)."""
    if resume and not output:
        fail("--resume needs --output: the file to go on with")
    parquet = False
    if dask_address:
        try:
            from .. import dask as on_dask
        except ImportError:
            fail("--dask needs Dask: pip install 'post-compliance[dask]'")
        parquet = on_dask.is_parquet(input_path)
    try:
        settings = config_for(os.getcwd() if input_path == "-" else input_path, config).settings_for(None)
        settings = settings.with_command_line(packs=packs, builtin=False if no_builtin else None, fail_on=fail_on,
                                              report_unused_waivers=report_unused_waivers, record=record)
        checker = Checkers().get(settings)
        log = settings.record.open() if settings.record else None
    except (PackError, AuditError) as exc:
        fail(str(exc))
    if parquet and log:
        fail("--record needs a JSONL input (Parquet shards are read by the Dask workers)")
    try:
        source: IO[bytes] = (sys.stdin.buffer if input_path == "-" else open(os.devnull if parquet else input_path,
                                                                            "rb"))
    except OSError as exc:
        fail(f"{input_path}: cannot read: {exc.strerror or exc}")
    skip = _resume_point(output) if resume and output else 0
    try:
        stream: IO[bytes] = open(output, "ab" if resume else "wb") if output else sys.stdout.buffer
    except OSError as exc:
        fail(f"{output}: cannot write: {exc.strerror or exc}")
    sink = _Sink(stream, truncatable=bool(output) and stream.seekable())
    formatter = FORMATS[fmt](sink)
    formatter.begin(checker.rule_set)
    name = "<stdin>" if input_path == "-" else input_path
    counts = {"lines": skip, "findings": 0, "errors": 0}
    failed = blocked = False
    progress = sys.stderr.isatty()
    # SIGINT too: a shell starts background jobs with it ignored, and a pipeline stopping the
    # scan must still get complete lines and a count.
    previous = {s: signal.signal(s, _raise_interrupted) for s in (signal.SIGINT, signal.SIGTERM)}
    status = EXIT_OK
    kept: dict[int, bytes] = {}
    recorder = _Recorder(log, settings, checker, name, max_chars, settings.record.keep_text) if log else None
    read = _keeping(source, kept, skip) if recorder else source
    lines = (on_dask.scan_lines(dask_address, checker, input_path, None if parquet else read, name, max_chars, skip)
             if dask_address else scan_lines(checker, read, name, max_chars, skip, processes))
    try:
        for line in lines:
            number = counts["lines"] = line.number
            if recorder:
                recorder.record(line, kept.pop(number))
            formatter.write(line.obj)
            counts["errors"] += line.error
            counts["findings"] += line.findings
            failed = failed or line.failed
            blocked = blocked or (line.failed and not line.approval)
            if progress and number % 50 == 0:
                sys.stderr.write(f"\rscanned {number} lines")
        formatter.end()
        status = (EXIT_ERROR if counts["errors"] else EXIT_VIOLATIONS if blocked else EXIT_APPROVAL if failed
                  else EXIT_OK)
    except (KeyboardInterrupt, _Interrupted) as exc:
        _flush_quietly(sink)
        signum = exc.signum if isinstance(exc, _Interrupted) else signal.SIGINT
        _stop(f"interrupted: {skip + sink.lines:,} complete lines are in {output or 'the output'}"
              + ("; run again with --resume to go on" if output else ""), 128 + signum, progress)
    except WorkerLost as exc:
        _flush_quietly(sink)
        _stop(f"{exc} ({skip + sink.lines:,} complete lines are in {output or 'the output'})", EXIT_ERROR, progress)
    except OSError as exc:
        _stop(f"cannot write {output or 'the output'}: {exc.strerror or exc} ({skip + sink.lines:,} complete "
              "lines written)", EXIT_ERROR, progress)
    except AuditError as exc:
        _flush_quietly(sink)
        _stop(f"{exc} ({skip + sink.lines:,} complete lines are in {output or 'the output'})", EXIT_ERROR, progress)
    finally:
        lines.close()  # worker processes end before the closing message
        for s, handler in previous.items():
            signal.signal(s, handler)
        if source is not sys.stdin.buffer:
            source.close()
        if output:
            try:
                stream.close()
            except OSError:
                pass
    if progress:
        sys.stderr.write("\r\033[K")
    total = counts["lines"]
    click.echo(f"scanned {total:,} line{'s' * (total != 1)}: {counts['findings']:,} with findings, "
               f"{counts['errors']:,} could not be checked", err=True)
    sys.exit(status)


def _flush_quietly(sink: _Sink) -> None:
    try:
        sink.flush()
    except OSError:
        pass


def _stop(message: str, status: int, progress: bool) -> None:
    if progress:
        sys.stderr.write("\r\033[K")
    fail(message, status)
