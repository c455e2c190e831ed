"""The OCPI Locations receiver (``chargewatch serve --ocpi``): a CPO pushes Locations,
EVSEs and their status changes, and each push is loaded like a pulled file.

Routes follow the eMSP receiver interface of OCPI 2.2.1 (§8.2.2), under
``/ocpi/{version}/locations/{country_code}/{party_id}/{location_id}[/{evse_uid}
[/{connector_id}]]``, for ``PUT`` (the whole object) and ``PATCH`` (its changed
fields and ``last_updated``). A request needs ``Authorization: Token <token>``
(the token in base64, as 2.2.1 sends it, or as it is, as 2.1.1 does): without
it, or with another, the answer is 401 and nothing is stored. A body over the
size limit is 413; one that is not a valid object is 400 naming what is wrong.
Answers carry the OCPI envelope (``status_code``, ``status_message``,
``timestamp``).

A push becomes an OCPI response holding the Location it speaks of (a PATCH of an
EVSE's status: that EVSE, that status, its time), stamped with the time it was
received, which is how long it watched the EVSE; it goes through
``ingest_file``, one push at a time, so it lands in the lake and is loaded as
source ``ocpi``. The same push twice adds no event.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import logging
import re
import tempfile
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from chargewatch.config import Settings
from chargewatch.errors import ChargewatchError
from chargewatch.lake import Lake
from chargewatch.pipeline import ingest_file
from chargewatch.sources.ocpi.locations import evse_rows
from chargewatch.warehouse.connect import connect

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 1 << 20
SUCCESS, CLIENT_ERROR, INVALID, SERVER_ERROR = 1000, 2000, 2001, 3000
PREFIX = "/ocpi/{version}/locations/{country_code}/{party_id}/{location_id}"


def envelope(code: int, message: str, http: int = 200) -> JSONResponse:
    """An OCPI response: its status code and message, and when it was given."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = {"status_code": code, "status_message": message, "timestamp": stamp}
    return JSONResponse(body, status_code=http)


def authorised(header: str | None, token: str) -> bool:
    """Whether ``Authorization`` carries the token, in base64 or as it is."""
    scheme, _, given = (header or "").partition(" ")
    if scheme.lower() != "token" or not given.strip():
        return False
    given_bytes, wanted = given.strip().encode(), token.encode()
    try:
        decoded = base64.b64decode(given_bytes, validate=True)
    except binascii.Error:
        decoded = b""
    return hmac.compare_digest(given_bytes, wanted) | hmac.compare_digest(decoded, wanted)


def pushed_location(path: dict[str, str], body: Any) -> dict[str, Any]:
    """The Location document a push stands for."""
    place: dict[str, Any] = {
        "country_code": path["country_code"],
        "party_id": path["party_id"],
        "id": path["location_id"],
    }
    if "evse_uid" not in path:
        return {**body, **place}
    evse = {**body, "uid": path["evse_uid"]} if "connector_id" not in path else {}
    return {**place, "evses": [evse] if evse else []}


class Refused(Exception):
    """A push that is answered without being loaded."""

    def __init__(self, code: int, message: str, http: int) -> None:
        super().__init__(message)
        self.response = envelope(code, message, http)


async def read_push(request: Request, token: str, max_bytes: int) -> dict[str, Any]:
    """The push's JSON object, once its token and size pass; ``Refused`` if not."""
    if not authorised(request.headers.get("Authorization"), token):
        raise Refused(CLIENT_ERROR, "unauthorized: send Authorization: Token <token>", 401)
    size = request.headers.get("Content-Length") or ""
    too_big = Refused(CLIENT_ERROR, f"the body is over {max_bytes} bytes", 413)
    if size.isdigit() and int(size) > max_bytes:
        raise too_big
    raw = bytearray()
    async for chunk in request.stream():  # a chunked body has no length to trust
        raw += chunk
        if len(raw) > max_bytes:
            raise too_big
    try:
        body = json.loads(raw)
    except ValueError:
        raise Refused(INVALID, "the body is not JSON", 400) from None
    if not isinstance(body, dict):
        raise Refused(INVALID, "the body is not a JSON object", 400)
    return body


def checked_document(request: Request, body: dict[str, Any]) -> dict[str, Any] | None:
    """The Location document of a push, None when it says nothing of status; ``Refused``
    naming what is wrong (OCPI's rules for the object it sends)."""
    path = {k: str(v) for k, v in request.path_params.items() if k != "version"}
    document = pushed_location(path, body)
    evses = document.get("evses") or []
    patch = request.method == "PATCH"
    problems: list[str] = []
    if patch and "last_updated" not in body:
        problems.append("last_updated: missing; a PATCH carries the time of its change")
    elif not evses or (patch and len(evses) == 1 and "status" not in evses[0]):
        return None
    else:
        evse_rows(document, "push", problems)
    if problems:
        raise Refused(INVALID, "; ".join(problems[:10]), 400)
    return document


def add_ocpi_routes(
    app: FastAPI,
    settings: Settings,
    token: str,
    max_bytes: int = MAX_BODY_BYTES,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> None:
    """The receiver's routes on ``app``, loading into the warehouse ``settings`` names;
    ``clock`` says when a push is received."""

    lock = threading.Lock()

    async def receive(request: Request) -> JSONResponse:
        try:
            document = checked_document(request, await read_push(request, token, max_bytes))
        except Refused as refused:
            return refused.response
        if document is None:
            return envelope(SUCCESS, "Success (nothing of status in it)")
        received = clock().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        document = {"data": [document], "timestamp": received}
        return await run_in_threadpool(_load, settings, document, lock)

    for suffix in ("", "/{evse_uid}", "/{evse_uid}/{connector_id}"):
        app.add_api_route(PREFIX + suffix, receive, methods=["PUT", "PATCH"])


def _load(settings: Settings, document: dict[str, Any], lock: threading.Lock) -> JSONResponse:
    """Land and load one push, one at a time; an OCPI error answer if it cannot be."""
    (place,) = document["data"]
    stamp = re.sub(r"[^0-9TZ]", "", document["timestamp"])
    name = re.sub(r"[^\w.-]", "_", f"ocpi_push_{place['party_id']}_{place['id']}_{stamp}.json")
    with tempfile.TemporaryDirectory(prefix="chargewatch-ocpi-") as folder, lock:
        file = Path(folder) / name
        file.write_text(json.dumps(document), encoding="utf-8")
        try:
            with connect(settings) as conn:
                ingest_file(conn, Lake(settings.lake, settings.storage_options), str(file))
        except ChargewatchError as error:
            code = SERVER_ERROR if error.retryable else INVALID
            return envelope(code, str(error), 503 if error.retryable else 400)
        except Exception as error:  # the CPO gets an OCPI answer, not a bare 500
            log.exception("OCPI push %s failed", name)
            return envelope(
                SERVER_ERROR, f"the push could not be stored ({type(error).__name__})", 500
            )
    return envelope(SUCCESS, "Success")
