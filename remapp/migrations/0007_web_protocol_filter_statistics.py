"""PostgreSQL statistics on the upper-cased acquisition protocol of CT and projection irradiation events.

The list filter "acquisition protocol contains" asks whether any event of a study matches. Without these the
planner expects almost no matching events, joins every match back to its study one by one and sorts them
all; with them it reads the newest studies and checks their events, and counts with a hashed semi-join.
"""

from django.db import migrations

STATISTICS = {
    "ct_event_protocol_upper_stats": "remapp_ctirradiationevent",
    "projection_event_protocol_upper_stats": "remapp_irradiationeventxraydata",
}


def create_statistics(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table in STATISTICS.items():
        schema_editor.execute(
            f"CREATE STATISTICS IF NOT EXISTS {name} ON (upper(acquisition_protocol::text)) FROM {table}"
        )


def drop_statistics(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in STATISTICS:
        schema_editor.execute(f"DROP STATISTICS IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("remapp", "0006_web_text_filter_statistics"),
    ]

    operations = [migrations.RunPython(create_statistics, drop_statistics)]
