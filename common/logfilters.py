"""Logs never carry row contents. A database error quotes the values it refused
("DETAIL:  Failing row contains (…)", "Key (fiscal_code)=(…) already exists"): this filter,
installed on every log handler (config/settings LOGGING), cuts those parts out of the message
and out of the formatted traceback, keeping the error's class and constraint name.

`scrub_personal()` goes further, for text that leaves the process (JSON logs, error reports):
it also hides fiscal codes, e-mail addresses and query strings wherever they appear."""

import logging
import re

_DETAIL = re.compile(r"^\s*(DETAIL|HINT|CONTEXT|STATEMENT|QUERY|WHERE):.*?(?=^\S|\Z)", re.M | re.S)
_ROW = re.compile(r"Failing row contains \(.*?\)(?=\.?\s*$)", re.M | re.S)
_KEY = re.compile(r"Key \((.*?)\)=\(.*?\)", re.S)
_PARAMS = re.compile(r"(params=|parameters: ).*$", re.M)
REDACTED = "[dati omessi]"
# Codice fiscale of a person (omocodia letters allowed in the digit positions), any case.
_FISCAL_CODE = re.compile(
    r"(?<![A-Z0-9])[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z](?![A-Z0-9])",
    re.I,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A query string after a path or URL ("/famiglie/?q=Rossi"): search terms and filters may name people.
_QUERY = re.compile(r"((?:https?://[^\s/?#]+)?/[^\s?#\"']*)\?[^\s#\"']+")


def scrub(text: str) -> str:
    text = _DETAIL.sub(f"DETAIL: {REDACTED}\n", text)
    text = _ROW.sub(f"Failing row contains {REDACTED}", text)
    text = _KEY.sub(lambda m: f"Key ({m.group(1)})={REDACTED}", text)
    return _PARAMS.sub(lambda m: f"{m.group(1)}{REDACTED}", text)


def scrub_personal(text: str) -> str:
    """`scrub()` plus fiscal codes, e-mail addresses and query strings anywhere in the text."""
    text = scrub(text)
    text = _FISCAL_CODE.sub(REDACTED, text)
    text = _EMAIL.sub(REDACTED, text)
    return _QUERY.sub(lambda m: f"{m.group(1)}?{REDACTED}", text)


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
