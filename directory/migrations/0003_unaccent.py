"""PostgreSQL: the unaccent extension where the server offers it, for the directory's Italian
full-text search (directory.selectors). SQLite, or a server without it: nothing here; the search
works without accent folding on the database side."""

from django.db import migrations


def _unaccent(apps: object, schema_editor: object) -> None:
    from django.db import connection, transaction
    from django.db.utils import DatabaseError

    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    except DatabaseError:
        return  # not installed or not allowed: the search still works


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_carta")]

    operations = [migrations.RunPython(_unaccent, migrations.RunPython.noop)]
