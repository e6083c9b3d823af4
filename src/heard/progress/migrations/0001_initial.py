"""Milestone, moved from checkup: the table was renamed there (checkup 0003), so this only
adds the model to progress's state."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("checkup", "0003_move_models_out"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Milestone",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("key", models.CharField(max_length=40)),
                        ("reached_at", models.DateTimeField(auto_now_add=True)),
                        ("seen_at", models.DateTimeField(blank=True, null=True)),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="milestones", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "ordering": ["-reached_at"],
                        "constraints": [models.UniqueConstraint(fields=("user", "key"), name="milestone_once")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
