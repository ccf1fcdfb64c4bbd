"""Logs never carry row contents (issue #9 § 3). A database error quotes the values it refused
("DETAIL:  Failing row contains (…)", "Key (fiscal_code)=(…) already exists"): this filter,
installed on every log handler (config/settings LOGGING), cuts those parts out of the message
and out of the formatted traceback, keeping the error's class and constraint name."""

import logging
import re

_DETAIL = re.compile(r"^\s*(DETAIL|HINT|CONTEXT|STATEMENT|QUERY|WHERE):.*?(?=^\S|\Z)", re.M | re.S)
_ROW = re.compile(r"Failing row contains \(.*?\)(?=\.?\s*$)", re.M | re.S)
_KEY = re.compile(r"Key \((.*?)\)=\(.*?\)", re.S)
_PARAMS = re.compile(r"(params=|parameters: ).*$", re.M)
REDACTED = "[dati omessi]"


def scrub(text: str) -> str:
    text = _DETAIL.sub(f"DETAIL: {REDACTED}\n", text)
    text = _ROW.sub(f"Failing row contains {REDACTED}", text)
    text = _KEY.sub(lambda m: f"Key ({m.group(1)})={REDACTED}", text)
    return _PARAMS.sub(lambda m: f"{m.group(1)}{REDACTED}", text)


class ScrubDatabaseDetails(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = scrub(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        return True
