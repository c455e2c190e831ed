"""Ctrl-C under ``ctrl_c_cancels``: never raised inside the database driver, where it
could leave a command half-consumed (psycopg issue 231); a running statement is
cancelled in the server instead, and the connection always ends in a state where
rolling back works."""

from __future__ import annotations

import os
import signal
import threading
import time

import psycopg
import pytest
from psycopg.adapt import Dumper
from psycopg.pq import TransactionStatus

from chargewatch.config import Settings
from chargewatch.errors import Interrupted
from chargewatch.interrupts import TOO_LATE, checkpoint, ctrl_c_cancels, held, is_interruption
from chargewatch.warehouse.connect import Connection, connect


def _ctrl_c() -> None:
    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(0.2)  # the handler runs at the next bytecode of the main thread


def _ctrl_c_once_running(settings: Settings, pattern: str) -> threading.Thread:
    """Ctrl-C as soon as another session shows a statement like ``pattern`` running."""

    def watch() -> None:
        with connect(settings, migrate=False) as other:
            for _ in range(2000):
                if other.execute(
                    "select count(*) from pg_stat_activity where state = 'active' "
                    "and query like %s and pid <> pg_backend_pid()",
                    (pattern,),
                ).fetchone() != (0,):
                    os.kill(os.getpid(), signal.SIGINT)
                    return
                time.sleep(0.005)

    thread = threading.Thread(target=watch)
    thread.start()
    return thread


def test_a_running_statement_is_cancelled_in_the_server(
    settings: Settings, conn: Connection
) -> None:
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt) as stopped, ctrl_c_cancels(conn), conn.transaction():
        watcher = _ctrl_c_once_running(settings, "select pg_sleep(30)%")
        conn.execute("select pg_sleep(30)")
    watcher.join()
    assert time.monotonic() - started < 10
    assert isinstance(stopped.value.__context__, psycopg.errors.QueryCanceled)
    assert conn.info.transaction_status == TransactionStatus.IDLE
    assert conn.execute("select 1").fetchone() == (1,)


class _Pressing:
    """A value whose adaptation presses Ctrl-C: a signal that arrives inside the driver."""


class _PressingDumper(Dumper):
    def dump(self, obj: object) -> bytes:
        _ctrl_c()
        return b"pressed"


def test_a_ctrl_c_inside_the_driver_stops_the_work_once_the_driver_returns(
    conn: Connection,
) -> None:
    conn.adapters.register_dumper(_Pressing, _PressingDumper)
    reached = []
    with pytest.raises(KeyboardInterrupt), ctrl_c_cancels(conn), conn.transaction():
        conn.execute("create temporary table kept (v text)")
        conn.execute("insert into kept (v) values (%s)", (_Pressing(),))
        reached.append("the statement finished")
        time.sleep(2)
        reached.append("not stopped")
    assert reached == ["the statement finished"]
    assert conn.execute("select to_regclass('pg_temp.kept')").fetchone() == (None,)


def test_outside_the_driver_it_stops_at_once_and_rolls_back(conn: Connection) -> None:
    with pytest.raises(KeyboardInterrupt), ctrl_c_cancels(conn), conn.transaction():
        conn.execute("create temporary table kept (v text)")
        _ctrl_c()
        pytest.fail("Ctrl-C inside a transaction, outside the driver, did not stop the work")
    assert conn.execute("select to_regclass('pg_temp.kept')").fetchone() == (None,)
    with pytest.raises(KeyboardInterrupt), ctrl_c_cancels(conn):
        _ctrl_c()
        pytest.fail("Ctrl-C outside a transaction did not stop the work")


def test_held_outside_a_transaction_it_waits_for_a_checkpoint_or_says_it_came_late(
    conn: Connection,
) -> None:
    reached = []
    with pytest.raises(KeyboardInterrupt), ctrl_c_cancels(conn), held():
        _ctrl_c()
        reached.append("after the Ctrl-C")
        checkpoint()
        reached.append("after the checkpoint")
    assert reached == ["after the Ctrl-C"]
    with pytest.raises(Interrupted) as late, ctrl_c_cancels(conn), held():
        _ctrl_c()
    assert late.value.message == TOO_LATE


def test_a_second_ctrl_c_stops_at_once(conn: Connection) -> None:
    before = signal.getsignal(signal.SIGINT)
    reached = []
    with pytest.raises(KeyboardInterrupt), ctrl_c_cancels(conn), held():
        _ctrl_c()
        reached.append("after the first")
        _ctrl_c()
        reached.append("after the second")
    assert reached == ["after the first"]
    assert signal.getsignal(signal.SIGINT) is before


def test_a_statement_cancelled_by_no_ctrl_c_stays_what_it_is(conn: Connection) -> None:
    with ctrl_c_cancels(conn), pytest.raises(psycopg.errors.QueryCanceled) as timeout:
        with conn.transaction():
            conn.execute("set local statement_timeout = 50")
            conn.execute("select pg_sleep(5)")
        assert not is_interruption(timeout.value)
    assert isinstance(timeout.value, psycopg.errors.QueryCanceled)
