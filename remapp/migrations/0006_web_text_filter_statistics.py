"""PostgreSQL statistics on the upper-cased text the list filters search (case-insensitive "contains").

Without them the planner guesses that any ``UPPER(col) LIKE '%text%'`` matches a handful of rows, and for a
text that in fact matches most studies it sorts every match instead of reading the newest few through the
date index. Other databases have no such statistics object and need nothing.
"""

from django.db import migrations

STATISTICS = {
    "study_description_upper_stats": "study_description",
    "requested_procedure_upper_stats": "requested_procedure",
}


def create_statistics(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in STATISTICS.items():
        schema_editor.execute(
            f"CREATE STATISTICS IF NOT EXISTS {name} ON (upper({column}::text)) FROM remapp_generalstudy"
        )


def drop_statistics(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in STATISTICS:
        schema_editor.execute(f"DROP STATISTICS IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("remapp", "0005_web_list_indexes"),
    ]

    operations = [migrations.RunPython(create_statistics, drop_statistics)]
