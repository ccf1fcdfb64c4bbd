"""The indexes that keep every desk, list and search bounded by the user's scope at decade scale
(issue #14; EXPLAIN plans in docs/BENCHMARKS.md) exist in the migrated database."""

import pytest
from django.db import connection

EXPECTED = {
    "families_contact": {"fam_contact_seat_date": ["seat_id", "date"], "fam_contact_date_id": ["date", "id"]},
    "families_scheda": {"fam_scheda_status_review": ["status", "review_on"]},
    "families_referral": {
        "fam_referral_dest_status_resp": ["destination_id", "status", "respond_by"],
        "fam_referral_status_respond": ["status", "respond_by"],
    },
    "families_person": {
        "fam_person_fiscal_code": ["fiscal_code"],
        "fam_person_name_birth": ["name_key", "birth_date"],
    },
    "families_family": {"fam_family_seat_created": ["seat_id", "created_at"]},
    "audit_auditentry": {"audit_centre_at": ["centre_id", "at"], "audit_ats_at": ["ats_id", "at"]},
}


@pytest.mark.django_db
def test_scale_indexes_exist() -> None:
    with connection.cursor() as cursor:
        for table, indexes in EXPECTED.items():
            constraints = connection.introspection.get_constraints(cursor, table)
            for name, columns in indexes.items():
                assert name in constraints, f"{table}.{name} missing"
                assert constraints[name]["columns"] == columns, name


@pytest.mark.django_db
def test_audit_keeps_no_index_that_no_screen_reads() -> None:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "audit_auditentry")
    single = {tuple(c["columns"]) for c in constraints.values() if c["index"] and not c["primary_key"]}
    assert ("action",) not in single and ("ats_id",) not in single and ("centre_id",) not in single


@pytest.mark.django_db
def test_trigram_index_on_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("pg_trgm exists on PostgreSQL only; SQLite reads the normalised column within the scope")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'fam_person_name_trgm'")
        row = cursor.fetchone()
    assert row is not None and "gin_trgm_ops" in row[0]
