"""Ctrl-C under ``ctrl_c_cancels``: a running statement is cancelled in the server, work
inside a transaction stops at the next checkpoint, and the connection is always left
in a state where rolling back works (psycopg issue 231 otherwise)."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest
from psycopg.pq import TransactionStatus

from chargewatch.interrupts import checkpoint, ctrl_c_cancels, held, is_interruption
from chargewatch.warehouse.connect import Connection


def _ctrl_c_in(seconds: float) -> threading.Timer:
    timer = threading.Timer(seconds, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    return timer


def test_a_running_statement_is_cancelled_and_leaves_as_keyboard_interrupt(
    conn: Connection,
) -> None:
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt), ctrl_c_cancels(conn), conn.transaction():
        _ctrl_c_in(0.3)
        conn.execute("select pg_sleep(30)")
    assert time.monotonic() - started < 10
    assert conn.info.transaction_status == TransactionStatus.IDLE
    assert conn.execute("select 1").fetchone() == (1,)


def test_inside_a_transaction_the_work_stops_at_the_next_checkpoint(conn: Connection) -> None:
    reached = []
    with pytest.raises(KeyboardInterrupt), ctrl_c_cancels(conn), conn.transaction():
        conn.execute("create temporary table kept (n int)")
        _ctrl_c_in(0.1).join()
        time.sleep(0.2)  # the handler has run by now, and raised nothing
        reached.append("after the signal")
        checkpoint()
        reached.append("after the checkpoint")
    assert reached == ["after the signal"]
    assert conn.execute("select to_regclass('pg_temp.kept')").fetchone() == (None,)


def test_outside_a_transaction_it_stops_at_once_unless_held(conn: Connection) -> None:
    with pytest.raises(KeyboardInterrupt), ctrl_c_cancels(conn):
        _ctrl_c_in(0).join()
        time.sleep(1)
        pytest.fail("Ctrl-C outside a transaction did not stop the work")
    with ctrl_c_cancels(conn), held():
        _ctrl_c_in(0).join()
        time.sleep(0.2)
        with pytest.raises(KeyboardInterrupt):
            checkpoint()


def test_only_a_ctrl_c_makes_a_cancelled_statement_an_interruption(conn: Connection) -> None:
    with pytest.raises(Exception) as timeout, conn.transaction():
        conn.execute("set local statement_timeout = 50")
        conn.execute("select pg_sleep(5)")
    assert not is_interruption(timeout.value)
    assert type(timeout.value).__name__ == "QueryCanceled"


def test_a_second_ctrl_c_stops_at_once(conn: Connection) -> None:
    with pytest.raises(KeyboardInterrupt), ctrl_c_cancels(conn), held():
        _ctrl_c_in(0).join()
        _ctrl_c_in(0).join()
        time.sleep(1)
        pytest.fail("a second Ctrl-C did not stop the work")
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
