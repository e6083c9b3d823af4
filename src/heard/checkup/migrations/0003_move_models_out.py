"""Check-ins, connection ratings, love-language profiles, appreciation notes and milestones
move to their own apps (daily, together, progress). Nothing is dropped or copied: each table
is renamed to its new app's name here, and the new apps' first migrations only add the models
to their state (checkup/tests/integration/test_move_migrations.py checks that every row survives)."""

from django.db import migrations

# model -> the table it gets in its new app. ConnectionRating goes before CheckIn, which it
# points at, so the state never holds a link to a model that is gone.
MOVED = {
    "ConnectionRating": "daily_connectionrating",
    "CheckIn": "daily_checkin",
    "LoveLanguageResult": "together_lovelanguageresult",
    "Appreciation": "together_appreciation",
    "Milestone": "progress_milestone",
}


class Migration(migrations.Migration):
    dependencies = [
        ("checkup", "0002_submission_key"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name=name, table=table) for name, table in MOVED.items()
            ],
            state_operations=[migrations.DeleteModel(name=name) for name in MOVED],
        ),
    ]
