"""CheckIn and ConnectionRating, moved from checkup: the tables were renamed there
(checkup 0003), so this only adds the models to daily's state."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import heard.core.crypto


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("bonds", "0001_initial"),
        ("checkup", "0003_move_models_out"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CheckIn",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("day", models.DateField()),
                        ("feeling", models.CharField(max_length=40)),
                        ("note", heard.core.crypto.EncryptedTextField(blank=True, default="")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="checkins", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "ordering": ["-day"],
                        "constraints": [models.UniqueConstraint(fields=("user", "day"), name="checkin_one_a_day")],
                    },
                ),
                migrations.CreateModel(
                    name="ConnectionRating",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("rating", models.PositiveSmallIntegerField()),
                        ("bond", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="bonds.bond")),
                        ("checkin", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="ratings", to="daily.checkin")),
                    ],
                    options={
                        "constraints": [
                            models.UniqueConstraint(fields=("checkin", "bond"), name="rating_one_per_bond"),
                            models.CheckConstraint(condition=models.Q(("rating__gte", 1), ("rating__lte", 10)), name="rating_1_to_10"),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
