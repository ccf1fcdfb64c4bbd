"""A labelled SYNTHETIC region at a chosen scale, for benchmarks (`seed_scale`).

"decade" is ten years of work of the whole Lombardy network (90 Centres, 436 seats, 300,000
families, 750,000 people, 1.5 M contacts, 200,000 schede, 60,000 referrals, 50,000 activity
sessions, about 590,000 attendances, 4.6 M audit entries); "demo" is a hundredth of it on the demo
network; a number is a factor of "decade". It builds on the demo dataset (`seed_demo`, created
first when missing) so that the demo accounts of every role see a region-sized scope.

Consistency: contacts, sign-ups and attendance belong to families and seats of the same Centre;
referrals go to destinations of the family's ATS; fiscal codes are valid (check character,
month letter, day + 40 for women) and match the birth date and sex; every family, contact,
activity and sign-up is flagged `is_synthetic` and family names say «(sintetica)».

Rows are generated as plain tuples and written with COPY on PostgreSQL (psycopg 3) or
`executemany` on SQLite, table by table; columns the generator does not set get the model
field's default, so new nullable/defaulted fields do not break it."""

import datetime as dt
import json
import random
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from demo.seed import LAST_NAMES

# Bump when the generated data changes: the benchmark cache is keyed by it.
GENERATOR_VERSION = "2"  # 2: seed_demo adds the directory's demo entries

DECADE = {
    "centres": 90,
    "seats": 436,
    "families": 300_000,
    "persons": 750_000,
    "contacts": 1_500_000,
    "schede": 200_000,
    "referrals": 60_000,
    "sessions": 50_000,
    "attendances": 590_000,
    "audit": 4_600_000,
}
SCALES = {"demo": 0.01, "decade": 1.0}
DESTINATIONS_PER_ATS = 10  # at full network size (the demo has 4 per ATS)
REGISTRATIONS_PER_ACTIVITY = 12
SESSIONS_PER_ACTIVITY = 12
YEARS = 10
UNUSABLE_PASSWORD = "!"  # noqa: S105 - Django's marker for "cannot sign in": synthetic operators never do

FIRST_F = [
    "Giulia",
    "Chiara",
    "Sara",
    "Elena",
    "Francesca",
    "Martina",
    "Laura",
    "Silvia",
    "Valentina",
    "Anna",
    "Sofia",
    "Aurora",
    "Giorgia",
    "Alice",
    "Emma",
    "Greta",
    "Beatrice",
    "Noemi",
    "Ginevra",
    "Marta",
    "Irene",
    "Camilla",
    "Federica",
    "Paola",
    "Roberta",
    "Ilaria",
    "Elisa",
    "Serena",
    "Monica",
    "Nadia",
    "Fatima",
    "Amina",
    "Maria",
    "Ioana",
    "Mei",
    "Olena",
]
FIRST_M = [
    "Marco",
    "Luca",
    "Paolo",
    "Davide",
    "Andrea",
    "Stefano",
    "Matteo",
    "Alessandro",
    "Simone",
    "Leonardo",
    "Francesco",
    "Lorenzo",
    "Tommaso",
    "Riccardo",
    "Edoardo",
    "Gabriele",
    "Mattia",
    "Pietro",
    "Giovanni",
    "Antonio",
    "Giuseppe",
    "Roberto",
    "Fabio",
    "Daniele",
    "Nicola",
    "Omar",
    "Youssef",
    "Ahmed",
    "Mihai",
    "Wei",
    "Taras",
]
# The demo dataset's surnames first, then more common Italian ones for the larger scale.
LAST = [
    *LAST_NAMES,
    "Russo",
    "Esposito",
    "Romano",
    "Ricci",
    "Marino",
    "Greco",
    "Bruno",
    "Gallo",
    "Conti",
    "DeLuca",
    "Mancini",
    "Costa",
    "Giordano",
    "Rizzi",
    "Lombardi",
    "Moretti",
    "Barbieri",
    "Lombardo",
    "Giuliani",
    "Santoro",
    "Caruso",
    "Ferrara",
    "Marchetti",
    "Monti",
    "Cattani",
    "Zanetti",
    "Pellegrini",
    "Palumbo",
    "Sanna",
    "Farina",
    "Rinaldi",
    "Gatti",
    "Testa",
    "Grassi",
    "Pellegrino",
    "Ferri",
    "Montanari",
    "Bassi",
    "Mariani",
    "Bellini",
    "Negri",
    "Donati",
    "Fumagalli",
    "Magni",
    "Pozzi",
    "Rota",
    "Radaelli",
    "Mapelli",
    "Ronchi",
    "Oggioni",
    "Tagliabue",
    "Meroni",
    "Corti",
    "Frigerio",
    "Pirovano",
    "Spinelli",
    "Nava",
    "Valsecchi",
    "Perego",
    "Cereda",
    "Beretta",
    "Bonfanti",
    "Castelli",
    "Vismara",
    "Arosio",
    "Vergani",
    "Cazzaniga",
    "Giussani",
    "Limonta",
    "Motta",
    "Panzeri",
    "Rigamonti",
    "Airoldi",
    "Bianchessi",
    "Chiesa",
    "Comi",
    "Dossi",
    "Elli",
    "Ghezzi",
    "Isella",
    "Lurati",
    "Marelli",
    "Nobili",
    "Orsenigo",
    "Parravicini",
    "Quadri",
    "Ratti",
    "Sormani",
    "Terraneo",
    "Ugolini",
    "Vanoni",
    "Zappa",
    "Hoxha",
    "Popescu",
    "Chen",
    "Kowalski",
    "Nguyen",
    "Haddad",
    "Benali",
    "Singh",
    "Shevchenko",
    "Diallo",
    "Mendoza",
    "Okafor",
]

# Fiscal code tables (DM 12/03/1974 and its annexes).
_MONTHS = "ABCDEHLMPRST"
_ODD = dict(
    zip(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        [1, 0, 5, 7, 9, 13, 15, 17, 19, 21]
        + [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14]
        + [16, 10, 22, 25, 24, 23],
        strict=True,
    )
)
_EVEN = {**{str(d): d for d in range(10)}, **{chr(65 + i): i for i in range(26)}}


def _consonants_vowels(text: str) -> tuple[str, str]:
    letters = [c for c in text.upper() if c.isalpha()]
    return "".join(c for c in letters if c not in "AEIOU"), "".join(c for c in letters if c in "AEIOU")


def _surname_part(last: str) -> str:
    cons, vow = _consonants_vowels(last)
    return (cons + vow + "XXX")[:3]


def _name_part(first: str) -> str:
    cons, vow = _consonants_vowels(first)
    if len(cons) >= 4:
        return cons[0] + cons[2] + cons[3]
    return (cons + vow + "XXX")[:3]


def fiscal_code(last: str, first: str, sex: str, born: dt.date, place: str) -> str:
    """The Italian fiscal code of a (fictitious) person; `place` is a Belfiore code."""
    day = born.day + (40 if sex == "F" else 0)
    body = f"{_surname_part(last)}{_name_part(first)}{born.year % 100:02d}{_MONTHS[born.month - 1]}{day:02d}{place}"
    total = sum(_ODD[c] if i % 2 == 0 else _EVEN[c] for i, c in enumerate(body))
    return body + chr(65 + total % 26)


@dataclass(frozen=True)
class Plan:
    """How many rows of each kind to build (decade counts times the factor)."""

    factor: float
    counts: dict[str, int]
    full_network: bool

    @classmethod
    def for_scale(cls, scale: str) -> "Plan":
        factor = SCALES[scale] if scale in SCALES else float(scale)
        if not 0 < factor <= 10:
            raise ValueError("scale factor out of range (0, 10]")
        counts = {k: max(1, round(v * factor)) for k, v in DECADE.items() if k not in ("centres", "seats")}
        return cls(factor=factor, counts=counts, full_network=factor >= 0.1)


# ---------------------------------------------------------------- low-level writers


def _table_columns(model: type[models.Model], given: Sequence[str]) -> tuple[list[str], tuple[Any, ...]]:
    """All concrete columns of `model`: the `given` ones, then the others with their defaults."""
    rest: list[str] = []
    tail: list[Any] = []
    for f in model._meta.concrete_fields:
        if f.column in given or (f.primary_key and isinstance(f, models.AutoField)) or f.generated:
            continue
        if f.has_default():
            value = f.get_default()
        elif f.null:
            value = None
        elif isinstance(f, models.CharField | models.TextField):
            value = ""
        else:
            raise RuntimeError(f"seed_scale: {model._meta.label}.{f.name} needs a value")
        if isinstance(f, models.JSONField):
            value = json.dumps(value)
        rest.append(f.column)
        tail.append(value)
    return list(given) + rest, tuple(tail)


def _sqlite_value(v: Any) -> Any:
    if isinstance(v, uuid.UUID):
        return v.hex
    if isinstance(v, dt.datetime):
        return v.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


def write_rows(model: type[models.Model], given: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> int:
    """Bulk-write `rows` (values for the `given` columns, in order) into the model's table."""
    columns, tail = _table_columns(model, given)
    table = model._meta.db_table
    qn = connection.ops.quote_name
    col_sql = ", ".join(qn(c) for c in columns)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # the psycopg 3 cursor under Django's wrapper
            with raw.copy(f"COPY {qn(table)} ({col_sql}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row + tail)
                    count += 1
        else:
            marks = ", ".join("?" * len(columns))
            sql = f"INSERT INTO {qn(table)} ({col_sql}) VALUES ({marks})"  # noqa: S608 - names from model meta
            tail_db = tuple(_sqlite_value(v) for v in tail)
            batch: list[tuple[Any, ...]] = []
            for row in rows:
                batch.append(tuple(_sqlite_value(v) for v in row) + tail_db)
                if len(batch) >= 20_000:
                    cursor.executemany(sql, batch)
                    count += len(batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                count += len(batch)
    return count


def _next_id(model: type[models.Model]) -> int:
    return int(model._default_manager.aggregate(m=models.Max("pk"))["m"] or 0) + 1


def _reset_sequences(*model_classes: type[models.Model]) -> None:
    sql = connection.ops.sequence_reset_sql(no_style(), list(model_classes))
    if sql:
        with connection.cursor() as cursor:
            for statement in sql:
                cursor.execute(statement)


# ---------------------------------------------------------------- the generator


@dataclass
class SeatInfo:
    id: int
    centre_id: int
    ats_id: int
    comune_id: int
    operator_id: int | None


class ScaleBuilder:
    def __init__(self, plan: Plan, progress: Callable[[str], None], seed: int = 2036) -> None:
        self.plan = plan
        self.progress = progress
        self.rng = random.Random(seed)  # deterministic synthetic data, not security
        self.now = timezone.now().replace(microsecond=0)
        self.today = timezone.localdate()
        self.days = 365 * YEARS

    def _uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def _day_ago(self, max_days: int | None = None) -> dt.date:
        return self.today - dt.timedelta(days=self.rng.randrange(max_days or self.days))

    # -- network: Centres, seats, destinations and one synthetic operator per seat --
    def network(self) -> list[SeatInfo]:
        from accounts.models import Role, User
        from network import models as nm
        from territory.models import Ats, Comune

        if self.plan.full_network:
            atss = list(Ats.objects.order_by("code"))
            comuni_by_ats: dict[int, list[Comune]] = {
                a.pk: list(Comune.objects.filter(ats=a).only("pk", "name", "ats_id").order_by("istat_code"))
                for a in atss
            }
            centres = nm.Centre.objects.count()
            seats = nm.Seat.objects.count()
            lead = nm.Ente.objects.filter(is_synthetic=True).order_by("pk").first()
            index = 0
            new_centres: list[nm.Centre] = []
            while centres + len(new_centres) < DECADE["centres"]:
                ats = atss[index % len(atss)]
                comune = comuni_by_ats[ats.pk][(index * 7 + 3) % len(comuni_by_ats[ats.pk])]
                new_centres.append(
                    nm.Centre(
                        name=f"Centro per la Famiglia {comune.name} {index + 1} (sintetico)",
                        ats=ats,
                        lead_ente=lead,
                        start_date=dt.date(2017, 1, 1),
                        is_synthetic=True,
                        description="Centro sintetico per le misure di scala.",
                    )
                )
                index += 1
            nm.Centre.objects.bulk_create(new_centres)
            all_centres = list(nm.Centre.objects.order_by("pk"))
            new_seats: list[nm.Seat] = []
            n = 0
            while seats + len(new_seats) < DECADE["seats"]:
                centre = all_centres[n % len(all_centres)] if n >= len(new_centres) else new_centres[n]
                comune = self.rng.choice(comuni_by_ats[centre.ats_id])
                has_hub = n < len(new_centres)
                new_seats.append(
                    nm.Seat(
                        centre=centre,
                        kind=nm.Seat.Kind.HUB if has_hub else nm.Seat.Kind.SPOKE,
                        name=f"{'Hub' if has_hub else 'Spoke'} {comune.name} {n + 1} (sintetica)",
                        managing_ente=lead,
                        comune=comune,
                        address=f"Via della Famiglia {n + 1} (indirizzo sintetico)",
                        access_modes="Accesso libero negli orari di apertura.",
                    )
                )
                n += 1
            nm.Seat.objects.bulk_create(new_seats)
            destinations: list[nm.ReferralDestination] = []
            for ats in atss:
                have = nm.ReferralDestination.objects.filter(ats=ats).count()
                kinds = list(nm.ReferralDestination.Kind.values)
                for k in range(have, DESTINATIONS_PER_ATS):
                    comune = comuni_by_ats[ats.pk][(k * 11) % len(comuni_by_ats[ats.pk])]
                    destinations.append(
                        nm.ReferralDestination(
                            name=f"Servizio specialistico {k + 1} di {comune.name} (sintetico)",
                            kind=kinds[k % len(kinds)],
                            ats=ats,
                            comune=comune,
                        )
                    )
            nm.ReferralDestination.objects.bulk_create(destinations)
            self.progress(
                f"rete: {nm.Centre.objects.count()} centri, {nm.Seat.objects.count()} sedi, "
                f"{nm.ReferralDestination.objects.count()} servizi specialistici"
            )
        seat_rows = list(nm.Seat.objects.values_list("pk", "centre_id", "centre__ats_id", "comune_id").order_by("pk"))
        operators = dict(User.objects.filter(role=Role.SPOKE_OPERATOR, seat__isnull=False).values_list("seat_id", "pk"))
        missing = [s for s in seat_rows if s[0] not in operators]
        users = [
            User(
                username=f"sintetico.sede{seat_id}",
                role=Role.SPOKE_OPERATOR,
                seat_id=seat_id,
                first_name="Operatore",
                last_name=f"sintetico {seat_id}",
                password=UNUSABLE_PASSWORD,
            )
            for seat_id, *_rest in missing
        ]
        User.objects.bulk_create(users)
        operators.update(User.objects.filter(username__startswith="sintetico.sede").values_list("seat_id", "pk"))
        return [SeatInfo(s, c, a, co, operators.get(s)) for s, c, a, co in seat_rows]

    # -- the family pathway --
    def families(self, seats: list[SeatInfo]) -> dict[str, Any]:
        """Families at a seat, their members (valid fiscal codes for most), their contacts."""
        from families import codes
        from families.models import Contact, Family, Person

        rng = self.rng
        counts = self.plan.counts
        n_families = counts["families"]
        places = ["F205", "A794", "B157", "C933", "D150", "E507", "G388", "F704", "L682", "I829", "Z100", "Z129"]
        fam_ids: list[uuid.UUID] = []
        fam_seat: list[SeatInfo] = []
        fam_created: list[dt.datetime] = []
        start = Family.objects.count()

        def family_rows() -> Iterator[tuple[Any, ...]]:
            for i in range(n_families):
                seat = rng.choice(seats)
                fid = self._uuid()
                created = self.now - dt.timedelta(seconds=rng.randrange(self.days * 86400))
                fam_ids.append(fid)
                fam_seat.append(seat)
                fam_created.append(created)
                invisible = rng.random() < 0.08
                last = rng.choice(LAST)
                yield (
                    fid,
                    f"SIN-{start + i + 1:08d}",
                    seat.id,
                    f"Famiglia {last} (sintetica)",
                    Family.Residence.NONE if invisible else Family.Residence.RESIDENCE,
                    None if invisible else seat.comune_id,
                    True,
                    created,
                    1,
                )

        write_rows(
            Family,
            ["id", "code", "seat_id", "name", "residence_kind", "comune_id", "is_synthetic", "created_at", "version"],
            family_rows(),
        )
        self.progress(f"{n_families} famiglie")

        per_family = counts["persons"] / n_families

        sizes = [1] * n_families  # every family has a member; the rest spread, at most 6 each
        extra = max(0, min(counts["persons"], 6 * n_families) - n_families)
        while extra:
            i = rng.randrange(n_families)
            if sizes[i] < 6:
                sizes[i] += 1
                extra -= 1

        def person_rows() -> Iterator[tuple[Any, ...]]:
            for i, fid in enumerate(fam_ids):
                size = sizes[i]
                last = rng.choice(LAST)
                for k in range(size):
                    sex = "F" if rng.random() < 0.5 else "M"
                    first = rng.choice(FIRST_F if sex == "F" else FIRST_M)
                    adult = k < 2 and size > 1 or size == 1
                    year = rng.randrange(1950, 2002) if adult else rng.randrange(2006, self.today.year)
                    born = dt.date(year, rng.randrange(1, 13), rng.randrange(1, 29))
                    known = rng.random() < 0.85
                    code = fiscal_code(last, first, sex, born, rng.choice(places)) if known else ""
                    yield (
                        self._uuid(),
                        fid,
                        "genitore" if adult else "figlio",
                        first,
                        last,
                        born if known else None,
                        year,
                        sex,
                        code,
                        1,
                    )

        n_persons = write_rows(
            Person,
            [
                "id",
                "family_id",
                "role",
                "first_name",
                "last_name",
                "birth_date",
                "birth_year",
                "sex",
                "fiscal_code",
                "version",
            ],
            person_rows(),
        )
        self.progress(f"{n_persons} persone (media {per_family:.1f} per famiglia)")

        channels = list(codes.Channel.values)
        reasons = list(codes.AccessReason.values)

        def contact_rows() -> Iterator[tuple[Any, ...]]:
            for _ in range(counts["contacts"]):
                if rng.random() < 0.1:  # anonymous contacts count too
                    seat = rng.choice(seats)
                    family = None
                    day = self._day_ago()
                else:
                    i = rng.randrange(n_families)
                    family = fam_ids[i]
                    # The family's own seat, so the contact stays in the family's Centre.
                    seat = fam_seat[i]
                    since = (self.now - fam_created[i]).days + 1
                    day = self._day_ago(since)
                yield (
                    self._uuid(),
                    seat.id,
                    family,
                    seat.operator_id,
                    rng.choice(channels),
                    day,
                    rng.choice(reasons),
                    rng.choice((1, 1, 1, 2, 3)),
                    True,
                )

        write_rows(
            Contact,
            ["id", "seat_id", "family_id", "operator_id", "channel", "date", "reason", "people_count", "is_synthetic"],
            contact_rows(),
        )
        self.progress(f"{counts['contacts']} contatti")
        return {"fam_ids": fam_ids, "fam_seat": fam_seat, "fam_created": fam_created}

    def pathway(self, fam: dict[str, Any]) -> None:
        """Schede of two families in three, referrals to destinations of the family's ATS."""
        from families import codes
        from families.models import Referral, Scheda
        from network.models import ReferralDestination

        rng = self.rng
        counts = self.plan.counts
        fam_ids: list[uuid.UUID] = fam["fam_ids"]
        fam_seat: list[SeatInfo] = fam["fam_seat"]
        fam_created: list[dt.datetime] = fam["fam_created"]
        n_families = len(fam_ids)
        reasons = list(codes.AccessReason.values)
        needs = list(codes.Need.values)
        with_scheda = rng.sample(range(n_families), min(counts["schede"], n_families))
        scheda_ids: dict[int, uuid.UUID] = {}

        def scheda_rows() -> Iterator[tuple[Any, ...]]:
            for i in with_scheda:
                sid = self._uuid()
                scheda_ids[i] = sid
                opened = fam_created[i].date()
                age = (self.today - opened).days
                closed = age > 365 and rng.random() < 0.8
                status = Scheda.Status.CLOSED if closed else rng.choice((Scheda.Status.OPEN, Scheda.Status.ACTIVE))
                review = None if closed else self.today + dt.timedelta(days=rng.randrange(-60, 120))
                yield (
                    sid,
                    fam_ids[i],
                    rng.choice(reasons),
                    json.dumps(rng.sample(needs, 2)),
                    fam_seat[i].operator_id,
                    status,
                    Scheda.Outcome.GOALS_MET if closed else "",
                    review,
                    opened,
                    opened + dt.timedelta(days=rng.randrange(30, 365)) if closed else None,
                    1,
                )

        write_rows(
            Scheda,
            [
                "id",
                "family_id",
                "access_reason",
                "needs",
                "operator_id",
                "status",
                "outcome",
                "review_on",
                "opened_on",
                "closed_on",
                "version",
            ],
            scheda_rows(),
        )
        self.progress(f"{len(with_scheda)} schede progettuali")

        by_ats: dict[int, list[int]] = {}
        for pk, ats_id in ReferralDestination.objects.filter(is_active=True).values_list("pk", "ats_id"):
            by_ats.setdefault(ats_id, []).append(pk)
        urgencies = list(codes.RESPONSE_DAYS)
        statuses = [
            (Referral.Status.CLOSED, 0.45),
            (Referral.Status.TAKEN_IN_CHARGE, 0.2),
            (Referral.Status.ACCEPTED, 0.08),
            (Referral.Status.REJECTED, 0.07),
            (Referral.Status.WITHDRAWN, 0.05),
            (Referral.Status.RECEIVED, 0.07),
            (Referral.Status.SENT, 0.08),
        ]
        population = [s for s, _w in statuses]
        weights = [w for _s, w in statuses]
        referred = list(scheda_ids)

        def referral_rows() -> Iterator[tuple[Any, ...]]:
            for _ in range(counts["referrals"]):
                i = rng.choice(referred)
                dests = by_ats.get(fam_seat[i].ats_id)
                if not dests:
                    continue
                urgency = rng.choice(urgencies)
                sent = max(fam_created[i].date(), self._day_ago())
                status = rng.choices(population, weights)[0]
                if sent > self.today - dt.timedelta(days=60) and rng.random() < 0.5:
                    status = rng.choice(Referral.AWAITING)
                yield (
                    self._uuid(),
                    fam_ids[i],
                    rng.choice(dests),
                    rng.choice(reasons),
                    urgency,
                    status,
                    sent,
                    sent + dt.timedelta(days=codes.RESPONSE_DAYS[urgency]),
                    None if status in Referral.AWAITING else sent + dt.timedelta(days=rng.randrange(1, 20)),
                    "Invio sintetico: consenso alla condivisione registrato fuori piattaforma (dati sintetici).",
                    fam_seat[i].operator_id,
                    1,
                )

        n_ref = write_rows(
            Referral,
            [
                "id",
                "family_id",
                "destination_id",
                "reason",
                "urgency",
                "status",
                "sent_on",
                "respond_by",
                "responded_on",
                "override_reason",
                "sent_by_id",
                "version",
            ],
            referral_rows(),
        )
        self.progress(f"{n_ref} invii")

    # -- activities, sessions, sign-ups and attendance --
    def activities(self, seats: list[SeatInfo], fam: dict[str, Any]) -> None:
        from activities.models import Activity, Kind, Session, Target
        from network.models import ServiceArea

        rng = self.rng
        n_sessions = self.plan.counts["sessions"]
        n_activities = max(1, n_sessions // SESSIONS_PER_ACTIVITY)
        areas = list(ServiceArea.objects.values_list("pk", flat=True))
        kinds = list(Kind.values)
        families_by_centre: dict[int, list[uuid.UUID]] = {}
        for fid, seat in zip(fam["fam_ids"], fam["fam_seat"], strict=True):
            families_by_centre.setdefault(seat.centre_id, []).append(fid)
        first_activity = _next_id(Activity)
        activity_seat: list[SeatInfo] = []
        activity_start: list[dt.datetime] = []

        def activity_rows() -> Iterator[tuple[Any, ...]]:
            for k in range(n_activities):
                seat = rng.choice(seats)
                activity_seat.append(seat)
                created = self.now - dt.timedelta(days=rng.randrange(self.days))
                activity_start.append(created)
                yield (
                    first_activity + k,
                    seat.id,
                    f"Attività {k + 1} (sintetica)",
                    rng.choice(kinds),
                    rng.choice(areas),
                    json.dumps([Target.PARENTS]),
                    REGISTRATIONS_PER_ACTIVITY + 4,
                    Activity.Status.DONE if created < self.now - dt.timedelta(days=120) else Activity.Status.OPEN,
                    True,
                    created,
                    1,
                )

        write_rows(
            Activity,
            [
                "id",
                "seat_id",
                "title",
                "kind",
                "area_id",
                "targets",
                "capacity",
                "status",
                "is_synthetic",
                "created_at",
                "version",
            ],
            activity_rows(),
        )
        first_session = _next_id(Session)
        sessions_of: list[list[int]] = []

        def session_rows() -> Iterator[tuple[Any, ...]]:
            sid = first_session
            for k in range(n_activities):
                start = activity_start[k].replace(hour=16, minute=0, second=0) + dt.timedelta(days=7)
                mine = []
                for w in range(SESSIONS_PER_ACTIVITY):
                    begins = start + dt.timedelta(weeks=w)
                    mine.append(sid)
                    yield (sid, first_activity + k, begins, begins + dt.timedelta(minutes=90), False)
                    sid += 1
                sessions_of.append(mine)

        write_rows(Session, ["id", "activity_id", "starts_at", "ends_at", "cancelled"], session_rows())

        _reset_sequences(Activity, Session)
        self.signups(first_activity, activity_seat, activity_start, sessions_of, families_by_centre)

    def signups(
        self,
        first_activity: int,
        activity_seat: list[SeatInfo],
        activity_start: list[dt.datetime],
        sessions_of: list[list[int]],
        families_by_centre: dict[int, list[uuid.UUID]],
    ) -> None:
        """Sign-ups of families of the activity's Centre; attendance at each session."""
        from activities.models import Attendance, Registration

        rng = self.rng
        n_activities = len(activity_seat)
        per_session = self.plan.counts["attendances"] / max(1, self.plan.counts["sessions"])
        first_reg = _next_id(Registration)
        regs_of: list[list[int]] = []

        def registration_rows() -> Iterator[tuple[Any, ...]]:
            rid = first_reg
            for k in range(n_activities):
                pool = families_by_centre.get(activity_seat[k].centre_id, [])
                chosen = rng.sample(pool, min(REGISTRATIONS_PER_ACTIVITY, len(pool)))
                mine = []
                for fid in chosen:
                    mine.append(rid)
                    yield (rid, first_activity + k, fid, Registration.Status.CONFIRMED, activity_start[k], True)
                    rid += 1
                regs_of.append(mine)

        n_regs = write_rows(
            Registration,
            ["id", "activity_id", "family_id", "status", "created_at", "is_synthetic"],
            registration_rows(),
        )

        def attendance_rows() -> Iterator[tuple[Any, ...]]:
            for k in range(n_activities):
                regs = regs_of[k]
                if not regs:
                    continue
                for sid in sessions_of[k]:
                    take = min(len(regs), max(1, round(per_session + rng.uniform(-2, 2))))
                    for rid in regs[:take]:
                        yield (sid, rid, rng.random() < 0.85)

        n_att = write_rows(Attendance, ["session_id", "registration_id", "present"], attendance_rows())
        _reset_sequences(Registration, Attendance)
        self.progress(f"{n_activities} attività, {n_activities * SESSIONS_PER_ACTIVITY} incontri, {n_regs} iscrizioni")
        self.progress(f"{n_att} presenze")

    # -- the audit trail those ten years would have left --
    def audit(self, seats: list[SeatInfo], fam: dict[str, Any]) -> None:
        from audit.models import AuditEntry

        rng = self.rng
        fam_ids: list[uuid.UUID] = fam["fam_ids"]
        fam_seat: list[SeatInfo] = fam["fam_seat"]
        fam_created: list[dt.datetime] = fam["fam_created"]
        n = len(fam_ids)
        kinds = [
            ("families.family.viewed", "families.family", 0.40, "{}"),
            ("families.family.list_viewed", "families.family", 0.12, None),
            ("families.contact.created", "families.contact", 0.25, "{}"),
            ("families.person.created", "families.person", 0.10, "{}"),
            ("families.family.updated", "families.family", 0.05, json.dumps({"fields": ["name"]})),
            ("families.scheda.viewed", "families.scheda", 0.06, "{}"),
            ("families.referral.sent", "families.referral", 0.02, "{}"),
        ]
        population = list(range(len(kinds)))
        weights = [k[2] for k in kinds]

        def rows() -> Iterator[tuple[Any, ...]]:
            for _ in range(self.plan.counts["audit"]):
                i = rng.randrange(n)
                action, label, _w, changes = kinds[rng.choices(population, weights)[0]]
                seat = fam_seat[i]
                span = max(1, int((self.now - fam_created[i]).total_seconds()))
                at = self.now - dt.timedelta(seconds=rng.randrange(span))
                if changes is None:  # a list read: the count and the ids of one page
                    page = [str(fam_ids[rng.randrange(n)]) for _ in range(3)]
                    changes = json.dumps({"count": rng.randrange(20, 4000), "page": 1, "ids": page})
                    object_id = ""
                else:
                    object_id = str(fam_ids[i])
                yield (at, seat.operator_id, action, label, object_id, seat.ats_id, seat.centre_id, changes)

        written = write_rows(
            AuditEntry,
            ["at", "actor_id", "action", "object_type", "object_id", "ats_id", "centre_id", "changes"],
            rows(),
        )
        _reset_sequences(AuditEntry)
        self.progress(f"{written} voci di registro")


def seed_scale(scale: str, progress: Callable[[str], None] = lambda _m: None, *, with_demo: bool = True) -> Plan:
    """Build the synthetic region at `scale` ("demo", "decade" or a factor of decade) on top of
    the demo dataset (created first unless `with_demo` is False: then on the existing network)."""
    from demo.seed import demo_present, seed_demo
    from families.models import Family

    plan = Plan.for_scale(scale)
    if with_demo and not demo_present():
        seed_demo(progress=progress)
    if Family.objects.filter(code__startswith="SIN-").exists():
        raise RuntimeError("Il set di dati di scala è già presente in questo database.")
    builder = ScaleBuilder(plan, progress)
    with transaction.atomic():
        seats = builder.network()
        fam = builder.families(seats)
        builder.pathway(fam)
        builder.activities(seats, fam)
        builder.audit(seats, fam)
    with connection.cursor() as cursor:  # fresh planner statistics for the new volumes
        cursor.execute("ANALYZE")
    return plan
