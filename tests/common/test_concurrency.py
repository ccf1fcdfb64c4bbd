"""Tests for common/concurrency.py: save_versioned writes only at the expected version and bumps it."""

from __future__ import annotations

import pytest

from common.concurrency import ConflictError, save_versioned
from network.models import Centre
from tests import factories as f


@pytest.fixture
def centre(db: None) -> Centre:
    return f.CentreFactory(name="Centro Originale", description="Descrizione originale")


def fresh(centre: Centre) -> Centre:
    return Centre.objects.get(pk=centre.pk)


def test_a_new_record_starts_at_version_1(centre: Centre) -> None:
    assert centre.version == 1 and fresh(centre).version == 1


def test_save_versioned_writes_the_fields_and_bumps_the_version(centre: Centre) -> None:
    centre.name = "Centro Rinominato"

    save_versioned(centre, expected_version=1, fields=["name"])

    assert centre.version == 2
    row = fresh(centre)
    assert (row.name, row.version) == ("Centro Rinominato", 2)


def test_save_versioned_writes_only_the_listed_fields(centre: Centre) -> None:
    centre.name = "Centro Rinominato"
    centre.description = "Non salvata"

    save_versioned(centre, expected_version=1, fields=["name"])

    assert fresh(centre).description == "Descrizione originale"


def test_save_versioned_writes_a_foreign_key_by_its_column(centre: Centre) -> None:
    other_ats = f.AtsFactory(code="325", name="ATS di Bergamo", short_name="Bergamo")
    centre.ats = other_ats

    save_versioned(centre, expected_version=1, fields=["ats"])

    assert fresh(centre).ats_id == other_ats.pk


def test_save_versioned_with_no_fields_still_bumps_the_version(centre: Centre) -> None:
    save_versioned(centre, expected_version=1, fields=[])

    assert fresh(centre).version == 2


def test_save_versioned_refuses_a_stale_version_and_changes_nothing(centre: Centre) -> None:
    mine, theirs = fresh(centre), fresh(centre)
    theirs.name = "Salvato per primo"
    save_versioned(theirs, expected_version=1, fields=["name"])

    mine.name = "Salvato per secondo"
    with pytest.raises(ConflictError, match="Ricarica la pagina"):
        save_versioned(mine, expected_version=1, fields=["name"])

    assert mine.version == 1  # the refused instance keeps its version
    row = fresh(centre)
    assert (row.name, row.version) == ("Salvato per primo", 2)


@pytest.mark.parametrize(("expected_version", "accepted"), [(1, False), (2, True), (3, False), (0, False)])
def test_only_the_current_version_is_accepted(centre: Centre, expected_version: int, accepted: bool) -> None:
    save_versioned(fresh(centre), expected_version=1, fields=[])  # the row is now at version 2
    edit = fresh(centre)
    edit.name = "Modifica"

    if accepted:
        save_versioned(edit, expected_version=expected_version, fields=["name"])
        assert fresh(centre).version == 3
    else:
        with pytest.raises(ConflictError):
            save_versioned(edit, expected_version=expected_version, fields=["name"])
        assert (fresh(centre).name, fresh(centre).version) == ("Centro Originale", 2)


def test_save_versioned_on_a_deleted_row_is_a_conflict(centre: Centre) -> None:
    edit = fresh(centre)
    Centre.objects.filter(pk=centre.pk).delete()

    with pytest.raises(ConflictError):
        save_versioned(edit, expected_version=1, fields=["name"])


def test_the_conflict_message_is_italian_and_tells_what_to_do() -> None:
    message = str(ConflictError())

    assert message.startswith("Il record è stato modificato da un altro utente")
    assert "ripeti la modifica" in message
