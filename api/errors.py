"""Validation errors of the API in Italian, with the path of the field and, for coded fields,
the allowed values. pydantic's English messages never reach the client: every error type is
translated here from its code and context (one place), with a generic Italian message for the
rare type not listed."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext as _

# The wrappers ninja adds in front of a field's path.
_WRAPPERS = {"body", "payload", "query", "path", "params", "header", "cookie", "form", "file"}


def _allowed(ctx: Mapping[str, Any]) -> str:
    """pydantic's "'a', 'b' or 'c'" as "a, b, c"."""
    return str(ctx.get("expected", "")).replace(" or ", ", ").replace("'", "")


def _shown(value: Any) -> str:
    """A refused code as typed, shortened (codes are never personal data, but keep it short)."""
    text = value if isinstance(value, str) else repr(value)
    return text[:40].replace("\x00", "")


def message(err: Mapping[str, Any]) -> str:
    """The Italian text of one pydantic error (`type`, `ctx`, `msg`)."""
    kind = str(err.get("type", ""))
    ctx: Mapping[str, Any] = err.get("ctx") or {}
    texts: dict[str, str] = {
        "missing": _("Campo obbligatorio."),
        "string_type": _("Deve essere un testo."),
        "string_too_short": _("Non può essere vuoto.")
        if ctx.get("min_length") == 1
        else _("Troppo corto: almeno %(n)s caratteri.") % {"n": ctx.get("min_length", "")},
        "string_too_long": _("Troppo lungo: al massimo %(n)s caratteri.") % {"n": ctx.get("max_length", "")},
        "string_pattern_mismatch": _("Formato non valido."),
        "int_type": _("Deve essere un numero intero."),
        "int_parsing": _("Deve essere un numero intero."),
        "int_from_float": _("Deve essere un numero intero, senza decimali."),
        "int_parsing_size": _("Numero troppo grande."),
        "float_type": _("Deve essere un numero."),
        "float_parsing": _("Deve essere un numero."),
        "finite_number": _("Deve essere un numero finito."),
        "decimal_type": _("Deve essere un numero decimale."),
        "decimal_parsing": _("Deve essere un numero decimale."),
        "decimal_max_digits": _("Troppe cifre: al massimo %(n)s.") % {"n": ctx.get("max_digits", "")},
        "decimal_max_places": _("Troppi decimali: al massimo %(n)s.") % {"n": ctx.get("decimal_places", "")},
        "decimal_whole_digits": _("Troppe cifre prima della virgola: al massimo %(n)s.")
        % {"n": ctx.get("whole_digits", "")},
        "greater_than": _("Deve essere maggiore di %(n)s.") % {"n": ctx.get("gt", "")},
        "greater_than_equal": _("Deve essere almeno %(n)s.") % {"n": ctx.get("ge", "")},
        "less_than": _("Deve essere minore di %(n)s.") % {"n": ctx.get("lt", "")},
        "less_than_equal": _("Deve essere al massimo %(n)s.") % {"n": ctx.get("le", "")},
        "bool_type": _("Deve essere vero o falso."),
        "bool_parsing": _("Deve essere vero o falso."),
        "date_type": _("Deve essere una data (AAAA-MM-GG)."),
        "date_parsing": _("Deve essere una data (AAAA-MM-GG)."),
        "date_from_datetime_parsing": _("Deve essere una data (AAAA-MM-GG)."),
        "date_from_datetime_inexact": _("Deve essere una data senza orario."),
        "datetime_type": _("Deve essere una data e ora."),
        "datetime_parsing": _("Deve essere una data e ora."),
        "datetime_from_date_parsing": _("Deve essere una data e ora."),
        "time_type": _("Deve essere un orario (HH:MM)."),
        "time_parsing": _("Deve essere un orario (HH:MM)."),
        "uuid_type": _("Deve essere un identificativo UUID."),
        "uuid_parsing": _("Deve essere un identificativo UUID."),
        "list_type": _("Deve essere un elenco."),
        "dict_type": _("Deve essere un oggetto."),
        "model_type": _("Deve essere un oggetto."),
        "model_attributes_type": _("Deve essere un oggetto."),
        "json_invalid": _("JSON non valido."),
        "json_type": _("JSON non valido."),
        "extra_forbidden": _("Campo non previsto."),
        "too_short": _("Servono almeno %(n)s elementi.") % {"n": ctx.get("min_length", "")},
        "too_long": _("Al massimo %(n)s elementi.") % {"n": ctx.get("max_length", "")},
        "literal_error": _("Valore non ammesso: «%(value)s». Valori ammessi: %(values)s.")
        % {"value": _shown(err.get("input")), "values": _allowed(ctx)},
        "enum": _("Valore non ammesso: «%(value)s». Valori ammessi: %(values)s.")
        % {"value": _shown(err.get("input")), "values": _allowed(ctx)},
        "none_required": _("Deve essere vuoto."),
        "url_parsing": _("Indirizzo web non valido."),
        "url_type": _("Indirizzo web non valido."),
        "url_scheme": _("Indirizzo web non valido."),
        "value_error": _("Valore non valido."),
    }
    if kind in ("value_error", "assertion_error") and ctx.get("error") is not None:
        # Our own validators raise ValueError with an Italian message (common.inputs).
        return str(ctx["error"])
    return texts.get(kind, _("Valore non valido."))


def field_path(loc: Iterable[Any]) -> str:
    """ "members.0.role" from ("body", "payload", "members", 0, "role"); "__all__" for the body."""
    parts = [str(p) for p in loc]
    while parts and parts[0] in _WRAPPERS:
        parts.pop(0)
    return ".".join(parts) or "__all__"


def translate(errors: Iterable[Mapping[str, Any]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for err in errors:
        path = field_path(err.get("loc", ()))
        text = message(err)
        out.setdefault(path, [])
        if text not in out[path]:
            out[path].append(text)
    return out
