"""How an ATS-, Centre- or seat-owned model reaches its owners; read by accounts.scoping."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ScopePath:
    """ORM lookups from the model to its ATS, Centre and seat (None: not owned at that level)."""

    ats: str
    centre: str | None = None
    seat: str | None = None
    # For rows addressed to a referral destination (a receiving service sees those only).
    destination: str | None = None
    # For rows kept by one organisation (an organisation's editor changes those only).
    ente: str | None = None
