"""Times and months as files and options write them: one reading of each, for every
source, the exclusions file and the month options."""

from __future__ import annotations

import re
from datetime import datetime

MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def iso_time(text: str) -> datetime | None:
    """An ISO 8601 time (``Z`` for UTC allowed), with or without a zone; None if the text
    is not one."""
    try:
        return datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def is_month(text: str) -> bool:
    """Whether the text is a month, ``YYYY-MM``."""
    return MONTH.fullmatch(text) is not None
