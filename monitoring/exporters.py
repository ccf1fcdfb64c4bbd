"""Exports of the monitoring figures: XLSX for the officials (one sheet per level, Italian headers,
number formats, frozen header, filters, dates as dates, definitions on their own sheet), CSV and
JSON, and the open-data export of approved figures (CC BY 4.0, with metadata). Every export reads
the same `Figures` as the dashboards, so it hides the same cells; the XLSX is written with
openpyxl's write-only mode (rows streamed to disk, memory flat).

`FiguresExporter` and `OpenDataExporter` are the `core.exports` interface over these functions:
views serve them with `serve_export`, the XLSX job runs them with `run_export`; each export is
audited as `monitoring.export.<format>` with the node and the period (aggregate figures, no
single record)."""

import datetime as dt
import io
import json
from collections.abc import Callable, Iterator
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from accounts.types import Actor
from common.csvfiles import SafeWriter
from common.xlsx import write_only_cell
from core.exports import CONTENT_TYPES, JSON, Exporter, ExportFile
from core.records import audit_event
from monitoring.catalogue import INDICATORS, RATIO, Breakdown, Indicator
from monitoring.dashboard import View
from monitoring.figures import Shown
from monitoring.periods import Period
from monitoring.selectors import ATS, CENTRE, CHILD_LEVEL, REGION, SEAT, total

LEVEL_LABELS = {REGION: "Regione", ATS: "ATS", CENTRE: "Centri", SEAT: "Sedi"}
LICENCE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"


def _levels_below(view: View) -> list[tuple[str, list[int]]]:
    """(level, nodes) from the viewed node down to the seats, within the viewed node."""
    out = [(view.level, [view.node])]
    nodes = [view.node]
    level = view.level
    while level in CHILD_LEVEL:
        nodes = [c for n in nodes for c in view.tree.children(level, n)]
        level = CHILD_LEVEL[level]
        out.append((level, nodes))
    return out


def rows(view: View) -> Iterator[tuple[str, int, str, str, list[Any]]]:
    """(level, node, name, parent name, [shown per indicator]) for every node below the view."""
    for level, nodes in _levels_below(view):
        for node in nodes:
            parent = view.tree.parent(level, node)
            parent_name = view.tree.names.get(parent, "") if parent else ""
            yield (
                level,
                node,
                view.tree.names.get((level, node), ""),
                parent_name,
                [view.show(i, total(level, node)) for i in INDICATORS],
            )


def breakdown_rows(view: View) -> Iterator[tuple[str, int, str, Indicator, Breakdown, str, str, Shown]]:
    """(level, node, name, indicator, breakdown, category, category label, shown) for every
    breakdown cell of every node below the view: the same `Figures`, so the same hidden cells."""
    from monitoring.views import categories_of

    levels = _levels_below(view)
    for ind in INDICATORS:
        if ind.kind == RATIO or not ind.breakdowns:
            continue
        figures = view.cache.figures(ind.code, view.period)
        index: dict[tuple[str, int, str], set[str]] = {}
        for lv, nd, bd, c in figures.cells:
            if bd:
                index.setdefault((lv, nd, bd), set()).add(c)
        for b in ind.breakdowns:
            labels = b.labels()
            for level, nodes in levels:
                for node in nodes:
                    cells = {(level, node, b.code, c): 0 for c in index.get((level, node, b.code), ())}
                    for c in categories_of(cells, level, node, b.code, labels):
                        shown = view.show(ind, (level, node, b.code, c))
                        yield level, node, view.tree.names.get((level, node), ""), ind, b, c, labels.get(c, c), shown


def _breakdown_sheet(wb: Any, view: View) -> None:
    ws = wb.create_sheet(_("Disaggregazioni"))
    ws.freeze_panes = "A2"
    header = [_("Livello"), _("Nome"), _("Indicatore"), _("Disaggregazione"), _("Categoria"), _("Valore")]
    for index, width in enumerate([12, 40, 50, 36, 36, 12], start=1):
        ws.column_dimensions[_col(index)].width = width
    ws.append([write_only_cell(ws, text, bold=True) for text in header])
    ws.auto_filter.ref = "A1:F1048576"
    for level, _node, name, ind, b, _c, label, shown in breakdown_rows(view):
        out = [write_only_cell(ws, str(v)) for v in (LEVEL_LABELS[level], name, ind.name, b.label, label)]
        if shown.hidden or shown.value is None:
            out.append(write_only_cell(ws, shown.text))
        else:
            cell = write_only_cell(ws, shown.value)
            cell.number_format = "#,##0"
            out.append(cell)
        ws.append(out)


def xlsx(view: View, progress: Callable[[int, int], None] | None = None) -> bytes:
    wb = Workbook(write_only=True)
    defs = wb.create_sheet(_("Definizioni"))
    for column, width in zip("ABCDE", (28, 40, 14, 60, 60), strict=True):
        defs.column_dimensions[column].width = width
    for label, day in ((_("Periodo dal"), view.period.start), (_("Periodo al"), view.period.end)):
        defs.append([label, write_only_cell(defs, day, "date")])
    defs.append([_("Fonte"), _("Piattaforma dei Centri per la Famiglia, dati registrati dai Centri")])
    defs.append(
        [
            _("Tutela dei piccoli gruppi"),
            _("«<k»: valore nascosto (conteggi di persone da 1 a k−1 e valori che li farebbero ricalcolare); k = %(k)s")
            % {"k": view.cache.figures("persone_raggiunte", view.period).k},
        ]
    )
    defs.append([])
    defs.append(
        [
            write_only_cell(defs, v, bold=True)
            for v in (_("Codice"), _("Indicatore"), _("Unità"), _("Definizione"), _("Che cosa conta"))
        ]
    )
    for i in INDICATORS:
        defs.append([write_only_cell(defs, str(v)) for v in (i.code, i.name, i.unit, i.definition, i.counts)])
    levels = _levels_below(view)
    done, total_rows = 0, sum(len(n) for _lv, n in levels)
    for level, nodes in levels:
        ws = wb.create_sheet(LEVEL_LABELS[level])
        ws.freeze_panes = "A2"
        header = [_("Nome"), _("Livello superiore"), _("Dal"), _("Al")] + [str(i.name) for i in INDICATORS]
        for index, width in enumerate([40, 40, 12, 12] + [18] * len(INDICATORS), start=1):
            ws.column_dimensions[_col(index)].width = width
        ws.append([write_only_cell(ws, text, bold=True) for text in header])
        last_col = _col(len(header))
        ws.auto_filter.ref = f"A1:{last_col}{len(nodes) + 1}"
        for node in nodes:
            parent = view.tree.parent(level, node)
            names = (view.tree.names.get((level, node), ""), view.tree.names.get(parent, "") if parent else "")
            out: list[Any] = [write_only_cell(ws, name) for name in names]
            out += [write_only_cell(ws, d, "date") for d in (view.period.start, view.period.end)]
            for ind in INDICATORS:
                shown = view.show(ind, total(level, node))
                if shown.hidden or shown.value is None:
                    out.append(write_only_cell(ws, shown.text))
                else:
                    c = write_only_cell(ws, shown.value)
                    c.number_format = "#,##0.0" if ind.kind == RATIO else "#,##0"
                    out.append(c)
            ws.append(out)
            done += 1
            if progress and done % 50 == 0:
                progress(done, total_rows)
    _breakdown_sheet(wb, view)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _col(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def csv_text(view: View) -> str:
    out = io.StringIO()
    w = SafeWriter(out, delimiter=";")
    w.writerow([_("livello"), _("nome"), _("livello superiore"), _("dal"), _("al")] + [i.code for i in INDICATORS])
    for level, _node, name, parent, shown in rows(view):
        w.writerow(
            [
                LEVEL_LABELS[level],
                name,
                parent,
                view.period.start.strftime("%d/%m/%Y"),
                view.period.end.strftime("%d/%m/%Y"),
            ]
            + [s.text for s in shown]
        )
    return out.getvalue()


def json_data(view: View) -> dict[str, Any]:
    return {
        "period": {"start": view.period.start.isoformat(), "end": view.period.end.isoformat()},
        "threshold": view.cache.figures("persone_raggiunte", view.period).k,
        "indicators": [{"code": i.code, "name": str(i.name), "unit": str(i.unit)} for i in INDICATORS],
        "rows": [
            {
                "level": level,
                "node": node,
                "name": name,
                "values": {i.code: (None if s.hidden else s.value) for i, s in zip(INDICATORS, shown, strict=True)},
                "hidden": [i.code for i, s in zip(INDICATORS, shown, strict=True) if s.hidden],
            }
            for level, node, name, _p, shown in rows(view)
        ],
        "breakdowns": _json_breakdowns(view),
    }


def _json_breakdowns(view: View) -> list[dict[str, Any]]:
    """Per node: {indicator: {breakdown: {category: value, null when hidden}}}."""
    by_node: dict[tuple[str, int], dict[str, Any]] = {}
    for level, node, name, ind, b, c, _label, shown in breakdown_rows(view):
        row = by_node.setdefault((level, node), {"level": level, "node": node, "name": name, "values": {}})
        row["values"].setdefault(ind.code, {}).setdefault(b.code, {})[c] = None if shown.hidden else shown.value
    return list(by_node.values())


def open_data(period_code: str, k: int) -> dict[str, Any]:
    """Approved figures (approved by the ATS or accepted by the Region) of each Centre for one
    period, with primary suppression (no totals are published beside them, so no cell can be
    worked out by difference), and the metadata an open-data portal needs."""
    from monitoring.models import Approval

    approvals = Approval.objects.filter(period_code=period_code, state__in=Approval.LOCKED).select_related(
        "centre", "centre__ats"
    )
    people = {i.code for i in INDICATORS if i.about_people}
    records = []
    for a in approvals.order_by("centre__ats__name", "centre__name"):
        values: dict[str, Any] = {}
        for code, fig in a.approved_figures.items():
            v = fig.get("centre", 0)
            values[code] = f"<{k}" if code in people and 0 < v < k else v
        records.append({"ats": a.centre.ats.name, "centre": a.centre.name, "state": a.state, "values": values})
    return {
        "title": "Centri per la Famiglia – scheda di rilevazione, valori approvati",
        "publisher": "Regione Lombardia",
        "licence": LICENCE,
        "period": period_code,
        "generated": dt.date.today().isoformat(),  # noqa: DTZ011 - a calendar date for the metadata
        "source": "Piattaforma dei Centri per la Famiglia: valori calcolati dai dati registrati e approvati dall'ATS",
        "suppression": f"I conteggi di persone o nuclei da 1 a {k - 1} sono pubblicati come «<{k}».",
        "definitions": [
            {"code": i.code, "name": str(i.name), "definition": str(i.definition), "unit": str(i.unit)}
            for i in INDICATORS
        ],
        "data": records,
    }


def dumps(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode()


Progress = Callable[[int, int], None]


class FiguresExporter(Exporter[View]):
    """The figures of a node and everything below it for one period (what its dashboard shows)."""

    name = "monitoring.figures"
    verbose_name = gettext_lazy("Indicatori del monitoraggio")
    formats = ("csv", "json", "xlsx")

    def __init__(self, progress: Progress | None = None) -> None:
        self.progress = progress

    def render(self, actor: Actor, obj: View, fmt: str) -> ExportFile:
        if fmt == "csv":
            content = csv_text(obj).encode("utf-8-sig")
        elif fmt == "json":
            content = dumps(json_data(obj))
        else:
            content = xlsx(obj, progress=self.progress)
        return ExportFile(f"monitoraggio-{obj.level}-{obj.node}-{obj.period.code}.{fmt}", CONTENT_TYPES[fmt], content)

    def audit(self, actor: Actor, obj: View, fmt: str) -> None:
        changes = {"level": obj.level, "node": obj.node, "period": obj.period.code}
        audit_event(actor=actor, action=f"monitoring.export.{fmt}", changes=changes)


class OpenDataExporter(Exporter[Period]):
    """Approved figures of every Centre for one period (CC BY 4.0), see `open_data`."""

    name = "monitoring.open_data"
    verbose_name = gettext_lazy("Dati aperti del monitoraggio")
    formats = ("json",)

    def render(self, actor: Actor, obj: Period, fmt: str) -> ExportFile:
        from monitoring import disclosure

        return ExportFile(f"cpf-open-data-{obj.code}.json", JSON, dumps(open_data(obj.code, disclosure.threshold())))

    def audit(self, actor: Actor, obj: Period, fmt: str) -> None:
        audit_event(actor=actor, action="monitoring.export.open_data", changes={"period": obj.code})
