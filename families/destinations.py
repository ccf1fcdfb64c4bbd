"""What the referral form shows about each specialist destination besides its name: the shared
directory's entry that stands for it (hours, how to access, languages, a link). `families` does
not import the directory: the directory registers its provider here (DirectoryConfig.ready), as
other apps do with families.desk and families.history."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from accounts.types import Actor


@dataclass(frozen=True)
class DestinationInfo:
    destination_id: int
    name: str  # the directory entry's name
    organisation: str
    hours: str  # as a person reads them, "" when the entry records none
    how_to_access: str
    languages: list[str] = field(default_factory=list)
    url: str = ""  # the entry's page in the back office


Provider = Callable[[Actor, list[int]], Iterable[DestinationInfo]]
_PROVIDERS: list[Provider] = []


def register_destination_info(provider: Provider) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def destination_info(user: Actor, destination_ids: Iterable[int]) -> list[DestinationInfo]:
    """What the registered providers know of these destinations, in the providers' order."""
    ids = sorted(set(destination_ids))
    if not ids:
        return []
    return [info for provider in _PROVIDERS for info in provider(user, ids)]
